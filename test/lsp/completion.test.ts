// Completion through a real client: what the catalogue allows at the cursor, attribute names and values, members
// of known types inside expressions, variable names, named values and fragment ids. `|` marks the cursor.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, CompletionList, TextEdit } from "vscode-languageserver/node";
import { fileUri, LspClient, requireBuild } from "./client.js";
import { type Workspace, workspace } from "./fixture.js";

let client: LspClient;
let ws: Workspace;
let n = 0;

beforeAll(async () => {
  requireBuild();
  ws = workspace();
  mkdirSync(join(ws.dir, "policy fragments", "common"), { recursive: true });
  writeFileSync(join(ws.dir, "policy fragments", "common", "policy.xml"), "<fragment><base /></fragment>");
  mkdirSync(join(ws.dir, "policy fragments", "auth"), { recursive: true });
  writeFileSync(join(ws.dir, "policy fragments", "auth", "policy.xml"), "<fragment />");
  client = new LspClient();
  await client.initialize();
});
afterAll(async () => {
  await client.stop();
});

function wrap(inbound: string, backend = "<base />"): string {
  return `<policies>\n  <inbound>\n    ${inbound}\n  </inbound>\n  <backend>\n    ${backend}\n  </backend>\n  <outbound>\n    <base />\n  </outbound>\n  <on-error>\n    <base />\n  </on-error>\n</policies>\n`;
}

