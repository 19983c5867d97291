// cors, rate-limit, rate-limit-by-key, quota and quota-by-key through the real emulate(), counters on the clock.
import { describe, expect, it } from "vitest";
import { freshState } from "../../../src/emulator/gateway/emulate.js";
import { policies, run } from "./helpers.js";

const URL = "https://apim.example.com/api/items";

describe("cors", () => {
  const xml = (attrs = "") =>
    policies({
      inbound: `<cors allow-credentials="true"${attrs}>
        <allowed-origins><origin>https://app.example.com</origin></allowed-origins>
        <allowed-methods preflight-result-max-age="300"><method>GET</method><method>PUT</method></allowed-methods>
        <allowed-headers><header>Content-Type</header><header>Authorization</header></allowed-headers>
        <expose-headers><header>X-Id</header></expose-headers>
      </cors>
      <set-variable name="after" value="ran" />`,
    });
  const preflight = (origin: string, method = "PUT", headers = "content-type") => ({
    request: {
      method: "OPTIONS",
      url: URL,
      headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers },
    },
  });
  it("answers an allowed preflight itself: nothing after cors runs, no backend", async () => {
    const { result } = await run(xml(), preflight("https://app.example.com:443"));
    expect(result.response.status).toBe(200);
    expect(result.response.headers).toMatchObject({
      "Access-Control-Allow-Origin": "https://app.example.com:443",
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Allow-Methods": "PUT",
      "Access-Control-Allow-Headers": "content-type",
      "Access-Control-Max-Age": "300",
    });
    expect(result.variables.after).toBeUndefined();
    expect(result.backend).toBeNull();
  });
  it("[U] an unmatched preflight gets an empty 200 by default (terminate-unmatched-request true)", async () => {
    const { result } = await run(xml(), preflight("https://evil.example.com"));
    expect(result.response.status).toBe(200);
    expect(result.response.headers?.["Access-Control-Allow-Origin"]).toBeUndefined();
    expect(result.backend).toBeNull();
    expect(result.assumptions).toContain("cors terminate-unmatched-request defaults to true");
  });
  it("with terminate-unmatched-request=false an unmatched preflight goes on without CORS headers", async () => {
    const { result } = await run(
      xml(` terminate-unmatched-request="false"`),
      preflight("https://app.example.com", "DELETE"),
    );
    expect(result.variables.after).toBe("ran");
    expect(result.backend).not.toBeNull();
    expect(result.response.headers?.["Access-Control-Allow-Origin"]).toBeUndefined();
  });
  it("an allowed actual request gets the headers on the backend's response", async () => {
    const { result } = await run(xml(), {
      request: { method: "GET", url: URL, headers: { Origin: "https://app.example.com" } },
      answer: () => ({ status: 201, headers: { "X-Id": "7" }, body: "ok" }),
    });
    expect(result.response.status).toBe(201);
    expect(result.response.headers).toMatchObject({
      "Access-Control-Allow-Origin": "https://app.example.com",
      "Access-Control-Expose-Headers": "X-Id",
    });
  });
  it("an unmatched simple GET gets an empty 200 (terminate-unmatched-request)", async () => {
    const { result } = await run(xml(), {
      request: { method: "GET", url: URL, headers: { Origin: "https://evil.example.com" } },
    });
    expect(result.backend).toBeNull();
    expect(result.response.status).toBe(200);
  });
});

