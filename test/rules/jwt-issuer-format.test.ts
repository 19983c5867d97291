import { describe, expect, it } from "vitest";
import { jwtIssuerFormat as rule } from "../../rules/jwt-issuer-format.js";
import { applyFix, runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

/** Issuer text on line 5, column 18. */
const withIssuer = (issuer: string) =>
  policy(`<validate-jwt header-name="Authorization">
<audiences><audience>api://x</audience></audiences>
<issuers><issuer>${issuer}</issuer></issuers>
</validate-jwt>`);

describe("jwt-issuer-format", () => {
  it("accepts exact v1 and v2 issuers, and leaves other identity providers alone", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
    expect(
      runRule(rule, withIssuer("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0")),
    ).toEqual([]);
    expect(runRule(rule, withIssuer("https://sts.windows.net/contoso.onmicrosoft.com/"))).toEqual([]);
    expect(runRule(rule, withIssuer("https://dev-123.auth0.com"))).toEqual([]);
    expect(runRule(rule, withIssuer('@((string)context.Variables["iss"])'))).toEqual([]);
  });

  it("reports a v1 issuer without its trailing slash, and fixes it", () => {
    const src = withIssuer("https://sts.windows.net/{{t2-tenant-id}}");
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-issuer-format", 5, 18]]);
    expect(findings[0]!.message).toContain("https://sts.windows.net/{{t2-tenant-id}}/");
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toBe(withIssuer("https://sts.windows.net/{{t2-tenant-id}}/"));
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("reports a v2 issuer with a trailing slash, and fixes it", () => {
    const src = withIssuer("https://login.microsoftonline.com/{{tid}}/v2.0/");
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-issuer-format", 5, 18]]);
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toBe(withIssuer("https://login.microsoftonline.com/{{tid}}/v2.0"));
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("reports a login.microsoftonline.com issuer without /v2.0 (no fix: v1 or v2 is the user's choice)", () => {
    const findings = runRule(rule, withIssuer("https://login.microsoftonline.com/{{tid}}/"));
    expectAt(findings, [["jwt-issuer-format", 5, 18]]);
    expect(findings[0]!.message).toContain("neither v1 nor v2");
    expect(findings[0]!.report.fix).toBeUndefined();
  });

  it("reports common / organizations / consumers and invalid tenants", () => {
    for (const t of ["common", "organizations", "consumers"]) {
      const findings = runRule(rule, withIssuer(`https://login.microsoftonline.com/${t}/v2.0`));
      expectAt(findings, [["jwt-issuer-format", 5, 18]]);
      expect(findings[0]!.message).toContain(`"${t}" as the tenant`);
    }
    const invalid = runRule(rule, withIssuer("https://sts.windows.net/tenant_id!/"));
    expectAt(invalid, [["jwt-issuer-format", 5, 18]]);
    expect(invalid[0]!.message).toContain("neither a GUID nor a domain");
  });

  it("reports surrounding whitespace, and trims it", () => {
    const src = withIssuer(" https://sts.windows.net/{{tid}}/ ");
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-issuer-format", 5, 18]]);
    const fixed = applyFix(src, findings[0]!.report);
    expect(fixed).toBe(withIssuer("https://sts.windows.net/{{tid}}/"));
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("leaves a multi-tenant validate-azure-ad-token tenant-id to jwt-any-tenant (one finding per problem)", () => {
    const findings = runRule(
      rule,
      policy(`<validate-azure-ad-token tenant-id="organizations">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
</validate-azure-ad-token>`),
    );
    expect(findings).toEqual([]);
  });
});
