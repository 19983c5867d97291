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

  it("accepts tokens in Authorization of a send-request, in a token request, and deleted headers", () => {
    const src = policy({
      inbound: GOOD_CALLER,
      onError: `<send-request mode="new" response-variable-name="api" timeout="5"><set-url>https://api.example.com</set-url><set-method>GET</set-method>
<set-header name="Authorization"><value>@("Bearer " + (string)context.Variables["t2Token"])</value></set-header></send-request>
<set-header name="Authorization" exists-action="delete" />`,
    });
    expect(runRule(rule, src)).toEqual([]);
  });

  // Issue 14: sinks other than the client's response. Each row is on-error content (line 30 onwards).
  it.each([
    [
      "a trace message",
      `<trace source="debug"><message>@((string)context.Variables["t2Token"])</message></trace>`,
      "a trace (debug)",
    ],
    [
      "trace metadata",
      `<trace source="debug"><message>failed</message><metadata name="t" value="@((string)context.Variables["miAssertion"])" /></trace>`,
      "a trace (debug)",
    ],
    [
      "the whole token response in a trace",
      `<trace source="debug"><message>@(((IResponse)context.Variables["t2Resp"]).Body.As<string>())</message></trace>`,
      "a trace",
    ],
    [
      "an Event Hub log",
      `<log-to-eventhub logger-id="audit">@("token=" + (string)context.Variables["t2Token"])</log-to-eventhub>`,
      "an Event Hub log (audit)",
    ],
    [
      "the Authorization header in an Event Hub log",
      `<log-to-eventhub logger-id="audit">@(context.Request.Headers.GetValueOrDefault("Authorization", ""))</log-to-eventhub>`,
      "Authorization header",
    ],
    [
      // Header names are case-insensitive: the gateway gives the same token for any spelling.
      "the AUTHORIZATION header, spelt in capitals, in an Event Hub log",
      `<log-to-eventhub logger-id="audit">@(context.Request.Headers.GetValueOrDefault("AUTHORIZATION", ""))</log-to-eventhub>`,
      "Authorization header",
    ],
    [
      "an emit-metric dimension",
      `<emit-metric name="calls"><dimension name="caller" value="@((string)context.Variables["t2Token"])" /></emit-metric>`,
      "the metric dimension caller",
    ],
    [
      "a cache key",
      `<cache-lookup-value key="@("profile-" + context.Request.Headers.GetValueOrDefault("Authorization", ""))" variable-name="p" />`,
      "the key of cache-lookup-value",
    ],
    [
      "a custom header of a send-request to a third party",
      `<send-request mode="new" response-variable-name="log" timeout="5"><set-url>https://log.example.com</set-url><set-method>POST</set-method>
<set-header name="x-token"><value>@((string)context.Variables["t2Token"])</value></set-header></send-request>`,
      "header x-token of the send-request to log.example.com",
    ],
  ])("reports a token in %s", (_, onError, target) => {
    const findings = runRule(rule, policy({ inbound: GOOD_CALLER, onError }));
    expect(findings.map((f) => f.ruleId)).toEqual(["secret-leak"]);
    expect(findings[0]!.line).toBeGreaterThanOrEqual(30);
    expect(findings[0]!.message).toContain(target);
  });

  it.each([
    [
      "a trace of LastError.Message (logs are where error details belong)",
      `<trace source="e"><message>@(context.LastError.Message)</message></trace>`,
    ],
    [
      "a trace of the token's expiry",
      `<trace source="e"><message>@(((IResponse)context.Variables["t2Resp"]).Body.As<JObject>()["expires_in"].ToString())</message></trace>`,
    ],
    [
      "a cache key from the token's subject claim",
      `<cache-lookup-value key="@("p-" + context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt()?.Subject)" variable-name="p" />`,
    ],
    [
      "a cache key from a presence test",
      `<cache-lookup-value key="@("p-" + context.Request.Headers.GetValueOrDefault("Authorization", "").StartsWith("Bearer "))" variable-name="p" />`,
    ],
    [
      "a token as the cache value (the value is not the key)",
      `<cache-store-value key="t2" value="@((string)context.Variables["t2Token"])" duration="60" />`,
    ],
    [
      "a dimension with a fixed value",
      `<emit-metric name="calls"><dimension name="api" value="@(context.Api.Name)" /></emit-metric>`,
    ],
    [
      "a trace of variables about the token, not the token",
      `<trace source="e"><message>@(context.Variables.GetValueOrDefault<int>("tokenDurationSeconds", 0).ToString() + (string)context.Variables["tokenEndpointUrl"])</message></trace>`,
    ],
    [
      "an Event Hub log of the request id",
      `<log-to-eventhub logger-id="audit">@(context.RequestId.ToString())</log-to-eventhub>`,
    ],
  ])("accepts %s", (_, onError) => {
    expect(runRule(rule, policy({ inbound: GOOD_CALLER, onError }))).toEqual([]);
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
