// `apimkit lsp --stdio`: the language server for policy files (diagnostics, hover, completion, quick fixes,
// navigation). The server's modules load only when the command runs, so `apimkit --help` stays quick.
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

interface LspArgs {
  stdio?: boolean;
}

export const lspCommand: CliCommand<LspArgs> = {
  command: "lsp",
  describe: "Run the language server for policy files (editors start it; see the README's Editor support)",
  builder: (y) =>
    y
      .option("stdio", { type: "boolean", default: false, describe: "Talk LSP over stdin/stdout (the only transport)" })
      .example("$0 lsp --stdio", "What an editor runs: the server reads LSP messages on stdin"),
  run: async (args) => {
    if (!args.stdio) throw new UsageError("say how to talk to the editor: apimkit lsp --stdio");
    const { serveStdio } = await import("../../lsp/index.js");
    // Never returns: the server ends the process when the editor says `exit` or closes the pipe.
    return serveStdio();
  },
};
