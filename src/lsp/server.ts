// The language server: one connection, the open documents, their diagnostics, and the request handlers.
// Every handler answers from the document's current text and never throws to the client: a bug in a feature gives
// an empty answer (logged on stderr), never a dead server. The features load after `initialize` is answered
// (features.ts); a request or a lint that comes earlier waits for them.
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
import type { Analysis } from "./document.js";
import { pathOf } from "./paths.js";
import { LintScheduler } from "./scheduler.js";

type Features = typeof import("./features.js");
type Loaded = Features & {
  configs: InstanceType<Features["ConfigCache"]>;
  namedValues: InstanceType<Features["NamedValueStore"]>;
};

export interface ServerOptions {
  /** initializationOptions.debounceMs: a fixed pause before linting instead of the adaptive one. */
  debounceMs?: number;
}

/** Config and named-values files: a change to one re-lints every open document. */
const WATCHED = ["**/.apimkitrc.json", "**/named-values.json", "**/namedValueInformation.json"];

export interface RunningServer {
  /** True once the client sent `shutdown`. */
  readonly shutdownReceived: boolean;
}

export function startServer(connection: Connection): RunningServer {
  const documents = new TextDocuments(TextDocument);
  let f: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> => {
    loading ??= import("./features.js").then((m) => {
      f = { ...m, configs: new m.ConfigCache(), namedValues: new m.NamedValueStore() };
      return f;
    });
    return loading;
  };
  /** The findings of each document's last lint, with the version they are for (code actions reuse them). */
  const linted = new Map<string, { version: number; findings: Finding[] }>();
  let scheduler: LintScheduler | undefined;
  let canWatch = false;
  let snippets = false;

  const log = (what: string, err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`apimkit lsp: ${what}: ${redactSecrets(message)}\n`);
  };

  /** Lints the document at its current version and publishes the diagnostics (false: it is not open). */
  const publish = (uri: string): boolean => {
    const text = documents.get(uri);
    if (!text) return false;
    if (!f) {
      load().then(
        () => scheduler?.changed(uri),
        // The editor shows why nothing else comes (the details are on stderr).
        (err) =>
          void connection.sendDiagnostics({
            uri,
            version: text.version,
            diagnostics: [
              {
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                severity: 1,
                source: "apimkit",
                code: "internal-error",
                message: `apimkit lsp could not load its linter: ${redactSecrets(err instanceof Error ? err.message : String(err))}`,
              },
            ],
          }),
      );
      return true;
    }
    try {
      const { findings, diagnostics } = f.lintDocumentText(text, f.configs.configFor(pathOf(uri)));
      linted.set(uri, { version: text.version, findings });
      void connection.sendDiagnostics({ uri, version: text.version, diagnostics });
    } catch (err) {
      log(`lint of ${uri} failed`, err);
    }
    return true;
  };

  /** Runs a request handler on the document's current analysis; a failure is logged and answered with `empty`. */
  async function answer<R>(
    uri: string,
    empty: R,
    what: string,
    fn: (f: Loaded, a: Analysis, text: TextDocument) => R,
  ): Promise<R> {
    try {
      const loaded = f ?? (await load());
      const text = documents.get(uri);
      return text ? fn(loaded, loaded.analyse(text), text) : empty;
    } catch (err) {
      log(`${what} failed`, err);
      return empty;
    }
  }

  const namedValuesOf = (f: Loaded, a: Analysis) => () => f.namedValues.forFile(a.path, f.configs.configFor(a.path));

  /** The findings for the document's current text: the last lint's when it is of this version, else a fresh one. */
  const findingsOf = (f: Loaded, text: TextDocument): Finding[] => {
    const last = linted.get(text.uri);
    if (last && last.version === text.version) return last.findings;
    const { findings } = f.lintDocumentText(text, f.configs.configFor(pathOf(text.uri)));
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
  let stopped = false;
  connection.onInitialized(() => {
    void load()
      .then((loaded) => {
        if (!stopped) stopWarmUp = loaded.warmUp();
      })
      .catch((err) => log("loading the features", err));
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
    answer(p.textDocument.uri, null, "hover", (f, a) =>
      f.hover(a, a.map.offset(p.position), {
        namedValues: namedValuesOf(f, a),
        configuredNamedValues: () => f.configs.configFor(a.path).config.namedValues,
      }),
    ),
  );

  connection.onCompletion((p) =>
    answer(p.textDocument.uri, [], "completion", (f, a) =>
      f.complete(a, a.map.offset(p.position), {
        namedValues: namedValuesOf(f, a),
        configuredNamedValues: () => f.configs.configFor(a.path).config.namedValues,
        fragments: () => f.fragmentsFor(a.path),
        snippets,
      }),
    ),
  );

  connection.onCodeAction((p) =>
    answer(p.textDocument.uri, [], "code actions", (f, a, text) =>
      f.codeActions(a, p.textDocument.uri, findingsOf(f, text), p.range),
    ),
  );

  connection.onDefinition((p) =>
    answer(p.textDocument.uri, [], "definition", (f, a) =>
      f.definition(a, a.map.offset(p.position), {
        uri: p.textDocument.uri,
        namedValues: namedValuesOf(f, a),
        fragments: () => f.fragmentsFor(a.path),
      }),
    ),
  );

  connection.onDocumentSymbol((p) =>
    answer(p.textDocument.uri, [], "document symbols", (f, a) => f.documentSymbols(a)),
  );

  connection.onDidChangeWatchedFiles(() => {
    f?.configs.reset();
    scheduler?.relintAll(documents.keys());
  });

  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
    stopped = true;
    stopWarmUp();
    scheduler?.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return {
    get shutdownReceived() {
      return shutdownReceived;
    },
  };
}
