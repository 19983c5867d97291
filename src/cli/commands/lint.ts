// `apimkit lint`: the options; the work is in src/lint/cli-run.ts, imported only when the command runs
// (keeps other commands' start-up free of the linter, and the linter's free of theirs).
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";
import { checkWholeNumber } from "../option-checks.js";

const FORMATS = ["stylish", "json", "sarif", "github", "junit"] as const;
const SCOPES = ["global", "workspace", "product", "api", "operation", "fragment"] as const;

interface LintArgs {
  paths?: string[];
  format: (typeof FORMATS)[number];
  "output-file"?: string;
  config?: string;
  rule?: string | string[];
  scope?: (typeof SCOPES)[number];
  fix?: boolean;
  "fix-dry-run"?: boolean;
  "max-warnings": number;
  quiet?: boolean;
  "report-unused-directives"?: boolean;
  concurrency?: number;
  stdin?: boolean;
  "print-config"?: string;
  "named-values"?: string;
  "stdin-filename"?: string;
  "error-on-unmatched-pattern": boolean;
  "docs-base-url"?: string;
}

export const lintCommand: CliCommand<LintArgs> = {
  command: "lint [paths..]",
  describe: "Lint policy files, folders or globs (default: the current folder)",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, describe: "Files, folders or globs" })
      .option("format", { alias: "f", choices: FORMATS, default: "stylish", describe: "Report format" })
      .option("output-file", { alias: "o", type: "string", describe: "Write the report to this file" })
      .option("config", {
        alias: "c",
        type: "string",
        describe: "Use this lint config file (no .apimkitrc.json lookup)",
      })
      // One value per --rule (repeat the option), so `--rule x:warn file.xml` does not take file.xml as a rule.
      .option("rule", {
        type: "string",
        requiresArg: true,
        describe: "Set a rule's level, e.g. --rule base-missing:warn (repeatable)",
      })
      .option("scope", { choices: SCOPES, describe: "Scope of every file (default: inferred from the path)" })
      .option("fix", {
        type: "boolean",
        describe: "Apply safe fixes to the files (with --stdin: print the fixed document on stdout)",
      })
      .option("fix-dry-run", {
        type: "boolean",
        describe: "Show what --fix would change as a unified diff and report what remains; write nothing",
      })
      .option("max-warnings", { type: "number", default: -1, describe: "Fail when there are more warnings" })
      .option("quiet", { type: "boolean", describe: "Report errors only" })
      .option("report-unused-directives", { type: "boolean", describe: "Report disable directives that hide nothing" })
      .option("named-values", {
        type: "string",
        describe: "A named-values.json or an APIOps 'named values' folder: the named values that exist",
      })
      .option("print-config", {
        type: "string",
        describe: "Print the lint config that applies to this file (JSON), do not lint",
      })
      .option("error-on-unmatched-pattern", {
        type: "boolean",
        default: true,
        describe: "Exit 2 when the paths hold no policy file",
      })
      .option("docs-base-url", {
        type: "string",
        describe: "Link rule pages (SARIF helpUri) at URL/rules/<id>.md instead of apimkit's repository",
      })
      .option("stdin", { type: "boolean", describe: "Lint the policy text on standard input" })
      .option("stdin-filename", { type: "string", describe: "The path standard input stands for (config, scope)" })
      .option("concurrency", {
        type: "number",
        describe: "Lint on N worker threads (default 1; helps on large trees on an idle multi-core machine)",
      })
      .conflicts("fix", "fix-dry-run")
      .example("$0 lint", "Every *.xml and *.cshtml below the current folder")
      .example("$0 lint apim/ -f sarif -o lint.sarif", "For GitHub code scanning (upload-sarif)")
      .example("$0 lint 'apis/**/policy.xml' -f github", "Annotations in a GitHub Actions log")
      .example("$0 lint --fix", "Apply the safe fixes, then report what remains"),
  run: async (args) => {
    checkWholeNumber("--max-warnings", args["max-warnings"], -1);
    if (args.concurrency !== undefined) checkWholeNumber("--concurrency", args.concurrency, 1);
    const { runLintCli } = await import("../../lint/cli-run.js");
    const { LintConfigError, LintUsageError } = await import("../../lint/config/errors.js");
    try {
      return await runLintCli(
        {
          paths: args.paths ?? [],
          format: args.format,
          outputFile: args["output-file"],
          config: args.config,
          rule: args.rule === undefined ? undefined : [args.rule].flat(),
          scope: args.scope,
          fix: args.fix,
          fixDryRun: args["fix-dry-run"],
          maxWarnings: args["max-warnings"],
          quiet: args.quiet,
          reportUnusedDirectives: args["report-unused-directives"],
          concurrency: args.concurrency,
          namedValues: args["named-values"],
          printConfig: args["print-config"],
          stdin: args.stdin,
          stdinFilename: args["stdin-filename"],
          errorOnUnmatchedPattern: args["error-on-unmatched-pattern"],
          docsBaseUrl: args["docs-base-url"],
        },
        { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env },
      );
    } catch (err) {
      if (err instanceof LintConfigError || err instanceof LintUsageError) throw new UsageError(err.message);
      throw err;
    }
  },
};
