import { describe, expect, it } from "vitest";
import { jwtClaimsConflict as rule } from "../../rules/jwt-claims-conflict.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

describe("jwt-claims-conflict", () => {
  it("accepts consistent claims", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("reports appid with azp and appidacr with azpacr at the later claim", () => {
    const src = policy(
      GOOD_V1.replace(
        "</required-claims>",
        '<claim name="azp" match="any"><value>{{bridge-app-client-id}}</value></claim>\n<claim name="azpacr" match="any"><value>2</value></claim>\n</required-claims>',
      ),
    );
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["jwt-claims-conflict", 11, 1],
      ["jwt-claims-conflict", 12, 1],
    ]);
    expect(findings[0]!.message).toContain("appid and azp are both required");
  });

  it("reports ver 1.0 with a v2 issuer", () => {
    const src = policy(
      GOOD_V2.replace("</required-claims>", '<claim name="ver"><value>1.0</value></claim>\n</required-claims>'),
    );
    expectAt(runRule(rule, src), [["jwt-claims-conflict", 11, 1]]);
    const ok = policy(
      GOOD_V2.replace("</required-claims>", '<claim name="ver"><value>2.0</value></claim>\n</required-claims>'),
    );
    expect(runRule(rule, ok)).toEqual([]);
  });

  it("reports match=all with two values of a single-valued claim, not match=any", () => {
    const all = policy(`<validate-jwt header-name="Authorization">
<required-claims>
<claim name="appid"><value>{{app-1}}</value><value>{{app-2}}</value></claim>
</required-claims>
</validate-jwt>`);
    const findings = runRule(rule, all);
    expectAt(findings, [["jwt-claims-conflict", 5, 1]]);
    expect(findings[0]!.message).toContain('use match="any"');
    expect(runRule(rule, all.replace('<claim name="appid">', '<claim name="appid" match="any">'))).toEqual([]);
    // roles is multi-valued: all of several roles is a legitimate requirement
    expect(runRule(rule, all.replace('"appid"', '"roles"'))).toEqual([]);
  });
});
