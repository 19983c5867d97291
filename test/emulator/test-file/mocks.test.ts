import { describe, expect, it } from "vitest";
import type { OutboundRequest } from "../../../src/emulator/api.js";
import { MockNetwork, UnmatchedCall, wildcardMatch } from "../../../src/emulator/test-file/mocks.js";

const call = (method: string, url: string): OutboundRequest => ({ method, url, headers: {}, body: undefined });

describe("wildcardMatch", () => {
  it.each([
    ["https://login.microsoftonline.com/*", "https://login.microsoftonline.com/t/oauth2/v2.0/token", true],
    ["https://login.microsoftonline.com/*", "https://login.microsoftonline.com/", true],
    ["https://login.microsoftonline.com/*", "https://evil.example/https://login.microsoftonline.com/x", false],
    ["https://a.example/x?q=1", "https://a.example/x?q=1", true],
    ["https://a.example/x?q=1", "https://a.example/xyq=1", false],
    ["https://*.example/*/token", "https://b.example/t/token", true],
    ["https://a.example/x", "https://a.example/x/more", false],
  ])("%s ~ %s: %s", (pattern, url, want) => {
    expect(wildcardMatch(pattern, url)).toBe(want);
  });
});

describe("MockNetwork", () => {
  it("answers with the first matching mock of the narrowest layer, JSON bodies with their Content-Type", async () => {
    const net = new MockNetwork();
    net.use([
      { http: [{ method: "post", url: "https://x/*", response: { status: 201, body: { ok: true } } }] },
      { http: [{ url: "https://x/*", response: { body: "outer" } }] },
    ]);
    const first = await net.handler(call("POST", "https://x/a"), "send-request");
    expect(first).toEqual({ status: 201, headers: { "Content-Type": "application/json" }, body: '{"ok":true}' });
    const second = await net.handler(call("GET", "https://x/a"), "send-request");
    expect(second).toEqual({ status: 200, headers: {}, body: "outer" });
    expect(net.calls.map((c) => c.response.status)).toEqual([201, 200]);
  });

  it("keeps a Content-Type the mock names, and sends a string body as written", async () => {
    const net = new MockNetwork();
    net.use([
      {
        http: [
          { url: "https://x/j", response: { headers: { "content-type": "application/problem+json" }, body: [1] } },
        ],
      },
      { http: [{ url: "https://x/s", response: { body: '{"as":"is"}' } }] },
    ]);
    expect(await net.handler(call("GET", "https://x/j"), "send-request")).toEqual({
      status: 200,
      headers: { "content-type": "application/problem+json" },
      body: "[1]",
    });
    expect((await net.handler(call("GET", "https://x/s"), "send-request")).headers).toEqual({});
  });

  it("lets a mock with times answer that many calls, then the next one answers", async () => {
    const net = new MockNetwork();
    net.use([
      {
        http: [
          { url: "https://x/*", times: 1, response: { status: 500 } },
          { url: "https://x/*", response: { status: 200 } },
        ],
      },
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await net.handler(call("GET", "https://x/a"), "send-request")).status);
    expect(statuses).toEqual([500, 200, 200]);
  });

  it("answers forward-request with the backend mock, else an http mock of its URL", async () => {
    const net = new MockNetwork();
    net.use([{ http: [{ url: "https://backend/*", response: { status: 204 } }] }, { backend: { status: 202 } }]);
    expect((await net.handler(call("GET", "https://backend/a"), "backend")).status).toBe(202);
    net.use([{ http: [{ url: "https://backend/*", response: { status: 204 } }] }]);
    expect((await net.handler(call("GET", "https://backend/a"), "backend")).status).toBe(204);
  });

  it("records a call no mock answers and names it (never a made-up 404)", async () => {
    const net = new MockNetwork();
    net.use([{ backend: { status: 200 } }]);
    await expect(net.handler(call("POST", "https://login.example/token"), "send-request")).rejects.toBeInstanceOf(
      UnmatchedCall,
    );
    expect(net.unmatched.map((u) => u.message)).toEqual([
      "no mock answers the send-request call POST https://login.example/token",
    ]);
  });

  it("hands what no mock answers to the user's own handler", async () => {
    const net = new MockNetwork(async (req) => ({ status: 299, body: req.url }));
    net.use([]);
    expect(await net.handler(call("GET", "https://anything/"), "metadata")).toEqual({
      status: 299,
      body: "https://anything/",
    });
    expect(net.unmatched).toEqual([]);
  });

  it("gives the nearest layer's managed identity token", () => {
    const net = new MockNetwork();
    net.use([{}, { managedIdentity: { "https://vault.azure.net": "t1" } }, { managedIdentity: "t0" }]);
    expect(net.managedIdentity()).toEqual({ "https://vault.azure.net": "t1" });
  });
});
