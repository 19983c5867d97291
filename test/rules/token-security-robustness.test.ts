// No token/security rule throws or reports outside the input, whatever the document looks like: truncated,
// spliced and mutated versions of the commonly copied fixtures (fast-check).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { repoRoot } from "../policy/corpus-files.js";
import { reportsOf } from "../support/rule-tester.js";

const CATEGORIES = new Set(["token-validation", "token-acquisition", "security"]);
const rules = allRules.filter((r) => CATEGORIES.has(r.meta.category));
const sources = ["caller.xml", "provider.xml"].map((f) =>
  readFileSync(join(repoRoot, "test/fixtures/rules/copied", f), "utf8"),
);

function runAll(source: string): void {
  const doc = parsePolicy(source, "fuzz.xml");
  for (const { report: r } of reportsOf(doc, rules, { scope: "api" })) {
    expect(r.node.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(r.node.range.end.offset).toBeLessThanOrEqual(source.length);
    for (const e of r.fix?.edits ?? []) expect(e.range.end.offset).toBeLessThanOrEqual(source.length);
  }
}

describe("token/security rules on damaged input", () => {
  it("never throw on truncated, spliced or mutated policies", () => {
    const source = fc.constantFrom(...sources);
    const damaged = fc.oneof(
      fc.tuple(source, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
      fc
        .tuple(source, source, fc.nat(), fc.nat())
        .map(([a, b, i, j]) => a.slice(0, i % a.length) + b.slice(j % b.length)),
      fc
        .tuple(source, fc.nat(), fc.constantFrom("<", ">", '"', "@(", "{{", "}", "</send-request>", "&", ""))
        .map(([s, i, ins]) => s.slice(0, i % s.length) + ins + s.slice((i % s.length) + 1)),
    );
    fc.assert(
      fc.property(damaged, (s) => runAll(s)),
      { numRuns: 300 },
    );
  });
});
