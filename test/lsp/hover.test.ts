// Hover through a real client: catalogue facts, .NET members with their types, variables, named values.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { memberText } from "../../src/lsp/hover.js";
import { ALL_TYPE_DATA, named, TypeModel } from "../../src/policy/csharp/types/index.js";
import { fileUri, LspClient, positionOf, requireBuild } from "./client.js";
import { POLICY, type Workspace, workspace } from "./fixture.js";

let client: LspClient;
let ws: Workspace;

beforeAll(async () => {
  requireBuild();
  ws = workspace();
  client = new LspClient();
  await client.initialize();
  await client.open(ws.uri, POLICY);
});
afterAll(async () => {
  await client.stop();
});

async function hoverAt(needle: string, delta = 0, nth = 0): Promise<Hover | null> {
  return client.request<Hover | null>("textDocument/hover", ws.uri, positionOf(POLICY, needle, delta, nth));
}
const text = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? "";

const range = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe("hover", () => {
  it("on a policy element: sections, scopes, attributes from the catalogue; the range of the name", async () => {
    const h = await hoverAt("set-variable", 2);
    expect(h?.range).toEqual(range(3, 5, 17));
    expect(text(h)).toContain("**<set-variable>** (policy)");
    expect(text(h)).toContain("Sections: inbound, backend, outbound, on-error; allowed in fragments");
    expect(text(h)).toContain("Scopes: global, workspace, product, api, operation");
    expect(text(h)).toContain("- `value`: string, required, expressions allowed");
  });

  it("on an end tag's name too", async () => {
    const h = await hoverAt("</set-header>", 3);
    expect(h?.range).toEqual(range(6, 6, 16));
    expect(text(h)).toContain("**<set-header>**");
  });

  it("on an attribute: its type, enumerated values, expressions and default", async () => {
    const h = await hoverAt("exists-action", 3);
    expect(h?.range).toEqual(range(4, 29, 42));
    expect(text(h)).toContain(
      "`override` | `append` | `skip` | `delete`, optional, expressions allowed, default `override`",
    );
  });

  it("on a context member: its declaration and type, through the checker's symbol", async () => {
    const h = await hoverAt("Headers", 2);
    expect(h?.range).toEqual(range(3, 55, 62));
    expect(text(h)).toContain("IReadOnlyDictionary<string, string[]> Headers { get; }");
    expect(text(h)).toContain("property of `IRequest`: `IReadOnlyDictionary<string, string[]>`");
    // Which source vouches for it (the runtime reference's keys).
    expect(text(h)).toMatch(/Source: .*D-EXPR/);
  });

  it("on a context member: the whole text, its description under the type line", async () => {
    const h = await hoverAt("Headers", 2);
    expect(text(h)).toBe(
      [
        "```csharp\nIReadOnlyDictionary<string, string[]> Headers { get; }\n```",
        "property of `IRequest`: `IReadOnlyDictionary<string, string[]>`",
        "Gets the headers of the request, by name, each with its values.",
        "Source: doc D-EXPR; toolkit T-EXPR IRequest.cs",
      ].join("\n\n"),
    );
  });

  it("on a .NET member and a .NET type: the description of the overload the checker chose, and the type's", async () => {
    const policy =
      '<policies><inbound><base /><set-header name="a"><value>@("x".Substring(1, 0) + Convert.ToBase64String(new byte[0]))</value></set-header></inbound></policies>';
    const uri = fileUri(join(ws.dir, "dotnet.policy.xml"));
    await client.open(uri, policy);
    const at = (needle: string, delta: number) =>
      client.request<Hover | null>("textDocument/hover", uri, positionOf(policy, needle, delta));
    expect(text(await at("Substring", 3))).toBe(
      [
        "```csharp\nstring Substring(int startIndex, int length)\n```",
        "method of `string`: `string`",
        "Retrieves a substring that starts at a specified character position and has a specified length.",
        "Source: .NET BCL",
      ].join("\n\n"),
    );
    expect(text(await at("Convert", 3))).toBe(
      [
        "**System.Convert** (class)",
        "Converts a base data type to another base data type, and binary data to and from Base64.",
        "Allowed in policy expressions.",
      ].join("\n\n"),
    );
  });

  it("on a name spelt with an escape: the member it names, over the name as written", async () => {
    const policy =
      '<policies><inbound><base /><set-header name="a"><value>@(context.\\u0052equest.Method)</value></set-header></inbound></policies>';
    const uri = fileUri(join(ws.dir, "escaped.policy.xml"));
    await client.open(uri, policy);
    const h = await client.request<Hover | null>("textDocument/hover", uri, positionOf(policy, "u0052", 2));
    expect(text(h)).toContain("property of `IExpressionContext`: `IRequest`");
    const start = policy.indexOf("\\u0052");
    expect(h?.range).toEqual(range(0, start, start + "\\u0052equest".length));
  });

  it("on a type APIM does not allow: what it would reach", async () => {
    const policy =
      '<policies><inbound><base /><set-header name="a"><value>@(System.IO.File.ReadAllText("x"))</value></set-header></inbound></policies>';
    const uri = fileUri(join(ws.dir, "denied.policy.xml"));
    await client.open(uri, policy);
    const hover = await client.request<Hover | null>("textDocument/hover", uri, positionOf(policy, "File.", 1));
    expect(text(hover)).toBe(
      "**System.IO.File** (class)\n\nNot allowed in policy expressions (the gateway's file system).",
    );
  });

  it("on a member without a description: the type line only, no placeholder", () => {
    const model = new TypeModel([
      ...ALL_TYPE_DATA,
      [{ ns: "T", name: "Box", kind: "class", complete: true, source: "test", members: ["int Size { get; }"] }],
    ]);
    const size = model.findMembers(named("T.Box"), "Size")[0]!.member;
    expect(memberText(size)).toBe(
      ["```csharp\nint Size { get; }\n```", "property of `Box`: `int`", "Source: test"].join("\n\n"),
    );
  });

  it("on an extension method: the overload the checker chose", async () => {
    const h = await hoverAt("GetValueOrDefault", 4);
    expect(h?.range).toEqual(range(3, 63, 80));
    expect(text(h)).toContain("extension method of `IReadOnlyDictionary<string, string[]>`: `string`");
  });

  it("on `context`", async () => {
    const h = await hoverAt("context.Request", 2);
    expect(h?.range).toEqual(range(3, 39, 46));
    expect(text(h)).toBe(
      "**context**: `IExpressionContext`\n\nThe implicit `context` variable: the request, the response and related facts, all read-only.",
    );
  });

  it("on a variable read: where it is set", async () => {
    const h = await hoverAt('Variables["user"]', 12);
    // From `context` to the closing `]`.
    expect(h?.range).toEqual(range(8, 23, 48));
    expect(text(h)).toContain("- <set-variable> name, line 4");
  });

  it("on a named value: its value from named-values.json", async () => {
    const h = await hoverAt("{{backend-url}}", 3);
    expect(h?.range).toEqual(range(8, 52, 67));
    expect(text(h)).toContain("https://backend.example.com");
  });

  it("never shows a secret's value", async () => {
    const h = await hoverAt("{{api-key}}", 3);
    expect(h?.range).toEqual(range(5, 13, 24));
    expect(text(h)).toContain("Secret: its value is not shown.");
    expect(JSON.stringify(h)).not.toContain("s3cr3t");
  });

  it("redacts a token in a named value that is not marked secret", async () => {
    const text =
      '<policies><inbound><base /><set-header name="a"><value>{{static-token}}</value></set-header></inbound></policies>';
    const uri = fileUri(join(ws.dir, "token.policy.xml"));
    await client.open(uri, text);
    const h = await client.request<Hover | null>("textDocument/hover", uri, { line: 0, character: 57 });
    expect(text.slice(55, 71)).toBe("{{static-token}}");
    expect(JSON.stringify(h)).not.toContain("eyJzdWIi");
    expect(JSON.stringify(h)).toContain("[redacted]");
  });

  it("on the name a setter gives: where the variable is read", async () => {
    const h = await hoverAt('name="user"', 7);
    expect(h?.range).toEqual(range(3, 24, 28));
    expect(text(h)).toContain("- <value>, line 9");
  });

  it("on reads outside C#: a Liquid template and return-response's response-variable-name", async () => {
    const liquid = [
      "<policies><inbound><base />",
      '<send-request mode="new" response-variable-name="resp"><set-url>https://example.com</set-url></send-request>',
      '<set-variable name="who" value="me" />',
      '<return-response response-variable-name="resp">',
      '<set-body template="liquid">hello {{context.Variables["who"]}}</set-body>',
      "</return-response>",
      "</inbound></policies>",
    ].join("\n");
    const uri = fileUri(join(ws.dir, "liquid.policy.xml"));
    await client.open(uri, liquid);
    const onLiquid = await client.request<Hover | null>("textDocument/hover", uri, positionOf(liquid, '"who"]', 1));
    expect(text(onLiquid)).toContain("- <set-variable> name, line 3");
    // `context.Variables["who"]` inside the {{ }}.
    expect(onLiquid?.range).toEqual(range(4, 36, 60));
    const onAttribute = await client.request<Hover | null>(
      "textDocument/hover",
      uri,
      positionOf(liquid, '"resp">', 1, 1),
    );
    expect(text(onAttribute)).toContain("- <send-request> response-variable-name, line 2");
    expect(onAttribute?.range).toEqual(range(3, 41, 45));
    const defs = await client.request<unknown[]>("textDocument/definition", uri, positionOf(liquid, '"who"]', 1));
    expect(defs).toEqual([{ uri, range: range(2, 20, 23) }]);
  });

  it("on a named value the lint config lists by name only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apimkit-lsp-listed-"));
    writeFileSync(join(dir, ".apimkitrc.json"), JSON.stringify({ namedValues: ["listed-only"] }));
    const policy =
      '<policies><inbound><base /><set-header name="a"><value>{{listed-only}}</value></set-header></inbound></policies>';
    const path = join(dir, "policy.xml");
    writeFileSync(path, policy);
    await client.open(fileUri(path), policy);
    const h = await client.request<Hover | null>("textDocument/hover", fileUri(path), { line: 0, character: 58 });
    expect(text(h)).toContain("No named-values.json found for this file. The lint config lists it (its name only).");
  });

  it("on plain text: nothing", async () => {
    expect(await hoverAt("x-who", 1)).toBeNull();
  });
});
