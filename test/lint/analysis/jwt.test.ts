import { describe, expect, it } from "vitest";
import { PolicySourceCode } from "../../../src/lint/source-code.js";
import { parsePolicy } from "../../../src/policy/parser.js";

const validation = (children: string) =>
  new PolicySourceCode(
    parsePolicy(
      `<policies><inbound><validate-jwt header-name="Authorization">${children}</validate-jwt></inbound></policies>`,
    ),
  ).validations()[0]!;

describe("validate-jwt reader", () => {
  it("takes the accepted version from the issuers, else from the metadata", () => {
    const meta2 =
      '<openid-config url="https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration" />';
    expect(validation(meta2).acceptedVersion).toBe(2);
    expect(
      validation(`${meta2}<issuers><issuer>https://sts.windows.net/{{tid}}/</issuer></issuers>`).acceptedVersion,
    ).toBe(1);
    const both = `${meta2}<issuers><issuer>https://sts.windows.net/{{tid}}/</issuer><issuer>https://login.microsoftonline.com/{{tid}}/v2.0</issuer></issuers>`;
    expect(validation(both).acceptedVersion).toBeUndefined();
    expect(validation("<issuers><issuer>https://dev.auth0.com/</issuer></issuers>").entra).toBe(false);
  });

  it("reads required claims with their match mode and values", () => {
    const v = validation(
      '<required-claims><claim name="roles" match="any"><value>a</value><value>b</value></claim><claim name="appid"><value>x</value></claim></required-claims>',
    );
    expect(v.claims.map((c) => [c.name, c.match, c.values.map((x) => x.text)])).toEqual([
      ["roles", "any", ["a", "b"]],
      ["appid", "all", ["x"]],
    ]);
  });
});
