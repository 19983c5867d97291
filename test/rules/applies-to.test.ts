// A rule's appliesTo lets the engine skip documents without those elements: it must never hide a finding. Every
// rule that declares it is run directly (no engine) over every policy the project has, and over the shared corpus
// when it is there: on the documents appliesTo skips, it reports nothing.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { hasAnyOf } from "../../src/lint/analysis/index.js";
import type { PolicyScope, Report } from "../../src/lint/types.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { corpusFiles, repoRoot, sampleCorpus, sharedCorpus } from "../policy/corpus-files.js";

const files = [
  ...corpusFiles(sampleCorpus),
  ...corpusFiles(join(repoRoot, "test/fixtures")),
  ...corpusFiles(join(repoRoot, "examples")),
  ...corpusFiles(sharedCorpus),
];
const scoped = allRules.filter((r) => r.appliesTo !== undefined);

describe("appliesTo", () => {
  it("is declared by the token, security and validation rules", () => {
    expect(scoped.length).toBeGreaterThanOrEqual(20);
    expect(files.length).toBeGreaterThan(50);
  });

  it("never skips a document the rule has a finding in", () => {
    let skipped = 0;
    const hidden: string[] = [];
    for (const file of files) {
      const doc = parsePolicy(file.source, file.path);
      for (const rule of scoped) {
        if (hasAnyOf(doc, rule.appliesTo!)) continue;
        skipped++;
        for (const scope of ["api", "global", "fragment"] as PolicyScope[]) {
          rule.check(doc, {
            scope,
            options: {},
            namedValues: new Set(),
            report: (r: Report) => hidden.push(`${file.name}:${r.node.range.start.line} ${rule.id}`),
          });
        }
      }
    }
    expect(hidden).toEqual([]);
    // It does skip: most documents hold no token validation or token request.
    expect(skipped).toBeGreaterThan(files.length * 10);
  });
});
