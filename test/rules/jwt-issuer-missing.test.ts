import { describe, expect, it } from "vitest";
import { jwtIssuerMissing as rule } from "../../rules/jwt-issuer-missing.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V2, policy } from "./token-security-support.js";

describe("jwt-issuer-missing", () => {
  it("accepts a validation with issuers", () => {
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("explains that v2 metadata without issuers rejects v1 tokens", () => {
    const findings = runRule(
      rule,
      policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" />
<audiences><audience>api://x</audience></audiences>
</validate-jwt>`),
    );
    expectAt(findings, [["jwt-issuer-missing", 3, 1]]);
    expect(findings[0]!.message).toContain(
      "v1 tokens (iss https://sts.windows.net/contoso.onmicrosoft.com/) are rejected",
    );
  });

  it("says the issuer is not checked at all without openid-config", () => {
    const findings = runRule(
      rule,
      policy(`<validate-jwt header-name="Authorization">
<issuer-signing-keys><key>{{signing-key}}</key></issuer-signing-keys>
</validate-jwt>`),
    );
    expectAt(findings, [["jwt-issuer-missing", 3, 1]]);
    expect(findings[0]!.message).toContain("not checked at all");
  });

  it("accepts an iss required claim and ignores validate-azure-ad-token (its tenant-id fixes the issuer)", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<issuer-signing-keys><key>{{signing-key}}</key></issuer-signing-keys>
<required-claims><claim name="iss"><value>https://issuer.example.com/</value></claim></required-claims>
</validate-jwt>
<validate-azure-ad-token tenant-id="{{tid}}" />`);
    expect(runRule(rule, src)).toEqual([]);
  });
});
