// The `lsp` command's own behaviour: it needs --stdio, and it starts and stops cleanly as a real process.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { BIN, LspClient, requireBuild } from "./client.js";

beforeAll(() => requireBuild());

describe("apimkit lsp", () => {
  it("without --stdio is a usage error (exit 2) that says what to run", async () => {
    const r = await runCli(["lsp"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("apimkit: say how to talk to the editor: apimkit lsp --stdio\n");
  });

  it("--help shows its usage", () => {
    const r = spawnSync(process.execPath, [BIN, "lsp", "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^apimkit lsp\b/);
    expect(r.stdout).toContain("--stdio");
  });

  it("answers initialize with its capabilities and exits 0 after shutdown and exit", async () => {
    const client = new LspClient();
    const init = await client.initialize();
    expect(init.serverInfo?.name).toBe("apimkit");
    expect(init.capabilities).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix"] },
      textDocumentSync: { openClose: true, change: 2 },
    });
    expect(init.capabilities.completionProvider?.triggerCharacters).toEqual(["<", ".", "{", '"', " "]);
    expect(await client.stop()).toBe(0);
    expect(client.stderr).toBe("");
  });

  it("ends when the editor goes away (stdin closed) instead of lingering", async () => {
    const client = new LspClient();
    await client.initialize();
    const exited = new Promise<number | null>((done) => client.child.on("exit", (code) => done(code)));
    client.child.stdin?.end();
    // No shutdown came first: 1, as the protocol asks of an exit without one.
    expect(await exited).toBe(1);
    client.connection.dispose();
  });
});
