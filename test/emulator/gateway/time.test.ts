// context.Timestamp, Elapsed and RequestId through the .NET library's DateTime, TimeSpan and Guid.
import { describe, expect, it } from "vitest";
import { freshState } from "../../../src/emulator/gateway/emulate.js";
import { policies, run } from "./helpers.js";

describe("context time and identity", () => {
  it("Timestamp is when the request arrived on the emulated clock; Elapsed follows the clock (retry waits)", async () => {
    const state = freshState(Date.UTC(2026, 5, 1, 12, 0, 0));
    const { result } = await run(
      policies({
        inbound: `<set-variable name="ts" value="@(context.Timestamp.ToString(&quot;o&quot;))" />
          <set-variable name="n" value="@(0)" />
          <retry condition="@((int)context.Variables[&quot;n&quot;] &lt; 2)" count="1" interval="3"><set-variable name="n" value="@((int)context.Variables[&quot;n&quot;] + 1)" /></retry>
          <set-variable name="el" value="@(context.Elapsed.TotalSeconds)" />`,
        backend: "",
      }),
      { state },
    );
    expect(result.variables.ts).toBe("2026-06-01T12:00:00.0000000Z");
    expect(result.variables.el).toBe(3);
  });

  it("RequestId is a Guid (given through context.requestId)", async () => {
    const { result } = await run(
      policies({
        inbound: `<set-variable name="id" value="@(context.RequestId.ToString(&quot;N&quot;))" />`,
        backend: "",
      }),
      {
        context: { api: { path: "api" }, requestId: "0f8fad5b-d9cb-469f-a165-70867728950e" },
      },
    );
    expect(result.variables.id).toBe("0f8fad5bd9cb469fa16570867728950e");
  });

  it("Jwt.ExpirationTime is a DateTime", async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = `${part({ alg: "none" })}.${part({ exp: 1780000000 })}.`;
    const { result } = await run(
      policies({
        inbound: `<set-variable name="e" value="@(&quot;${jwt}&quot;.AsJwt().ExpirationTime.Value.Year)" />`,
        backend: "",
      }),
    );
    expect(result.variables.e).toBe(2026);
  });
});
