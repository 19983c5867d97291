// Lint throughput: `apimkit lint` (recommended set) over >= 10,000 policy files on disk (the real corpus
// repeated into bench/.work/lint, APIOps layout kept), beside a bare fast-xml-parser read + parse of the same
// files; peak RSS of the lint process; cold start of `node bin/apimkit.js lint one-file.xml`. Prints JSON,
// asserts nothing. Each measurement runs in a fresh child process so RSS and JIT state are its own.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { BATCH_V8_FLAGS } from "../src/cli/v8-tuning.js";
import { packageRoot } from "../src/util/paths.js";
import { benchCorpus, corpusPolicyFiles } from "./corpus.js";

const MIN_FILES = 10_000;
const RUNS = 5;
const COLD_RUNS = 5;
/** Worker threads for the --concurrency run: one per CPU. */
const PARALLEL = Math.max(2, availableParallelism());

/** Copies the corpus into work/copy-NNN/ until there are at least MIN_FILES files; reuses a finished copy. */
function prepare(corpus: string, work: string): number {
  const files = corpusPolicyFiles(corpus, /\.(xml|cshtml)$/i);
  const copies = Math.ceil(MIN_FILES / files.length);
  const marker = join(work, ".complete");
  const want = `${files.length}x${copies}`;
  if (existsSync(marker) && readFileSync(marker, "utf8") === want) return files.length * copies;
  rmSync(work, { recursive: true, force: true });
  for (let i = 0; i < copies; i++) {
    for (const f of files) {
      const target = join(work, `copy-${String(i).padStart(3, "0")}`, relative(corpus, f));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(f, target);
    }
  }
  writeFileSync(marker, want);
  return files.length * copies;
}

