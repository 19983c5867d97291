import { describe, expect, it } from "vitest";
import { freshState } from "../../../src/emulator/gateway/emulate.js";
import { policies, run } from "./helpers.js";

const v = (s: string) => `<value>${s}</value>`;
const fail = () => {
  throw new Error("unreachable host");
};

describe("set-header", () => {
  const sent = {
    method: "GET",
    url: "https://apim.example.com/api/items",
    headers: { "X-Has": "old", "X-Gone": "bye" },
  };
  it.each([
    ["override", `<set-header name="x-has" exists-action="override">${v("new")}</set-header>`, { "X-Has": "new" }],
    [
      "override with several values",
      `<set-header name="X-Two" exists-action="override">${v("a")}${v("b")}</set-header>`,
      { "X-Two": ["a", "b"] },
    ],
    ["override is the default", `<set-header name="X-Has">${v("new")}</set-header>`, { "X-Has": "new" }],
    [
      "skip keeps an existing value",
      `<set-header name="X-Has" exists-action="skip">${v("new")}</set-header>`,
      { "X-Has": "old" },
    ],
    [
      "skip sets a missing one",
      `<set-header name="X-New" exists-action="skip">${v("n")}</set-header>`,
      { "X-New": "n" },
    ],
    [
      "append",
      `<set-header name="X-Has" exists-action="append">${v("more")}</set-header>`,
      { "X-Has": ["old", "more"] },
    ],
    ["delete (names ignore case)", `<set-header name="x-gone" exists-action="delete" />`, { "X-Gone": undefined }],
    [
      "expression value",
      `<set-header name="X-M" exists-action="override">${v("@(context.Request.Method.ToLower())")}</set-header>`,
      { "X-M": "get" },
    ],
    [
      "named value",
      `<set-header name="X-N" exists-action="override">${v("{{tenant}}-x")}</set-header>`,
      { "X-N": "t1-x" },
    ],
  ])("inbound: %s", async (_name, xml, expected) => {
    const { calls } = await run(policies({ inbound: xml }), { request: sent, namedValues: { tenant: "t1" } });
    for (const [k, val] of Object.entries(expected)) expect(calls[0]?.request.headers[k]).toEqual(val);
  });

  it("outbound sets response headers", async () => {
    const { result } = await run(
      policies({ outbound: `<set-header name="X-Out" exists-action="override">${v("1")}</set-header>` }),
      {
        answer: () => ({ status: 200, headers: { "X-Out": "backend" } }),
      },
    );
    expect(result.response.headers).toEqual({ "X-Out": "1" });
  });

  it("fails on a missing named value, naming it and its place", async () => {
    await expect(run(policies({ inbound: `<set-header name="A">${v("{{nope}}")}</set-header>` }))).rejects.toThrow(
      /named value \{\{nope\}\} at policy.xml:2:\d+ is not given/,
    );
  });
});

describe("set-query-parameter", () => {
  const sent = { method: "GET", url: "https://apim.example.com/api/items?a=1&b=2" };
  it.each([
    ["override", `<set-query-parameter name="a" exists-action="override">${v("9")}</set-query-parameter>`, "?b=2&a=9"],
    ["skip", `<set-query-parameter name="a" exists-action="skip">${v("9")}</set-query-parameter>`, "?a=1&b=2"],
    ["append", `<set-query-parameter name="a" exists-action="append">${v("9")}</set-query-parameter>`, "?a=1&b=2&a=9"],
    ["delete", `<set-query-parameter name="a" exists-action="delete" />`, "?b=2"],
    ["new", `<set-query-parameter name="c">${v("x y")}</set-query-parameter>`, "?a=1&b=2&c=x%20y"],
  ])("%s", async (_n, xml, query) => {
    const { calls } = await run(policies({ inbound: xml }), { request: sent });
    expect(calls[0]?.request.url).toBe(`https://backend.example.com/base/items${query}`);
  });

  it("fails on an exists-action APIM does not know", async () => {
    await expect(
      run(
        policies({ inbound: `<set-query-parameter name="a" exists-action="replace">${v("1")}</set-query-parameter>` }),
      ),
    ).rejects.toThrow(/exists-action="replace"/);
  });
});

