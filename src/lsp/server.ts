// The language server: one connection, the open documents, their diagnostics, and the request handlers.
// Every handler answers from the document's current text and never throws to the client: a bug in a feature gives
// an empty answer (logged on stderr), never a dead server.
import {
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "../lint/types.js";
import { redactSecrets } from "../util/redact.js";
import { codeActions } from "./code-actions.js";
import { complete } from "./completion.js";
import { ConfigCache } from "./config.js";
import { lintDocumentText } from "./diagnostics.js";
import { type Analysis, analyse, pathOf } from "./document.js";
import { fragmentsFor } from "./fragments.js";
import { hover } from "./hover.js";
import { NamedValueStore } from "./named-values.js";
import { definition, documentSymbols } from "./navigation.js";
import { LintScheduler } from "./scheduler.js";
import { warmUp } from "./warmup.js";

export interface ServerOptions {
  /** initializationOptions.debounceMs: a fixed pause before linting instead of the adaptive one. */
  debounceMs?: number;
}

/** Config and named-values files: a change to one re-lints every open document. */
const WATCHED = ["**/.apimkitrc.json", "**/named-values.json", "**/namedValueInformation.json"];

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigCache();
  const namedValues = new NamedValueStore();
  /** The findings of each document's last lint, with the version they are for (code actions reuse them). */
  const linted = new Map<string, { version: number; findings: Finding[] }>();
  let scheduler: LintScheduler | undefined;
  let canWatch = false;
  let snippets = false;

  const log = (what: string, err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`apimkit lsp: ${what}: ${redactSecrets(message)}\n`);
  };

  const publish = (uri: string): boolean => {
    const text = documents.get(uri);
    if (!text) return false;
    const version = text.version;
    try {
      const { findings, diagnostics } = lintDocumentText(text, configs.configFor(pathOf(uri)));
      // A newer edit arrived while linting (it cannot, synchronously, but keep the rule explicit): publish nothing.
      if (documents.get(uri)?.version !== version) return true;
      linted.set(uri, { version, findings });
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (err) {
      log(`lint of ${uri} failed`, err);
    }
    return true;
  };

  /** Runs a request handler on the document's current analysis; a failure is logged and answered with `empty`. */
  function answer<R>(uri: string, empty: R, what: string, fn: (a: Analysis, text: TextDocument) => R): R {
    const text = documents.get(uri);
    if (!text) return empty;
    try {
      return fn(analyse(text), text);
    } catch (err) {
      log(`${what} failed`, err);
      return empty;
    }
  }

  const namedValuesOf = (a: Analysis) => () => namedValues.forFile(a.path, configs.configFor(a.path));

  /** The findings for the document's current text: the last lint's when it is of this version, else a fresh one. */
  const findingsOf = (text: TextDocument): Finding[] => {
    const last = linted.get(text.uri);
    if (last && last.version === text.version) return last.findings;
    const { findings } = lintDocumentText(text, configs.configFor(pathOf(text.uri)));
    linted.set(text.uri, { version: text.version, findings });
    return findings;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as ServerOptions;
    const fixedDelay = typeof init.debounceMs === "number" && init.debounceMs >= 0 ? init.debounceMs : undefined;
    scheduler = new LintScheduler({ fixedDelay, run: publish });
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["<", ".", "{", '"', " "] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: "apimkit" },
    };
  });

  let stopWarmUp = () => {};
  connection.onInitialized(() => {
    stopWarmUp = warmUp();
    if (canWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
        .catch((err) => log("file watch registration", err));
    }
  });

  documents.onDidOpen((e) => scheduler?.changed(e.document.uri));
  documents.onDidChangeContent((e) => scheduler?.changed(e.document.uri));
  documents.onDidClose((e) => {
    scheduler?.closed(e.document.uri);
    linted.delete(e.document.uri);
    // The editor forgets a closed file's problems only when told to.
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((p) =>
    answer(p.textDocument.uri, null, "hover", (a) =>
      hover(a, a.map.offset(p.position), { namedValues: namedValuesOf(a) }),
    ),
  );

  connection.onCompletion((p) =>
    answer(p.textDocument.uri, [], "completion", (a) =>
      complete(a, a.map.offset(p.position), {
        namedValues: namedValuesOf(a),
        configuredNamedValues: () => configs.configFor(a.path).config.namedValues,
        fragments: () => fragmentsFor(a.path),
        snippets,
      }),
    ),
  );

  connection.onCodeAction((p) =>
    answer(p.textDocument.uri, [], "code actions", (a, text) =>
      codeActions(a, p.textDocument.uri, findingsOf(text), p.range),
    ),
  );

  connection.onDefinition((p) =>
    answer(p.textDocument.uri, [], "definition", (a) =>
      definition(a, a.map.offset(p.position), {
        uri: p.textDocument.uri,
        namedValues: namedValuesOf(a),
        fragments: () => fragmentsFor(a.path),
      }),
    ),
  );

  connection.onDocumentSymbol((p) => answer(p.textDocument.uri, [], "document symbols", (a) => documentSymbols(a)));

  connection.onDidChangeWatchedFiles(() => {
    configs.reset();
    scheduler?.relintAll(documents.keys());
  });

  connection.onShutdown(() => {
    stopWarmUp();
    scheduler?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
