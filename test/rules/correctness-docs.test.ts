// Each correctness rule's docs page (the C# checker's rules of "Policy expressions as a language") shows a failing
// example with the exact findings and a passing example: run the rule on both, so the docs cannot drift from what
// the rule reports.
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { describeDocsPages } from "./docs-examples.js";

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

describeDocsPages(rules);
