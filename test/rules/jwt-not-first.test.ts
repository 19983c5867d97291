import { describe, expect, it } from "vitest";
import { jwtNotFirst as rule } from "../../rules/jwt-not-first.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, policy } from "./token-security-support.js";

describe("jwt-not-first", () => {
  it("accepts validation first, after <base />, cors and header tweaks", () => {
    expect(
      runRule(
        rule,
        policy(
          `<base />\n<cors><allowed-origins><origin>https://a.example</origin></allowed-origins></cors>\n<set-header name="x-correlation-id"><value>@(context.RequestId.ToString())</value></set-header>\n${GOOD_V1}\n<send-request response-variable-name="r"><set-url>https://x.example</set-url><set-method>GET</set-method></send-request>`,
        ),
      ),
    ).toEqual([]);
  });

  it("reports validation after a send-request, naming it", () => {
    const src = policy(`<base />
<send-request mode="new" response-variable-name="r" timeout="10">
<set-url>https://lookup.example.com</set-url><set-method>GET</set-method>
</send-request>
${GOOD_V1}`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-not-first", 7, 1]]);
    expect(findings[0]!.message).toContain("validate-jwt runs after send-request (line 4)");
  });

  it("sees through choose nesting, but not across exclusive branches", () => {
    const nested =
      policy(`<choose><when condition="@(true)"><set-backend-service base-url="https://b.example" /></when></choose>
<choose><when condition="@(true)">
<validate-azure-ad-token tenant-id="{{tid}}" />
</when></choose>`);
    expectAt(runRule(rule, nested), [["jwt-not-first", 5, 1]]);
    const exclusive = policy(`<choose>
<when condition="@(context.Request.Method == "GET")"><cache-lookup vary-by-developer="false" vary-by-developer-groups="false" /></when>
<otherwise><validate-azure-ad-token tenant-id="{{tid}}" /></otherwise>
</choose>`);
    expect(runRule(rule, exclusive)).toEqual([]);
  });

  it("reports authentication-managed-identity before a header validation (it replaces Authorization)", () => {
    const src = policy(`<authentication-managed-identity resource="https://storage.azure.com" />
<validate-azure-ad-token tenant-id="{{tid}}" />`);
    const findings = runRule(rule, src);
    expectAt(findings, [["jwt-not-first", 4, 1]]);
    expect(findings[0]!.message).toContain("replaces the Authorization header");
  });
});
