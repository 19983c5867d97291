import { describe, expect, it } from "vitest";
import { secretLeak as rule } from "../../rules/secret-leak.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

describe("secret-leak", () => {
  it("accepts the reference caller and safe error details", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const src = policy({
      inbound: GOOD_CALLER,
      onError: `<return-response>
<set-status code="502" reason="Bad Gateway" />
<set-header name="Content-Type"><value>application/problem+json</value></set-header>
<set-body>@{ var r = (IResponse)context.Variables["t2Resp"]; var codes = r.Body.As<JObject>()["error_codes"]; return new JObject(new JProperty("status", r.StatusCode), new JProperty("codes", codes), new JProperty("source", context.LastError.Source), new JProperty("requestId", context.RequestId)).ToString(); }</set-body>
</return-response>`,
    });
    expect(runRule(rule, src)).toEqual([]);
  });

  it("accepts token headers that go to the backend or to a send-request, and deleted headers", () => {
    const src = policy({
      inbound: GOOD_CALLER,
      onError: `<send-request mode="new" response-variable-name="log" timeout="5"><set-url>https://log.example.com</set-url><set-method>POST</set-method>
<set-header name="x-token"><value>@((string)context.Variables["t2Token"])</value></set-header></send-request>
<set-header name="Authorization" exists-action="delete" />`,
    });
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports tokens, token responses and LastError details written to the client", () => {
    const src = policy({
      inbound: GOOD_CALLER,
      outbound: `<set-header name="X-Debug-Token"><value>@(((string)context.Variables["t2Token"]).Substring(0, 20))</value></set-header>`,
      onError: `<set-header name="X-Debug-Assertion"><value>@((string)context.Variables["miAssertion"])</value></set-header>
<set-header name="X-Error"><value>@(context.LastError.Message)</value></set-header>
<return-response><set-body>@(((IResponse)context.Variables["t2Resp"]).Body.As<string>())</set-body></return-response>`,
    });
    const findings = runRule(rule, src);
    // outbound content is on line 27, on-error content from line 30; the column is the expression's "@"
    expectAt(findings, [
      ["secret-leak", 27, 41],
      ["secret-leak", 30, 45],
      ["secret-leak", 31, 35],
      ["secret-leak", 32, 28],
    ]);
    expect(findings[0]!.message).toContain(
      '"t2Token" holds a token or token response and is written into the response header X-Debug-Token (outbound)',
    );
    expect(findings[2]!.message).toContain(
      "context.LastError.Message is written into the response header X-Error (on-error)",
    );
    expect(findings[3]!.message).toContain("response body (return-response)");
  });

  it("reports a return-response that sends the token response itself", () => {
    const src = policy(
      GOOD_CALLER.replace(
        '<return-response><set-status code="502" reason="Token exchange failed" /></return-response>',
        '<return-response response-variable-name="t2Resp" />',
      ),
    );
    const findings = runRule(rule, src);
    expectAt(findings, [["secret-leak", 16, 18]]);
    expect(findings[0]!.message).toContain('return-response sends "t2Resp", a token response');
  });

  it("does not take a presence test of the Authorization header for an echo", () => {
    const src = policy({
      onError: `<set-header name="X-Has-Auth"><value>@(context.Request.Headers.ContainsKey("Authorization").ToString())</value></set-header>`,
    });
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports credential-named variables and the Authorization header echoed back", () => {
    const src = policy({
      onError: `<set-header name="X-Debug-Auth"><value>@(context.Request.Headers.GetValueOrDefault("Authorization", ""))</value></set-header>
<set-body>@((string)context.Variables["clientSecret"])</set-body>`,
    });
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["secret-leak", 9, 40],
      ["secret-leak", 10, 11],
    ]);
  });
});
