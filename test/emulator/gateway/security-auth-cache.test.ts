// authentication-*, cache-*-value, cache-lookup/cache-store, check-header and ip-filter through the real emulate().
import { describe, expect, it } from "vitest";
import { freshState } from "../../../src/emulator/gateway/emulate.js";
import { policies, run } from "./helpers.js";

describe("authentication-managed-identity", () => {
  const mi = (attrs: string) => policies({ inbound: `<authentication-managed-identity ${attrs} />` });
  it("sets Authorization: Bearer with the token for the resource", async () => {
    const { calls } = await run(mi(`resource="api://target"`), { managedIdentity: { "api://target": "tok-1" } });
    expect(calls[0]?.request.headers.Authorization).toBe("Bearer tok-1");
  });
  it("one token serves every resource", async () => {
    const { calls } = await run(mi(`resource="@("https://" + "vault.azure.net")"`), { managedIdentity: "tok-all" });
    expect(calls[0]?.request.headers.Authorization).toBe("Bearer tok-all");
  });
  it("[U] output-token-variable-name holds the token and no header is set", async () => {
    const { calls, result } = await run(mi(`resource="r" output-token-variable-name="t"`), { managedIdentity: "x" });
    expect(result.variables.t).toBe("x");
    expect(calls[0]?.request.headers.Authorization).toBeUndefined();
    expect(result.assumptions.join("\n")).toMatch(/does not set the Authorization header/);
  });
  it("[U] no token for the resource -> on-error with ManagedIdentityTokenNotAcquired, 500", async () => {
    const { result, calls } = await run(mi(`resource="api://other"`), { managedIdentity: { "api://target": "t" } });
    expect(result.response.status).toBe(500);
    expect(result.lastError?.Reason).toBe("ManagedIdentityTokenNotAcquired");
    expect(result.lastError?.Source).toBe("authentication-managed-identity");
    expect(calls).toHaveLength(0);
  });
  it("ignore-error: goes on without a token, the variable null", async () => {
    const { result, calls } = await run(mi(`resource="r" ignore-error="true" output-token-variable-name="t"`));
    expect(result.response.status).toBe(200);
    expect(result.variables.t).toBeNull();
    expect(calls[0]?.request.headers.Authorization).toBeUndefined();
  });
});

describe("authentication-basic", () => {
  it("sends Basic base64(user:password) in UTF-8", async () => {
    const { calls } = await run(policies({ inbound: `<authentication-basic username="ü" password="{{pw}}" />` }), {
      namedValues: { pw: "p:w" },
    });
    expect(calls[0]?.request.headers.Authorization).toBe(`Basic ${Buffer.from("ü:p:w", "utf8").toString("base64")}`);
  });
  it("without username the run stops with the place", async () => {
    await expect(run(policies({ inbound: `<authentication-basic password="x" />` }))).rejects.toThrow(
      /policy\.xml:2:\d+ needs the attribute username/,
    );
  });
});

