// Shared by the token/security rule tests: a policy skeleton with predictable line numbers.
// The inbound content starts on line 3, outbound content on the line after "<outbound>", and so on.
import { expect } from "vitest";
import type { RuleFinding } from "../support/rule-tester.js";

export interface Sections {
  inbound?: string;
  outbound?: string;
  onError?: string;
}

/**
 * <policies>            line 1
 * <inbound>             line 2
 * ...inbound...         line 3..
 * </inbound><backend><base /></backend>
 * <outbound>
 * ...outbound...
 * </outbound>
 * <on-error>
 * ...onError...
 * </on-error>
 * </policies>
 */
export function policy(s: Sections | string): string {
  const {
    inbound = "<base />",
    outbound = "<base />",
    onError = "<base />",
  } = typeof s === "string" ? { inbound: s } : s;
  return [
    "<policies>",
    "<inbound>",
    inbound,
    "</inbound><backend><base /></backend>",
    "<outbound>",
    outbound,
    "</outbound>",
    "<on-error>",
    onError,
    "</on-error>",
    "</policies>",
  ].join("\n");
}

/** Asserts the exact set of findings as [ruleId, line, column] (order-insensitive). */
export function expectAt(findings: RuleFinding[], expected: [string, number, number][]): void {
  const got = findings.map((f) => [f.ruleId, f.line, f.column]).sort(cmp);
  expect(got).toEqual([...expected].sort(cmp));
}

function cmp(a: (string | number)[], b: (string | number)[]): number {
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A v1 provider validation (known good) to vary in tests. */
export const GOOD_V1 = `<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{t2-tenant-id}}/.well-known/openid-configuration" />
<audiences><audience>api://t2-api</audience></audiences>
<issuers><issuer>https://sts.windows.net/{{t2-tenant-id}}/</issuer></issuers>
<required-claims>
<claim name="roles" match="any"><value>access_as_app</value></claim>
<claim name="appid" match="any"><value>{{bridge-app-client-id}}</value></claim>
<claim name="appidacr" match="any"><value>2</value></claim>
</required-claims>
</validate-jwt>`;

/** The same for v2 tokens. */
export const GOOD_V2 = `<validate-jwt header-name="Authorization">
<openid-config url="https://login.microsoftonline.com/{{t2-tenant-id}}/v2.0/.well-known/openid-configuration" />
<audiences><audience>{{t2-api-client-id}}</audience></audiences>
<issuers><issuer>https://login.microsoftonline.com/{{t2-tenant-id}}/v2.0</issuer></issuers>
<required-claims>
<claim name="roles" match="any"><value>access_as_app</value></claim>
<claim name="azp" match="any"><value>{{bridge-app-client-id}}</value></claim>
<claim name="azpacr" match="any"><value>2</value></claim>
</required-claims>
</validate-jwt>`;