describe("set-variable", () => {
  it("stores an expression's value as is and a literal as a string (§4)", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="n" value="@(40 + 2)" /><set-variable name="s" value="42" /><set-variable name="t" value="@(context.Variables[&quot;n&quot;] is int)" />`,
        backend: "",
      }),
    );
    expect(result.variables).toEqual({ n: 42, s: "42", t: true });
  });

  it("a failing expression is ExpressionValueEvaluationFailure", async () => {
    const { result } = await run(
      policies({ inbound: `<set-variable name="n" value="@(((string)null).Length)" />`, backend: "", onError: "" }),
    );
    expect(result.lastError).toMatchObject({ Source: "set-variable", Reason: "ExpressionValueEvaluationFailure" });
    expect(result.variables).toEqual({});
  });
});

describe("set-body", () => {
  it("sets literal text and expression text; a later set-body wins; the new body is readable", async () => {
    const { calls, result } = await run(
      policies({
        inbound: `<set-body>first</set-body><set-body>@("second:" + context.Request.Method)</set-body><set-variable name="b" value="@(context.Request.Body.As&lt;string&gt;(true))" />`,
      }),
      { request: { method: "POST", url: "https://apim.example.com/api/items", body: "original" } },
    );
    expect(calls[0]?.request.body).toBe("second:POST");
    expect(result.variables.b).toBe("second:POST");
  });

  it("after a preserving read, set-body's new body is what is sent (§6)", async () => {
    const { calls } = await run(
      policies({
        inbound: `<set-body>@(context.Request.Body.As&lt;string&gt;(preserveContent: true).ToUpper())</set-body>`,
      }),
      { request: { method: "POST", url: "https://apim.example.com/api/items", body: "abc" } },
    );
    expect(calls[0]?.request.body).toBe("ABC");
  });

  it("outbound sets the response body", async () => {
    const { result } = await run(policies({ outbound: `<set-body>replaced</set-body>` }), {
      answer: () => ({ status: 200, body: "backend" }),
    });
    expect(result.response.body).toBe("replaced");
  });

  it("Liquid: body (JSON) and context bindings, PascalCase filters mapped to liquidjs", async () => {
    const template = `{"name": "{{body.name | Upcase}}", "method": "{{context.Request.Method}}", "host": "{{context.Request.OriginalUrl.Host}}", "n": {{body.items | Size}}, "h": "{{context.Request.Headers.X-Id}}"}`;
    const { calls } = await run(policies({ inbound: `<set-body template="liquid">${template}</set-body>` }), {
      request: {
        method: "POST",
        url: "https://apim.example.com/api/items",
        headers: { "Content-Type": "application/json", "X-Id": "7" },
        body: '{"name":"ada","items":[1,2,3]}',
      },
    });
    expect(JSON.parse(calls[0]?.request.body ?? "")).toEqual({
      name: "ADA",
      method: "POST",
      host: "apim.example.com",
      n: 3,
      h: "7",
    });
  });

  it("Liquid: the Date filter (C# formats) is not emulated", async () => {
    await expect(
      run(policies({ inbound: `<set-body template="liquid">{{ "now" | Date: "yyyy" }}</set-body>` })),
    ).rejects.toThrow(/not emulated: Liquid filter Date/);
  });

  it("Liquid: an unknown filter stops the run", async () => {
    await expect(
      run(policies({ inbound: `<set-body template="liquid">{{ "x" | NoSuchFilter }}</set-body>` })),
    ).rejects.toThrow(/NoSuchFilter/);
  });
});

describe("set-status and set-method", () => {
  it("set-status sets the response status and reason (default reason from the code)", async () => {
    const { result } = await run(policies({ outbound: `<set-status code="@(201)" />` }));
    expect(result.response).toMatchObject({ status: 201, reason: "Created" });
  });

  it("set-status refuses a code that is not an HTTP status", async () => {
    await expect(run(policies({ outbound: `<set-status code="1000" reason="x" />` }))).rejects.toThrow(
      /set-status code/,
    );
  });

  it("set-method changes the backend request's method", async () => {
    const { calls } = await run(policies({ inbound: `<set-method>DELETE</set-method>` }));
    expect(calls[0]?.request.method).toBe("DELETE");
  });

  it("set-method without a verb stops the run", async () => {
    await expect(run(policies({ inbound: `<set-method></set-method>` }))).rejects.toThrow(
      /set-method without a method/,
    );
  });
});

describe("rewrite-uri (docs example: template /get?a={b}, request /get?a=b&c=d, rewrite /put)", () => {
  const opts = {
    request: { method: "GET", url: "https://apim.example.com/api/get?a=b&c=d" },
    context: {
      api: { path: "api", serviceUrl: "https://backend.example.com" },
      operation: { urlTemplate: "/get?a={b}" },
    },
  };
  it("copy-unmatched-params defaults to true (docs; the XSD says false) [U]: /put?c=d", async () => {
    const { calls, result } = await run(policies({ inbound: `<rewrite-uri template="/put" />` }), opts);
    expect(calls[0]?.request.url).toBe("https://backend.example.com/put?c=d");
    expect(result.assumptions).toContain(
      "rewrite-uri copy-unmatched-params defaults to true (docs; the XSD says false)",
    );
  });
  it("copy-unmatched-params=false: /put", async () => {
    const { calls } = await run(
      policies({ inbound: `<rewrite-uri template="/put" copy-unmatched-params="false" />` }),
      opts,
    );
    expect(calls[0]?.request.url).toBe("https://backend.example.com/put");
  });
  it("fills {name} from the matched parameters", async () => {
    const { calls } = await run(policies({ inbound: `<rewrite-uri template="/v2/items/{id}?full=1" />` }), {
      request: { method: "GET", url: "https://apim.example.com/api/items/42" },
      context: {
        api: { path: "api", serviceUrl: "https://backend.example.com/root" },
        operation: { urlTemplate: "/items/{id}" },
      },
    });
    expect(calls[0]?.request.url).toBe("https://backend.example.com/root/v2/items/42?full=1");
  });
  it("fails on a placeholder that is not a matched parameter", async () => {
    await expect(run(policies({ inbound: `<rewrite-uri template="/x/{nope}" />` }), opts)).rejects.toThrow(/\{nope\}/);
  });
});

describe("set-backend-service and forward-request", () => {
  it("base-url changes where the request goes; the API-relative path and query stay", async () => {
    const { calls } = await run(
      policies({ inbound: `<set-backend-service base-url="https://other.example.com/v2" />` }),
    );
    expect(calls[0]?.request.url).toBe("https://other.example.com/v2/items?x=1");
    expect(calls[0]?.kind).toBe("backend");
  });
  it("backend-id resolves from context.backends", async () => {
    const { calls } = await run(policies({ inbound: `<set-backend-service backend-id="orders" />` }), {
      context: { api: { path: "api" }, backends: { orders: { url: "https://orders.example.com" } } },
    });
    expect(calls[0]?.request.url).toBe("https://orders.example.com/items?x=1");
  });
  it("an unknown backend-id is NotEmulated", async () => {
    await expect(run(policies({ inbound: `<set-backend-service backend-id="nope" />` }))).rejects.toThrow(
      /not emulated: set-backend-service backend-id="nope" \(give context.backends.nope\) at policy.xml:2:/,
    );
  });
  it("forward-request sends method, headers and body, and the answer becomes context.Response", async () => {
    const { calls, result } = await run(
      policies({ outbound: `<set-variable name="s" value="@(context.Response.StatusCode)" />` }),
      {
        request: { method: "PUT", url: "https://apim.example.com/api/items", headers: { A: "1" }, body: "b" },
        answer: () => ({ status: 207, body: "multi" }),
      },
    );
    expect(result.backend).toEqual({
      method: "PUT",
      url: "https://backend.example.com/base/items",
      headers: { A: "1" },
      body: "b",
    });
    expect(calls).toHaveLength(1);
    expect(result.variables.s).toBe(207);
  });
  it("a redirect is the response by default; follow-redirects=true on a redirect is NotEmulated", async () => {
    const answer = () => ({ status: 302, headers: { Location: "https://elsewhere.example.com" } });
    const { result } = await run(policies({}), { answer });
    expect(result.response.status).toBe(302);
    await expect(run(policies({ backend: `<forward-request follow-redirects="true" />` }), { answer })).rejects.toThrow(
      /not emulated: forward-request follow-redirects of a redirect at policy.xml:3:/,
    );
  });
  it("a timeout is LastError Reason Timeout", async () => {
    const { result } = await run(policies({ backend: `<forward-request timeout="5" />`, onError: "" }), {
      answer: () => {
        throw Object.assign(new Error("slow"), { name: "TimeoutError" });
      },
    });
    expect(result.lastError).toMatchObject({ Reason: "Timeout", Source: "forward-request" });
    expect(result.response.status).toBe(504);
  });
  it("no service URL is a setup error naming the fix", async () => {
    await expect(run(policies({}), { context: { api: { path: "api" } } })).rejects.toThrow(
      /no backend URL \(give context.api.serviceUrl/,
    );
  });
});

describe("send-request and send-one-way-request", () => {
  const sendXml = (attrs: string) => `<send-request mode="new" response-variable-name="r" ${attrs}>
      <set-url>https://token.example.com/t?x=1</set-url>
      <set-method>POST</set-method>
      <set-header name="Content-Type" exists-action="override"><value>application/json</value></set-header>
      <set-body>@("{\\"m\\":\\"" + context.Request.Method + "\\"}")</set-body>
    </send-request>`;
  it("sends the request it describes and stores an IResponse", async () => {
    const { result } = await run(
      policies({
        inbound: `${sendXml("")}<set-variable name="s" value="@(((IResponse)context.Variables[&quot;r&quot;]).StatusCode)" /><set-variable name="b" value="@(((IResponse)context.Variables[&quot;r&quot;]).Body.As&lt;string&gt;())" />`,
        backend: "",
      }),
      { answer: (_r, kind) => (kind === "send-request" ? { status: 201, body: "tok" } : { status: 500 }) },
    );
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: "https://token.example.com/t?x=1",
        headers: { "Content-Type": "application/json" },
        body: '{"m":"GET"}',
      },
    ]);
    expect(result.variables).toMatchObject({ s: 201, b: "tok" });
  });
  it("a 4xx answer is a normal response, not an error [U]", async () => {
    const { result } = await run(policies({ inbound: sendXml(""), backend: "" }), { answer: () => ({ status: 404 }) });
    expect(result.lastError).toBeUndefined();
  });
  it("ignore-error=true stores null when the call fails", async () => {
    const { result } = await run(
      policies({
        inbound: `${sendXml('ignore-error="true"')}<set-variable name="n" value="@(context.Variables[&quot;r&quot;] == null)" />`,
        backend: "",
      }),
      {
        answer: fail,
      },
    );
    expect(result.variables.n).toBe(true);
  });
  it("without ignore-error a failed call goes to on-error", async () => {
    const { result } = await run(policies({ inbound: sendXml(""), backend: "", onError: "" }), { answer: fail });
    expect(result.lastError).toMatchObject({
      Source: "send-request",
      Reason: "BackendConnectionFailure",
      Section: "inbound",
    });
  });
  it("mode=copy copies the current request's method, URL, headers and body", async () => {
    const { result } = await run(
      policies({ inbound: `<send-request mode="copy" response-variable-name="r" />`, backend: "" }),
      {
        request: { method: "POST", url: "https://apim.example.com/api/items", headers: { A: "1" }, body: "b" },
      },
    );
    expect(result.requests[0]).toEqual({
      method: "POST",
      url: "https://backend.example.com/base/items",
      headers: { A: "1" },
      body: "b",
    });
  });
  it("send-one-way-request is recorded and its failure is not an error", async () => {
    const { result } = await run(
      policies({
        inbound: `<send-one-way-request mode="new"><set-url>https://log.example.com</set-url><set-method>PUT</set-method></send-one-way-request>`,
        backend: "",
      }),
      { answer: fail },
    );
    expect(result.requests.map((r) => r.method)).toEqual(["PUT"]);
    expect(result.lastError).toBeUndefined();
  });
  it("an authentication-managed-identity child puts the token on that request", async () => {
    const { result } = await run(
      policies({
        inbound: `<send-request response-variable-name="r"><set-url>https://vault.example.com/s</set-url><authentication-managed-identity resource="https://vault.azure.net" /></send-request>`,
        backend: "",
      }),
      { managedIdentity: "mi-token" },
    );
    expect(result.requests[0]?.headers).toEqual({ Authorization: "Bearer mi-token" });
  });
  it("a child it does not know is NotEmulated", async () => {
    await expect(
      run(
        policies({
          inbound: `<send-request response-variable-name="r"><set-url>https://a.example.com</set-url><proxy url="http://p" /></send-request>`,
        }),
      ),
    ).rejects.toThrow(/not emulated: send-request child <proxy>/);
  });
});

