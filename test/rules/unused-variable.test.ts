import { describe, expect, it } from "vitest";
import { unusedVariable } from "../../rules/unused-variable.js";
import { runRule } from "../support/rule-tester.js";

describe("unused-variable", () => {
  it("reports a variable that is set but never read, at its name", () => {
    const src = `<policies>
  <inbound>
    <set-variable name="used" value="1" />
    <set-variable name="unused" value="2" />
    <send-request response-variable-name="resp" mode="new" />
    <set-header name="x"><value>@((string)context.Variables["used"])</value></set-header>
  </inbound>
</policies>`;
    const findings = runRule(unusedVariable, src);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["unused-variable", 4, 25],
      ["unused-variable", 5, 43],
    ]);
    expect(findings[1]!.message).toBe(
      'variable "resp" is set by <send-request> response-variable-name but never read in this document',
    );
  });

  it("passes when each variable is read (indexer, GetValueOrDefault, Liquid, return-response)", () => {
    const src = `<policies><inbound>
      <set-variable name="a" value="1" /><set-variable name="b" value="1" /><set-variable name="c" value="1" />
      <send-request response-variable-name="r" mode="new" />
      <set-header name="x"><value>@(context.Variables["a"] + context.Variables.GetValueOrDefault&lt;string&gt;("b"))</value></set-header>
      <return-response response-variable-name="r"><set-body template="liquid">{{context.Variables.c}}</set-body></return-response>
    </inbound></policies>`;
    expect(runRule(unusedVariable, src)).toEqual([]);
  });

  it("is silent when variables are read by a computed key, in fragments, and with included fragments", () => {
    const dyn =
      '<policies><inbound><set-variable name="a" value="1" /><set-header name="x"><value>@((string)context.Variables[context.Request.Url.Query.GetValueOrDefault("v")])</value></set-header></inbound></policies>';
    expect(runRule(unusedVariable, dyn)).toEqual([]);
    expect(
      runRule(unusedVariable, '<fragment><set-variable name="a" value="1" /></fragment>', { scope: "fragment" }),
    ).toEqual([]);
    const inc =
      '<policies><inbound><set-variable name="a" value="1" /><include-fragment fragment-id="uses-a" /></inbound></policies>';
    expect(runRule(unusedVariable, inc)).toEqual([]);
  });

  it("honours the ignore option", () => {
    const src = '<policies><inbound><set-variable name="forOperations" value="1" /></inbound></policies>';
    expect(runRule(unusedVariable, src)).toHaveLength(1);
    expect(runRule(unusedVariable, src, { options: { ignore: ["forOperations"] } })).toEqual([]);
  });
});

describe("unused-variable on documents that are not policies", () => {
  it("stays silent on a lone element (an editor snippet)", () => {
    expect(runRule(unusedVariable, '<set-variable name="$1" value="$2" />')).toEqual([]);
  });
});
