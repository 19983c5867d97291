import { describe, expect, it } from "vitest";
import type { EmulateResult } from "../../../src/emulator/api.js";
import { checkExpectations, contains, diffText, projection } from "../../../src/emulator/test-file/expect.js";
import type { ExpectSpec } from "../../../src/emulator/test-file/types.js";

function result(over: Partial<EmulateResult> = {}): EmulateResult {
  return {
    response: {
      status: 200,
      headers: { "Content-Type": "application/json", "X-Many": ["a", "b"] },
      body: '{"a":1,"b":{"c":[1,2],"d":"x"}}',
    },
    backend: {
      method: "GET",
      url: "https://backend/orders?id=1",
      headers: { Authorization: "Bearer abc" },
      body: undefined,
    },
    requests: [{ method: "POST", url: "https://login.example/token", headers: {}, body: "grant_type=x" }],
    variables: { count: 3, name: "n", obj: { k: [1, { z: true }] } },
    captured: {
      trace: [{ source: "s", severity: "verbose", message: "m1", metadata: [] }],
      eventhub: [],
      metrics: [{ name: "calls", namespace: "API Management", value: 1, dimensions: { api: "orders" } }],
    },
    assumptions: [],
    ...over,
  };
}

describe("contains: only the keys named, arrays by position and length", () => {
  it.each([
    [{ a: 1 }, { a: 1, b: 2 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: { b: 1 } }, { a: { b: 1, c: 2 } }, true],
    [{ a: undefined }, {}, true],
    [{ a: null }, {}, false],
    [{ a: null }, { a: null }, true],
    [[1, 2], [1, 2], true],
    [[1], [1, 2], false],
    [[{ a: 1 }], [{ a: 1, b: 2 }], true],
    [[], {}, false],
    [{}, [], false],
    ["1", 1, false],
    [1, 1, true],
  ])("%j in %j: %s", (expected, actual, want) => {
    expect(contains(expected, actual)).toBe(want);
  });

  it("projects the actual value onto the keys the expectation names", () => {
    expect(projection({ a: 1, z: 0 }, { a: 2, b: 3 })).toEqual({ a: 2 });
    expect(projection([{ a: 1 }], [{ a: 1, b: 2 }, { c: 3 }])).toEqual([{ a: 1 }, { c: 3 }]);
  });

  it("writes - expected and + received lines", () => {
    expect(diffText("a\nb", "a\nc")).toBe(["- Expected", "+ Received", "", "  a", "- b", "+ c"].join("\n"));
  });
});

describe("checkExpectations", () => {
  it("passes when every named expectation holds", () => {
    const spec: ExpectSpec = {
      status: 200,
      headers: { "content-type": "application/json", "X-Many": ["a", "b"], "X-Absent": null },
      body: { b: { c: [1, 2] } },
      bodyContains: ['"d":"x"'],
      backend: { method: "get", url: "https://backend/orders?*", headers: { authorization: "Bearer abc" } },
      requests: [{ method: "POST", url: "https://login.example/*", bodyContains: "grant_type" }],
      variables: { count: 3, obj: { k: [1, { z: true }] }, missing: null },
      lastError: null,
      traces: [{ message: "m1" }],
      eventhub: 0,
      metrics: [{ name: "calls", dimensions: { api: "orders" } }],
    };
    expect(checkExpectations(spec, result())).toEqual([]);
  });

  it.each<[string, ExpectSpec, Partial<EmulateResult>, string[]]>([
    [
      "status",
      { status: 401 },
      {},
      ['status: expected 401, got 200 (body: "{\\"a\\":1,\\"b\\":{\\"c\\":[1,2],\\"d\\":\\"x\\"}}")'],
    ],
    ["a header value", { headers: { "x-many": "a" } }, {}, ['headers.x-many: expected "a", got ["a","b"]']],
    [
      "a header that should be absent",
      { headers: { "Content-Type": null } },
      {},
      ['headers.Content-Type: expected no such header, got "application/json"'],
    ],
    [
      "a missing header",
      { headers: { Location: "/x" } },
      {},
      ['headers.Location: expected "/x", the header is absent'],
    ],
    ["an exact body", { body: "hello" }, {}, ["body: not the expected text"]],
    ["a JSON body", { body: { b: { d: "y" } } }, {}, ["body: the JSON body does not contain what was expected"]],
    [
      "a body that is not JSON",
      { body: { a: 1 } },
      { response: { status: 200, body: "plain" } },
      ['body: expected a JSON body containing {"a":1}, got text that is not JSON: "plain"'],
    ],
    ["bodyContains", { bodyContains: "nope" }, {}, ['bodyContains: the body does not contain "nope"']],
    [
      "a backend that should not be called",
      { backend: null },
      {},
      ["backend: expected no backend call, got GET https://backend/orders?id=1"],
    ],
    [
      "a backend that was not called",
      { backend: { method: "GET" } },
      { backend: null },
      ["backend: expected a backend call, the backend was not called"],
    ],
    [
      "the backend url",
      { backend: { url: "https://other/*" } },
      {},
      ['backend.url: expected "https://other/*", got "https://backend/orders?id=1"'],
    ],
    ["the request count", { requests: 0 }, {}, ["requests: expected 0, got 1 (POST https://login.example/token)"]],
    [
      "a request's header",
      { requests: [{ headers: { "X-A": "1" } }] },
      {},
      ['requests[0].headers.X-A: expected "1", the header is absent'],
    ],
    ["a variable's value", { variables: { count: 4 } }, {}, ["variables.count: expected 4, got 3"]],
    [
      "a variable that is not set",
      { variables: { other: "x" } },
      {},
      ['variables.other: expected "x", the variable is not set'],
    ],
    [
      "a variable that should not be set",
      { variables: { name: null } },
      {},
      ['variables.name: expected not set, got "n"'],
    ],
    ["an object variable", { variables: { obj: { k: [2, {}] } } }, {}, ["variables.obj: not the expected value"]],
    [
      "lastError expected",
      { lastError: { Reason: "x" } },
      {},
      ["lastError: expected an error, the pipeline did not go to on-error"],
    ],
    [
      "a lastError key",
      { lastError: { Source: "validate-jwt", Reason: "TokenExpired" } },
      { lastError: { Source: "validate-jwt", Reason: "TokenNotPresent" } },
      ['lastError.Reason: expected "TokenExpired", got "TokenNotPresent"'],
    ],
    [
      "no lastError",
      { lastError: null },
      { lastError: { Source: "x" } },
      ['lastError: expected none, got {"Source":"x"}'],
    ],
  ])("a miss on %s", (_what, spec, over, messages) => {
    expect(checkExpectations(spec, result(over)).map((m) => m.message)).toEqual(messages);
  });

  it("diffs a JSON body against the part of the actual body the expectation names", () => {
    const [miss] = checkExpectations({ body: { b: { d: "y" } } }, result());
    expect(miss!.diff).toBe(
      ["- Expected", "+ Received", "", "  {", '    "b": {', '-     "d": "y"', '+     "d": "x"', "    }", "  }"].join(
        "\n",
      ),
    );
  });

  it("diffs an exact body line by line", () => {
    const [miss] = checkExpectations(
      { body: "line 1\nline 2" },
      result({ response: { status: 200, body: "line 1\nline two" } }),
    );
    expect(miss!.diff).toBe(["- Expected", "+ Received", "", "  line 1", "- line 2", "+ line two"].join("\n"));
  });
});
