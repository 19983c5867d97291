// Wires the command modules into yargs; each command lives in ./commands/<name>.ts.
import yargs from "yargs";
import { packageVersion } from "../util/paths.js";
import { redactSecrets } from "../util/redact.js";
import { type CliCommand, UsageError } from "./command.js";
import { commands } from "./commands/index.js";

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  let usageFailure: string | undefined;
  const parser = yargs(argv)
    .scriptName("apimkit")
    .usage("$0 <command> [options]\n\nGenerate, lint and publish Azure API Management policies.")
    .version(packageVersion())
    .strict()
    .demandCommand(1, "Say which command to run (see --help).")
    .recommendCommands()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageFailure = msg;
    })
    .exitProcess(false);

  for (const cmd of commands as CliCommand<never>[]) {
    parser.command({
      command: cmd.command,
      describe: cmd.describe,
      builder: cmd.builder,
      handler: async (args) => {
        exitCode = await cmd.run(args as never);
      },
    });
  }

  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`apimkit: ${redactSecrets(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`apimkit: internal error: ${redactSecrets(message)}\n`);
    if (process.env.APIMKIT_DEBUG && err instanceof Error && err.stack) {
      process.stderr.write(`${redactSecrets(err.stack)}\n`);
    }
    return 2;
  }
  if (usageFailure !== undefined) {
    process.stderr.write(`apimkit: ${usageFailure}\nRun 'apimkit --help' for usage.\n`);
    return 2;
  }
  return exitCode;
}
