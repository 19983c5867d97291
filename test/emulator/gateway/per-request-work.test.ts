// What the gateway keeps between requests to be fast (compositions per texts, URL parses, named-value templates
// split once, positions per document, handlers that never wait) must never carry one request's answer into the
// next: each case runs requests that differ in one input and checks that the difference shows.
import { describe, expect, it } from "vitest";
import type { EmulateOptions, EmulateResult } from "../../../src/emulator/api.js";
import { emulate, freshState } from "../../../src/emulator/gateway/emulate.js";
import { HeaderMap, UrlModel } from "../../../src/emulator/gateway/message.js";
import { policies } from "./helpers.js";

const CLOCK = Date.UTC(2026, 5, 1, 12, 0, 0);

/** One request without a trace listener (the path the benchmark measures: no trace work at all). */
function request(text: string, extra: Partial<EmulateOptions> = {}): Promise<EmulateResult> {
  return emulate({
    policy: { file: "policy.xml", text },
    request: { method: "GET", url: "https://apim.example.com/api/items?x=1" },
    context: { api: { path: "api", serviceUrl: "https://backend.example.com/base" } },
    state: freshState(CLOCK),
    outbound: async () => ({ status: 200, body: "" }),
    ...extra,
  });
}

const echoHeader = (name: string, value: string) =>
  `<set-header name="${name}" exists-action="override"><value>${value}</value></set-header>`;

describe("compositions found by their texts", () => {
  const own = policies({ inbound: `<base />${echoHeader("X-Own", "own")}` });
  const scope = (v: string) => ({ file: "api.xml", text: policies({ inbound: echoHeader("X-Scope", v) }) });

  it("the same policy text composes anew with another scope text, or none", async () => {
    const seen: Array<string | string[] | undefined> = [];
    for (const scopes of [{ api: scope("a") }, { api: scope("b") }, {}, { api: scope("a") }]) {
      const r = await request(own, {
        scopes,
        outbound: async (req) => {
          seen.push(req.headers["X-Scope"]);
          return { status: 200, body: "" };
        },
      });
      expect(r.response.status).toBe(200);
    }
    expect(seen).toEqual(["a", "b", undefined, "a"]);
  });

  it("a text seen again after many others (past the cache's bound) still runs its own policy", async () => {
    const header = async (text: string) => {
      let got: string | string[] | undefined;
      await request(text, {
        outbound: async (req) => {
          got = req.headers["X-N"];
          return { status: 200, body: "" };
        },
      });
      return got;
    };
    const texts = Array.from({ length: 70 }, (_, i) => policies({ inbound: echoHeader("X-N", String(i)) }));
    for (const [i, t] of texts.entries()) expect(await header(t)).toBe(String(i));
    expect(await header(texts[0] as string)).toBe("0");
    expect(await header(texts[69] as string)).toBe("69");
  });

  it("the same text under another file name reports positions in that file", async () => {
    const text = policies({ inbound: `<set-variable name="v" value="@(1 / int.Parse("0"))" />` });
    for (const file of ["one.xml", "two.xml"]) {
      const at: string[] = [];
      const r = await emulate({
        policy: { file, text },
        request: { method: "GET", url: "https://apim.example.com/items" },
        state: freshState(CLOCK),
        outbound: async () => ({ status: 200, body: "" }),
        trace: (e) => {
          if (e.message.startsWith("error")) at.push(e.at);
        },
      });
      expect(r.lastError?.Reason).toBe("ExpressionValueEvaluationFailure");
      expect(at).toEqual([`${file}:2:12`]);
    }
  });
});

describe("named-value templates split once, substituted per request", () => {
  const text = policies({
    inbound: `<set-variable name="t" value="pre-{{a}}-mid-{{b}}{{a}}-post" /><set-variable name="u" value="{{b}}" />`,
  });

  it.each([
    [{ a: "1", b: "2" }, "pre-1-mid-21-post", "2"],
    [{ a: "x", b: "" }, "pre-x-mid-x-post", ""],
    [{ a: "$&", b: "$1" }, "pre-$&-mid-$1$&-post", "$1"],
  ])("namedValues %j -> %s", async (namedValues, t, u) => {
    const r = await request(text, { namedValues });
    expect(r.variables).toMatchObject({ t, u });
  });

  it("a named value the request does not give names itself and its position, every time", async () => {
    for (let i = 0; i < 2; i++)
      await expect(request(text, { namedValues: { a: "1" } })).rejects.toThrow(
        /named value \{\{b\}\} at policy\.xml:2:56 is not given/,
      );
  });
});

