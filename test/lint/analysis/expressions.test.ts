import { describe, expect, it } from "vitest";
import { headerReads, valueTexts } from "../../../src/lint/analysis/expressions.js";
import { PolicySourceCode } from "../../../src/lint/source-code.js";
import { stringIndexers } from "../../../src/policy/csharp/queries.js";
import { parsePolicy } from "../../../src/policy/parser.js";

/** The per-document object and the one expression of a policy whose set-variable value is `@(code)`. */
function expression(code: string) {
  const xml = `<set-variable name="v" value="@(${code.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")})" />`;
  const doc = parsePolicy(xml);
  return { source: new PolicySourceCode(doc), expr: doc.root!.attributes[1]!.value.expression! };
}

describe("looking into expressions", () => {
  it("finds every form of variable access, but not in strings or comments", () => {
    const code = `context.Variables["a"] + context.Variables.GetValueOrDefault<Dictionary<string,string>>("b") +
      context.Variables.ContainsKey("c") + context.Variables.TryGetValue("d", out x) /* context.Variables["e"] */ +
      "context.Variables[\\"f\\"]" + context.Variables[name]`;
    const xml = `<set-variable name="v" value="@(${code.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")})" />`;
    const reads = new PolicySourceCode(parsePolicy(xml)).variables().codeReads;
    expect(reads.map((u) => `${u.name}:${u.kind}`)).toEqual(["a:index", "b:get", "c:contains", "d:try-get"]);
  });

  it("lists string indexers and header reads", () => {
    const indexed = expression(`x.Body.As<JObject>()["access_token"] + y["expires_in"]`);
    expect(stringIndexers(indexed.source.expressionTree(indexed.expr))).toEqual(["access_token", "expires_in"]);
    const headers = expression(
      `context.Request.Headers.GetValueOrDefault("Authorization","") + context.Request.Headers["X-A"] + context.Request.Headers.ContainsKey("B")`,
    );
    expect(headerReads(headers.source, headers.expr)).toEqual(["authorization", "x-a"]);
  });

  it("reads an expression's URL from its string literals", () => {
    const doc = parsePolicy(`<set-url>@("https://login.microsoftonline.com/" + tid + "/oauth2/v2.0/token")</set-url>`);
    const text = doc.root!.children.find((c) => c.type === "text")!;
    expect(text.type === "text" && valueTexts(new PolicySourceCode(doc), text.value)).toBe(
      "https://login.microsoftonline.com/{…}/oauth2/v2.0/token",
    );
  });
});