/** Runs a small ESM program in a fresh node and returns what it printed as JSON. */
function child(code: string, cwd: string): Record<string, number> {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export async function run(): Promise<void> {
  const repo = packageRoot();
  const corpus = benchCorpus();
  const work = join(repo, "bench/.work/lint");
  const fileCount = prepare(corpus, work);
  // The repository's own .apimkitrc.json ignores bench/.work/: the bench lints with a config of its own.
  const config = join(work, "..", "lint-bench.apimkitrc.json");
  writeFileSync(config, '{ "root": true }\n');
  const url = (p: string) => JSON.stringify(pathToFileURL(join(repo, p)).href);

  // The same file list for both: what the linter would find, in its order.
  const listFilesOf = (roots: string[]) => `const { expandPaths } = await import(${url("dist/src/lint/files.js")});
    const files = expandPaths(${JSON.stringify(roots)}, process.cwd(), () => false).files;`;
  const listFiles = listFilesOf([work]);
  // The first half of the copies: what the second half costs (whole tree minus this) is the steady state, once
  // the JIT has compiled the hot code; the whole-tree figures include that warm-up.
  const copies = readdirSync(work)
    .filter((d) => d.startsWith("copy-"))
    .sort();
  const half = copies.slice(0, Math.floor(copies.length / 2)).map((d) => join(work, d));
  const bareOf = (roots: string[]) => `${listFilesOf(roots)}
    const { readFileSync } = await import("node:fs");
    const { XMLParser } = await import("fast-xml-parser");
    const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false,
      parseAttributeValue: false, trimValues: false, processEntities: true, commentPropName: "#comment" });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const f of files) p.parse(readFileSync(f, "utf8"));
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6, files: files.length }));`;
  const bare = bareOf([work]);
  // The same bare parse, but finding the files itself like lint does (a plain recursive readdir): lint's wall time
  // includes its folder walk, the bare figure above does not. Reported beside the ratio, not instead of it.
  const bareWalking = `const { readdirSync, readFileSync } = await import("node:fs");
    const { XMLParser } = await import("fast-xml-parser");
    const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false,
      parseAttributeValue: false, trimValues: false, processEntities: true, commentPropName: "#comment" });
    const t0 = performance.now();
    const files = [];
    const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(d + "/" + e.name); else if (/\\.(xml|cshtml)$/i.test(e.name)) files.push(d + "/" + e.name); } };
    walk(${JSON.stringify(work)});
    files.sort();
    for (const f of files) p.parse(readFileSync(f, "utf8"));
    console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, files: files.length }));`;
  // The floor under the lint figure: apimkit's own parse (rawxml pre-pass, model, validation), no rules.
  const parseOnly = `${listFiles}
    const { readFileSync } = await import("node:fs");
    const { parsePolicy } = await import(${url("dist/src/policy/parser.js")});
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const f of files) parsePolicy(readFileSync(f, "utf8"), f);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6 }));`;
  // The floor of any lint on typed trees: the same parse, then every expression's syntax tree and types (the C#
  // front end and checker), no rules. The issue's 0.8x target was set when lint read the C# as text.
  const typedTree = `${listFiles}
    const { readFileSync } = await import("node:fs");
    const { parsePolicy } = await import(${url("dist/src/policy/parser.js")});
    const { parseExpression } = await import(${url("dist/src/policy/csharp/index.js")});
    const { checkExpression } = await import(${url("dist/src/policy/csharp/checker.js")});
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let expressions = 0;
    for (const f of files) {
      const doc = parsePolicy(readFileSync(f, "utf8"), f);
      const stack = doc.root ? [doc.root] : [];
      while (stack.length > 0) {
        const el = stack.pop();
        const values = el.attributes.map((a) => a.value);
        for (const c of el.children) if (c.type === "element") stack.push(c); else if (c.type === "text") values.push(c.value);
        for (const v of values) if (v.expression) { expressions++; checkExpression(parseExpression(doc.source, v.expression)); }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6, expressions }));`;
  // workers: 1 = everything on this thread (the default); N = --concurrency N.
  // compose: the files' parents and fragments composed (the default, issue 14); false lints every file alone.
  // cliV8: V8 set up as bin/apimkit.js sets it for a batch command (src/cli/v8-tuning.ts); false: V8's defaults.
  const lint = (
    workers: number | undefined,
    compose = true,
    roots = [work],
    cliV8 = true,
  ) => `${cliV8 ? `(await import(${url("dist/src/cli/v8-tuning.js")})).tuneV8(["lint"]);` : ""}
    const { lintFiles } = await import(${url("dist/src/lint/lint-files.js")});
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { results } = await lintFiles(${JSON.stringify(roots)}, { workers: ${workers}, compose: ${compose}, configFile: ${JSON.stringify(config)} });
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    let findings = 0; for (const r of results) findings += r.findings.length;
    console.log(JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6, files: results.length, findings,
      maxRssMB: process.resourceUsage().maxRSS / 1024 }));`;

  const loadBefore = loadavg()[0]!;
  // Rounds of bare, parse and lint one after another: a load that comes and goes on the machine then weighs on
  // both sides of a ratio alike (it is taken per round, then the median).
  const bareRuns: Record<string, number>[] = [];
  const parseRuns: Record<string, number>[] = [];
  const lintRuns: Record<string, number>[] = [];
  const bareWalkingRuns: Record<string, number>[] = [];
  const aloneRuns: Record<string, number>[] = [];
  const typedRuns: Record<string, number>[] = [];
  const bareHalfRuns: Record<string, number>[] = [];
  const lintHalfRuns: Record<string, number>[] = [];
  const defaultV8Runs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    bareRuns.push(child(bare, repo));
    bareWalkingRuns.push(child(bareWalking, repo));
    parseRuns.push(child(parseOnly, repo));
    typedRuns.push(child(typedTree, repo));
    lintRuns.push(child(lint(1), repo));
    aloneRuns.push(child(lint(1, false), repo));
    bareHalfRuns.push(child(bareOf(half), repo));
    lintHalfRuns.push(child(lint(1, true, half), repo));
    defaultV8Runs.push(child(lint(1, true, [work], false), repo));
  }
  const parallelRuns = Array.from({ length: RUNS }, () => child(lint(PARALLEL), repo));
  const bareSeconds = median(bareRuns.map((r) => r.seconds!));
  const lintSeconds = median(lintRuns.map((r) => r.seconds!));
  const parallelSeconds = median(parallelRuns.map((r) => r.seconds!));
  const ratios = lintRuns.map((r, i) => r.seconds! / bareRuns[i]!.seconds!);
  const walkingRatios = lintRuns.map((r, i) => r.seconds! / bareWalkingRuns[i]!.seconds!);
  const cpuRatios = lintRuns.map((r, i) => r.cpuSeconds! / bareRuns[i]!.cpuSeconds!);
  const composeRatios = lintRuns.map((r, i) => r.seconds! / aloneRuns[i]!.seconds!);
  const composeCpuRatios = lintRuns.map((r, i) => r.cpuSeconds! / aloneRuns[i]!.cpuSeconds!);
  const secondHalf = (whole: Record<string, number>[], firstHalf: Record<string, number>[], key: string) =>
    whole.map((r, i) => r[key]! - firstHalf[i]![key]!);
  const lintSecondHalf = secondHalf(lintRuns, lintHalfRuns, "seconds");
  const bareSecondHalf = secondHalf(bareRuns, bareHalfRuns, "seconds");
  const steadyRatios = lintSecondHalf.map((x, i) => x / bareSecondHalf[i]!);
  const bareSecondHalfCpu = secondHalf(bareRuns, bareHalfRuns, "cpuSeconds");
  const steadyCpuRatios = secondHalf(lintRuns, lintHalfRuns, "cpuSeconds").map((x, i) => x / bareSecondHalfCpu[i]!);

  // The whole CLI on the tree (report formatting and writing included).
  const cliRuns = Array.from({ length: RUNS }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, [
      join(repo, "bin/apimkit.js"),
      "lint",
      work,
      "--config",
      config,
      "-f",
      "json",
      "-o",
      join(work, "..", "lint-report.json"),
    ]);
    return (performance.now() - t0) / 1000;
  });

  // Cold start: one small file through the real bin.
  const oneFile = join(repo, "test/fixtures/lint/cli/clean/policy.xml");
  const coldRuns = Array.from({ length: COLD_RUNS }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, [join(repo, "bin/apimkit.js"), "lint", oneFile]);
    return performance.now() - t0;
  });
  const nodeBaseline = median(
    Array.from({ length: COLD_RUNS }, () => {
      const t0 = performance.now();
      spawnSync(process.execPath, ["-e", "0"]);
      return performance.now() - t0;
    }),
  );

  console.log(
    JSON.stringify({
      bench: "lint",
      corpus,
      files: fileCount,
      lintedFiles: lintRuns[0]!.files,
      findings: lintRuns[0]!.findings,
      bareParseSeconds: round(bareSeconds, 3),
      bareParseCpuSeconds: round(median(bareRuns.map((r) => r.cpuSeconds!)), 3),
      bareParseFilesPerSecond: Math.round(fileCount / bareSeconds),
      apimkitParseSeconds: round(median(parseRuns.map((r) => r.seconds!)), 3),
      ratioApimkitParseToBareParse: round(median(parseRuns.map((r, i) => r.seconds! / bareRuns[i]!.seconds!))),
      typedTreeSeconds: round(median(typedRuns.map((r) => r.seconds!)), 3),
      typedTreeExpressions: typedRuns[0]!.expressions,
      ratioTypedTreeToBareParse: round(median(typedRuns.map((r, i) => r.seconds! / bareRuns[i]!.seconds!))),
      ratioTypedTreeCpuToBareParseCpu: round(median(typedRuns.map((r, i) => r.cpuSeconds! / bareRuns[i]!.cpuSeconds!))),
      lintSeconds: round(lintSeconds, 3),
      lintCpuSeconds: round(median(lintRuns.map((r) => r.cpuSeconds!)), 3),
      lintFilesPerSecond: Math.round(fileCount / lintSeconds),
      ratioLintToBareParse: round(median(ratios)),
      ratioLintToBareParseRuns: ratios.map((x) => round(x)),
      ratioLintCpuToBareParseCpu: round(median(cpuRatios)),
      ratioLintCpuToBareParseCpuRuns: cpuRatios.map((x) => round(x)),
      // The second half of the copies alone (whole tree minus first half, per round): the JIT has warmed by then.
      steadyStateLintSeconds: round(median(lintSecondHalf), 3),
      steadyStateBareParseSeconds: round(median(bareSecondHalf), 3),
      ratioSteadyStateLintToBareParse: round(median(steadyRatios)),
      ratioSteadyStateLintCpuToBareParseCpu: round(median(steadyCpuRatios)),
      // lint* is run with V8 set up as the CLI sets it (v8Flags); the same lint with V8's defaults:
      v8Flags: BATCH_V8_FLAGS,
      lintDefaultV8Seconds: round(median(defaultV8Runs.map((r) => r.seconds!)), 3),
      lintDefaultV8CpuSeconds: round(median(defaultV8Runs.map((r) => r.cpuSeconds!)), 3),
      ratioLintDefaultV8ToBareParse: round(median(defaultV8Runs.map((r, i) => r.seconds! / bareRuns[i]!.seconds!))),
      ratioLintDefaultV8CpuToBareParseCpu: round(
        median(defaultV8Runs.map((r, i) => r.cpuSeconds! / bareRuns[i]!.cpuSeconds!)),
      ),
      // lint* above is with composition on (the default); the same lint with every file alone (compose: false):
      lintComposeOffSeconds: round(median(aloneRuns.map((r) => r.seconds!)), 3),
      lintComposeOffCpuSeconds: round(median(aloneRuns.map((r) => r.cpuSeconds!)), 3),
      findingsComposeOff: aloneRuns[0]!.findings,
      ratioComposeOnToOff: round(median(composeRatios)),
      ratioComposeOnToOffCpu: round(median(composeCpuRatios)),
      ratioComposeOffToBareParse: round(median(aloneRuns.map((r, i) => r.seconds! / bareRuns[i]!.seconds!))),
      bareWalkReadParseSeconds: round(median(bareWalkingRuns.map((r) => r.seconds!)), 3),
      bareWalkReadParseFiles: bareWalkingRuns[0]!.files,
      ratioLintToBareWalkReadParse: round(median(walkingRatios)),
      parallelWorkers: PARALLEL,
      parallelLintSeconds: round(parallelSeconds, 3),
      parallelLintCpuSeconds: round(median(parallelRuns.map((r) => r.cpuSeconds!)), 3),
      parallelLintFilesPerSecond: Math.round(fileCount / parallelSeconds),
      ratioParallelLintToBareParse: round(parallelSeconds / bareSeconds),
      peakRssMB: round(Math.max(...lintRuns.map((r) => r.maxRssMB!)), 1),
      parallelPeakRssMB: round(Math.max(...parallelRuns.map((r) => r.maxRssMB!)), 1),
      cliTreeSeconds: round(median(cliRuns), 3),
      coldStartMs: round(median(coldRuns), 1),
      coldStartRunsMs: coldRuns.map((x) => round(x, 1)),
      nodeStartMs: round(nodeBaseline, 1),
      coldStartOverNodeMs: round(median(coldRuns) - nodeBaseline, 1),
      // Other work on the machine distorts wall times; CPU seconds are steadier.
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) },
      cpus: availableParallelism(),
      targets: {
        composition:
          "lint with composition on <= 1.5x the bare parse (ratioLintToBareParse, CPU: ratioLintCpuToBareParseCpu)",
        ratio: "<= 0.8 (must not exceed the 1.09 measured before the C# front end)",
        cpuRatio: "<= 1.0 (was 1.36)",
        filesPerSecond: ">= 5000",
        peakRssMB: "< 300",
        coldStartMs: "< 300",
      },
    }),
  );
}
