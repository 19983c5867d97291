import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

// Placeholder until the parser lands (owned by the parser work).
export const parseCommand: CliCommand<{ files: string[]; json?: boolean }> = {
  command: "parse <files..>",
  describe: "Parse policy files and print their outline (or the model as JSON)",
  builder: (y) => y.positional("files", { type: "string", array: true }).option("json", { type: "boolean" }),
  run: async () => {
    throw new UsageError("parse is not implemented yet");
  },
};