describe("return-response", () => {
  it("answers from a send-request response held in a variable, modified by its children", async () => {
    const { result } = await run(
      policies({
        inbound: `<send-request response-variable-name="r"><set-url>https://a.example.com</set-url></send-request><return-response response-variable-name="r"><set-header name="X" exists-action="override"><value>1</value></set-header></return-response>`,
      }),
      { answer: () => ({ status: 202, headers: { Y: "2" }, body: "from a" }) },
    );
    expect(result.response).toEqual({ status: 202, reason: "Accepted", headers: { Y: "2", X: "1" }, body: "from a" });
    expect(result.backend).toBeNull();
  });
  it("in on-error it sets what the client gets", async () => {
    const { result } = await run(
      policies({ onError: `<return-response><set-status code="502" reason="Upstream" /></return-response>` }),
      { answer: fail },
    );
    expect(result.response).toMatchObject({ status: 502, reason: "Upstream" });
  });
});

describe("choose", () => {
  const choose = `<choose>
      <when condition="@(context.Request.Method == &quot;POST&quot;)"><set-variable name="w" value="post" /></when>
      <when condition="@(context.Request.Method == &quot;GET&quot;)"><set-variable name="w" value="get" /></when>
      <when condition="@(context.Request.Method.Length == 3)"><set-variable name="w" value="never" /></when>
      <otherwise><set-variable name="w" value="other" /></otherwise>
    </choose>`;
  it.each([
    ["POST", "post"],
    ["GET", "get"],
    ["PUT", "never"],
    ["DELETE", "other"],
  ])("%s runs the first true branch", async (method, expected) => {
    const { result, events } = await run(policies({ inbound: choose, backend: "" }), {
      request: { method, url: "https://apim.example.com/api/x" },
    });
    expect(result.variables.w).toBe(expected);
    expect(events.filter((e) => e.policy === "when").map((e) => e.message)).toHaveLength(1);
  });
  it("a condition that is not a bool is an expression failure", async () => {
    const { result } = await run(
      policies({
        inbound: `<choose><when condition="@(&quot;true&quot;)"><set-variable name="w" value="x" /></when></choose>`,
        backend: "",
        onError: "",
      }),
    );
    expect(result.lastError).toMatchObject({ Source: "choose", Reason: "ExpressionValueEvaluationFailure" });
  });
});

