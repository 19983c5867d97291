import { describe, expect, it } from "vitest";
import { fragmentStructure } from "../../rules/fragment-structure.js";
import { runRule } from "../support/rule-tester.js";

describe("fragment-structure", () => {
  it("reports sections, <base /> and include-fragment inside a fragment", () => {
    const src = `<fragment>
  <inbound>
    <base />
    <include-fragment fragment-id="other" />
  </inbound>
</fragment>`;
    const findings = runRule(fragmentStructure, src, { scope: "fragment" });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["fragment-structure", 2, 3],
      ["fragment-structure", 3, 5],
      ["fragment-structure", 4, 5],
    ]);
    expect(findings.map((f) => f.message.split(":")[0])).toEqual([
      "<inbound> inside a fragment",
      "<base /> inside a fragment",
      "include-fragment inside a fragment",
    ]);
  });

  it("reports a file at fragment scope whose root is not <fragment>", () => {
    const findings = runRule(fragmentStructure, "<policies><inbound /></policies>", { scope: "fragment" });
    expect(findings.map((f) => [f.line, f.column])).toEqual([[1, 1]]);
  });

  it("passes a fragment that holds policies only", () => {
    const src = `<fragment>
  <set-variable name="a" value="1" />
  <choose><when condition="@(true)"><set-header name="x" exists-action="delete" /></when></choose>
</fragment>`;
    expect(runRule(fragmentStructure, src, { scope: "fragment" })).toEqual([]);
  });

  it("leaves <policies> documents alone at other scopes", () => {
    expect(runRule(fragmentStructure, "<policies><inbound><base /></inbound></policies>", { scope: "api" })).toEqual(
      [],
    );
  });
});
