// Parse throughput: apimkit's parsePolicy (pre-pass + model + positions + strict validation) beside a bare
// fast-xml-parser parse of the same bytes, over the real corpus repeated to at least 20 MB; and what one parse of
// the corpus allocates, from the sampling heap profiler (objects collected since counted too), which unlike the
// times does not depend on what else runs on the machine. Prints JSON.
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parsePolicy } from "../src/policy/parser.js";
import { benchCorpus, corpusPolicyFiles } from "./corpus.js";

const TARGET_BYTES = 20 * 1024 * 1024;
/** Parses of the corpus the allocation figure is averaged over (the profiler samples about one object per KB). */
const ALLOCATION_PASSES = 20;

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(): Promise<void> {
  const corpusDir = benchCorpus();
  const sources = corpusPolicyFiles(corpusDir, /\.xml$/).map((f) => readFileSync(f, "utf8"));
  const corpusBytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const inputs: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const s of sources) {
      inputs.push(s);
      bytes += Buffer.byteLength(s);
    }
  }

  const fxp = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    commentPropName: "#comment",
  });
  const bareParse = (): void => {
    for (const s of inputs) fxp.parse(s);
  };
  const bareValidate = (): void => {
    for (const s of inputs) XMLValidator.validate(s);
  };
  const apimkit = (): void => {
    for (const s of inputs) parsePolicy(s);
  };
  // Warm up the JIT on a slice of the work, then measure each best of 3.
  for (const s of sources) {
    fxp.parse(s);
    parsePolicy(s);
  }
  // The machine may be shared: interleave the three measurements over several rounds and keep each one's best,
  // so a burst of load elsewhere does not land on one side of the ratio only.
  let fxpSeconds = Number.POSITIVE_INFINITY;
  let validateSeconds = Number.POSITIVE_INFINITY;
  let apimkitSeconds = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    fxpSeconds = Math.min(fxpSeconds, time(bareParse));
    validateSeconds = Math.min(validateSeconds, time(bareValidate));
    apimkitSeconds = Math.min(apimkitSeconds, time(apimkit));
  }
  const allocated = async (parse: (s: string) => unknown): Promise<number> => {
    const session = new Session();
    session.connect();
    try {
      await session.post("HeapProfiler.enable");
      await session.post("HeapProfiler.startSampling", {
        samplingInterval: 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      for (let i = 0; i < ALLOCATION_PASSES; i++) for (const s of sources) parse(s);
      const { profile } = await session.post("HeapProfiler.stopSampling");
      let total = 0;
      const stack = [profile.head];
      for (let node = stack.pop(); node; node = stack.pop()) {
        total += node.selfSize;
        stack.push(...node.children);
      }
      return total / ALLOCATION_PASSES;
    } finally {
      session.disconnect();
    }
  };
  const apimkitBytes = await allocated((s) => parsePolicy(s));
  const fxpBytes = await allocated((s) => fxp.parse(s));

  const mb = bytes / (1024 * 1024);
  const round = (x: number): number => Math.round(x * 100) / 100;
  console.log(
    JSON.stringify({
      bench: "parse",
      corpus: corpusDir,
      files: sources.length,
      corpusBytes,
      inputMB: round(mb),
      fastXmlParserMBps: round(mb / fxpSeconds),
      fastXmlValidatorMBps: round(mb / validateSeconds),
      apimkitParseMBps: round(mb / apimkitSeconds),
      ratioApimkitToFastXmlParser: round(apimkitSeconds / fxpSeconds),
      apimkitAllocatedMBPerCorpus: round(apimkitBytes / (1024 * 1024)),
      fastXmlParserAllocatedMBPerCorpus: round(fxpBytes / (1024 * 1024)),
      target: "ratio <= 2",
    }),
  );
}
