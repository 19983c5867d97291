// `apimkit test`: the options; the work is in src/emulator/test-file/cli-run.ts, imported only when the command runs.
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

const FORMATS = ["stylish", "json", "junit"] as const;

interface TestArgs {
  paths?: string[];
  format: (typeof FORMATS)[number];
  "output-file"?: string;
  trace?: boolean;
  "no-op"?: string | string[];
  filter?: string;
}

export const testCommand: CliCommand<TestArgs> = {
  command: "test [paths..]",
  describe: "Run policies offline in the emulator: *.apimtest.yaml/.yml/.json files (default: the current folder)",
  builder: (y) =>
    y
      // `--no-op POLICY` is an option of its own, not the negation of an `--op` flag.
      .parserConfiguration({ "boolean-negation": false })
      .positional("paths", { type: "string", array: true, describe: "Test files or folders" })
      .option("format", { alias: "f", choices: FORMATS, default: "stylish", describe: "Report format" })
      .option("output-file", { alias: "o", type: "string", describe: "Write the report to this file" })
      .option("trace", { type: "boolean", describe: "Print each policy as it runs (stderr; tokens redacted)" })
      .option("no-op", {
        type: "string",
        requiresArg: true,
        describe: "Skip this policy instead of failing on it (repeatable)",
      })
      .option("filter", { type: "string", describe: "Run only the tests whose name contains this text" })
      .example("$0 test", "Every test file below the current folder")
      .example("$0 test examples/ -f junit -o test-results.xml", "A JUnit report for CI")
      .example("$0 test caller.apimtest.yaml --trace --filter 'cache hit'", "One test, with the gateway's trace"),
  run: async (args) => {
    const { runTestCli, TestUsageError } = await import("../../emulator/test-file/cli-run.js");
    try {
      return await runTestCli(
        {
          paths: args.paths ?? [],
          format: args.format,
          outputFile: args["output-file"],
          trace: args.trace,
          noOp: args["no-op"] === undefined ? undefined : [args["no-op"]].flat(),
          filter: args.filter,
        },
        { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env },
      );
    } catch (err) {
      if (err instanceof TestUsageError) throw new UsageError(err.message);
      throw err;
    }
  },
};
