// Each structure rule's docs page shows a failing example with the exact findings, and a passing example:
// run the rule on both, so the docs cannot drift from what the rule reports.
import { describe, expect, it } from "vitest";
import { type RunRuleOptions, runRule } from "../support/rule-tester.js";
import { blocks, docsPage, documentedFindings, reportedFindings } from "./docs-examples.js";
import { structureRules } from "./structure-rules.js";

const settings: Record<string, RunRuleOptions> = {
  "base-at-global": { scope: "global" },
  "global-backend-forward": { scope: "global" },
  "fragment-structure": { scope: "fragment" },
  "named-value-undefined": { namedValues: ["uami-client-id", "t2-tenant-id"] },
};

describe.each(structureRules.map((r) => [r.id, r] as const))("docs of %s", (id, rule) => {
  const md = docsPage(rule);

  it("has a what, a why, a failing and a passing example", () => {
    expect(md.startsWith(`# ${id}\n`)).toBe(true);
    expect(md).toContain("\n## Why\n");
    expect(blocks(md, "Failing example").length).toBeGreaterThanOrEqual(2);
    expect(blocks(md, "Passing example").length).toBeGreaterThanOrEqual(1);
  });

  it("reports exactly the findings shown for the failing example", () => {
    const [xml, output] = blocks(md, "Failing example");
    expect(reportedFindings(rule, xml!, settings[id])).toEqual(documentedFindings(rule, output!));
  });

  it("reports nothing for the passing example", () => {
    const [xml] = blocks(md, "Passing example");
    expect(runRule(rule, xml!, settings[id])).toEqual([]);
  });
});
