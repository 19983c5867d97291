import { describe, expect, it } from "vitest";
import { tokenExchangeCache as rule } from "../../rules/token-exchange-cache.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

const uncached = GOOD_CALLER.replace(/<cache-lookup-value .*\n/, "").replace(/<cache-store-value .*\n/, "");

describe("token-exchange-cache", () => {
  it("accepts a cached token exchange", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
  });

  it("ignores send-requests that are not token calls", () => {
    const src = policy(
      `<send-request response-variable-name="r" timeout="5"><set-url>https://api.example.com/items</set-url><set-method>GET</set-method></send-request>`,
    );
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports an uncached token call at the send-request", () => {
    const findings = runRule(rule, policy(uncached));
    expectAt(findings, [["token-exchange-cache", 7, 1]]);
    expect(findings[0]!.message).toContain("no cache-lookup-value before it and no cache-store-value after it");
  });

  it("says which half is missing", () => {
    const noStore = GOOD_CALLER.replace(/<cache-store-value .*\n/, "");
    expect(runRule(rule, policy(noStore))[0]!.message).toContain("(no cache-store-value after it)");
  });

  it("recognises token endpoints through named values and token-shaped bodies", () => {
    const nv = policy(
      `<send-request response-variable-name="r" timeout="5"><set-url>{{authorizationServer}}</set-url><set-method>POST</set-method></send-request>`,
    );
    expectAt(runRule(rule, nv), [["token-exchange-cache", 3, 1]]);
    const body = policy(
      `<send-request response-variable-name="r" timeout="5"><set-url>https://idp.example.com/issue</set-url><set-method>POST</set-method><set-body>grant_type=client_credentials&amp;client_id=x</set-body></send-request>`,
    );
    expectAt(runRule(rule, body), [["token-exchange-cache", 3, 1]]);
  });
});