describe("retry", () => {
  const retry = (attrs: string) =>
    `<set-variable name="n" value="@(0)" /><retry condition="@((int)context.Variables[&quot;n&quot;] &lt; 3)" ${attrs}><set-variable name="n" value="@((int)context.Variables[&quot;n&quot;] + 1)" /></retry>`;
  it("runs the children, then again while the condition holds (evaluated after each run); waits on the emulated clock", async () => {
    const state = freshState(0);
    const { result } = await run(policies({ inbound: retry(`count="10" interval="2"`), backend: "" }), { state });
    expect(result.variables.n).toBe(3);
    expect(state.now).toBe(4000);
  });
  it("stops after count retries", async () => {
    const { result } = await run(policies({ inbound: retry(`count="1" interval="0"`), backend: "" }));
    expect(result.variables.n).toBe(2);
  });
  it("first-fast-retry makes the first wait 0; delta makes it linear", async () => {
    const state = freshState(0);
    await run(policies({ inbound: retry(`count="5" interval="1" delta="2" first-fast-retry="true"`), backend: "" }), {
      state,
    });
    // waits: 0 (fast), then 1 + 1*2 = 3
    expect(state.now).toBe(3000);
  });
  it("needs count and interval", async () => {
    await expect(
      run(policies({ inbound: `<retry condition="true"><set-variable name="a" value="1" /></retry>` })),
    ).rejects.toThrow(/retry needs count and interval/);
  });
});

