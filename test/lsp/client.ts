// A real LSP client for the protocol tests: vscode-jsonrpc over the stdio of `node bin/apimkit.js lsp --stdio`
// (the built CLI, as an editor starts it).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import type {
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver/node";

export const BIN = resolve("bin/apimkit.js");

export function requireBuild(): void {
  if (!existsSync(resolve("dist/src/lsp/index.js")))
    throw new Error("dist/ is missing the language server: run `npm run build` first (npm test does it)");
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  stderr = "";
  initialized?: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; version?: number; done: (p: PublishDiagnosticsParams) => void }[] = [];

  constructor(options: { cwd?: string } = {}) {
    this.child = spawn(process.execPath, [BIN, "lsp", "--stdio"], {
      cwd: options.cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr?.on("data", (d) => {
      this.stderr += String(d);
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          this.waiters.splice(i, 1);
          w.done(p);
        }
      }
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/configuration", () => []);
    this.connection.listen();
  }

  async initialize(initializationOptions: Record<string, unknown> = {}, rootPath?: string): Promise<InitializeResult> {
    const result: InitializeResult = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: rootPath ? fileUri(rootPath) : null,
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { completion: { completionItem: { snippetSupport: true } } },
      },
      initializationOptions,
    });
    this.initialized = result;
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  /** The diagnostics published for the document at `version` (or the next ones, without a version). */
  diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const seen = this.published.get(uri)?.find((p) => version !== undefined && p.version === version);
    if (seen) return Promise.resolve(seen);
    return new Promise((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        version,
        done: (p) => {
          clearTimeout(timer);
          done(p);
        },
      });
    });
  }

  open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const wait = this.diagnostics(uri, 1);
    void this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "xml", version: 1, text },
    });
    return wait;
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const wait = this.diagnostics(uri, (this.versions.get(uri) ?? 1) + 1);
    this.edit(uri, changes);
    return wait;
  }

  /** Sends a change without waiting for its diagnostics (the server may skip versions edited again at once). */
  edit(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<R>(method: string, uri: string, position: Position, extra: Record<string, unknown> = {}): Promise<R> {
    return this.connection.sendRequest(method, { textDocument: { uri }, position, ...extra });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.child.on("exit", (code) => done(code)));
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** The position of the n-th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

export type { Diagnostic };
