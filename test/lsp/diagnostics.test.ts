// Diagnostics through a real client over the server's stdio: exact ranges, rule ids, docs links, config and
// inline directives, parse errors, and the re-lint after an edit.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileUri, LspClient, requireBuild } from "./client.js";

const POLICY = [
  "<policies>",
  "  <inbound>",
  '    <set-variable name="x" value="@(context.Request.Method)" />',
  "  </inbound>",
  "  <backend>",
  "    <base />",
  "  </backend>",
  "  <outbound>",
  "    <base />",
  "  </outbound>",
  "  <on-error>",
  "    <base />",
  "  </on-error>",
  "</policies>",
  "",
].join("\n");

let client: LspClient;
let dir: string;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), "apimkit-lsp-diag-"));
  client = new LspClient();
  await client.initialize();
});
afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

function doc(name: string, text: string, sub = ""): string {
  const folder = join(dir, sub);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, text);
  return fileUri(path);
}

describe("diagnostics", () => {
  it("reports each finding with its rule id, docs link, source, severity and exact range", async () => {
    const uri = doc("a.policy.xml", POLICY);
    const { diagnostics } = await client.open(uri, POLICY);
    const base = diagnostics.find((d) => d.code === "base-missing");
    expect(base).toMatchObject({ source: "apimkit", severity: 1 });
    expect(base?.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 11 } });
    expect(base?.codeDescription?.href).toMatch(/rules\/base-missing\.md$/);
    const unused = diagnostics.find((d) => d.code === "unused-variable");
    // The variable's name inside the quotes of name="x".
    expect(unused).toMatchObject({ severity: 3, source: "apimkit" });
    expect(unused?.range).toEqual({ start: { line: 2, character: 24 }, end: { line: 2, character: 25 } });
    expect(diagnostics).toHaveLength(2);
  });

  it("re-lints after an incremental edit, for that version", async () => {
    const uri = doc("b.policy.xml", POLICY);
    await client.open(uri, POLICY);
    // Put <base /> into <inbound>: base-missing goes, the rest stays.
    const edited = await client.change(uri, [
      { range: { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, text: "\n    <base />" },
    ]);
    expect(edited.version).toBe(2);
    expect(edited.diagnostics.map((d) => d.code)).toEqual(["unused-variable"]);
    expect(edited.diagnostics[0]?.range).toEqual({
      start: { line: 3, character: 24 },
      end: { line: 3, character: 25 },
    });
  });

  it("reports parse errors at their place", async () => {
    const text = "<policies>\n  <inbound>\n    <base /\n  </inbound>\n</policies>\n";
    const { diagnostics } = await client.open(doc("broken.policy.xml", text), text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "parse-error", severity: 1, source: "apimkit" });
    expect(diagnostics[0]?.range.start.line).toBe(2);
    expect(diagnostics[0]?.codeDescription?.href).toMatch(/rules\/parse-error\.md$/);
  });

  it("counts characters after a byte order mark as the editor does", async () => {
    const text = '\uFEFF<policies><inbound><base /><set-variable name="y" value="1" /></inbound></policies>';
    const { diagnostics } = await client.open(doc("bom.policy.xml", text), text);
    const unused = diagnostics.find((d) => d.code === "unused-variable");
    // name="y": the value is at offset 47 of the text without its BOM, 48 with it.
    expect(unused?.range).toEqual({ start: { line: 0, character: 48 }, end: { line: 0, character: 49 } });
  });

  it("applies inline directives", async () => {
    const text = POLICY.replace("  <inbound>", "  <!-- apimkit-disable-next-line base-missing -->\n  <inbound>");
    const { diagnostics } = await client.open(doc("directive.policy.xml", text), text);
    expect(diagnostics.map((d) => d.code)).toEqual(["unused-variable"]);
  });

  it("uses the .apimkitrc.json of the file's folder, and picks up its change", async () => {
    const config = join(dir, "configured", ".apimkitrc.json");
    mkdirSync(join(dir, "configured"), { recursive: true });
    writeFileSync(config, JSON.stringify({ rules: { "base-missing": "off", "unused-variable": "error" } }));
    const uri = doc("c.policy.xml", POLICY, "configured");
    const first = await client.open(uri, POLICY);
    expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([["unused-variable", 1]]);

    writeFileSync(config, JSON.stringify({ rules: { "unused-variable": "off" } }));
    const next = client.diagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: fileUri(config), type: 2 }],
    });
    expect((await next).diagnostics.map((d) => d.code)).toEqual(["base-missing"]);
  });

  it("picks up an edited config without a watched-file event (its modification time changed)", async () => {
    const folder = join(dir, "polled");
    mkdirSync(folder, { recursive: true });
    const config = join(folder, ".apimkitrc.json");
    writeFileSync(config, JSON.stringify({ rules: { "base-missing": "off" } }));
    const uri = doc("p.policy.xml", POLICY, "polled");
    expect((await client.open(uri, POLICY)).diagnostics.map((d) => d.code)).toEqual(["unused-variable"]);
    writeFileSync(config, JSON.stringify({ rules: { "unused-variable": "off" } }));
    // Make sure the time differs even on a coarse file system clock.
    utimesSync(config, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const edited = await client.change(uri, [{ text: `${POLICY}\n` }]);
    expect(edited.diagnostics.map((d) => d.code)).toEqual(["base-missing"]);
  });

  it("shows nothing for a file the config's ignores leave out, as lint skips it", async () => {
    const folder = join(dir, "ignoring");
    mkdirSync(join(folder, "generated"), { recursive: true });
    writeFileSync(join(folder, ".apimkitrc.json"), JSON.stringify({ ignores: ["generated/"] }));
    const ignored = await client.open(doc("i.policy.xml", POLICY, "ignoring/generated"), POLICY);
    expect(ignored.diagnostics).toEqual([]);
    const linted = await client.open(doc("j.policy.xml", POLICY, "ignoring"), POLICY);
    expect(linted.diagnostics.map((d) => d.code)).toEqual(["base-missing", "unused-variable"]);
  });

  it("says when the config cannot be read, and lints with the recommended rules", async () => {
    mkdirSync(join(dir, "badconfig"), { recursive: true });
    writeFileSync(join(dir, "badconfig", ".apimkitrc.json"), '{ "rules": { "no-such-rule": "error" } }');
    const { diagnostics } = await client.open(doc("d.policy.xml", POLICY, "badconfig"), POLICY);
    expect(diagnostics[0]).toMatchObject({ code: "config-error", severity: 1, source: "apimkit" });
    expect(diagnostics[0]?.message).toContain("no-such-rule");
    expect(diagnostics.slice(1).map((d) => d.code)).toEqual(["base-missing", "unused-variable"]);
  });

  it("answers a request while a config change re-lints many open documents (one per event-loop turn)", async () => {
    const folder = join(dir, "many");
    mkdirSync(folder, { recursive: true });
    const uris: string[] = [];
    for (let i = 0; i < 40; i++) {
      const uri = doc(`m${i}.policy.xml`, POLICY, "many");
      await client.open(uri, POLICY);
      uris.push(uri);
    }
    const relinted = new Set<string>();
    const all = Promise.all(uris.map((u) => client.diagnostics(u).then(() => relinted.add(u))));
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: fileUri(join(folder, ".apimkitrc.json")), type: 1 }],
    });
    const symbols = await client.connection.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri: uris[0] },
    });
    expect(Array.isArray(symbols)).toBe(true);
    // The answer came before the re-lint of every document was done.
    expect(relinted.size).toBeLessThan(uris.length);
    await all;
    expect(relinted.size).toBe(uris.length);
  });

  it("lints an untitled buffer (no file) with the recommended rules", async () => {
    const { diagnostics } = await client.open("untitled:Untitled-1", POLICY);
    expect(diagnostics.map((d) => d.code)).toEqual(["base-missing", "unused-variable"]);
  });

  it("clears a closed document's diagnostics", async () => {
    const uri = doc("e.policy.xml", POLICY);
    await client.open(uri, POLICY);
    const cleared = client.diagnostics(uri);
    await client.close(uri);
    expect((await cleared).diagnostics).toEqual([]);
  });
});
