// Rules that read a literal value as a fact, with deploy-time placeholders configured and without: a value holding
// a placeholder is unknown, so the finding goes; what stays literal is still judged.
import { describe, expect, it } from "vitest";
import { hardcodedSecret } from "../../rules/hardcoded-secret.js";
import { jwtClaimsConflict } from "../../rules/jwt-claims-conflict.js";
import { jwtIssuerFormat } from "../../rules/jwt-issuer-format.js";
import { jwtIssuerTenant } from "../../rules/jwt-issuer-tenant.js";
import { jwtUnsafeSettings } from "../../rules/jwt-unsafe-settings.js";
import type { Rule } from "../../src/lint/types.js";
import { runRule } from "../support/rule-tester.js";
import { policy } from "./token-security-support.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
const ALL = ["{name}", "#{name}#", "__name__", "$(name)"];

const jwt = (inner: string) =>
  policy(
    `<validate-jwt header-name="Authorization">\n<audiences><audience>api://a</audience></audiences>\n${inner}\n</validate-jwt>`,
  );

const cases: { name: string; rule: Rule; source: string; without: number[]; with: number[] }[] = [
  {
    name: "a v1 issuer with a placeholder tenant",
    rule: jwtIssuerFormat,
    source: jwt("<issuers><issuer>https://sts.windows.net/__tenant_id__/</issuer></issuers>"),
    without: [5],
    with: [],
  },
  {
    name: "validate-azure-ad-token tenant-id={tenant-id}",
    rule: jwtIssuerFormat,
    source: policy('<validate-azure-ad-token tenant-id="{tenant-id}" />'),
    without: [3],
    with: [],
  },
  {
    name: "a placeholder tenant still has a literal, wrong form (v1 issuer without its slash)",
    rule: jwtIssuerFormat,
    source: jwt("<issuers><issuer>https://sts.windows.net/{tenant-id}</issuer></issuers>"),
    without: [5, 5],
    with: [5],
  },
  {
    name: "metadata of a placeholder tenant is not another tenant than a GUID issuer",
    rule: jwtIssuerTenant,
    source: jwt(
      `<openid-config url="https://login.microsoftonline.com/{tenant-id}/v2.0/.well-known/openid-configuration" />\n<issuers><issuer>https://login.microsoftonline.com/${TENANT}/v2.0</issuer></issuers>`,
    ),
    without: [],
    with: [],
  },
  {
    name: "two GUID tenants still differ",
    rule: jwtIssuerTenant,
    source: jwt(
      `<openid-config url="https://login.microsoftonline.com/${OTHER}/v2.0/.well-known/openid-configuration" />\n<issuers><issuer>https://login.microsoftonline.com/${TENANT}/v2.0</issuer></issuers>`,
    ),
    without: [6],
    with: [6],
  },
  {
    name: 'match="all" over two placeholder tids: they may be one value',
    rule: jwtClaimsConflict,
    source: jwt(
      '<required-claims><claim name="tid" match="all"><value>{tenant-a}</value><value>{tenant-b}</value></claim></required-claims>',
    ),
    without: [5],
    with: [],
  },
  {
    name: 'match="all" over two literal tids beside a placeholder: still no token passes',
    rule: jwtClaimsConflict,
    source: jwt(
      `<required-claims><claim name="tid" match="all"><value>${TENANT}</value><value>${OTHER}</value><value>{t}</value></claim></required-claims>`,
    ),
    without: [5],
    with: [5],
  },
  {
    name: "a signing key filled by a script",
    rule: jwtUnsafeSettings,
    source: jwt("<issuer-signing-keys><key>__jwt_signing_key__</key></issuer-signing-keys>"),
    without: [5],
    with: [],
  },
  {
    name: "a client_secret placeholder in a plain C# string literal",
    rule: hardcodedSecret,
    source: policy(
      '<set-variable name="body" value="@(&quot;grant_type=x&amp;client_secret=$(client.secret)&quot;)" />',
    ),
    without: [3],
    with: [],
  },
  {
    name: "an interpolated string's literal part is not searched for placeholders",
    rule: hardcodedSecret,
    source: policy(
      '<set-variable name="body" value="@($&quot;client_secret=__the_secret__&amp;id={context.RequestId}&quot;)" />',
    ),
    without: [3],
    with: [3],
  },
  {
    name: "a literal password beside a placeholder user is still literal",
    rule: hardcodedSecret,
    source: policy('<authentication-basic username="{user}" password="hunter2-literal" />'),
    without: [3],
    with: [3],
  },
];

describe("rules that read literal values, with placeholders", () => {
  it.each(cases)("$rule.id: $name", ({ rule, source, without, with: withPlaceholders }) => {
    const lines = (placeholders?: string[]) =>
      runRule(rule, source, { placeholders })
        .map((f) => {
          expect(f.ruleId).toBe(rule.id);
          return f.line;
        })
        .sort((a, b) => a - b);
    expect(lines()).toEqual(without);
    expect(lines(ALL)).toEqual(withPlaceholders);
  });
});
