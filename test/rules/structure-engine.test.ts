// The structure rules through the real engine (lintText, recommended set): positions line up with inline
// directives, fragments get info-level variable findings, and a clean policy stays clean.
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/index.js";

const brief = (source: string, file = "apis/orders/policy.xml") =>
  lintText(source, { file }).findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);

describe("structure rules in the engine", () => {
  it("reports with the recommended levels and honours disable-next-line on the reported line", () => {
    const src = `<policies>
  <inbound>
    <set-variable name="unused" value="1" />
  </inbound>
  <!-- apimkit-disable-next-line base-missing - the operation must not run the API's outbound -->
  <outbound>
  </outbound>
</policies>`;
    expect(brief(src)).toEqual(["2:3 error base-missing", "3:25 info unused-variable"]);
  });

  it("lowers undefined-variable to info inside a fragment", () => {
    const src =
      '<fragment>\n  <set-header name="a" exists-action="override"><value>@((string)context.Variables["fromPolicy"])</value></set-header>\n</fragment>';
    expect(brief(src, "policy fragments/headers/policy.xml")).toEqual(["2:66 info undefined-variable"]);
  });

  it("finds nothing in a well-formed caller policy", () => {
    const src = `<policies>
  <inbound>
    <base />
    <cache-lookup-value key="t2-token" variable-name="t2Token" />
    <choose>
      <when condition="@(!context.Variables.ContainsKey(&quot;t2Token&quot;))">
        <authentication-managed-identity resource="api://AzureADTokenExchange" client-id="{{uami-client-id}}" output-token-variable-name="assertion" />
        <send-request mode="new" response-variable-name="exchange" timeout="20">
          <set-url>https://login.microsoftonline.com/{{t2-tenant-id}}/oauth2/v2.0/token</set-url>
          <set-method>POST</set-method>
          <set-body>@("client_assertion=" + (string)context.Variables["assertion"])</set-body>
        </send-request>
        <set-variable name="t2Token" value="@((string)((IResponse)context.Variables[&quot;exchange&quot;]).Body.As&lt;JObject&gt;()[&quot;access_token&quot;])" />
        <cache-store-value key="t2-token" value="@((string)context.Variables[&quot;t2Token&quot;])" duration="3000" />
      </when>
    </choose>
    <set-header name="Authorization" exists-action="override"><value>@("Bearer " + (string)context.Variables["t2Token"])</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;
    const structure = new Set([
      "expression-syntax",
      "unknown-element",
      "section-placement",
      "expression-not-allowed",
      "base-missing",
      "base-at-global",
      "global-backend-forward",
      "fragment-structure",
      "undefined-variable",
      "unused-variable",
      "named-value-undefined",
    ]);
    const findings = lintText(src, {
      file: "apis/partner/policy.xml",
      namedValues: new Set(["uami-client-id", "t2-tenant-id"]),
    }).findings;
    expect(findings.filter((f) => structure.has(f.ruleId))).toEqual([]);
  });
});
