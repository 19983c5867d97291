// Code actions, go to definition and document symbols through a real client, with exact ranges.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, DocumentSymbol, Location, TextEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fileUri, LspClient, positionOf, requireBuild } from "./client.js";
import { POLICY, type Workspace, workspace } from "./fixture.js";

let client: LspClient;
let ws: Workspace;
let n = 0;

beforeAll(async () => {
  requireBuild();
  ws = workspace();
  mkdirSync(join(ws.dir, "policy fragments", "common"), { recursive: true });
  writeFileSync(join(ws.dir, "policy fragments", "common", "policy.xml"), "<fragment />");
  client = new LspClient();
  await client.initialize();
  await client.open(ws.uri, POLICY);
});
afterAll(async () => {
  await client.stop();
});

const NO_BASE = `<policies>
  <inbound>
    <set-variable name="a" value="1" />
  </inbound>
  <backend>
    <base />
  </backend>
  <outbound>
    <base />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>
`;

async function actionsFor(text: string, code: string) {
  const uri = fileUri(join(ws.dir, `act${n++}.policy.xml`));
  const { diagnostics } = await client.open(uri, text);
  const diagnostic = diagnostics.find((d) => d.code === code)!;
  const actions = await client.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  return { uri, actions, diagnostic };
}

/** Applies one action's edits to the text, as an editor would. */
function apply(text: string, uri: string, action: CodeAction | undefined): string {
  const edits = (action?.edit?.changes?.[uri] ?? []) as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create(uri, "xml", 1, text), edits);
}

describe("code actions", () => {
  it("offers the lint fix as a quick fix, and applying it clears the finding", async () => {
    const { uri, actions, diagnostic } = await actionsFor(NO_BASE, "base-missing");
    const fix = actions.find((a) => a.isPreferred);
    expect(fix?.kind).toBe("quickfix");
    expect(fix?.diagnostics?.[0]?.code).toBe("base-missing");
    expect(diagnostic.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 11 } });
    const fixed = apply(NO_BASE, uri, fix);
    expect(fixed).toContain("<inbound>\n    <base />");
    const after = await client.change(uri, [{ text: fixed }]);
    expect(after.diagnostics.map((d) => d.code)).not.toContain("base-missing");
  });

  it("offers to disable the rule for the line, and the directive silences it", async () => {
    const { uri, actions } = await actionsFor(NO_BASE, "unused-variable");
    const disable = actions.find((a) => a.title === "Disable unused-variable for this line");
    expect(disable?.edit?.changes?.[uri]).toEqual([
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        newText: "    <!-- apimkit-disable-next-line unused-variable -->\n",
      },
    ]);
    const after = await client.change(uri, [{ text: apply(NO_BASE, uri, disable) }]);
    expect(after.diagnostics.map((d) => d.code)).toEqual(["base-missing"]);
  });

  it("wraps the element when the finding's line starts inside its tag", async () => {
    const text = NO_BASE.replace('<set-variable name="a" value="1" />', '<set-variable\n      name="a" value="1" />');
    const { uri, actions } = await actionsFor(text, "unused-variable");
    const disable = actions.find((a) => a.title === "Disable unused-variable for this line");
    const after = await client.change(uri, [{ text: apply(text, uri, disable) }]);
    expect(apply(text, uri, disable)).toContain(
      '    <!-- apimkit-disable unused-variable -->\n    <set-variable\n      name="a" value="1" />\n    <!-- apimkit-enable unused-variable -->',
    );
    expect(after.diagnostics.map((d) => d.code)).toEqual(["base-missing"]);
  });

  it("offers no directive for a parse error (directives cannot hide it)", async () => {
    const { actions } = await actionsFor("<policies><inbound></policies>", "parse-error");
    expect(actions).toEqual([]);
  });
});

describe("go to definition", () => {
  it("from a variable read to its set-variable", async () => {
    const locations = await client.request<Location[]>(
      "textDocument/definition",
      ws.uri,
      positionOf(POLICY, 'Variables["user"]', 12),
    );
    expect(locations).toEqual([
      { uri: ws.uri, range: { start: { line: 3, character: 24 }, end: { line: 3, character: 28 } } },
    ]);
  });

  it("from include-fragment to the fragment file", async () => {
    const locations = await client.request<Location[]>(
      "textDocument/definition",
      ws.uri,
      positionOf(POLICY, "common", 2),
    );
    expect(locations).toEqual([
      {
        uri: fileUri(join(ws.dir, "policy fragments", "common", "policy.xml")),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ]);
  });

  it("from {{name}} to its entry in named-values.json", async () => {
    const locations = await client.request<Location[]>(
      "textDocument/definition",
      ws.uri,
      positionOf(POLICY, "{{backend-url}}", 4),
    );
    // JSON.stringify(..., 2): the first entry's name is on line 2, after `    "name": `.
    expect(locations).toEqual([
      {
        uri: fileUri(ws.namedValuesPath),
        range: { start: { line: 2, character: 12 }, end: { line: 2, character: 25 } },
      },
    ]);
  });
});

describe("document symbols", () => {
  it("outline: the root, its sections, the policies in them", async () => {
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: ws.uri },
    });
    const outline = (s: DocumentSymbol): unknown =>
      s.children
        ? { [`${s.name}${s.detail ? ` ${s.detail}` : ""}`]: s.children.map(outline) }
        : `${s.name}${s.detail ? ` ${s.detail}` : ""}`;
    expect(symbols.map(outline)).toEqual([
      {
        policies: [
          { inbound: ["base", "set-variable user", "set-header x-api", "set-header x-who", "include-fragment common"] },
          { backend: ["base"] },
          { outbound: ["base"] },
          { "on-error": ["base"] },
        ],
      },
    ]);
    const inbound = symbols[0]?.children?.[0];
    expect(inbound?.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 11, character: 12 } });
    expect(inbound?.selectionRange).toEqual({ start: { line: 1, character: 3 }, end: { line: 1, character: 10 } });
  });
});
