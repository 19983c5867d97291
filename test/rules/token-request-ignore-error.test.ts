import { describe, expect, it } from "vitest";
import { tokenRequestIgnoreError as rule } from "../../rules/token-request-ignore-error.js";
import { applyFix, runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("token-request-ignore-error", () => {
  it("accepts ignore-error false, and ignore-error true on unrelated calls", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const other = policy(
      `<send-request response-variable-name="r" timeout="5" ignore-error="true"><set-url>https://api.example.com/log</set-url><set-method>POST</set-method></send-request>`,
    );
    expect(runRule(rule, other)).toEqual([]);
  });

  it("reports and fixes ignore-error true on the managed identity and on the token send-request", () => {
    const src = policy(GOOD_CALLER.replaceAll('ignore-error="false"', 'ignore-error="true"'));
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["token-request-ignore-error", 7, 144],
      ["token-request-ignore-error", 8, 71],
    ]);
    let fixed = src;
    for (const f of [...findings].reverse()) fixed = applyFix(fixed, f.report);
    expect(fixed).toBe(policy(GOOD_CALLER));
    expect(runRule(rule, fixed)).toEqual([]);
  });

  it("reports the dummy send-request made only for a token, without a fix", () => {
    const src = policy(`<send-request mode="new" response-variable-name="dummy" timeout="20" ignore-error="true">
<set-url>https://example.com/</set-url><set-method>GET</set-method>
<authentication-managed-identity resource="api://AzureADTokenExchange" output-token-variable-name="assertion" />
</send-request>`);
    const findings = runRule(rule, src);
    expectAt(findings, [["token-request-ignore-error", 3, 70]]);
    expect(findings[0]!.report.fix).toBeUndefined();
  });
});
