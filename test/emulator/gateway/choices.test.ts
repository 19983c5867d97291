// The [U] choices of the gateway that the other test files do not already pin (docs/emulator.md lists them all).
import { describe, expect, it } from "vitest";
import { policies, run } from "./helpers.js";

const jwtPart = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const JWT = `${jwtPart({ alg: "none" })}.${jwtPart({ sub: "s" })}.`;

describe("[U] choices", () => {
  it("the policy under test is the api scope, or operation when scopes.api is given", async () => {
    const fails = policies({
      inbound: `<set-variable name="x" value="@(1 / int.Parse(&quot;0&quot;))" />`,
      onError: "",
    });
    const alone = await run(fails);
    expect(alone.result.lastError?.Scope).toBe("api");
    const under = await run(fails, { scopes: { api: { file: "api.xml", text: policies({}) } } });
    expect(under.result.lastError?.Scope).toBe("operation");
  });

  it("an error inside on-error ends it; the client gets that error's response", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="x" value="@(1 / int.Parse(&quot;0&quot;))" />`,
        onError: `<set-status code="400" /><set-variable name="y" value="@(((string)null).Length)" /><set-status code="401" />`,
      }),
    );
    expect(result.response.status).toBe(500);
    expect(result.lastError).toMatchObject({ Section: "on-error", Path: "set-variable[2]" });
  });

  it("fail-on-error-status-code: Reason BackendErrorStatusCode", async () => {
    const { result } = await run(
      policies({ backend: `<forward-request fail-on-error-status-code="true" />`, onError: "" }),
      {
        answer: () => ({ status: 400 }),
      },
    );
    expect(result.lastError?.Reason).toBe("BackendErrorStatusCode");
  });

  it("retry: an error in a child is not retried, it propagates", async () => {
    let calls = 0;
    const { result } = await run(
      policies({
        inbound: `<retry condition="true" count="3" interval="0"><send-request response-variable-name="r"><set-url>https://a.example.com</set-url></send-request></retry>`,
        backend: "",
        onError: "",
      }),
      {
        answer: () => {
          calls++;
          throw new Error("down");
        },
      },
    );
    expect(calls).toBe(1);
    expect(result.lastError?.Path).toBe("retry[1]\\send-request[1]");
  });

  it("Url.Query names ignore case; Variables names do not", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="Name" value="v" /><set-variable name="q" value="@(context.Request.Url.Query[&quot;X&quot;][0])" /><set-variable name="has" value="@(context.Variables.ContainsKey(&quot;name&quot;))" />`,
        backend: "",
      }),
    );
    expect(result.variables).toMatchObject({ q: "1", has: false });
  });

  it("Jwt.Claims of a missing claim throws KeyNotFoundException (the toolkit returns an empty array)", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="c" value="@(&quot;${JWT}&quot;.AsJwt().Claims[&quot;roles&quot;].Length)" />`,
        backend: "",
        onError: "",
      }),
    );
    expect(result.lastError?.Message).toContain("The given key 'roles' was not present in the dictionary.");
  });

  it("set-body on a request without a body creates one (reading the absent Body is what throws)", async () => {
    const { calls } = await run(policies({ inbound: `<set-body>new</set-body>` }), {
      request: { method: "GET", url: "https://apim.example.com/api/x" },
    });
    expect(calls[0]?.request.body).toBe("new");
    const { result } = await run(
      policies({
        inbound: `<set-variable name="b" value="@(context.Request.Body.As&lt;string&gt;())" />`,
        backend: "",
        onError: "",
      }),
      {
        request: { method: "GET", url: "https://apim.example.com/api/x" },
      },
    );
    expect(result.lastError?.Message).toContain("Object reference not set to an instance of an object");
  });

  it("set-header cannot modify Content-Length: left as it is, recorded as an assumption", async () => {
    const { calls, result } = await run(
      policies({ inbound: `<set-header name="Content-Length" exists-action="override"><value>5</value></set-header>` }),
    );
    expect(calls[0]?.request.headers["Content-Length"]).toBeUndefined();
    expect(result.assumptions.some((a) => a.includes("Content-Length"))).toBe(true);
  });

  it("set-method keeps the verb as written (the toolkit upper-cases it)", async () => {
    const { calls } = await run(policies({ inbound: `<set-method>patch</set-method>` }));
    expect(calls[0]?.request.method).toBe("patch");
  });

  it("a consumed response body reaches the client empty", async () => {
    const { result } = await run(
      policies({ outbound: `<set-variable name="b" value="@(context.Response.Body.As&lt;string&gt;())" />` }),
      {
        answer: () => ({ status: 200, body: "secret" }),
      },
    );
    expect(result.variables.b).toBe("secret");
    expect(result.response.body).toBe("");
  });
});
