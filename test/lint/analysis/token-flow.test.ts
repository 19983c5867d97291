import { describe, expect, it } from "vitest";
import { assertionUses, isTokenEndpointText } from "../../../src/lint/analysis/token-flow.js";
import { PolicySourceCode } from "../../../src/lint/source-code.js";
import { parsePolicy } from "../../../src/policy/parser.js";

describe("token endpoint detection", () => {
  it.each([
    ["https://login.microsoftonline.com/{{t2-tenant-id}}/oauth2/v2.0/token", true],
    ["https://login.microsoftonline.us/{{tid}}/oauth2/v2.0/token", true],
    ["https://{{sap-host}}/sap/bc/sec/oauth2/token", true],
    ["https://idp.example.com/connect/token", true],
    ["{{authorizationServer}}", true],
    ["{{token-endpoint}}", true],
    ["https://login.microsoftonline.com/{…}/oauth2/v2.0/token", true],
    ["https://api.example.com/orders", false],
    ["https://management.azure.com/", false],
    ["{{backend-url}}", false],
    ["https://api.example.com/tokens/list", false],
  ] as const)("%s -> %s", (url, expected) => {
    expect(isTokenEndpointText(url)).toBe(expected);
  });
});

describe("token data flow", () => {
  const source = new PolicySourceCode(
    parsePolicy(`<policies><inbound>
<authentication-managed-identity resource="api://AzureADTokenExchange" output-token-variable-name="mi" />
<set-variable name="assertion" value="@((string)context.Variables["mi"])" />
<send-request mode="new" response-variable-name="resp" timeout="10">
<set-url>https://login.microsoftonline.com/{{tid}}/oauth2/v2.0/token</set-url><set-method>POST</set-method>
<set-body>@("grant_type=client_credentials&client_assertion=" + (string)context.Variables["assertion"])</set-body>
</send-request>
<set-variable name="status" value="@(((IResponse)context.Variables["resp"]).StatusCode)" />
<set-variable name="codes" value="@(((IResponse)context.Variables["resp"]).Body.As<JObject>()["error_codes"].ToString())" />
<set-variable name="token" value="@((string)((IResponse)context.Variables["resp"]).Body.As<JObject>()["access_token"])" />
<cache-store-value key="k" value="@((string)context.Variables["token"])" duration="60" />
<cache-lookup-value key="k" variable-name="cached" />
</inbound></policies>`),
  );

  it("follows tokens through set-variable and cache round trips, not through status or error fields", () => {
    const flow = source.tokenFlow();
    expect([...flow.tokenVariables].sort()).toEqual(["assertion", "cached", "mi", "resp", "token"]);
  });

  it("sees the managed-identity token sent as client_assertion", () => {
    const uses = assertionUses(source);
    expect(uses.map((u) => [u.variable, u.request.responseVariable])).toEqual([["mi", "resp"]]);
  });
});
