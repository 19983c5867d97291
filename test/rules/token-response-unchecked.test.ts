import { describe, expect, it } from "vitest";
import { tokenResponseUnchecked as rule } from "../../rules/token-response-unchecked.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("token-response-unchecked", () => {
  it("accepts a response whose StatusCode is checked", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
  });

  it("reports the access_token read (through a derived variable) when the status is not checked", () => {
    const src = policy(GOOD_CALLER.replace(/<choose>\n<when condition="@\(\(\(IResponse\)[\s\S]*?<\/choose>\n/, ""));
    const findings = runRule(rule, src);
    expectAt(findings, [["token-response-unchecked", 15, 1]]);
    expect(findings[0]!.message).toContain('access_token is read from "t2Resp" (send-request line 8)');
  });

  it("accepts a check inside the same expression through a C# local", () => {
    const src =
      policy(`<send-request response-variable-name="r" timeout="5"><set-url>https://login.microsoftonline.com/{{tid}}/oauth2/v2.0/token</set-url><set-method>POST</set-method></send-request>
<set-variable name="tok" value="@{ var r = (IResponse)context.Variables["r"]; return r.StatusCode == 200 ? (string)r.Body.As<JObject>()["access_token"] : null; }" />`);
    expect(runRule(rule, src)).toEqual([]);
  });
});
