import { describe, expect, it } from "vitest";
import { jwtAnyTenant as rule } from "../../rules/jwt-any-tenant.js";
import { jwtIssuerFormat } from "../../rules/jwt-issuer-format.js";
import { jwtIssuerMissing } from "../../rules/jwt-issuer-missing.js";
import { runRule } from "../support/rule-tester.js";
import { policy } from "./token-security-support.js";

const META = (tenant: string, v2 = true) =>
  `https://login.microsoftonline.com/${tenant}${v2 ? "/v2.0" : ""}/.well-known/openid-configuration`;

const jwt = (tenant: string, extra = "", v2 = true) => `<validate-jwt header-name="Authorization">
<openid-config url="${META(tenant, v2)}" />
<audiences><audience>{{api}}</audience></audiences>
${extra}
</validate-jwt>`;

const aad = (tenant: string, extra = "") => `<validate-azure-ad-token tenant-id="${tenant}">
<client-application-ids><application-id>{{client}}</application-id></client-application-ids>
${extra}
</validate-azure-ad-token>`;

const TID = `<required-claims><claim name="tid" match="any"><value>{{partner-tid}}</value></claim></required-claims>`;

describe("jwt-any-tenant", () => {
  it.each([
    ["validate-jwt, common v2 metadata", jwt("common"), 4, 16],
    ["validate-jwt, organizations v1 metadata", jwt("organizations", "", false), 4, 16],
    ["validate-jwt, Common in another case", jwt("Common"), 4, 16],
    [
      "validate-jwt, only a template issuer",
      jwt("common", "<issuers><issuer>https://login.microsoftonline.com/common/v2.0</issuer></issuers>"),
      4,
      16,
    ],
    [
      "validate-jwt, a tid claim without values",
      jwt("common", `<required-claims><claim name="tid" /></required-claims>`),
      4,
      16,
    ],
    ["validate-azure-ad-token, tenant-id common", aad("common"), 3, 26],
    ["validate-azure-ad-token, tenant-id organizations", aad("organizations"), 3, 26],
  ])("reports %s", (_, validation, line, column) => {
    const findings = runRule(rule, policy(validation));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["jwt-any-tenant", line, column]]);
    expect(findings[0]!.message).toContain("any Entra tenant");
  });

  it.each([
    ["a single-tenant metadata", jwt("{{tenant-id}}")],
    ["a consumers metadata (one tenant)", jwt("consumers")],
    [
      "common with issuers of real tenants",
      jwt("common", "<issuers><issuer>https://login.microsoftonline.com/{{tid}}/v2.0</issuer></issuers>"),
    ],
    ["common with a required tid claim", jwt("common", TID)],
    [
      "common with a required iss claim",
      jwt(
        "common",
        `<required-claims><claim name="iss"><value>https://sts.windows.net/{{tid}}/</value></claim></required-claims>`,
      ),
    ],
    ["validate-azure-ad-token with a real tenant", aad("{{tenant-id}}")],
    ["validate-azure-ad-token organizations with a tid claim", aad("organizations", TID)],
    [
      "validate-jwt with keys and no metadata",
      `<validate-jwt header-name="Authorization"><issuer-signing-keys><key>{{k}}</key></issuer-signing-keys></validate-jwt>`,
    ],
  ])("accepts %s", (_, validation) => {
    expect(runRule(rule, policy(validation))).toEqual([]);
  });

  it("is the only finding for the problem: jwt-issuer-missing and jwt-issuer-format stay silent on it", () => {
    for (const src of [policy(jwt("common")), policy(aad("organizations"))]) {
      expect(runRule(jwtIssuerMissing, src)).toEqual([]);
      expect(runRule(jwtIssuerFormat, src)).toEqual([]);
      expect(runRule(rule, src)).toHaveLength(1);
    }
    // a single-tenant metadata without issuers is still jwt-issuer-missing's
    expect(runRule(jwtIssuerMissing, policy(jwt("{{tenant-id}}"))).map((f) => f.ruleId)).toEqual([
      "jwt-issuer-missing",
    ]);
  });
});
