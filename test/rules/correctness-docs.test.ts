// Each correctness rule's docs page (the C# checker's rules of "Policy expressions as a language") shows a failing
// example with the exact findings and a passing example: run the rule on both, so the docs cannot drift from what
// the rule reports.
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { runRule } from "../support/rule-tester.js";
import { blocks, docsPage, documentedFindings, reportedFindings } from "./docs-examples.js";

const rules = allRules.filter((r) => r.meta.category === "correctness");

describe("correctness rules", () => {
  it("are all registered", () => {
    expect(rules.map((r) => r.id).sort()).toEqual([
      "expression-type-mismatch",
      "expression-type-not-allowed",
      "expression-unknown-member",
    ]);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))("docs of %s", (id, rule) => {
  const md = docsPage(rule);

  it("has a what, a why, the severity, a failing and a passing example", () => {
    expect(rule.meta.docs).toBe(`rules/${id}.md`);
    expect(md.startsWith(`# ${id}\n`)).toBe(true);
    expect(md).toContain("\n## Why\n");
    expect(md).toContain(`- Severity in \`apimkit:recommended\`: **${rule.meta.severity}**`);
    expect(md).toContain(`- Category: ${rule.meta.category}\n`);
    expect(md).toContain(`- Fixable: ${rule.meta.fixable ? "yes" : "no"}`);
    expect(blocks(md, "Failing example").length).toBe(2);
    expect(blocks(md, "Passing example").length).toBe(1);
  });

  it("reports exactly the findings shown for the failing example", () => {
    const [xml, output] = blocks(md, "Failing example");
    expect(reportedFindings(rule, xml!)).toEqual(documentedFindings(rule, output!));
  });

  it("reports nothing for the passing example", () => {
    const [xml] = blocks(md, "Passing example");
    expect(runRule(rule, xml!)).toEqual([]);
  });
});
