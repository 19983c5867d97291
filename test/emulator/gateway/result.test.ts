// EmulateResult: variables as JSON-like values, the backend request, the requests made.
import { describe, expect, it } from "vitest";
import { policies, run } from "./helpers.js";

describe("EmulateResult.variables", () => {
  it("gives strings, numbers, booleans, null, arrays and JSON tokens as plain values", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="s" value="t" />
          <set-variable name="i" value="@(7)" />
          <set-variable name="l" value="@(9007199254740993L)" />
          <set-variable name="d" value="@(1.5m)" />
          <set-variable name="b" value="@(true)" />
          <set-variable name="n" value="@((string)null)" />
          <set-variable name="a" value="@(new [] { &quot;x&quot;, &quot;y&quot; })" />
          <set-variable name="j" value="@(context.Request.Body.As&lt;JObject&gt;(true))" />`,
        backend: "",
      }),
      { request: { method: "POST", url: "https://apim.example.com/api/x", body: '{"k":[1,{"z":null}]}' } },
    );
    expect(result.variables).toEqual({
      s: "t",
      i: 7,
      // A long beyond 2^53 keeps its digits as text.
      l: "9007199254740993",
      d: 1.5,
      b: true,
      n: null,
      a: ["x", "y"],
      j: { k: [1, { z: null }] },
    });
  });
});