/** Opens the text (without its `|`) as a new document and asks for completion at the `|`. */
async function completeAt(marked: string): Promise<CompletionItem[]> {
  const at = marked.indexOf("|");
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const uri = fileUri(join(ws.dir, `c${n++}.policy.xml`));
  await client.open(uri, text);
  const before = text.slice(0, at);
  const position = { line: before.split("\n").length - 1, character: at - (before.lastIndexOf("\n") + 1) };
  const r = await client.request<CompletionItem[] | CompletionList>("textDocument/completion", uri, position);
  return Array.isArray(r) ? r : r.items;
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (items: CompletionItem[], label: string) => items.find((i) => i.label === label)?.textEdit as TextEdit;

describe("completion of elements", () => {
  it("offers the policies allowed in the section, with their required attributes as a snippet", async () => {
    const items = await completeAt(wrap("<base />\n    <|"));
    expect(labels(items)).toContain("set-variable");
    expect(labels(items)).toContain("choose");
    expect(labels(items)).toContain("base");
    // forward-request belongs in <backend>.
    expect(labels(items)).not.toContain("forward-request");
    const set = items.find((i) => i.label === "set-variable");
    expect(set?.insertTextFormat).toBe(2);
    expect(edit(items, "set-variable")).toEqual({
      range: { start: { line: 3, character: 5 }, end: { line: 3, character: 5 } },
      newText: 'set-variable name="$1" value="$2" />',
    });
  });

  it("replaces the part of the name already typed, and knows the backend section", async () => {
    const items = await completeAt(wrap("<base />", "<forw|"));
    expect(labels(items)).toContain("forward-request");
    expect(edit(items, "forward-request").range).toEqual({
      start: { line: 5, character: 5 },
      end: { line: 5, character: 9 },
    });
  });

  it("offers a policy's own children inside it", async () => {
    const items = await completeAt(wrap('<set-header name="a">\n      <|\n    </set-header>'));
    expect(labels(items)).toEqual(["value"]);
  });

  it("offers the sections inside <policies>", async () => {
    const items = await completeAt("<policies>\n  <|\n</policies>\n");
    expect(labels(items)).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });
});

describe("completion of attributes", () => {
  it("offers the attributes not yet written", async () => {
    const items = await completeAt(wrap('<set-header name="a" |/>'));
    expect(labels(items)).toContain("exists-action");
    expect(labels(items)).not.toContain("name");
    expect(edit(items, "exists-action")).toEqual({
      range: { start: { line: 2, character: 25 }, end: { line: 2, character: 25 } },
      newText: 'exists-action="$1"',
    });
  });

  it("offers attributes in a start tag not closed yet", async () => {
    const items = await completeAt(wrap('<set-header name="a" |'));
    expect(labels(items)).toContain("exists-action");
  });

  it("offers the enumerated values of an attribute", async () => {
    const items = await completeAt(wrap('<set-header name="a" exists-action="|" />'));
    expect(labels(items)).toEqual(["override", "append", "skip", "delete"]);
    expect(items[0]?.detail).toBe("default");
  });

  it("offers fragment ids in include-fragment", async () => {
    const items = await completeAt(wrap('<include-fragment fragment-id="|" />'));
    expect(labels(items)).toEqual(["auth", "common"]);
  });
});

describe("completion in expressions", () => {
  it("offers the members of context after `context.`", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(context.|)" />'));
    for (const m of ["Request", "Response", "Variables", "Api", "Operation", "User"])
      expect(labels(items)).toContain(m);
    expect(edit(items, "Request")).toEqual({
      range: { start: { line: 2, character: 44 }, end: { line: 2, character: 44 } },
      newText: "Request",
    });
    expect(items.find((i) => i.label === "Request")?.detail).toBe("IRequest Request { get; }");
    // The member's one-line description (the type model's doc), then what it is.
    expect(items.find((i) => i.label === "Request")?.documentation).toBe(
      "Gets the request: method, URL, headers, body, client IP address and certificate.\n\nproperty of IExpressionContext",
    );
  });

  it("offers the members after a name spelt with an escape", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(context.\\u0052equest.|)" />'));
    expect(labels(items)).toContain("Method");
    expect(labels(items)).toContain("Headers");
  });

  it("offers the members of a member's type, the typed prefix replaced", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(context.Request.Me|)" />'));
    expect(labels(items)).toContain("Method");
    expect(labels(items)).toContain("Headers");
    expect(edit(items, "Method").range).toEqual({
      start: { line: 2, character: 52 },
      end: { line: 2, character: 54 },
    });
  });

  it("offers extension methods of the receiver's type", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(context.Request.Headers.|)" />'));
    expect(labels(items)).toContain("GetValueOrDefault");
    expect(labels(items)).toContain("ContainsKey");
  });

  it("offers static members after a type name", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(DateTime.|)" />'));
    expect(labels(items)).toContain("UtcNow");
    expect(labels(items)).not.toContain("AddDays");
  });

  it("offers context and the allowed types for a name being typed", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(Dat|)" />'));
    expect(labels(items)).toContain("DateTime");
    expect(labels(items)).not.toContain("Convert");
    expect(labels(items)).not.toContain("context");
    expect(items.find((i) => i.label === "DateTime")?.detail).toBe("System.DateTime");
    expect(edit(items, "DateTime").range).toEqual({
      start: { line: 2, character: 36 },
      end: { line: 2, character: 39 },
    });
  });

  it("offers context for its first letters", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(con|)" />'));
    expect(labels(items)).toContain("context");
  });

  it("completes in an expression not closed yet", async () => {
    const items = await completeAt(wrap('<set-variable name="a" value="@(context.|'));
    expect(labels(items)).toContain("Request");
  });

  it('offers the document\'s variable names inside context.Variables["..."] and GetValueOrDefault("...")', async () => {
    const setters = '<set-variable name="user" value="1" />\n    <cache-lookup-value key="k" variable-name="cached" />';
    const indexer = await completeAt(
      wrap(`${setters}\n    <set-header name="h"><value>@((string)context.Variables["|"])</value></set-header>`),
    );
    expect(labels(indexer)).toEqual(["cached", "user"]);
    const method = await completeAt(
      wrap(
        `${setters}\n    <set-header name="h"><value>@(context.Variables.GetValueOrDefault<string>("us|"))</value></set-header>`,
      ),
    );
    expect(labels(method)).toEqual(["cached", "user"]);
    expect(edit(method, "user").range).toEqual({ start: { line: 4, character: 79 }, end: { line: 4, character: 81 } });
  });
});

describe("completion of named values", () => {
  it("offers the named values after {{, closing the braces", async () => {
    const items = await completeAt(wrap('<set-header name="h"><value>{{|</value></set-header>'));
    expect(labels(items)).toEqual(["api-key", "backend-url", "static-token"]);
    expect(edit(items, "backend-url")).toEqual({
      range: { start: { line: 2, character: 34 }, end: { line: 2, character: 34 } },
      newText: "backend-url}}",
    });
    expect(items.find((i) => i.label === "api-key")?.detail).toBe("secret named value");
  });
});
