import { describe, expect, it } from "vitest";
import type { EmulatedRequest } from "../../../src/emulator/api.js";
import { gatewayRegistry } from "../../../src/emulator/gateway/pipeline/registry.js";
import { policies, type RunOptions, run } from "./helpers.js";

/** The XML attribute text of a C# expression (quotes and angle brackets escaped as APIM's editor writes them). */
function xmlAttr(code: string): string {
  return code.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Evaluates `code` in inbound (set-variable) and returns the variable as the result's JSON-like value. */
async function value(code: string, opts: RunOptions = {}): Promise<unknown> {
  const { result } = await run(
    policies({ inbound: `<set-variable name="v" value="@(${xmlAttr(code)})" />`, backend: "" }),
    opts,
  );
  return result.variables.v;
}

const jwtPart = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const JWT = `${jwtPart({ alg: "RS256", typ: "JWT" })}.${jwtPart({ iss: "https://issuer", aud: "api://x", roles: ["a", "b"], sub: "s1" })}.c2ln`;

const request = (r: Partial<EmulatedRequest>): RunOptions => ({
  request: { method: "POST", url: "https://apim.example.com/api/items/42?x=1&x=2&y=3", ...r },
});

describe("context: request", () => {
  const opts: RunOptions = {
    ...request({
      headers: { "X-Multi": ["a", "b"], Authorization: `Bearer ${JWT}` },
      body: '{"n":1}',
      ipAddress: "10.1.2.3",
    }),
    context: {
      api: { path: "api", serviceUrl: "https://backend.example.com/base" },
      operation: { urlTemplate: "/items/{id}" },
    },
  };
  it.each([
    ["context.Request.Method", "POST"],
    ["context.Request.IpAddress", "10.1.2.3"],
    ["context.Request.OriginalUrl.Host", "apim.example.com"],
    ["context.Request.OriginalUrl.Path", "/api/items/42"],
    ["context.Request.OriginalUrl.ToString()", "https://apim.example.com/api/items/42?x=1&x=2&y=3"],
    // Request.Url is where the request goes: service URL + API-relative path + query [U].
    ["context.Request.Url.ToString()", "https://backend.example.com/base/items/42?x=1&x=2&y=3"],
    ["context.Request.Url.Host", "backend.example.com"],
    ["context.Request.Url.Scheme", "https"],
    // Port is an int (docs; the toolkit says string) [U]: arithmetic proves the type.
    ["context.Request.Url.Port + 1", 444],
    ["context.Request.Url.QueryString", "?x=1&x=2&y=3"],
    ['context.Request.Url.Query.GetValueOrDefault("x", "")', "1,2"],
    ['context.Request.Url.Query["y"][0]', "3"],
    ['context.Request.Headers["x-multi"].Length', 2],
    ['context.Request.Headers.GetValueOrDefault("X-MULTI", "none")', "a,b"],
    ['context.Request.Headers.GetValueOrDefault("X-Missing", "none")', "none"],
    ['context.Request.Headers.GetValueOrDefault("X-Missing") == null', true],
    ['context.Request.Headers.ContainsKey("authorization")', true],
    ['context.Request.MatchedParameters["id"]', "42"],
    ['context.Request.MatchedParameters.GetValueOrDefault("nope", "d")', "d"],
    ["context.Request.Certificate == null", true],
    ["context.Request.Body.As<string>()", '{"n":1}'],
    ['context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt().Issuer', "https://issuer"],
    [
      'context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt().Claims.GetValueOrDefault("roles", "")',
      "a,b",
    ],
    ['context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt().Claims["sub"][0]', "s1"],
    ['context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt().Algorithm', "RS256"],
    ['"not a token".AsJwt() == null', true],
    [
      'string.Join(";", context.Request.Headers.Select(h => h.Key + "=" + h.Value.Length))',
      "X-Multi=2;Authorization=1",
    ],
    ["context.Request.Url.Query.Count", 2],
    ['context.Request.Body.As<JObject>(true)["n"].ToString()', "1"],
  ])("%s", async (code, expected) => {
    expect(await value(code, opts)).toEqual(expected);
  });

  it("a GET without a body has Request.Body null [doc]", async () => {
    expect(await value("context.Request.Body == null", request({ method: "GET" }))).toBe(true);
  });

  it("TryParseJwt writes the token through out", async () => {
    const code = `context.Request.Headers.GetValueOrDefault("Authorization", "").TryParseJwt(out var jwt) ? jwt.Subject : "no"`;
    expect(await value(code, request({ headers: { Authorization: JWT } }))).toBe("s1");
  });

  it("AsBasic splits at the first colon (RFC 7617; the toolkit splits at the last) [U]", async () => {
    const header = `Basic ${Buffer.from("user:pa:ss", "latin1").toString("base64")}`;
    const o = request({ headers: { Authorization: header } });
    expect(await value(`context.Request.Headers.GetValueOrDefault("Authorization", "").AsBasic().UserId`, o)).toBe(
      "user",
    );
    expect(await value(`context.Request.Headers.GetValueOrDefault("Authorization", "").AsBasic().Password`, o)).toBe(
      "pa:ss",
    );
    expect(await value(`"Bearer x".AsBasic() == null`, o)).toBe(true);
  });
});

describe("context: body consumption (§6)", () => {
  const opts = request({ body: "payload" });
  it("a second read after a non-preserving read throws InvalidOperationException [U: exception type]", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="a" value="@(context.Request.Body.As&lt;string&gt;())" /><set-variable name="b" value="@(context.Request.Body.As&lt;string&gt;())" />`,
        backend: "",
        onError: "",
      }),
      opts,
    );
    expect(result.variables.a).toBe("payload");
    expect(result.lastError).toMatchObject({ Reason: "ExpressionValueEvaluationFailure", Source: "set-variable" });
    expect(result.lastError?.Message).toContain("already read");
  });

  it("preserveContent: true reads a copy, so the body stays readable and is forwarded", async () => {
    const { result, calls } = await run(
      policies({
        inbound: `<set-variable name="a" value="@(context.Request.Body.As&lt;string&gt;(preserveContent: true))" /><set-variable name="b" value="@(context.Request.Body.As&lt;string&gt;(true))" />`,
      }),
      opts,
    );
    expect(result.variables).toMatchObject({ a: "payload", b: "payload" });
    expect(calls[0]?.request.body).toBe("payload");
  });

  it("a consumed body that is never replaced goes to the backend empty [U]", async () => {
    const { calls } = await run(
      policies({ inbound: `<set-variable name="a" value="@(context.Request.Body.As&lt;string&gt;())" />` }),
      opts,
    );
    expect(calls[0]?.request.body).toBe("");
  });

  it.each([
    ["context.Request.Body.As<byte[]>().Length", "héllo", 6],
    ["context.Request.Body.As<JArray>(true).Count", "[1,2,3]", 3],
    ['context.Request.Body.As<JToken>(true)["a"].ToString()', '{"a":"x"}', "x"],
    ["context.Request.Body.As<XDocument>(true).Root.Name.LocalName", "<order><id>1</id></order>", "order"],
    ['context.Request.Body.As<XElement>(true).Element("id").Value', "<order><id>1</id></order>", "1"],
  ])("%s", async (code, body, expected) => {
    expect(await value(code, request({ body }))).toEqual(expected);
  });

  it("As<T> for a type the docs do not list is NotEmulated", async () => {
    await expect(value("context.Request.Body.As<int>()", request({ body: "1" }))).rejects.toThrow(
      /not emulated: IMessageBody.As<int>/,
    );
  });

  it("As<JObject> goes through the JSON library's JObject.Parse, or is NotEmulated while it is absent", async () => {
    const hasJson = gatewayRegistry().member("Newtonsoft.Json.Linq.JObject", "Parse", true) !== undefined;
    const p = value(`context.Request.Body.As<JObject>()["n"].ToString()`, request({ body: '{"n":1}' }));
    if (hasJson) await expect(p).resolves.toBe("1");
    else await expect(p).rejects.toThrow(/not emulated: IMessageBody.As<JObject> at policy.xml:2:\d+/);
  });
});

describe("context: Variables", () => {
  it("a missing key throws KeyNotFoundException as .NET does (the toolkit returns null) [U]", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="v" value="@((string)context.Variables[&quot;nope&quot;])" />`,
        backend: "",
        onError: "",
      }),
    );
    expect(result.lastError?.Message).toBe(
      "Expression evaluation failed. The given key 'nope' was not present in the dictionary.",
    );
    expect(result.response.status).toBe(500);
  });

  const set = `<set-variable name="s" value="text" /><set-variable name="n" value="@(5)" />`;
  it.each([
    [`context.Variables.GetValueOrDefault<string>("s")`, "text"],
    [`context.Variables.GetValueOrDefault<int>("n") + 1`, 6],
    [`context.Variables.GetValueOrDefault<int>("missing")`, 0],
    [`context.Variables.GetValueOrDefault("missing", "d")`, "d"],
    [`context.Variables.GetValueOrDefault<string>("missing") == null`, true],
    [`context.Variables.ContainsKey("s")`, true],
    [`(string)context.Variables["s"]`, "text"],
  ])("%s", async (code, expected) => {
    const { result } = await run(
      policies({ inbound: `${set}<set-variable name="v" value="@(${xmlAttr(code)})" />`, backend: "" }),
    );
    expect(result.variables.v).toEqual(expected);
  });

  it("GetValueOrDefault<T> of a value of another type throws (docs; the toolkit gives the default)", async () => {
    const { result } = await run(
      policies({
        inbound: `${set}<set-variable name="v" value="@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;s&quot;, 1))" />`,
        backend: "",
        onError: "",
      }),
    );
    expect(result.lastError?.Message).toContain("Unable to cast object of type 'System.String' to type 'int'");
  });
});