describe("wait, limit-concurrency, include-fragment", () => {
  it("wait runs its children in order", async () => {
    const { result } = await run(
      policies({
        inbound: `<wait for="any"><set-variable name="a" value="1" /><set-variable name="b" value="2" /></wait>`,
        backend: "",
      }),
    );
    expect(result.variables).toEqual({ a: "1", b: "2" });
  });
  it("limit-concurrency runs its children and counts in the state", async () => {
    const state = freshState(0);
    const { result } = await run(
      policies({
        inbound: `<limit-concurrency key="k" max-count="1"><set-variable name="a" value="1" /></limit-concurrency>`,
        backend: "",
      }),
      { state },
    );
    expect(result.variables.a).toBe("1");
    expect(state.counters.get("limit-concurrency:k")).toBe(0);
  });
  it("limit-concurrency above max-count is a 429", async () => {
    const { result } = await run(
      policies({
        inbound: `<limit-concurrency key="k" max-count="0"><set-variable name="a" value="1" /></limit-concurrency>`,
        backend: "",
        onError: "",
      }),
    );
    expect(result.response.status).toBe(429);
  });
  it("a fragment runs where it is included, its scope named in the trace", async () => {
    const { result, events } = await run(
      policies({ inbound: `<include-fragment fragment-id="common" />`, backend: "" }),
      {
        fragments: {
          common: { file: "common.xml", text: `<fragment><set-variable name="f" value="yes" /></fragment>` },
        },
      },
    );
    expect(result.variables.f).toBe("yes");
    expect(events.find((e) => e.policy === "set-variable")).toMatchObject({
      scope: "fragment:common",
      at: "common.xml:1:11",
    });
  });
  it("a missing fragment stops the run", async () => {
    await expect(run(policies({ inbound: `<include-fragment fragment-id="nope" />` }))).rejects.toThrow(
      /fragment 'nope' not found/,
    );
  });
});

