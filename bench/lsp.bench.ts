// Language server latency and memory, through the built server over stdio (as an editor runs it): the time from a
// didChange to its publishDiagnostics on a 300-line policy (p50/p95 over 200 changes, with the default adaptive
// debounce and with none), completion latency after `context.Request.`, and the server's memory with 500 open
// documents. Prints JSON, asserts nothing.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import { packageRoot } from "../src/util/paths.js";

const CHANGES = 200;
const COMPLETIONS = 200;
const OPEN_DOCUMENTS = 500;
/**
 * The pause between opening the document and the first change: the server warms its JIT in the background after
 * `initialized` (src/lsp/warmup.ts), as it does while a user opens a file and starts reading it.
 */
const SETTLE_MS = 1500;

/** A 300-line policy of the usual kinds: headers, variables, a choose, expressions, a validate-jwt. */
export function policyOf300Lines(): string {
  const lines = ["<policies>", "  <inbound>", "    <base />"];
  lines.push(
    '    <validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">',
    '      <openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" />',
    "      <audiences><audience>api://backend</audience></audiences>",
    "    </validate-jwt>",
  );
  let i = 0;
  while (lines.length < 270) {
    lines.push(
      `    <set-variable name="v${i}" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-h${i}&quot;, &quot;&quot;))" />`,
      `    <set-header name="x-out-${i}" exists-action="override">`,
      `      <value>@((string)context.Variables["v${i}"] + "-" + context.Request.Method)</value>`,
      "    </set-header>",
      `    <choose><when condition="@(context.Variables.GetValueOrDefault<string>(&quot;v${i}&quot;) == &quot;a&quot;)">`,
      `      <set-query-parameter name="q${i}" exists-action="override"><value>1</value></set-query-parameter>`,
      "    </when></choose>",
    );
    i++;
  }
  lines.push("  </inbound>", "  <backend>", "    <base />", "  </backend>", "  <outbound>", "    <base />");
  while (lines.length < 292) lines.push(`    <set-header name="x-res-${lines.length}" exists-action="delete" />`);
  lines.push("  </outbound>", "  <on-error>", "    <base />", "  </on-error>", "</policies>");
  while (lines.length < 300) lines.push("");
  return lines.join("\n");
}

interface Server {
  /** Spawn to the initialize answer, ms. */
  startup: number;
  child: ChildProcess;
  connection: MessageConnection;
  published: (uri: string, version: number) => Promise<number>;
}

async function startServer(initializationOptions: Record<string, unknown>): Promise<Server> {
  const root = packageRoot();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, "bin/apimkit.js"), "lsp", "--stdio"], { stdio: "pipe" });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const waiting = new Map<string, (t: number) => void>();
  connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; version?: number }) => {
    const key = `${p.uri}#${p.version}`;
    waiting.get(key)?.(performance.now());
    waiting.delete(key);
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    initializationOptions,
  });
  const startup = performance.now() - t0;
  await connection.sendNotification("initialized", {});
  const published = (uri: string, version: number) =>
    new Promise<number>((done) => waiting.set(`${uri}#${version}`, done));
  return { startup, child, connection, published };
}

async function stopServer(s: Server): Promise<void> {
  await s.connection.sendRequest("shutdown");
  await s.connection.sendNotification("exit");
  await new Promise((done) => s.child.on("exit", done));
  s.connection.dispose();
}

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (x: number): number => Math.round(x * 100) / 100;
const summary = (xs: number[]) => ({
  p50: round(percentile(xs, 50)),
  p95: round(percentile(xs, 95)),
  max: round(Math.max(...xs)),
});

/** didChange -> publishDiagnostics, one change at a time (each waits for its diagnostics, as typing pauses do). */
export async function changeLatency(options: Record<string, unknown>, text: string): Promise<number[]> {
  const s = await startServer(options);
  const uri = pathToFileURL("/bench/lsp/policy.xml").href;
  const first = s.published(uri, 1);
  await s.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "xml", version: 1, text },
  });
  await first;
  await new Promise((done) => setTimeout(done, SETTLE_MS));
  const lines = text.split("\n");
  const times: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    const version = k + 2;
    // Type into a header name on one of the set-header lines, then take it out again: the document stays valid.
    const line = lines.findIndex((l, i) => i > (k * 7) % 250 && l.includes("<set-header name="));
    const character = (lines[line] as string).indexOf('name="') + 6;
    const change =
      k % 2 === 0
        ? { range: { start: { line, character }, end: { line, character } }, text: "z" }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" };
    const done = s.published(uri, version);
    const t0 = performance.now();
    await s.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    times.push((await done) - t0);
  }
  await stopServer(s);
  return times;
}

async function completionLatency(text: string): Promise<number[]> {
  const s = await startServer({});
  const uri = pathToFileURL("/bench/lsp/completion.xml").href;
  const marked = text.replace("context.Request.Method)", "context.Request.)");
  const first = s.published(uri, 1);
  await s.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "xml", version: 1, text: marked },
  });
  await first;
  const lines = marked.split("\n");
  const line = lines.findIndex((l) => l.includes("context.Request.)"));
  const character = (lines[line] as string).indexOf("context.Request.)") + "context.Request.".length;
  const times: number[] = [];
  let items = 0;
  for (let k = 0; k < COMPLETIONS; k++) {
    const t0 = performance.now();
    const r = await s.connection.sendRequest<{ label: string }[]>("textDocument/completion", {
      textDocument: { uri },
      position: { line, character },
    });
    times.push(performance.now() - t0);
    items = r.length;
  }
  await stopServer(s);
  if (items === 0) throw new Error("completion after context.Request. returned nothing");
  return times;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function memoryWithOpenDocuments(text: string): Promise<{ idleMb: number; openMb: number }> {
  const s = await startServer({});
  const open = async (i: number) => {
    const uri = pathToFileURL(`/bench/lsp/docs/${i}/policy.xml`).href;
    const done = s.published(uri, 1);
    // Each document its own text (a variable name differs), as in a real workspace.
    await s.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "xml", version: 1, text: text.replace('name="v0"', `name="doc${i}"`) },
    });
    await done;
  };
  await open(0);
  const idleMb = rssMb(s.child.pid);
  for (let i = 1; i < OPEN_DOCUMENTS; i++) await open(i);
  // Hover on each keeps its parse alive too, as documents in use have.
  const openMb = rssMb(s.child.pid);
  await stopServer(s);
  return { idleMb, openMb };
}

/** Spawn to the initialize answer: what an editor waits before the server is usable. */
async function startupTimes(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await startServer({});
    times.push(s.startup);
    await stopServer(s);
  }
  return times;
}

export async function run(): Promise<void> {
  const text = policyOf300Lines();
  const startup = await startupTimes();
  const adaptive = await changeLatency({}, text);
  const immediate = await changeLatency({ debounceMs: 0 }, text);
  const completion = await completionLatency(text);
  const memory = await memoryWithOpenDocuments(text);
  process.stdout.write(
    `${JSON.stringify({
      bench: "lsp",
      policyLines: text.split("\n").length,
      settleMs: SETTLE_MS,
      loadAverage1m: round(loadavg()[0] ?? 0),
      startupMs: summary(startup),
      changes: CHANGES,
      didChangeToDiagnosticsMs: summary(adaptive),
      didChangeToDiagnosticsNoDebounceMs: summary(immediate),
      completionAfterContextRequestMs: summary(completion),
      openDocuments: OPEN_DOCUMENTS,
      serverRssMb: memory,
    })}\n`,
  );
}
