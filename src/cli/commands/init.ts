// `apimkit init`: writes a starter apimkit.json (with $schema, so editors complete and check it).
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { SCHEMA_REF, starterConfig } from "../../config/starter.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { packageRoot } from "../../util/paths.js";
import { shellQuote } from "../../util/shell-quote.js";
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

interface InitArgs {
  out: string;
  force?: boolean;
}

const SCHEMA_FILE = "schemas/apimkit.schema.json";

/**
 * `$schema` relative to the config file, so that it resolves where the config lands: the nearest
 * node_modules/apimkit above it (a project that installed apimkit), else apimkit's own schemas/ when the config is
 * inside apimkit's folder (the clone), else the project's node_modules from the current folder (installed later).
 */
function schemaReference(out: string): string {
  const dir = dirname(out);
  let target: string | undefined;
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, "node_modules", "apimkit", SCHEMA_FILE);
    if (existsSync(candidate)) {
      target = candidate;
      break;
    }
    if (dirname(d) === d) break;
  }
  const own = packageRoot();
  const inside = relative(own, dir);
  if (!target && !inside.startsWith("..") && !isAbsolute(inside)) target = join(own, SCHEMA_FILE);
  target ??= resolve(SCHEMA_REF);
  const ref = relative(dir, target).split("\\").join("/");
  return ref.startsWith(".") ? ref : `./${ref}`;
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
    const schemaRef = schemaReference(resolve(args.out));
    writeFileAtomic(args.out, `${JSON.stringify(starterConfig(schemaRef), null, 2)}\n`);
    const config = shellQuote(args.out);
    process.stderr.write(
      `apimkit: wrote ${args.out}; replace its <placeholders> (apimkit generate -c ${config} lists what is left), then run apimkit generate -c ${config}\n`,
    );
    return 0;
  },
};
