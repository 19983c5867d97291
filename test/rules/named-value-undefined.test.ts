import { describe, expect, it } from "vitest";
import { namedValueUndefined } from "../../rules/named-value-undefined.js";
import { runRule } from "../support/rule-tester.js";

const src = `<policies>
  <inbound>
    <authentication-managed-identity resource="api://x" client-id="{{uami-client-id}}" />
    <set-header name="x"><value>@("{{t2-tenant}}" + "/")</value></set-header>
    <set-header name="y"><value>prefix-{{Unknown}}-{{T2-API-SCOPE}}</value></set-header>
  </inbound>
</policies>`;

describe("named-value-undefined", () => {
  it("reports references to named values that are not configured, at the reference", () => {
    const findings = runRule(namedValueUndefined, src, {
      namedValues: ["uami-client-id", "t2-tenant-id", "t2-api-scope"],
    });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["named-value-undefined", 4, 36],
      ["named-value-undefined", 5, 40],
      ["named-value-undefined", 5, 52],
    ]);
    expect(findings[0]!.message).toContain("{{t2-tenant}} is not defined (did you mean {{t2-tenant-id}}?)");
    expect(findings[1]!.message).not.toContain("did you mean");
    expect(findings[2]!.message).toContain("did you mean {{t2-api-scope}}?");
  });

  it("passes when all references are known", () => {
    expect(
      runRule(namedValueUndefined, src, { namedValues: ["uami-client-id", "t2-tenant", "Unknown", "T2-API-SCOPE"] }),
    ).toEqual([]);
  });

  it("is silent when the named values are not configured", () => {
    expect(runRule(namedValueUndefined, src)).toEqual([]);
  });

  it("does not read Liquid output markup as named values", () => {
    const liquid =
      '<policies><inbound><return-response><set-body template="liquid">{{body.name}}</set-body></return-response></inbound></policies>';
    expect(runRule(namedValueUndefined, liquid, { namedValues: [] })).toEqual([]);
  });
});
