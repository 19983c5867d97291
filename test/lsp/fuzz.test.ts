// Damaged input as while typing: random truncations and insertions (seeded, so a failure can be replayed), with
// hover, completion, definition, symbols and code actions asked at random places in between. The server must
// keep answering every request, publish diagnostics for the last version, and log no failed handler.

import { afterAll, beforeAll, expect, it } from "vitest";
import type { Range } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspClient, requireBuild } from "./client.js";
import { POLICY, type Workspace, workspace } from "./fixture.js";

// APIMKIT_FUZZ_SEED replays another run.
const SEED = Number(process.env.APIMKIT_FUZZ_SEED ?? 20261203);
const STEPS = 400;
const PIECES = [
  "<",
  ">",
  "/>",
  "</",
  '"',
  "'",
  "@(",
  "@{",
  ")",
  "}",
  "{{",
  "}}",
  "context.",
  'context.Variables["',
  ".Request.",
  "<!--",
  "-->",
  "&",
  "&quot;",
  "<![CDATA[",
  "]]>",
  "\r\n",
  "\n",
  " ",
  "=",
  "<set-variable ",
  '<choose><when condition="',
  "\u{1F600}",
  "\uD800",
  "\u0000",
  "return ",
  ";",
  "(string)",
  "=>",
  '$"{',
  "@@",
  "foreach (var (k, v) in ",
  "lock (",
  "goto x; x: ",
  "\\u0052",
  "<base />",
  "</inbound>",
];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let client: LspClient;
let ws: Workspace;

beforeAll(async () => {
  requireBuild();
  ws = workspace();
  client = new LspClient();
  await client.initialize();
});
afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

it(`keeps answering through ${STEPS} random edits`, async () => {
  const random = prng(SEED);
  const pick = (n: number) => Math.floor(random() * n);
  let doc = TextDocument.create(ws.uri, "xml", 1, POLICY);
  await client.open(ws.uri, POLICY);
  const pending: Promise<unknown>[] = [];
  for (let step = 0; step < STEPS; step++) {
    const text = doc.getText();
    const at = pick(text.length + 1);
    let range: Range;
    let insert = "";
    if (random() < 0.4 && text.length > 0) {
      // A truncation: a short deletion mostly, sometimes the whole rest of the document.
      const end = random() < 0.1 ? text.length : Math.min(text.length, at + 1 + pick(20));
      range = { start: doc.positionAt(at), end: doc.positionAt(end) };
    } else {
      insert = PIECES[pick(PIECES.length)]!;
      range = { start: doc.positionAt(at), end: doc.positionAt(at) };
    }
    // Every so often the text comes back whole (undo to a good state, or a paste).
    const change = step % 97 === 96 ? { text: POLICY } : { range, text: insert };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    if (step === STEPS - 1) pending.push(client.change(ws.uri, [change]));
    else client.edit(ws.uri, [change]);
    const position = doc.positionAt(pick(doc.getText().length + 1));
    const requests = [
      () => client.request("textDocument/hover", ws.uri, position),
      () => client.request("textDocument/completion", ws.uri, position),
      () => client.request("textDocument/definition", ws.uri, position),
      () =>
        client.connection.sendRequest("textDocument/documentSymbol", {
          textDocument: { uri: ws.uri },
        }),
      () =>
        client.connection.sendRequest("textDocument/codeAction", {
          textDocument: { uri: ws.uri },
          range: { start: position, end: position },
          context: { diagnostics: [] },
        }),
    ];
    pending.push(requests[pick(requests.length)]!());
  }
  const answers = await Promise.allSettled(pending);
  expect(answers.filter((a) => a.status === "rejected")).toEqual([]);
  // The last edit's diagnostics came (the earlier versions may have been skipped, edited again at once).
  expect(answers.at(-2)).toMatchObject({ status: "fulfilled", value: { version: doc.version } });
  // Still alive and answering after all that.
  const symbols = await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: ws.uri } });
  expect(Array.isArray(symbols)).toBe(true);
  expect(client.stderr).toBe("");
}, 120_000);
