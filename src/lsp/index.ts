// `apimkit lsp --stdio`: the language server over the process's stdin and stdout.
import { createWriteStream } from "node:fs";
import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { startServer } from "./server.js";

/**
 * Serves until the client sends `exit` (the library then ends the process) or closes stdin: then the editor is
 * gone, and the process ends at once (0 after a shutdown request, else 1, as for `exit`), whatever timers or the
 * library's parent-process watch would keep alive. The messages go to
 * fd 1 through a stream of their own: the CLI wraps process.stdout to redact printed text, and rewriting a framed
 * message would break its Content-Length. Anything else printed goes to stderr, never into the protocol stream.
 */
export function serveStdio(): Promise<never> {
  const output = createWriteStream("", { fd: 1 });
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(output));
  console.log = console.info = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
  const server = startServer(connection);
  return new Promise<never>(() => {
    const gone = () => {
      connection.dispose();
      process.exit(server.shutdownReceived ? 0 : 1);
    };
    process.stdin.on("end", gone);
    process.stdin.on("close", gone);
  });
}
