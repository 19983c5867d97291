import { describe, expect, it } from "vitest";
import { jwtClientAuthMissing as rule } from "../../rules/jwt-client-auth-missing.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { applyFix, runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

const withoutAcr = (v: string) => v.replace(/<claim name="(appidacr|azpacr)".*\n/, "");

describe("jwt-client-auth-missing", () => {
  it("accepts app-only validations that check appidacr / azpacr", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("accepts delegated validations (scp) and non-Entra tokens", () => {
    const scp = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration" />
<required-claims><claim name="scp" match="any" separator=" "><value>read</value></claim></required-claims>
</validate-jwt>`);
    expect(runRule(rule, scp)).toEqual([]);
    const other = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://dev-123.auth0.com/.well-known/openid-configuration" />
<required-claims><claim name="roles"><value>x</value></claim></required-claims>
</validate-jwt>`);
    expect(runRule(rule, other)).toEqual([]);
  });

  it("reports roles without appidacr (v1) and inserts the claim into required-claims", () => {
    const src = policy(withoutAcr(GOOD_V1));
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-client-auth-missing", 3, 1]]);
    expect(findings[0]!.message).toContain("require appidacr with value 2");
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toContain(
      '<claim name="appid" match="any"><value>{{bridge-app-client-id}}</value></claim>\n<claim name="appidacr" match="any"><value>2</value></claim>\n</required-claims>',
    );
    expect(parsePolicy(fixed).diagnostics).toEqual([]);
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("inserts azpacr for a v2 validation, creating required-claims at the end when absent", () => {
    const src = policy(`<inbound-placeholder />
  <validate-jwt header-name="Authorization">
    <openid-config url="https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration" />
    <audiences>
      <audience>{{api-client-id}}</audience>
    </audiences>
  </validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-client-auth-missing", 4, 3]]);
    expect(findings[0]!.report.severity).toBe("warn"); // no roles required: the milder case
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toContain(`    </audiences>
    <required-claims>
      <claim name="azpacr" match="any"><value>2</value></claim>
    </required-claims>
  </validate-jwt>`);
    expect(parsePolicy(fixed).diagnostics).toEqual([]);
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("takes the version from the claim names when issuer and metadata say nothing", () => {
    const src = policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
<required-claims><claim name="roles" match="any"><value>x</value></claim><claim name="azp" match="any"><value>{{app}}</value></claim></required-claims>
</validate-azure-ad-token>`);
    const findings = runRule(rule, src);
    expect(findings[0]!.message).toContain("require azpacr with value 2");
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toContain('<claim name="azpacr" match="any"><value>2</value></claim>');
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("does not warn when the calling applications are pinned (appid / azp / client-application-ids)", () => {
    const src = policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
</validate-azure-ad-token>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports validate-azure-ad-token with roles but offers no fix (token version unknown)", () => {
    const src = policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
<required-claims><claim name="roles" match="any"><value>x</value></claim></required-claims>
</validate-azure-ad-token>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-client-auth-missing", 3, 1]]);
    expect(findings[0]!.message).toContain("appidacr (v1 tokens) or azpacr (v2 tokens)");
    expect(findings[0]!.report.fix).toBeUndefined();
  });
});
