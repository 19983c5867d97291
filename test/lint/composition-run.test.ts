// One CompositionRun per lint run: the parents and fragments are parsed once and shared by the files that use them;
// a new run parses them again (nothing is kept across runs). The tree is in memory (a TreeHost).
import { describe, expect, it } from "vitest";
import { CompositionRun } from "../../src/lint/composition.js";
import { PolicySourceCode } from "../../src/lint/source-code.js";
import type { TreeHost } from "../../src/policy/compose/apiops.js";
import { parsePolicy } from "../../src/policy/parser.js";

const POLICY =
  "<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>";
const files: Record<string, string> = {
  "/t/policy.xml": POLICY.replace("<inbound><base /></inbound>", "<inbound />"),
  "/t/apis/a/policy.xml": POLICY,
  "/t/apis/a/operations/x/policy.xml": POLICY,
  "/t/apis/a/operations/y/policy.xml": POLICY,
};

function memoryHost(reads: string[]): TreeHost {
  return {
    readFile: (path) => {
      reads.push(path);
      return files[path];
    },
    listDir: (path) => {
      const prefix = path.endsWith("/") ? path : `${path}/`;
      const names = new Set<string>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length).split("/");
        if (rest.length > 1) names.add(rest[0]!);
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}

const scopesOf = (run: CompositionRun, path: string) =>
  run.forDocument(new PolicySourceCode(parsePolicy(files[path]!, path)), "operation")!;

describe("CompositionRun", () => {
  it("parses a parent once per run, for every file that uses it, and reads each file once", () => {
    const reads: string[] = [];
    const run = new CompositionRun({ host: memoryHost(reads) });
    const x = scopesOf(run, "/t/apis/a/operations/x/policy.xml");
    const y = scopesOf(run, "/t/apis/a/operations/y/policy.xml");
    const apiOf = (s: typeof x) => s.effective!.chain.find((l) => l.scope === "api")!.document;
    expect(apiOf(x)).toBe(apiOf(y));
    expect(x.parentFiles).toEqual(["/t/policy.xml", "/t/apis/a/policy.xml"]);
    expect(reads.filter((p) => p === "/t/apis/a/policy.xml")).toHaveLength(1);

    const other = new CompositionRun({ host: memoryHost([]) });
    expect(apiOf(scopesOf(other, "/t/apis/a/operations/x/policy.xml"))).not.toBe(apiOf(x));
  });

  it("gives the lint its parse of a parent only for the same path and the same text", () => {
    const run = new CompositionRun({ host: memoryHost([]) });
    const x = scopesOf(run, "/t/apis/a/operations/x/policy.xml");
    const api = x.effective!.chain.find((l) => l.scope === "api")!.document;
    expect(run.parsedOf("/t/apis/a/policy.xml", `${files["/t/apis/a/policy.xml"]}`)).toBe(api);
    expect(run.parsedOf("/t/apis/a/policy.xml", `${POLICY} `)).toBeUndefined();
    expect(run.parsedOf("/t/apis/a/operations/y/policy.xml", POLICY)).toBeUndefined();
  });

  it("knows nothing of a file outside any tree without explicit parents", () => {
    const run = new CompositionRun({ host: memoryHost([]) });
    const doc = parsePolicy(POLICY, "/elsewhere/orders.xml");
    expect(run.forDocument(new PolicySourceCode(doc), "api")).toBeUndefined();
  });

  it("finds the children of an API through the tree, confirmed by their own parents", () => {
    const run = new CompositionRun({ host: memoryHost([]) });
    const api = run.forDocument(new PolicySourceCode(parsePolicy(POLICY, "/t/apis/a/policy.xml")), "api")!;
    const children = api.childFlows().map((f) => f.policy.document.file);
    expect(children.sort()).toEqual(["/t/apis/a/operations/x/policy.xml", "/t/apis/a/operations/y/policy.xml"]);
  });
});