describe("cache-*-value", () => {
  const store = `<cache-store-value key="k" value="@(new JObject(new JProperty("a", 1)))" duration="60" />`;
  it("stores and looks up on the emulated clock; expires by `now`", async () => {
    const state = freshState(Date.UTC(2026, 0, 1));
    const lookup = `<cache-lookup-value key="k" variable-name="v" />`;
    await run(policies({ inbound: store }), { state });
    const hit = await run(policies({ inbound: lookup }), { state });
    expect(hit.result.variables.v).toEqual({ a: 1 });
    state.now += 61_000;
    const miss = await run(policies({ inbound: lookup }), { state });
    expect("v" in miss.result.variables).toBe(false);
  });
  it("[U] the cache holds a snapshot: a later change to the stored JObject does not reach it", async () => {
    const xml = policies({
      inbound: `<set-variable name="o" value="@(new JObject(new JProperty("a", 1)))" />
        <cache-store-value key="k" value="@((JObject)context.Variables["o"])" duration="60" />
        <set-variable name="x" value="@{ var o = (JObject)context.Variables["o"]; o["a"] = 2; return 0; }" />
        <cache-lookup-value key="k" variable-name="v" />
        <set-variable name="same" value="@(object.ReferenceEquals(context.Variables["o"], context.Variables["v"]))" />`,
    });
    const { result } = await run(xml);
    expect(result.variables.v).toEqual({ a: 1 });
    expect(result.variables.same).toBe(false);
  });
  it("[U] a miss without default-value leaves the variable unset; with one it is set", async () => {
    const { result } = await run(
      policies({
        inbound: `<cache-lookup-value key="none" variable-name="a" />
          <cache-lookup-value key="none" variable-name="b" default-value="@(42)" />`,
      }),
    );
    expect("a" in result.variables).toBe(false);
    expect(result.variables.b).toBe(42);
  });
  it("cache-remove-value deletes the entry", async () => {
    const { result } = await run(
      policies({
        inbound: `${store}<cache-remove-value key="k" /><cache-lookup-value key="k" variable-name="v" default-value="gone" />`,
      }),
    );
    expect(result.variables.v).toBe("gone");
  });
  it("a mutable value of unknown serialization is not emulated", async () => {
    await expect(
      run(policies({ inbound: `<cache-store-value key="k" value="@(new List<int>())" duration="5" />` })),
    ).rejects.toThrow(/not emulated: cache-store-value of a .*List/);
  });
});

describe("cache-lookup / cache-store", () => {
  const xml = (vary = "") =>
    policies({
      inbound: `<cache-lookup vary-by-developer="false" vary-by-developer-groups="false">${vary}</cache-lookup>`,
      outbound: `<cache-store duration="30" />`,
    });
  const backend = (n: { count: number }) => () => {
    n.count++;
    return { status: 200, headers: { "X-N": String(n.count) }, body: `body ${n.count}` };
  };
  it("a hit answers from the cache without calling the backend; expiry by the emulated clock", async () => {
    const state = freshState(Date.UTC(2026, 0, 1));
    const n = { count: 0 };
    const first = await run(xml(), { state, answer: backend(n) });
    const second = await run(xml(), { state, answer: backend(n) });
    expect(first.result.response.body).toBe("body 1");
    expect(second.result.response.body).toBe("body 1");
    expect(second.result.response.headers?.["X-N"]).toBe("1");
    expect(second.result.backend).toBeNull();
    state.now += 31_000;
    const third = await run(xml(), { state, answer: backend(n) });
    expect(third.result.response.body).toBe("body 2");
  });
  it("[U] without vary-by-query-parameter the query is not in the key; with it, it is", async () => {
    const state = freshState(0);
    const n = { count: 0 };
    const at = (q: string, vary = "") =>
      run(xml(vary), {
        state,
        answer: backend(n),
        request: { method: "GET", url: `https://apim.example.com/api/items?id=${q}` },
      });
    expect((await at("1")).result.response.body).toBe("body 1");
    expect((await at("2")).result.response.body).toBe("body 1");
    const vary = `<vary-by-query-parameter>id</vary-by-query-parameter>`;
    expect((await at("1", vary)).result.response.body).toBe("body 2");
    expect((await at("2", vary)).result.response.body).toBe("body 3");
    expect((await at("1", vary)).result.response.body).toBe("body 2");
  });
  it("a request with Authorization is not cached unless allow-private-response-caching", async () => {
    const state = freshState(0);
    const n = { count: 0 };
    const request = { method: "GET", url: "https://apim.example.com/api/items", headers: { Authorization: "x" } };
    await run(xml(), { state, answer: backend(n), request });
    const again = await run(xml(), { state, answer: backend(n), request });
    expect(again.result.response.body).toBe("body 2");
  });
  it("only 200 is stored unless cache-response", async () => {
    const state = freshState(0);
    let status = 500;
    const answer = () => ({ status, body: `s${status}` });
    await run(xml(), { state, answer });
    status = 200;
    expect((await run(xml(), { state, answer })).result.response.body).toBe("s200");
  });
  it("a hit when policies follow cache-store is not emulated (APIM resumes after it)", async () => {
    const state = freshState(0);
    const text = policies({
      inbound: `<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" />`,
      outbound: `<cache-store duration="30" /><set-header name="X" exists-action="override"><value>1</value></set-header>`,
    });
    await run(text, { state });
    await expect(run(text, { state })).rejects.toThrow(
      /not emulated: cache-lookup hit when cache-store has policies after it/,
    );
  });
});

