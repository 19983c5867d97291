import { describe, expect, it } from "vitest";
import { httpUrl as rule } from "../../rules/http-url.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, GOOD_V1, policy } from "./token-security-support.js";

describe("http-url", () => {
  it("accepts https everywhere", () => {
    expect(
      runRule(
        rule,
        policy(`${GOOD_V1}\n${GOOD_CALLER}\n<set-backend-service base-url="https://backend.example.com/api" />`),
      ),
    ).toEqual([]);
  });

  it("reports http:// in base-url, set-url (also in an expression) and openid-config", () => {
    const src = policy(`<set-backend-service base-url="http://backend.example.com/api" />
<send-request response-variable-name="r" timeout="5"><set-url>@("http://" + "login.example.com/token")</set-url><set-method>GET</set-method></send-request>
<validate-jwt header-name="Authorization"><openid-config url="http://idp.example.com/.well-known/openid-configuration" /></validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["http-url", 3, 32],
      ["http-url", 4, 63],
      ["http-url", 5, 63],
    ]);
    expect(findings[0]!.message).toBe(
      "set-backend-service base-url uses http://backend.example.com: requests, tokens and keys travel unencrypted; use https://",
    );
  });

  it("honours the allowHosts option", () => {
    const src = policy(`<set-backend-service base-url="http://localhost:8080/" />`);
    expect(runRule(rule, src, { options: { allowHosts: ["localhost"] } })).toEqual([]);
    expectAt(runRule(rule, src), [["http-url", 3, 32]]);
  });
});
