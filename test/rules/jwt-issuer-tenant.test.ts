import { describe, expect, it } from "vitest";
import { jwtIssuerTenant as rule } from "../../rules/jwt-issuer-tenant.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, policy } from "./token-security-support.js";

const T1 = "11111111-1111-1111-1111-111111111111";
const T2 = "22222222-2222-2222-2222-222222222222";

const validation = (metaTenant: string, issuerTenant: string) =>
  policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/${metaTenant}/v2.0/.well-known/openid-configuration" />
<issuers><issuer>https://login.microsoftonline.com/${issuerTenant}/v2.0</issuer></issuers>
</validate-jwt>`);

describe("jwt-issuer-tenant", () => {
  it("accepts the same tenant (case-insensitive) and named values", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, validation(T2, T2.toUpperCase()))).toEqual([]);
  });

  it("does not compare a GUID with a domain (they may be the same tenant)", () => {
    expect(runRule(rule, validation("contoso.onmicrosoft.com", T2))).toEqual([]);
  });

  it("reports different tenants at the issuer", () => {
    const findings = runRule(rule, validation(T1, T2));
    expectAt(findings, [["jwt-issuer-tenant", 5, 10]]);
    expect(findings[0]!.message).toContain(`issuer tenant ${T2} differs from the openid-config tenant ${T1}`);
    expectAt(runRule(rule, validation("fabrikam.com", "contoso.com")), [["jwt-issuer-tenant", 5, 10]]);
  });
});
