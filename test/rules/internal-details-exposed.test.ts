import { describe, expect, it } from "vitest";
import { internalDetailsExposed as rule } from "../../rules/internal-details-exposed.js";
import { secretLeak } from "../../rules/secret-leak.js";
import { runRule } from "../support/rule-tester.js";
import { GOOD_CALLER, policy } from "./token-security-support.js";

const CALL = `<send-request mode="new" response-variable-name="profile" timeout="10">
<set-url>https://profiles.internal.example.com/me</set-url>
<set-method>GET</set-method>
</send-request>`;
const header = (code: string) =>
  `<set-header name="X-Info" exists-action="override"><value>@(${code})</value></set-header>`;
const RAW = `((IResponse)context.Variables["profile"]).Body.As<string>()`;

describe("internal-details-exposed", () => {
  it.each([
    ["LastError.Source in on-error", { onError: header("context.LastError.Source") }, 9, "context.LastError.Source"],
    [
      "LastError.Source in a branch on another condition",
      {
        onError: `<choose><when condition="@(context.LastError.Reason != "x")"><return-response><set-body>@(context.LastError.Source)</set-body></return-response></when></choose>`,
      },
      9,
      "context.LastError.Source",
    ],
    ["LastError.Path in on-error", { onError: header(`"at " + context.LastError.Path`) }, 9, "context.LastError.Path"],
    ["the backend URL in outbound", { outbound: header("context.Request.Url.ToString()") }, 6, "the backend's URL"],
    ["the backend host in outbound", { outbound: header("context.Request.Url.Host") }, 6, "Url.Host"],
    [
      "every request header serialised",
      { outbound: `<set-body>@(JsonConvert.SerializeObject(context.Request.Headers))</set-body>` },
      6,
      "every request header",
    ],
    [
      "every request header enumerated",
      {
        onError: header(
          `string.Join(";", context.Request.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value)))`,
        ),
      },
      9,
      "every request header",
    ],
    [
      "the raw body of a failed auxiliary call",
      {
        inbound: `${CALL}
<choose><when condition="@(((IResponse)context.Variables["profile"]).StatusCode != 200)">
<return-response><set-status code="502" /><set-body>@(${RAW})</set-body></return-response>
</when></choose>`,
      },
      8,
      'the raw body of "profile" (send-request line 3)',
    ],
    [
      "the raw body of an auxiliary call in on-error",
      {
        inbound: CALL,
        onError: `<set-body>@(((IResponse)context.Variables["profile"]).Body.As<JObject>().ToString())</set-body>`,
      },
      12,
      'the raw body of "profile"',
    ],
  ])("reports %s", (_, sections, line, text) => {
    const findings = runRule(rule, policy(sections));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["internal-details-exposed", line]]);
    expect(findings[0]!.message).toContain(text);
  });

  it.each([
    ["LastError.Reason and the request id", { onError: header(`context.LastError.Reason + " " + context.RequestId`) }],
    [
      "LastError.Source in a trace (logs are where it belongs)",
      { onError: `<trace source="e"><message>@(context.LastError.Source)</message></trace>` },
    ],
    [
      "LastError.Source in a branch that pinned it to literals (apimkit's caller)",
      {
        onError: `<choose><when condition="@(context.LastError.Source == "send-request" || context.LastError.Source == "authentication-managed-identity")">
<return-response><set-status code="502" /><set-body>@("failed at " + context.LastError.Source)</set-body></return-response></when></choose>`,
      },
    ],
    [
      "LastError.Source compared, not written",
      {
        onError: `<choose><when condition="@(context.LastError.Source == "validate-jwt")"><return-response><set-status code="401" /></return-response></when></choose>`,
      },
    ],
    [
      "the request URL in inbound (what the client sent)",
      { inbound: `<return-response>${header("context.Request.Url.ToString()")}</return-response>` },
    ],
    ["the URL's path in outbound", { outbound: header("context.Request.Url.Path") }],
    ["the original URL in outbound", { outbound: header("context.Request.OriginalUrl.ToString()") }],
    [
      "a header read by name",
      { outbound: header(`context.Request.Headers.GetValueOrDefault("X-Correlation-Id", "")`) },
    ],
    ["the header names", { outbound: header(`string.Join(",", context.Request.Headers.Keys)`) }],
    [
      "the raw body of a successful auxiliary call",
      {
        inbound: `${CALL}
<choose><when condition="@(((IResponse)context.Variables["profile"]).StatusCode == 200)">
<return-response><set-body>@(${RAW})</set-body></return-response>
</when></choose>`,
      },
    ],
    [
      "a field picked from a failed auxiliary call",
      {
        inbound: `${CALL}
<choose><when condition="@(((IResponse)context.Variables["profile"]).StatusCode != 200)">
<return-response><set-body>@((string)((IResponse)context.Variables["profile"]).Body.As<JObject>()["code"])</set-body></return-response>
</when></choose>`,
      },
    ],
    ["a deleted header", { outbound: `<set-header name="X-Powered-By" exists-action="delete" />` }],
  ])("accepts %s", (_, sections) => {
    expect(runRule(rule, policy(sections))).toEqual([]);
  });

  it("leaves tokens and LastError.Message to secret-leak: one finding per problem", () => {
    const src = policy({
      inbound: GOOD_CALLER,
      onError: `${header("context.LastError.Message")}
<return-response><set-body>@(((IResponse)context.Variables["t2Resp"]).Body.As<string>())</set-body></return-response>`,
    });
    expect(runRule(rule, src)).toEqual([]);
    expect(runRule(secretLeak, src).map((f) => f.ruleId)).toEqual(["secret-leak", "secret-leak"]);
  });
});
