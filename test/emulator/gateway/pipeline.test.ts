import { describe, expect, it } from "vitest";
import { NotEmulated } from "../../../src/emulator/errors.js";
import { policies, run } from "./helpers.js";

describe("pipeline", () => {
  it("runs inbound, backend (the default global forward-request through <base />), outbound in order", async () => {
    const { result, calls, events } = await run(
      policies({
        inbound: `<set-header name="X-Step" exists-action="append"><value>inbound</value></set-header><base />`,
        outbound: `<base /><set-header name="X-Out" exists-action="override"><value>outbound</value></set-header>`,
      }),
      { answer: () => ({ status: 201, headers: { "X-Backend": "yes" }, body: "made" }) },
    );
    expect(calls.map((c) => c.kind)).toEqual(["backend"]);
    expect(calls[0]?.request.url).toBe("https://backend.example.com/base/items?x=1");
    expect(calls[0]?.request.headers["X-Step"]).toBe("inbound");
    expect(result.response).toMatchObject({
      status: 201,
      body: "made",
      headers: { "X-Backend": "yes", "X-Out": "outbound" },
    });
    const order = events.filter((e) => e.message === "run").map((e) => `${e.section}:${e.policy}`);
    expect(order).toEqual(["inbound:set-header", "backend:forward-request", "outbound:set-header"]);
    expect(events.find((e) => e.policy === "forward-request")?.scope).toBe("global");
  });

  it("scopes compose through <base /> where it stands; each element runs in its own scope", async () => {
    const global = policies({
      inbound: `<set-header name="X-Order" exists-action="append"><value>global</value></set-header>`,
      backend: "<forward-request />",
      outbound: `<set-header name="X-Out" exists-action="append"><value>global</value></set-header>`,
      onError: `<set-header name="X-Err" exists-action="append"><value>global</value></set-header>`,
    });
    const product = policies({
      inbound: `<base /><set-header name="X-Order" exists-action="append"><value>product</value></set-header>`,
    });
    const api = policies({
      inbound: `<set-header name="X-Order" exists-action="append"><value>api-before</value></set-header><base /><set-header name="X-Order" exists-action="append"><value>api-after</value></set-header>`,
      outbound: `<set-header name="X-Out" exists-action="append"><value>api</value></set-header><base />`,
    });
    const { calls, result, events } = await run(api, {
      scopes: { global: { file: "global.xml", text: global }, product: { file: "product.xml", text: product } },
    });
    expect(calls[0]?.request.headers["X-Order"]).toEqual(["api-before", "global", "product", "api-after"]);
    expect(result.response.headers?.["X-Out"]).toEqual(["api", "global"]);
    const scopes = events.filter((e) => e.message === "run").map((e) => `${e.section}:${e.scope}:${e.at}`);
    expect(scopes).toEqual([
      "inbound:api:policy.xml:2:12",
      "inbound:global:global.xml:2:12",
      "inbound:product:product.xml:2:20",
      "inbound:api:policy.xml:2:108",
      "backend:global:global.xml:3:12",
      "outbound:api:policy.xml:4:13",
      "outbound:global:global.xml:4:13",
    ]);
  });

  it("on-error composes through <base /> too", async () => {
    const global = policies({
      inbound: "",
      backend: "<forward-request />",
      outbound: "",
      onError: `<set-header name="X-Err" exists-action="append"><value>global</value></set-header>`,
    });
    const api = policies({
      onError: `<base /><set-header name="X-Err" exists-action="append"><value>api</value></set-header>`,
    });
    const { result } = await run(api, {
      scopes: { global: { file: "global.xml", text: global } },
      answer: () => {
        throw new Error("down");
      },
    });
    expect(result.response.headers?.["X-Err"]).toEqual(["global", "api"]);
    expect(result.lastError).toMatchObject({ Scope: "global", Source: "forward-request" });
  });

  it("without <base /> in backend nothing is sent and outbound runs on the default 200", async () => {
    const { result, calls } = await run(
      policies({ backend: "", outbound: `<set-status code="202" reason="Later" />` }),
    );
    expect(calls).toEqual([]);
    expect(result.backend).toBeNull();
    expect(result.response).toMatchObject({ status: 202, reason: "Later" });
  });

  it("return-response ends the pipeline: later inbound, backend and outbound do not run", async () => {
    const { result, calls, events } = await run(
      policies({
        inbound: `<return-response><set-status code="418" reason="Teapot" /><set-header name="A" exists-action="override"><value>1</value></set-header><set-body>short</set-body></return-response><set-header name="Never" exists-action="override"><value>x</value></set-header>`,
        outbound: `<set-header name="Never" exists-action="override"><value>x</value></set-header>`,
      }),
    );
    expect(calls).toEqual([]);
    expect(result.response).toEqual({ status: 418, reason: "Teapot", headers: { A: "1" }, body: "short" });
    expect(events.filter((e) => e.message === "run").map((e) => e.policy)).toEqual(["return-response"]);
    expect(result.assumptions.some((a) => a.startsWith("return-response ends the pipeline"))).toBe(true);
  });

  it("mock-response ends the pipeline with the status and content type and an empty body", async () => {
    const { result, calls } = await run(
      policies({ inbound: `<mock-response status-code="404" content-type="application/json" />` }),
    );
    expect(calls).toEqual([]);
    expect(result.response).toEqual({
      status: 404,
      reason: "Not Found",
      headers: { "Content-Type": "application/json" },
    });
  });

  it("an unknown policy stops the run, naming it with file:line:column", async () => {
    const text = policies({ inbound: `\n    <frobnicate />` });
    await expect(run(text)).rejects.toThrow(
      new NotEmulated("policy <frobnicate> (use --no-op frobnicate to skip it)", {
        file: "policy.xml",
        line: 3,
        column: 5,
      }).message,
    );
  });

  it("a policy in a section APIM does not allow it in stops the run (forward-request in inbound)", async () => {
    await expect(run(policies({ inbound: "<forward-request />" }))).rejects.toThrow(
      /<forward-request> at policy.xml:2:\d+ is not allowed in inbound \(only backend\)/,
    );
  });

  it("--no-op skips the named policy", async () => {
    const { result, events } = await run(
      policies({ inbound: `<frobnicate /><set-status code="299" />`, backend: "" }),
      {
        noOp: ["frobnicate"],
      },
    );
    expect(result.response.status).toBe(299);
    expect(events.find((e) => e.policy === "frobnicate")?.message).toBe("skipped (--no-op)");
  });

  it("a failing forward-request goes to on-error with LastError; the client gets what on-error leaves", async () => {
    const { result } = await run(
      policies({
        onError: `<set-header name="X-Reason" exists-action="override"><value>handled</value></set-header>`,
      }),
      {
        answer: () => {
          throw new Error("connection refused");
        },
      },
    );
    expect(result.lastError).toMatchObject({
      Source: "forward-request",
      Reason: "BackendConnectionFailure",
      Scope: "global",
      Section: "backend",
      Path: "forward-request[1]",
    });
    expect(result.response.status).toBe(500);
    expect(result.response.headers?.["X-Reason"]).toBe("handled");
  });

  it("no on-error: an error gives APIM's 500 with its JSON body", async () => {
    const { result } = await run(policies({ onError: "" }), {
      context: {
        api: { path: "api", serviceUrl: "https://backend.example.com" },
        requestId: "00000000-0000-0000-0000-000000000001",
      },
      answer: () => {
        throw new Error("down");
      },
    });
    expect(result.response.status).toBe(500);
    expect(JSON.parse(result.response.body ?? "")).toEqual({
      statusCode: 500,
      message: "Internal server error",
      activityId: "00000000-0000-0000-0000-000000000001",
    });
  });

  it("fail-on-error-status-code sends a 5xx backend answer to on-error with the backend's response", async () => {
    const { result } = await run(
      policies({ backend: `<forward-request fail-on-error-status-code="true" />`, onError: "" }),
      {
        answer: () => ({ status: 503, body: "busy" }),
      },
    );
    expect(result.lastError?.Source).toBe("forward-request");
    expect(result.response).toMatchObject({ status: 503, body: "busy" });
  });

  it("LastError.Path names each nesting level with its 1-based index, separated by a backslash [U]", async () => {
    const { result } = await run(
      policies({
        backend: `<set-variable name="a" value="1" /><choose><when condition="false" /><when condition="true"><set-variable name="b" value="2" /><forward-request id="fwd" /></when></choose>`,
        onError: "",
      }),
      {
        answer: () => {
          throw new Error("down");
        },
      },
    );
    expect(result.lastError).toMatchObject({
      Path: "choose[2]\\when[2]\\forward-request[2]",
      PolicyId: "fwd",
      Section: "backend",
      Scope: "api",
    });
  });

  it("a setup error (exists-action APIM would refuse) stops the run instead of becoming a LastError", async () => {
    const text = policies({ inbound: `<set-header name="Z" exists-action="keep"><value>v</value></set-header>` });
    await expect(run(text)).rejects.toThrow(/exists-action="keep" at policy.xml:2:/);
  });
});
