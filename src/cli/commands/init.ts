// `apimkit init`: writes a starter apimkit.json (with $schema, so editors complete and check it).
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { SCHEMA_REF, starterConfig } from "../../config/starter.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { shellQuote } from "../../util/shell-quote.js";
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

interface InitArgs {
  out: string;
  force?: boolean;
}

export const initCommand: CliCommand<InitArgs> = {
  command: "init",
  describe: "Write a starter apimkit.json",
  builder: (y) =>
    y
      .option("out", { alias: "o", type: "string", default: "apimkit.json", describe: "The file to write" })
      .option("force", { type: "boolean", describe: "Overwrite the file when it exists" })
      .example("$0 init && $0 generate", "Write apimkit.json, then list the placeholders left to fill"),
  run: async (args) => {
    if (existsSync(args.out) && !args.force) {
      throw new UsageError(`${args.out} already exists (use --force to overwrite it)`);
    }
    // $schema is relative to the config file: point it at the project's node_modules from wherever it lands.
    let schemaRef = relative(dirname(resolve(args.out)), resolve(SCHEMA_REF))
      .split("\\")
      .join("/");
    if (!schemaRef.startsWith(".")) schemaRef = `./${schemaRef}`;
    writeFileAtomic(args.out, `${JSON.stringify(starterConfig(schemaRef), null, 2)}\n`);
    const config = shellQuote(args.out);
    process.stderr.write(
      `apimkit: wrote ${args.out}; replace its <placeholders> (apimkit generate -c ${config} lists what is left), then run apimkit generate -c ${config}\n`,
    );
    return 0;
  },
};
