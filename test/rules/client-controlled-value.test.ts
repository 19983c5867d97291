import { describe, expect, it } from "vitest";
import { clientControlledValue as rule } from "../../rules/client-controlled-value.js";
import { jwtClaimsUnvalidated } from "../../rules/jwt-claims-unvalidated.js";
import { runRule } from "../support/rule-tester.js";
import { policy } from "./token-security-support.js";

const H = (name: string) => `context.Request.Headers.GetValueOrDefault("${name}", "")`;
const Q = (name: string) => `context.Request.Url.Query.GetValueOrDefault("${name}", "")`;
const call = (url: string) =>
  `<send-request mode="new" response-variable-name="r" timeout="10"><set-url>${url}</set-url><set-method>GET</set-method></send-request>`;
const gate = (condition: string, code = "403") =>
  `<choose><when condition="@(${condition})"><return-response><set-status code="${code}" /></return-response></when></choose>`;

describe("client-controlled-value", () => {
  it.each([
    [
      "a rate-limit key from a header",
      `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(${H("X-Forwarded-For")})" />`,
      "counter-key of rate-limit-by-key",
    ],
    [
      "a quota key from a query value",
      `<quota-by-key calls="10" renewal-period="3600" counter-key="@(${Q("client")})" />`,
      'query parameter "client"',
    ],
    [
      "a rate-limit key through a variable",
      `<set-variable name="caller" value="@(${H("X-Caller")})" />\n<rate-limit-by-key calls="10" renewal-period="60" counter-key="@((string)context.Variables["caller"])" />`,
      'variable "caller"',
    ],
    [
      "a limit-concurrency key",
      `<limit-concurrency key="@(${H("X-Client")})" max-count="2"><forward-request /></limit-concurrency>`,
      "key of limit-concurrency",
    ],
    [
      "a cache key naming the user",
      `<cache-lookup-value key="@("profile-" + ${H("X-User-Id")})" variable-name="p" />`,
      'request header "x-user-id"',
    ],
    ["a send-request host from a header", call(`@("https://" + ${H("X-Target")} + "/api")`), "SSRF"],
    ["a whole send-request URL from a query value", call(`@(${Q("callback")})`), 'query parameter "callback"'],
    ["an interpolated host", call(`@($"https://{${H("X-Region")}}.example.com/x")`), 'request header "x-region"'],
    [
      "a backend base-url from a header",
      `<set-backend-service base-url="@("https://" + ${H("X-Backend")})" />`,
      "set-backend-service",
    ],
    [
      "a header compared with a literal to deny",
      gate(`${H("X-Api-Key")} != "s3cr3t"`),
      "with a literal: the client sets",
    ],
    ["a query value Equals a literal to allow", gate(`!${Q("role")}.Equals("admin")`, "401"), 'query parameter "role"'],
  ])("reports %s", (_, inbound, text) => {
    const findings = runRule(rule, policy(inbound));
    expect(findings.map((f) => f.ruleId)).toEqual(["client-controlled-value"]);
    expect(findings[0]!.message).toContain(text);
  });

  it.each([
    [
      "a rate-limit key on the subscription",
      `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Subscription.Id)" />`,
    ],
    [
      "a rate-limit key on the IP address",
      `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.IpAddress)" />`,
    ],
    [
      "a rate-limit key on a validated claim",
      `<validate-jwt header-name="Authorization" output-token-variable-name="jwt"><openid-config url="https://login.microsoftonline.com/{{t}}/v2.0/.well-known/openid-configuration" /></validate-jwt>\n<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("oid", ""))" />`,
    ],
    [
      "a cache key from a public query value (a city, not a caller)",
      `<cache-lookup-value key="@("weather-" + ${Q("city")})" variable-name="w" />`,
    ],
    [
      "a cache key naming the user inside the subscription",
      `<cache-lookup-value key="@(context.Subscription.Id + "-" + ${H("X-User-Id")})" variable-name="p" />`,
    ],
    ["a client value in the URL's path", call(`@("https://api.example.com/users/" + ${H("X-User-Id")})`)],
    [
      "a client value in the query after a named value",
      call(`@("{{bff-baseurl}}/operation1?param1=" + ${Q("param1")})`),
    ],
    ["a host from a named value", call(`@("https://{{backend-host}}/x?id=" + ${Q("id")})`)],
    [
      "a header compared without deciding access",
      `<choose><when condition="@(${H("Accept")} == "application/xml")"><set-header name="X-Format"><value>xml</value></set-header></when></choose>`,
    ],
    ["a header compared with a named value", gate(`${H("X-Api-Key")} != "{{api-key}}"`)],
    ["a presence test deciding access", gate(`!context.Request.Headers.ContainsKey("X-Client")`)],
  ])("accepts %s", (_, inbound) => {
    expect(runRule(rule, policy(inbound))).toEqual([]);
  });

  it("leaves a header decoded as a token to jwt-claims-unvalidated: one finding per problem", () => {
    const src = policy(
      `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault("X-Id-Token", "").AsJwt()?.Subject)" />`,
    );
    expect(runRule(rule, src, { scope: "global" })).toEqual([]);
    expect(runRule(jwtClaimsUnvalidated, src, { scope: "global" }).map((f) => f.ruleId)).toEqual([
      "jwt-claims-unvalidated",
    ]);
  });

  it("reports at the attribute or URL that holds the value", () => {
    const findings = runRule(
      rule,
      policy(`<quota-by-key calls="10" renewal-period="3600" counter-key="@(${Q("client")})" />`),
    );
    expect(findings.map((f) => [f.line, f.column])).toEqual([[3, 48]]);
  });
});