describe("context: the descriptive members and their overrides", () => {
  it.each([
    ["context.Api.SubscriptionKeyParameterNames.Header", "Ocp-Apim-Subscription-Key"],
    ["context.Api.SubscriptionKeyParameterNames.Query", "subscription-key"],
    ["context.Api.Name", "api"],
    ["context.Api.Path", "api"],
    ["context.Api.ServiceUrl.Host", "backend.example.com"],
    ["context.Api.IsCurrentRevision", true],
    ["context.Operation.Method", "GET"],
    ["context.Deployment.GatewayId", "managed"],
    ["context.Product.State.ToString()", "Published"],
    ["context.Subscription.Key", "k-sent"],
    ["context.User.Email", "user@example.com"],
    ["context.Tracing", false],
    // Before the backend answers, context.Response is 200 OK [U].
    ["context.Response.StatusCode", 200],
    ["context.Response.StatusReason", "OK"],
    ["context.LastError == null", true],
  ])("%s (default)", async (code, expected) => {
    expect(
      await value(code, {
        request: {
          method: "GET",
          url: "https://apim.example.com/api/items",
          headers: { "Ocp-Apim-Subscription-Key": "k-sent" },
        },
      }),
    ).toEqual(expected);
  });

  it.each([
    ["context.Api.Name", { api: { path: "api", name: "orders" } }, "orders"],
    [
      "context.Api.SubscriptionKeyParameterNames.Header",
      { api: { path: "api", subscriptionKeyParameterNames: { header: "X-Key" } } },
      "X-Key",
    ],
    [
      "context.Api.SubscriptionKeyParameterNames.Query",
      { api: { path: "api", subscriptionKeyParameterNames: { header: "X-Key" } } },
      "subscription-key",
    ],
    ["context.Subscription.Key", { api: { path: "api" }, subscription: { key: "k" } }, "k"],
    ["context.Subscription == null", { api: { path: "api" }, subscription: null }, true],
    ["context.User.Id", { api: { path: "api" }, user: { id: "u7" } }, "u7"],
    ["context.Product.Name", { api: { path: "api" }, product: { name: "gold" } }, "gold"],
    ["context.Deployment.Region", { api: { path: "api" }, deployment: { region: "North Europe" } }, "North Europe"],
    ["context.Operation.Name", { api: { path: "api" }, operation: { name: "get-items" } }, "get-items"],
  ])("%s with %j", async (code, context, expected) => {
    expect(await value(code, { context })).toEqual(expected);
  });

  it("an override of a member the policy never reads is still checked", async () => {
    await expect(value("1", { context: { api: { path: "api" }, user: { mail: "x" } } })).rejects.toThrow(
      /context override context.user.mail: unknown member/,
    );
  });

  it("an override naming an unknown member is an error naming it", async () => {
    await expect(value("1", { context: { api: { path: "api", nmae: "x" } } })).rejects.toThrow(
      /context override context.api.nmae: unknown member/,
    );
  });

  it("context.Trace is captured", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="v" value="@{ context.Trace(&quot;hello&quot;); return 1; }" />`,
        backend: "",
      }),
    );
    expect(result.captured.trace).toEqual([{ source: "context.Trace", message: "hello" }]);
  });

  it("context.Timestamp comes from the emulated clock (NotEmulated while System.DateTime is not registered)", async () => {
    const hasDate = gatewayRegistry().type("System.DateTime")?.construct !== undefined;
    const p = value(`context.Timestamp.Year`);
    if (hasDate) await expect(p).resolves.toBe(2026);
    else await expect(p).rejects.toThrow(/not emulated: System.DateTime/);
  });
});

describe("context.LastError in on-error", () => {
  it("holds the failing policy's Source, Reason, Message, Scope, Section, Path and PolicyId", async () => {
    const onError = ["Source", "Reason", "Message", "Scope", "Section", "Path"]
      .map((m) => `<set-variable name="${m}" value="@(context.LastError.${m})" />`)
      .join("");
    const { result } = await run(
      policies({ inbound: `<set-variable name="x" value="@(1 / int.Parse(&quot;0&quot;))" />`, backend: "", onError }),
    );
    expect(result.variables).toMatchObject({
      Source: "set-variable",
      Reason: "ExpressionValueEvaluationFailure",
      Scope: "api",
      Section: "inbound",
      Path: "set-variable[1]",
    });
    expect(String(result.variables.Message)).toMatch(/^Expression evaluation failed\. /);
  });
});
