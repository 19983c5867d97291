import { describe, expect, it } from "vitest";
import { tokenExchangeAudience as rule } from "../../rules/token-exchange-audience.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("token-exchange-audience", () => {
  it("accepts the exchange audience of each cloud", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const china = GOOD_CALLER.replace("api://AzureADTokenExchange", "api://AzureADTokenExchangeChina").replace(
      "login.microsoftonline.com",
      "login.chinacloudapi.cn",
    );
    expect(runRule(rule, policy(china))).toEqual([]);
  });

  it("accepts a managed-identity token for another resource that is not used as an assertion", () => {
    const src = policy(`<authentication-managed-identity resource="https://storage.azure.com/" />`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports an assertion acquired for another resource, at the resource attribute", () => {
    const src = policy(GOOD_CALLER.replace('resource="api://AzureADTokenExchange"', 'resource="api://t2-api"'));
    const findings = runRule(rule, src);
    expectAt(findings, [["token-exchange-audience", 7, 34]]);
    expect(findings[0]!.message).toContain(
      'sent as client_assertion (send-request line 8) but is acquired for "api://t2-api"',
    );
    expect(findings[0]!.message).toContain('set resource="api://AzureADTokenExchange"');
  });

  it("reports an exchange audience of another cloud than the token endpoint's", () => {
    const src = policy(GOOD_CALLER.replace("api://AzureADTokenExchange", "api://AzureADTokenExchangeUSGov"));
    const findings = runRule(rule, src);
    expectAt(findings, [["token-exchange-audience", 7, 34]]);
    expect(findings[0]!.message).toContain("exchanged at https://login.microsoftonline.com (AzureCloud)");
    const gov = GOOD_CALLER.replace("api://AzureADTokenExchange", "api://AzureADTokenExchangeUSGov").replace(
      "login.microsoftonline.com",
      "login.microsoftonline.us",
    );
    expect(runRule(rule, policy(gov))).toEqual([]);
  });

  it("follows the assertion through a set-variable and a C# local", () => {
    const src =
      policy(`<authentication-managed-identity resource="https://management.azure.com/" output-token-variable-name="mi" />
<set-variable name="assertion" value="@((string)context.Variables["mi"])" />
<send-request mode="new" response-variable-name="r" timeout="10">
<set-url>@("https://login.microsoftonline.com/" + "{{tid}}" + "/oauth2/v2.0/token")</set-url>
<set-method>POST</set-method>
<set-body>@{ var a = (string)context.Variables["assertion"]; return $"grant_type=client_credentials&client_assertion={a}"; }</set-body>
</send-request>`);
    expectAt(runRule(rule, src), [["token-exchange-audience", 3, 34]]);
  });
});