describe("URL parses kept per text", () => {
  it("each parse is a copy of its own: changing one leaves the next parse as the text says", () => {
    const a = UrlModel.parse("https://h.example.com/p/q?x=1&y=2");
    a.path = "/changed";
    a.query.push(["z", "3"]);
    (a.query[0] as [string, string])[1] = "changed";
    const b = UrlModel.parse("https://h.example.com/p/q?x=1&y=2");
    expect(b.toString()).toBe("https://h.example.com/p/q?x=1&y=2");
  });

  it("an invalid URL throws on every parse", () => {
    expect(() => UrlModel.parse("not a url")).toThrow();
    expect(() => UrlModel.parse("not a url")).toThrow();
  });

  it("set-backend-service and rewrite-uri on one request leave the next request's URLs alone", async () => {
    const text = policies({
      inbound: `<set-backend-service base-url="https://other.example.com/b" /><rewrite-uri template="/new?k=v" />`,
    });
    const urls: string[] = [];
    for (const q of ["x=1", "x=2"]) {
      const r = await request(text, { request: { method: "GET", url: `https://apim.example.com/api/items?${q}` } });
      urls.push(r.backend?.url ?? "");
    }
    expect(urls).toEqual(["https://other.example.com/b/new?k=v&x=1", "https://other.example.com/b/new?k=v&x=2"]);
  });
});

describe("handlers that never wait", () => {
  it("an error thrown at once by one goes to on-error with the element's LastError, inside a choose", async () => {
    const text = policies({
      inbound: `<choose><when condition="@(true)"><set-variable name="before" value="1" /><set-variable name="bad" value="@(((string)null).Length)" /><set-variable name="after" value="1" /></when></choose>`,
      onError: `<set-variable name="handled" value="@(context.LastError.Source)" />`,
    });
    const r = await request(text);
    expect(r.variables).toMatchObject({ before: "1", handled: "set-variable" });
    expect(r.variables).not.toHaveProperty("after");
    expect(r.lastError?.Path).toContain("set-variable");
  });

  it("statements that wait and statements that do not keep their order", async () => {
    const text = policies({
      inbound: `<set-variable name="a" value="1" /><send-request mode="new" response-variable-name="r" timeout="5"><set-url>https://x.example.com/</set-url></send-request><set-variable name="b" value="@(((IResponse)context.Variables["r"]).StatusCode + context.Variables.Count)" />`,
    });
    const r = await request(text, { outbound: async () => ({ status: 201, body: "" }) });
    // a, r set before b is evaluated: 201 + 2.
    expect(r.variables.b).toBe(203);
  });
});

describe("result variables", () => {
  it("a value without ToString is named by its type, a JSON token is its JSON, every request", async () => {
    const text = policies({
      inbound: `<send-request mode="new" response-variable-name="r" timeout="5"><set-url>https://x.example.com/</set-url></send-request><set-variable name="j" value="@(new JObject(new JProperty("a", 1)))" />`,
    });
    for (let i = 0; i < 2; i++) {
      const r = await request(text);
      expect(r.variables.r).toMatch(/^\[.*IResponse\]$/);
      expect(r.variables.j).toEqual({ a: 1 });
    }
  });
});

describe("positions per document", () => {
  it("two failing expressions of one document report their own lines, request after request", async () => {
    const text = `<policies>
  <inbound>
    <choose>
      <when condition="@(context.Request.Headers.ContainsKey(&quot;A&quot;))">
        <set-variable name="x" value="@(((string)null).Length)" />
      </when>
      <otherwise>
        <set-variable name="y" value="@(int.Parse(&quot;z&quot;))" />
      </otherwise>
    </choose>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;
    const paths: string[] = [];
    for (const headers of [{ A: "1" }, {}, { A: "1" }] as Array<Record<string, string>>) {
      const events: string[] = [];
      const r = await emulate({
        policy: { file: "p.xml", text },
        request: { method: "GET", url: "https://apim.example.com/items", headers },
        state: freshState(CLOCK),
        outbound: async () => ({ status: 200, body: "" }),
        trace: (e) => {
          if (e.message.startsWith("error")) events.push(e.at);
        },
      });
      paths.push(`${r.lastError?.Source} ${events.join(",")}`);
    }
    expect(paths).toEqual(["set-variable p.xml:5:9", "set-variable p.xml:8:9", "set-variable p.xml:5:9"]);
  });
});

describe("header names lower-cased once per name", () => {
  it("names in any case are one header, the first spelling kept, values in order", () => {
    for (let i = 0; i < 2; i++) {
      const h = HeaderMap.from({ "X-Multi": ["a", "b"], "Content-Type": "text/plain" });
      h.append("x-multi", "c");
      h.append("X-MULTI", ["d"]);
      h.set("CONTENT-TYPE", ["application/json"]);
      expect(h.get("x-MuLtI")).toEqual(["a", "b", "c", "d"]);
      expect(h.toHeaders()).toEqual({ "X-Multi": ["a", "b", "c", "d"], "Content-Type": "application/json" });
      h.delete("x-multi");
      expect(h.has("X-Multi")).toBe(false);
    }
  });

  it("more distinct names than the bound of the lower-case table still match", () => {
    const h = new HeaderMap();
    for (let i = 0; i < 1100; i++) h.set(`X-H${i}`, [String(i)]);
    expect(h.get("x-h0")).toEqual(["0"]);
    expect(h.get("X-H1099")).toEqual(["1099"]);
    expect(h.names()).toHaveLength(1100);
  });
});
