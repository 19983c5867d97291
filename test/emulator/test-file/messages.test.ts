import { describe, expect, it } from "vitest";
import { findHeader, message, responseOf } from "../../../src/emulator/test-file/messages.js";

describe("bodies and headers of the test file", () => {
  it.each([
    ["a string, sent as written", undefined, '{"a":1}', {}, '{"a":1}'],
    [
      "an object, as JSON with its Content-Type",
      undefined,
      { a: 1 },
      { "Content-Type": "application/json" },
      '{"a":1}',
    ],
    ["a list", { X: "1" }, [1, "b"], { X: "1", "Content-Type": "application/json" }, '[1,"b"]'],
    ["a number", undefined, 42, { "Content-Type": "application/json" }, "42"],
    ["null", undefined, null, { "Content-Type": "application/json" }, "null"],
    [
      "JSON with the Content-Type it names",
      { "content-type": "text/json" },
      { a: 1 },
      { "content-type": "text/json" },
      '{"a":1}',
    ],
    ["no body", { A: "b" }, undefined, { A: "b" }, undefined],
  ])("%s", (_what, headers, body, wantHeaders, wantBody) => {
    expect(message(headers, body)).toEqual({ headers: wantHeaders, body: wantBody });
  });

  it("a mocked response defaults to 200 and keeps a reason it names", () => {
    expect(responseOf({})).toEqual({ status: 200, headers: {} });
    expect(responseOf({ status: 503, reason: "Busy" })).toEqual({ status: 503, reason: "Busy", headers: {} });
  });

  it("finds a header whatever the case of its name", () => {
    expect(findHeader({ "X-Trace": ["a", "b"] }, "x-trace")).toEqual(["a", "b"]);
    expect(findHeader({ A: "1" }, "B")).toBeUndefined();
  });
});
