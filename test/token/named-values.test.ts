// Named values in explain-token read with the one {{name}} syntax of apimkit (the parser's and lint's).
import { describe, expect, it } from "vitest";
import { resolveText } from "../../src/token/named-values.js";

const values = new Map([
  ["t2-tenant-id", "11111111-2222-3333-4444-555555555555"],
  ["exprValue", "@(DateTime.Now.ToString())"],
]);

describe("resolveText", () => {
  it("substitutes {{name}}", () => {
    expect(resolveText("https://sts.windows.net/{{t2-tenant-id}}/", values)).toEqual({
      ok: true,
      value: "https://sts.windows.net/11111111-2222-3333-4444-555555555555/",
    });
  });

  it("names what it cannot resolve", () => {
    expect(resolveText("{{missing}}", values)).toMatchObject({ ok: false, why: "unresolved", unresolved: ["missing"] });
  });

  it("keeps a value that holds an expression unevaluated", () => {
    expect(resolveText("{{exprValue}}", values)).toMatchObject({
      ok: false,
      why: "a named value holds a policy expression",
    });
  });

  it("reads `{{ name }}` with blanks as text, as the policy parser does (not a named value)", () => {
    expect(resolveText("{{ t2-tenant-id }}", values)).toEqual({ ok: true, value: "{{ t2-tenant-id }}" });
  });
});
