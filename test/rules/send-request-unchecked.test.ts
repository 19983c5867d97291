import { describe, expect, it } from "vitest";
import { sendRequestUnchecked as rule } from "../../rules/send-request-unchecked.js";
import { tokenResponseUnchecked } from "../../rules/token-response-unchecked.js";
import { runRule } from "../support/rule-tester.js";
import { GOOD_CALLER, policy } from "./token-security-support.js";

const CALL = (attrs = "") => `<send-request mode="new" response-variable-name="r" timeout="10"${attrs}>
<set-url>https://svc.example.com/lookup</set-url>
<set-method>GET</set-method>
</send-request>`;

describe("send-request-unchecked", () => {
  // The send-request is on lines 3-6; the reading element on line 7 (or later when a check comes first).
  it.each([
    [
      "the body read into a header",
      `<set-header name="x"><value>@(((IResponse)context.Variables["r"]).Body.As<string>())</value></set-header>`,
    ],
    [
      "the body read into a variable",
      `<set-variable name="v" value="@(((IResponse)context.Variables["r"]).Body.As<JObject>()["a"].ToString())" />`,
    ],
    [
      "a response header read",
      `<set-variable name="v" value="@(((IResponse)context.Variables["r"]).Headers.GetValueOrDefault("ETag", ""))" />`,
    ],
    [
      "a block reading the body",
      `<set-body>@{ var resp = (IResponse)context.Variables["r"]; return resp.Body.As<string>(); }</set-body>`,
    ],
  ])("reports %s without a status check", (_, use) => {
    const findings = runRule(rule, policy(`${CALL()}\n${use}`));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["send-request-unchecked", 7]]);
    expect(findings[0]!.message).toContain('the response in "r" (send-request line 3, svc.example.com)');
  });

  it.each([
    [
      "a StatusCode check in a choose",
      `<choose><when condition="@(((IResponse)context.Variables["r"]).StatusCode != 200)"><return-response><set-status code="502" /></return-response></when></choose>
<set-variable name="v" value="@(((IResponse)context.Variables["r"]).Body.As<string>())" />`,
    ],
    [
      "IsSuccessStatusCode in the reading expression",
      `<set-variable name="v" value="@{ var x = (IResponse)context.Variables["r"]; return x.IsSuccessStatusCode ? x.Body.As<string>() : ""; }" />`,
    ],
    ["only the status read", `<set-variable name="s" value="@(((IResponse)context.Variables["r"]).StatusCode)" />`],
    ["the response passed on whole", `<return-response response-variable-name="r" />`],
    ["a response never read", ""],
  ])("accepts %s", (_, use) => {
    expect(runRule(rule, policy(`${CALL()}\n${use}`))).toEqual([]);
  });

  it("leaves token requests to token-response-unchecked: one finding per problem", () => {
    const unchecked = policy(
      GOOD_CALLER.replace(/<choose>\n<when condition="@\(\(\(IResponse\)[\s\S]*?<\/choose>\n/, ""),
    );
    expect(runRule(rule, unchecked)).toEqual([]);
    expect(runRule(tokenResponseUnchecked, unchecked).map((f) => f.ruleId)).toEqual(["token-response-unchecked"]);
  });
});