describe("rate-limit-by-key", () => {
  const xml = (extra = "") =>
    policies({
      inbound: `<rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Request.IpAddress)"
        remaining-calls-variable-name="left" remaining-calls-header-name="X-Left" retry-after-variable-name="wait"${extra} />`,
    });
  it("sliding window on the emulated clock: the third call in 60 s gets 429 with Retry-After and the JSON body", async () => {
    const state = freshState(0);
    const first = await run(xml(), { state });
    expect(first.result.variables.left).toBe(1);
    expect(first.result.response.headers?.["X-Left"]).toBe("1");
    state.now += 20_000;
    await run(xml(), { state });
    state.now += 10_000;
    const third = await run(xml(), { state });
    expect(third.result.response.status).toBe(429);
    expect(third.result.response.headers?.["Retry-After"]).toBe("30");
    expect(JSON.parse(third.result.response.body ?? "")).toEqual({
      statusCode: 429,
      message: "Rate limit is exceeded. Try again in 30 seconds.",
    });
    expect(third.result.lastError).toMatchObject({ Reason: "RateLimitExceeded", Message: "Rate limit is exceeded" });
    expect(third.result.variables.wait).toBe(30);
    state.now += 30_000;
    expect((await run(xml(), { state })).result.response.status).toBe(200);
  });
  it("one counter per key value", async () => {
    const state = freshState(0);
    const from = (ip: string) => ({ state, request: { method: "GET", url: URL, ipAddress: ip } });
    await run(xml(), from("10.0.0.1"));
    await run(xml(), from("10.0.0.1"));
    expect((await run(xml(), from("10.0.0.2"))).result.response.status).toBe(200);
    expect((await run(xml(), from("10.0.0.1"))).result.response.status).toBe(429);
  });
  it("[U] increment-condition is evaluated on the final response: failed calls are not counted", async () => {
    const state = freshState(0);
    const cond = ` increment-condition="@(context.Response.StatusCode == 200)"`;
    for (let i = 0; i < 3; i++) await run(xml(cond), { state, answer: () => ({ status: 500 }) });
    const ok = await run(xml(cond), { state });
    expect(ok.result.response.status).toBe(200);
    expect(ok.result.assumptions).toContain("rate-limit-by-key increment-condition is evaluated on the final response");
    await run(xml(cond), { state });
    expect((await run(xml(cond), { state })).result.response.status).toBe(429);
  });
});

describe("rate-limit", () => {
  const xml = policies({
    inbound: `<rate-limit calls="1" renewal-period="10" total-calls-header-name="X-Total" />`,
  });
  const withKey = { method: "GET", url: URL, headers: { "Ocp-Apim-Subscription-Key": "k" } };
  it("per subscription: a second call within the period is refused", async () => {
    const state = freshState(0);
    const first = await run(xml, { state, request: withKey });
    expect(first.result.response.headers?.["X-Total"]).toBe("1");
    const second = await run(xml, { state, request: withKey });
    expect(second.result.response.status).toBe(429);
    state.now += 10_000;
    expect((await run(xml, { state, request: withKey })).result.response.status).toBe(200);
  });
  it("applies only when a subscription key is used", async () => {
    const state = freshState(0);
    await run(xml, { state });
    expect((await run(xml, { state })).result.response.status).toBe(200);
  });
});

describe("quota-by-key and quota", () => {
  const xml = (extra = "") =>
    policies({
      inbound: `<quota-by-key calls="2" renewal-period="3600" counter-key="k"${extra} />
        <quota-by-key calls="2" renewal-period="3600" counter-key="k"${extra} />`,
    });
  it("fixed period: 403 with Retry-After to the period's end; the same key counts once per request", async () => {
    const state = freshState(Date.UTC(2026, 0, 1, 10, 30, 0));
    await run(xml(), { state });
    expect((await run(xml(), { state })).result.response.status).toBe(200);
    const third = await run(xml(), { state });
    expect(third.result.response.status).toBe(403);
    expect(third.result.response.headers?.["Retry-After"]).toBe("1800");
    const message = "Out of call volume quota. Quota will be replenished in 00:30:00.";
    expect(JSON.parse(third.result.response.body ?? "")).toEqual({ statusCode: 403, message });
    expect(third.result.lastError).toMatchObject({ Reason: "QuotaExceeded", Message: message });
    state.now += 1_800_000;
    expect((await run(xml(), { state })).result.response.status).toBe(200);
  });
  it("bandwidth counts the bodies in KB once the response is final", async () => {
    const state = freshState(0);
    const bw = policies({ inbound: `<quota-by-key bandwidth="1" renewal-period="3600" counter-key="b" />` });
    const big = () => ({ status: 200, body: "x".repeat(2048) });
    expect((await run(bw, { state, answer: big })).result.response.status).toBe(200);
    const over = await run(bw, { state, answer: big });
    expect(over.result.response.status).toBe(403);
    expect(over.result.lastError?.Message).toMatch(/^Out of bandwidth quota\./);
  });
  it("quota is per subscription and nested <api> limits apply too", async () => {
    const state = freshState(0);
    const q = policies({
      inbound: `<quota calls="5" renewal-period="300"><api name="api" calls="1" renewal-period="300" /></quota>`,
    });
    const req = { method: "GET", url: URL, headers: { "Ocp-Apim-Subscription-Key": "k" } };
    await run(q, { state, request: req });
    expect((await run(q, { state, request: req })).result.response.status).toBe(403);
  });
});