describe("trace, log-to-eventhub, emit-metric", () => {
  it("are captured", async () => {
    const { result } = await run(
      policies({
        inbound: `<trace source="src" severity="information"><message>@("m:" + context.Request.Method)</message><metadata name="k" value="v" /></trace>
          <log-to-eventhub logger-id="lg" partition-key="@(&quot;pk&quot;)">hello</log-to-eventhub>
          <emit-metric name="calls" value="@(2.5)"><dimension name="api" value="x" /></emit-metric>`,
        backend: "",
      }),
    );
    expect(result.captured).toEqual({
      trace: [{ source: "src", severity: "information", message: "m:GET", metadata: { k: "v" } }],
      eventhub: [{ loggerId: "lg", partitionKey: "pk", message: "hello" }],
      metrics: [{ name: "calls", namespace: "API Management", value: 2.5, dimensions: { api: "x" } }],
    });
  });
  it("trace without a source stops the run", async () => {
    await expect(run(policies({ inbound: `<trace><message>x</message></trace>` }))).rejects.toThrow(
      /trace needs a source/,
    );
  });
});

describe("find-and-replace, json-to-xml, xml-to-json", () => {
  it("find-and-replace replaces every occurrence in the response body", async () => {
    const { result } = await run(policies({ outbound: `<find-and-replace from="a" to="o" />` }), {
      answer: () => ({ status: 200, body: "banana" }),
    });
    expect(result.response.body).toBe("bonono");
  });
  it("find-and-replace needs a from", async () => {
    await expect(run(policies({ outbound: `<find-and-replace from="" to="o" />` }))).rejects.toThrow(/non-empty from/);
  });
  it("json-to-xml (apply=always, consider-accept-header=false)", async () => {
    const { result } = await run(
      policies({ outbound: `<json-to-xml apply="always" consider-accept-header="false" />` }),
      {
        answer: () => ({ status: 200, body: '{"a":1,"b":[2,3],"c":{"d":"x<y"}}' }),
      },
    );
    expect(result.response.body).toBe("<Document><a>1</a><b>2</b><b>3</b><c><d>x&lt;y</d></c></Document>");
    expect(result.response.headers?.["Content-Type"]).toBe("application/xml");
  });
  it("json-to-xml parse-date: date strings are NotEmulated unless parse-date=false", async () => {
    const answer = () => ({ status: 200, body: '{"d":"2026-01-02T03:04:05Z"}' });
    await expect(
      run(policies({ outbound: `<json-to-xml apply="always" consider-accept-header="false" />` }), { answer }),
    ).rejects.toThrow(/not emulated: json-to-xml parse-date of a date string/);
    const { result } = await run(
      policies({ outbound: `<json-to-xml apply="always" consider-accept-header="false" parse-date="false" />` }),
      { answer },
    );
    expect(result.response.body).toBe("<Document><d>2026-01-02T03:04:05Z</d></Document>");
  });
  it("json-to-xml considers the Accept header by default", async () => {
    const { result } = await run(policies({ outbound: `<json-to-xml apply="always" />` }), {
      answer: () => ({ status: 200, body: "{}" }),
    });
    expect(result.response.body).toBe("{}");
  });
  it("json-to-xml options it does not handle are NotEmulated", async () => {
    await expect(run(policies({ outbound: `<json-to-xml apply="always" namespace-separator=":" />` }))).rejects.toThrow(
      /not emulated: json-to-xml namespace-separator/,
    );
  });
  it("xml-to-json javascript-friendly", async () => {
    const { result } = await run(
      policies({
        outbound: `<xml-to-json kind="javascript-friendly" apply="always" consider-accept-header="false" />`,
      }),
      {
        answer: () => ({ status: 200, body: "<r><a>1</a><a>2</a><b>x</b></r>" }),
      },
    );
    expect(JSON.parse(result.response.body ?? "")).toEqual({ r: { a: ["1", "2"], b: "x" } });
  });
  it("xml-to-json kind=direct is NotEmulated", async () => {
    await expect(run(policies({ outbound: `<xml-to-json kind="direct" apply="always" />` }))).rejects.toThrow(
      /not emulated: xml-to-json kind="direct"/,
    );
  });
});

describe("trace events", () => {
  it("redact JWTs in expression values and outbound calls", async () => {
    const jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig";
    const { events } = await run(
      policies({
        inbound: `<set-header name="Authorization" exists-action="override"><value>@("Bearer " + context.Request.Headers.GetValueOrDefault("X-T", ""))</value></set-header>`,
      }),
      { request: { method: "GET", url: `https://apim.example.com/api/items?t=${jwt}`, headers: { "X-T": jwt } } },
    );
    const text = JSON.stringify(events);
    expect(text).not.toContain("eyJzdWIiOiJ4In0");
    expect(text).toContain("eyJ…[redacted]");
    // The expression's own position: `@` at column 77 of line 2.
    expect(events.find((e) => e.policy === "expression")).toMatchObject({
      at: "policy.xml:2:77",
      message: '@("Bearer " + context.Request.Headers.GetValueOrDefault("X-T", "")) = Bearer eyJ…[redacted]',
    });
  });
});
