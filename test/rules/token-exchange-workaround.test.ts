import { describe, expect, it } from "vitest";
import { tokenExchangeWorkaround as rule } from "../../rules/token-exchange-workaround.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("token-exchange-workaround", () => {
  it("accepts authentication-managed-identity used directly, and inside a send-request that uses the response", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const kv = policy(`<send-request mode="new" response-variable-name="secret" timeout="20">
<set-url>https://myvault.vault.azure.net/secrets/mysecret/?api-version=7.0</set-url><set-method>GET</set-method>
<authentication-managed-identity resource="https://vault.azure.net" />
</send-request>
<set-header name="x-api-key"><value>@((string)((IResponse)context.Variables["secret"]).Body.As<JObject>()["value"])</value></set-header>`);
    expect(runRule(rule, kv)).toEqual([]);
  });

  it("reports a dummy send-request used only to fill the token variable, at the managed identity", () => {
    const src = policy(`<send-request mode="new" response-variable-name="dummy" timeout="20" ignore-error="true">
<set-url>https://example.com/</set-url><set-method>GET</set-method>
<authentication-managed-identity resource="api://AzureADTokenExchange" output-token-variable-name="assertion" />
</send-request>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["token-exchange-workaround", 5, 1]]);
    expect(findings[0]!.message).toContain(
      'send-request to https://example.com/ whose response is never used, only to fill "assertion"',
    );
  });
});