describe("check-header", () => {
  const xml = (values: string, extra = "") =>
    policies({
      inbound: `<check-header name="X-Key" failed-check-httpcode="401" failed-check-error-message="Bad key" ignore-case="true"${extra}>${values}</check-header>`,
    });
  const req = (h?: Record<string, string>) => ({
    method: "GET",
    url: "https://apim.example.com/api/items",
    headers: h,
  });
  it("passes a listed value (ignore-case)", async () => {
    const { result } = await run(xml("<value>ABC</value><value>def</value>"), { request: req({ "X-Key": "abc" }) });
    expect(result.response.status).toBe(200);
    expect(result.backend).not.toBeNull();
  });
  it.each([
    ["absent", undefined, "HeaderNotFound"],
    ["a value not listed", { "X-Key": "zzz" }, "HeaderValueNotAllowed"],
  ])("refuses %s with the code, the message and the reason", async (_n, headers, reason) => {
    const { result } = await run(xml("<value>abc</value>"), { request: req(headers) });
    expect(result.response.status).toBe(401);
    expect(JSON.parse(result.response.body ?? "")).toEqual({ statusCode: 401, message: "Bad key" });
    expect(result.lastError).toMatchObject({ Reason: reason, Message: "Bad key", Source: "check-header" });
    expect(result.backend).toBeNull();
  });
  it("[U] compares each header line whole (a comma list is one value)", async () => {
    const { result } = await run(xml("<value>abc</value>"), { request: req({ "X-Key": "abc, def" }) });
    expect(result.lastError?.Reason).toBe("HeaderValueNotAllowed");
  });
  it("without <value> only presence counts", async () => {
    const { result } = await run(xml(""), { request: req({ "X-Key": "anything" }) });
    expect(result.response.status).toBe(200);
  });
});

describe("ip-filter", () => {
  const xml = (action: string) =>
    policies({
      inbound: `<ip-filter action="${action}"><address>10.0.0.7</address><address-range from="192.168.1.0" to="192.168.1.255" /><address-range from="2001:db8::" to="2001:db8::ffff" /></ip-filter>`,
    });
  const from = (ip: string) => ({
    request: { method: "GET", url: "https://apim.example.com/api/items", ipAddress: ip },
  });
  it.each([
    ["allow", "10.0.0.7", 200],
    ["allow", "192.168.1.200", 200],
    ["allow", "::ffff:192.168.1.3", 200],
    ["allow", "2001:db8::1:0", 403],
    ["allow", "2001:0db8:0000::00ab", 200],
    ["allow", "10.0.0.8", 403],
    ["forbid", "10.0.0.7", 403],
    ["forbid", "10.0.0.8", 200],
  ])("%s %s -> %i", async (action, ip, status) => {
    const { result } = await run(xml(action), from(ip));
    expect(result.response.status).toBe(status);
    if (status === 403) {
      expect(JSON.parse(result.response.body ?? "")).toEqual({ statusCode: 403, message: "Forbidden" });
      expect(result.lastError?.Reason).toBe(action === "allow" ? "CallerIpNotAllowed" : "CallerIpBlocked");
      expect(result.lastError?.Message).toBe(`Caller IP address ${ip} is not allowed. Access denied.`);
    }
  });
  it("an unparseable caller IP fails with FailedToParseCallerIP", async () => {
    const { result } = await run(xml("allow"), from("not-an-ip"));
    expect(result.lastError?.Reason).toBe("FailedToParseCallerIP");
  });
});
