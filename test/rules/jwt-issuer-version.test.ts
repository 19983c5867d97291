import { describe, expect, it } from "vitest";
import { jwtIssuerVersion as rule } from "../../rules/jwt-issuer-version.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

describe("jwt-issuer-version", () => {
  it("accepts consistent v1 and v2 validations", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("accepts both issuers listed on purpose", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration" />
<audiences><audience>api://x</audience></audiences>
<issuers><issuer>https://sts.windows.net/{{tid}}/</issuer><issuer>https://login.microsoftonline.com/{{tid}}/v2.0</issuer></issuers>
</validate-jwt>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports a v1 issuer (through a named value) with v2 metadata at the issuer", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{t2-tenant-id}}/v2.0/.well-known/openid-configuration" />
<issuers>
  <issuer>https://sts.windows.net/{{t2-tenant-id}}/</issuer>
</issuers>
</validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-issuer-version", 6, 3]]);
    expect(findings[0]!.message).toBe(
      "issuer https://sts.windows.net/{{t2-tenant-id}}/ is a v1 issuer but the openid-config is v2 metadata: Entra metadata must match the token version, so v1 tokens will be rejected; use https://login.microsoftonline.com/{{t2-tenant-id}}/.well-known/openid-configuration (or the v2 issuer, if the API app issues v2 tokens)",
    );
  });

  it("reports the reverse: a v2 issuer with v1 metadata", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{tid}}/.well-known/openid-configuration" />
<issuers><issuer>https://login.microsoftonline.com/{{tid}}/v2.0</issuer></issuers>
</validate-jwt>`);
    expectAt(runRule(rule, src), [["jwt-issuer-version", 5, 10]]);
  });

  it("reports azp/azpacr with a v1 issuer and appid/appidacr with a v2 issuer, at the claim", () => {
    const v1 = runRule(rule, policy(GOOD_V1.replace('"appid"', '"azp"').replace('"appidacr"', '"azpacr"')));
    expectAt(v1, [
      ["jwt-issuer-version", 9, 1],
      ["jwt-issuer-version", 10, 1],
    ]);
    expect(v1[1]!.message).toContain("azpacr is a v2 claim but the issuer accepts only v1 tokens");
    expect(v1[1]!.message).toContain("require appidacr");
    const v2 = runRule(rule, policy(GOOD_V2.replace('"azpacr"', '"appidacr"')));
    expectAt(v2, [["jwt-issuer-version", 10, 1]]);
  });

  it("uses the metadata version when there are no issuers", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration" />
<required-claims><claim name="appidacr"><value>2</value></claim></required-claims>
</validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-issuer-version", 5, 18]]);
    expect(findings[0]!.message).toContain("the openid-config accepts only v2 tokens");
  });
});
