import { describe, expect, it } from "vitest";
import { baseAtGlobal } from "../../rules/base-at-global.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { applyFix, runRule } from "../support/rule-tester.js";

const src = `<policies>
  <inbound>
    <base />
    <set-header name="x" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend><forward-request /></backend>
</policies>`;

describe("base-at-global", () => {
  it("reports <base /> in a global policy", () => {
    const findings = runRule(baseAtGlobal, src, { scope: "global" });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["base-at-global", 3, 5]]);
  });

  it("is silent below global scope", () => {
    expect(runRule(baseAtGlobal, src, { scope: "api" })).toEqual([]);
  });

  it("passes a global policy without <base />", () => {
    expect(
      runRule(baseAtGlobal, "<policies><inbound /><backend><forward-request /></backend></policies>", {
        scope: "global",
      }),
    ).toEqual([]);
  });

  it("fixes by removing the whole line", () => {
    const [finding] = runRule(baseAtGlobal, src, { scope: "global" });
    const fixed = applyFix(src, finding!.report);
    expect(fixed).toBe(src.replace("    <base />\n", ""));
    expect(parsePolicy(fixed).diagnostics).toEqual([]);
    expect(runRule(baseAtGlobal, fixed, { scope: "global" })).toEqual([]);
  });

  it("removes only the element when it shares its line", () => {
    const one = '<policies><inbound><base /><set-variable name="a" value="1" /></inbound></policies>';
    const [finding] = runRule(baseAtGlobal, one, { scope: "global" });
    expect(applyFix(one, finding!.report)).toBe(
      '<policies><inbound><set-variable name="a" value="1" /></inbound></policies>',
    );
  });
});
