import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jwtClaimsUnvalidated as rule } from "../../rules/jwt-claims-unvalidated.js";
import { lintFiles } from "../../src/lint/lint-files.js";
import { tmpTree } from "../lint/tmp-tree.js";
import { runRule } from "../support/rule-tester.js";
import { GOOD_V2, policy } from "./token-security-support.js";

const AUTH = `context.Request.Headers.GetValueOrDefault("Authorization", "")`;
const ROLE = `${AUTH}.AsJwt()?.Claims.GetValueOrDefault("roles", "")`;
const deny = (condition: string) =>
  `<choose><when condition="@(${condition})"><return-response><set-status code="403" /></return-response></when></choose>`;
const MANUAL = `@{ var parts = ${AUTH}.Split(' ')[1].Split('.'); var json = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])); return (string)JObject.Parse(json)["tid"]; }`;

describe("jwt-claims-unvalidated", () => {
  it.each([
    ["a choose condition on AsJwt() claims", deny(`!${ROLE}.Contains("admin")`), "the choose condition", "AsJwt()"],
    [
      "a rate-limit key from the subject",
      `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(${AUTH}.AsJwt()?.Subject)" />`,
      "the counter-key of rate-limit-by-key",
      "AsJwt()",
    ],
    [
      "a quota key through a variable",
      `<set-variable name="tid" value="@(${AUTH}.AsJwt()?.Claims.GetValueOrDefault("tid", ""))" />\n<quota-by-key calls="10" renewal-period="3600" counter-key="@((string)context.Variables["tid"])" />`,
      "the counter-key of quota-by-key",
      '"tid"',
    ],
    [
      "a cache key from a variable holding the raw header",
      `<set-variable name="auth" value="@(${AUTH})" />\n<cache-lookup-value key="@("p-" + ((string)context.Variables["auth"]).AsJwt()?.Subject)" variable-name="p" />`,
      "the key of cache-lookup-value",
      "AsJwt()",
    ],
    [
      "a metric dimension",
      `<emit-metric name="calls"><dimension name="tenant" value="@(${AUTH}.AsJwt()?.Claims.GetValueOrDefault("tid", ""))" /></emit-metric>`,
      "the metric dimension tenant",
      "AsJwt()",
    ],
    [
      "a manual base64 decode of the payload",
      `<set-variable name="tid" value="${MANUAL}" />\n${deny(`(string)context.Variables["tid"] != "{{partner-tid}}"`)}`,
      "the choose condition",
      "base64 decode",
    ],
    [
      "a validator that only runs after the decision",
      `${deny(`!${ROLE}.Contains("admin")`)}\n${GOOD_V2}`,
      "the choose condition",
      "AsJwt()",
    ],
  ])("reports %s", (_, inbound, use, how) => {
    const findings = runRule(rule, policy(inbound), { scope: "global" });
    expect(findings.map((f) => f.ruleId)).toEqual(["jwt-claims-unvalidated"]);
    expect(findings[0]!.message).toContain(use);
    expect(findings[0]!.message).toContain(how);
  });

  it.each([
    ["claims after a validate-jwt", `${GOOD_V2}\n${deny(`!${ROLE}.Contains("admin")`)}`, "global"],
    [
      "claims after a validate-azure-ad-token",
      `<validate-azure-ad-token tenant-id="{{tid}}"><client-application-ids><application-id>{{c}}</application-id></client-application-ids></validate-azure-ad-token>\n${deny(`!${ROLE}.Contains("admin")`)}`,
      "global",
    ],
    [
      "claims after an include-fragment (it may validate)",
      `<include-fragment fragment-id="auth" />\n${deny(`!${ROLE}.Contains("admin")`)}`,
      "global",
    ],
    [
      "claims after <base /> with unknown parents (a parent may validate)",
      `<base />\n${deny(`!${ROLE}.Contains("admin")`)}`,
      "api",
    ],
    [
      "a decoded token only logged",
      `<trace source="t"><message>@(${AUTH}.AsJwt()?.Subject)</message></trace>`,
      "global",
    ],
    [
      "a token from the token endpoint decoded",
      `<set-variable name="n" value="@(((string)context.Variables["idToken"]).AsJwt()?.Claims.GetValueOrDefault("nonce", ""))" />\n${deny(`(string)context.Variables["n"] != "x"`)}`,
      "global",
    ],
    [
      "a token the gateway decrypted from its own cache (two steps from the cookie header)",
      `<set-variable name="cookie" value="@(${`context.Request.Headers.GetValueOrDefault("cookie", "")`})" />
<set-variable name="key" value="@(((string)context.Variables["cookie"]).Split('=')[1])" />
<cache-lookup-value key="@("t-" + (string)context.Variables["key"])" variable-name="enc" />
<set-variable name="idToken" value="@{ var p = ((string)context.Variables["enc"]).Split('.'); return Encoding.UTF8.GetString(Convert.FromBase64String(p[0]).Decrypt("Aes", Convert.FromBase64String("{{k}}"), Guid.Parse((string)context.Variables["key"]).ToByteArray())); }" />
<set-variable name="jwt" value="@(((string)context.Variables["idToken"]).AsJwt())" />
${deny(`((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("nonce", "") != "x"`)}`,
      "global",
    ],
    [
      "a base64 decode of a cookie that is not split into token parts",
      `${deny(`Encoding.UTF8.GetString(Convert.FromBase64String(context.Request.Headers.GetValueOrDefault("X-Flags", "").Split(';')[0])) == "on"`)}`,
      "global",
    ],
    ["a presence test of the header", deny(`!context.Request.Headers.ContainsKey("Authorization")`), "global"],
  ])("accepts %s", (_, inbound, scope) => {
    expect(runRule(rule, policy(inbound), { scope: scope as "global" | "api" })).toEqual([]);
  });
});

describe("jwt-claims-unvalidated with the file's parents composed", () => {
  const GLOBAL = (inbound: string) =>
    `<policies><inbound>${inbound}</inbound><backend><forward-request /></backend><outbound /><on-error /></policies>`;
  const API = `<policies>
<inbound>
<base />
${deny(`!${ROLE}.Contains("admin")`)}
</inbound>
<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>
</policies>`;
  const API_PATH = "apis/orders/policy.xml";
  const findingsOf = async (globalInbound: string) => {
    const root = tmpTree({ "policy.xml": GLOBAL(globalInbound), [API_PATH]: API });
    const { results } = await lintFiles([join(root, API_PATH)], { cwd: root });
    return results[0]!.findings.filter((f) => f.ruleId === "jwt-claims-unvalidated").map((f) => f.line);
  };

  it("reports claims after <base /> when the composed parents validate nothing", async () => {
    expect(await findingsOf("")).toEqual([4]);
  });

  it("accepts claims after <base /> when the global policy validates the token", async () => {
    expect(await findingsOf(GOOD_V2)).toEqual([]);
  });
});
