import type { Argv } from "yargs";

/** One CLI command. `run` returns the exit code: 0 ok, 1 findings/failure, 2 usage/config/internal error. */
export interface CliCommand<A = Record<string, unknown>> {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv;
  run: (args: A) => Promise<number>;
}

/** An error the user can fix: printed as one line (no stack), exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
