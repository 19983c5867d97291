import { describe, expect, it } from "vitest";
import { sendRequestTimeout as rule } from "../../rules/send-request-timeout.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("send-request-timeout", () => {
  it("accepts timeouts up to 60 s and expressions", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const src =
      policy(`<send-request response-variable-name="a" timeout="60"><set-url>https://a.example</set-url><set-method>GET</set-method></send-request>
<send-request response-variable-name="b" timeout="@(5 * 2)"><set-url>https://b.example</set-url><set-method>GET</set-method></send-request>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports a missing timeout at the element and a long one at the attribute", () => {
    const src =
      policy(`<send-request response-variable-name="a"><set-url>https://a.example</set-url><set-method>GET</set-method></send-request>
<send-request response-variable-name="b" timeout="300"><set-url>https://b.example</set-url><set-method>GET</set-method></send-request>`);
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["send-request-timeout", 3, 1],
      ["send-request-timeout", 4, 42],
    ]);
    expect(findings[1]!.message).toContain('timeout="300" is above 60 s');
  });
});
