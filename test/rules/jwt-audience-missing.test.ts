import { describe, expect, it } from "vitest";
import { jwtAudienceMissing as rule } from "../../rules/jwt-audience-missing.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, policy } from "./token-security-support.js";

describe("jwt-audience-missing", () => {
  it("accepts a validation with audiences", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
  });

  it("accepts an aud required claim instead of <audiences>", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<issuers><issuer>https://issuer.example.com/</issuer></issuers>
<required-claims><claim name="aud"><value>api://x</value></claim></required-claims>
</validate-jwt>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports validate-jwt without audiences at the element", () => {
    const src = policy(`<base />
  <validate-jwt header-name="Authorization">
<issuers><issuer>https://sts.windows.net/{{tid}}/</issuer></issuers>
</validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-audience-missing", 4, 3]]);
    expect(findings[0]!.message).toContain("add <audiences>");
    expect(findings[0]!.report.severity).toBeUndefined();
  });

  it("warns (not errors) on validate-azure-ad-token without audiences, and accepts backend-application-ids", () => {
    const bare = runRule(
      rule,
      policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
</validate-azure-ad-token>`),
    );
    expectAt(bare, [["jwt-audience-missing", 3, 1]]);
    expect(bare[0]!.report.severity).toBe("warn");
    const withBackend = runRule(
      rule,
      policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<backend-application-ids><application-id>{{api}}</application-id></backend-application-ids>
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
</validate-azure-ad-token>`),
    );
    expect(withBackend).toEqual([]);
  });
});

describe("jwt-audience-missing on damaged input", () => {
  it("stays silent on a validation the parser could not read (parse-error reports it)", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{tid}}/.well-known/openid-configuration">
<audiences><audience>api://x</audience></audiences>
</validate-jwt>`);
    expect(runRule(rule, src)).toEqual([]);
  });
});
