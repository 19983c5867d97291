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

/**
 * The reference caller (apim-reference §7): cached, checked, ignore-error false. Inbound lines:
 * 4 cache-lookup-value, 7 authentication-managed-identity, 8 send-request, 12 set-body, 15 StatusCode check,
 * 19 set-variable t2Json, 20 set-variable t2Token (access_token), 21 cache-store-value, 24 set-header.
 */
export const GOOD_CALLER = `<base />
<cache-lookup-value key="t2-api-token" variable-name="t2Token" />
<choose>
<when condition="@(!context.Variables.ContainsKey("t2Token"))">
<authentication-managed-identity resource="api://AzureADTokenExchange" client-id="{{uami-client-id}}" output-token-variable-name="miAssertion" ignore-error="false" />
<send-request mode="new" response-variable-name="t2Resp" timeout="20" ignore-error="false">
<set-url>https://login.microsoftonline.com/{{t2-tenant-id}}/oauth2/v2.0/token</set-url>
<set-method>POST</set-method>
<set-header name="Content-Type" exists-action="override"><value>application/x-www-form-urlencoded</value></set-header>
<set-body>@("client_id={{bridge-app-client-id}}&scope=" + System.Net.WebUtility.UrlEncode("{{t2-api-scope}}") + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + (string)context.Variables["miAssertion"] + "&grant_type=client_credentials")</set-body>
</send-request>
<choose>
<when condition="@(((IResponse)context.Variables["t2Resp"]).StatusCode != 200)">
<return-response><set-status code="502" reason="Token exchange failed" /></return-response>
</when>
</choose>
<set-variable name="t2Json" value="@(((IResponse)context.Variables["t2Resp"]).Body.As<JObject>().ToString())" />
<set-variable name="t2Token" value="@((string)JObject.Parse((string)context.Variables["t2Json"])["access_token"])" />
<cache-store-value key="t2-api-token" value="@((string)context.Variables["t2Token"])" duration="@(Math.Max(60, (int)JObject.Parse((string)context.Variables["t2Json"])["expires_in"] - 300))" />
</when>
</choose>
<set-header name="Authorization" exists-action="override"><value>@("Bearer " + (string)context.Variables["t2Token"])</value></set-header>`;
