// What `apimkit lint` does once yargs parsed its options: lint, format, write, pick the exit code.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { useColor } from "../util/color.js";
import { fsErrorReason } from "../util/fs-reason.js";
import { INTERNAL_ERROR } from "./builtin-rules.js";
import { LintUsageError } from "./config/errors.js";
import { loadNamedValues } from "./config/named-values.js";
import type { RuleEntry, RuleLevel } from "./config/types.js";
import { countFindings, plural } from "./formatters/counts.js";
import { type FormatName, formatters } from "./formatters/index.js";
import { displayPath } from "./formatters/paths.js";
import { loadLintConfigFor } from "./index.js";
import { lintFiles, lintStdinText } from "./lint-files.js";
import { printedConfig } from "./print-config.js";
import { docsBaseUrlProblem } from "./rule-docs.js";
import { timingEnabled, timingTable } from "./timing.js";
import type { PolicyScope } from "./types.js";

export interface LintCliArgs {
  paths: string[];
  format: FormatName;
  outputFile?: string;
  config?: string;
  rule?: string[];
  scope?: PolicyScope;
  fix?: boolean;
  fixDryRun?: boolean;
  /** -1: no limit. */
  maxWarnings?: number;
  quiet?: boolean;
  reportUnusedDirectives?: boolean;
  /** named-values.json or an APIOps "named values" folder: the known named values for every file. */
  namedValues?: string;
  /** Print the config that applies to this file (and the scope it would get) instead of linting. */
  printConfig?: string;
  /** Read the policy from stdin (fd 0) instead of files. */
  stdin?: boolean;
  /** The path stdin stands for: its config, scope, ignores and the name in the report. */
  stdinFilename?: string;
  /** Worker threads; undefined = 1 (this thread). */
  concurrency?: number;
  /** False: paths holding no policy file are not an error (ESLint's --no-error-on-unmatched-pattern). */
  errorOnUnmatchedPattern?: boolean;
  /** Rule pages are linked at <base>/rules/<id>.md (SARIF helpUri). */
  docsBaseUrl?: string;
}

export interface LintIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export { useColor };

const PROGRESS_THRESHOLD = 300;
const LEVELS: readonly RuleLevel[] = ["off", "info", "warn", "error"];

/** `--rule id:level` (repeatable) -> rules record. */
export function parseRuleArgs(specs: readonly string[] | undefined): Record<string, RuleEntry> | undefined {
  if (!specs || specs.length === 0) return undefined;
  const rules: Record<string, RuleEntry> = {};
  for (const spec of specs) {
    const m = /^\s*([^:\s]+)\s*:\s*([a-z]+)\s*$/.exec(spec);
    if (!m || !LEVELS.includes(m[2] as RuleLevel)) {
      throw new LintUsageError(`--rule "${spec}": expected RULE-ID:LEVEL with LEVEL one of ${LEVELS.join(", ")}`);
    }
    rules[m[1]!] = m[2] as RuleLevel;
  }
  return rules;
}

function cliNamedValues(args: LintCliArgs, io: LintIo): string[] | undefined {
  if (args.namedValues === undefined) return undefined;
  try {
    return [...loadNamedValues(args.namedValues, io.cwd, "--named-values")];
  } catch (err) {
    throw new LintUsageError((err as Error).message);
  }
}

/** Reads everything from stdin (a pipe or a file; an interactive terminal waits for end of input). */
function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (err) {
    throw new LintUsageError(`--stdin: cannot read standard input (${fsErrorReason(err)})`);
  }
}

async function lintStdin(args: LintCliArgs, io: LintIo, input: Buffer) {
  if (args.paths.length > 0) throw new LintUsageError("--stdin lints standard input: give no paths with it");
  return lintStdinText(input, args.stdinFilename, {
    cwd: io.cwd,
    configFile: args.config,
    cliRules: parseRuleArgs(args.rule),
    namedValues: cliNamedValues(args, io),
    scope: args.scope,
    // Text from stdin is never written back: --fix prints the fixed document on stdout instead.
    fixDryRun: args.fixDryRun || args.fix,
    reportUnusedDirectives: args.reportUnusedDirectives,
  });
}

function lintPaths(args: LintCliArgs, io: LintIo) {
  if (args.stdinFilename !== undefined) throw new LintUsageError("--stdin-filename needs --stdin");
  const progress = io.stderr.isTTY === true;
  let lastDraw = 0;
  return lintFiles(args.paths, {
    cwd: io.cwd,
    configFile: args.config ? resolve(io.cwd, args.config) : undefined,
    cliRules: parseRuleArgs(args.rule),
    namedValues: cliNamedValues(args, io),
    scope: args.scope,
    fix: args.fix,
    fixDryRun: args.fixDryRun,
    reportUnusedDirectives: args.reportUnusedDirectives,
    workers: args.concurrency,
    onProgress: progress
      ? (done, total) => {
          if (total <= PROGRESS_THRESHOLD) return;
          const now = Date.now();
          if (done === total) io.stderr.write("\r\u001b[K");
          else if (now - lastDraw > 100) {
            lastDraw = now;
            io.stderr.write(`\r\u001b[Klinting ${done}/${total} files`);
          }
        }
      : undefined,
  });
}

/** --print-config FILE: what applies to FILE, as JSON (like ESLint's --print-config). */
async function printConfig(args: LintCliArgs, io: LintIo): Promise<number> {
  const file = resolve(io.cwd, args.printConfig!);
  const config = await loadLintConfigFor(file, {
    configFile: args.config ? resolve(io.cwd, args.config) : undefined,
    cliRules: parseRuleArgs(args.rule),
    namedValues: cliNamedValues(args, io),
  });
  io.stdout.write(`${JSON.stringify(printedConfig(file, config, args.scope), null, 2)}\n`);
  return 0;
}

export async function runLintCli(args: LintCliArgs, io: LintIo): Promise<number> {
  if (args.printConfig !== undefined) return printConfig(args, io);
  if (args.concurrency !== undefined && !(Number.isInteger(args.concurrency) && args.concurrency >= 1)) {
    throw new LintUsageError(`--concurrency ${args.concurrency}: expected a whole number of threads, at least 1`);
  }
  const urlProblem = args.docsBaseUrl === undefined ? undefined : docsBaseUrlProblem(args.docsBaseUrl);
  if (urlProblem) throw new LintUsageError(`--docs-base-url "${args.docsBaseUrl}": ${urlProblem}`);
  const input = args.stdin ? readStdin() : undefined;
  const { results, ignored, rules } = input ? await lintStdin(args, io, input) : await lintPaths(args, io);
  // --stdin --fix: stdout is the fixed document (as a formatter would give it); the report goes to stderr.
  const documentOut = input !== undefined && args.fix === true;

  for (const file of ignored) {
    io.stderr.write(`apimkit: ${displayPath(file, io.cwd)}: ignored by an "ignores" pattern in the lint config\n`);
  }
  if (results.length === 0 && ignored.length === 0) {
    // An empty generate output in CI must not pass as "clean", as ESLint does.
    const where = `no policy files (*.xml, *.cshtml) found in ${args.paths.join(" ") || "."}`;
    if (args.errorOnUnmatchedPattern !== false)
      throw new LintUsageError(`${where} (--no-error-on-unmatched-pattern allows it)`);
    io.stderr.write(`apimkit: ${where}\n`);
  }
  const toFile = args.outputFile !== undefined;
  const reportStream = documentOut && !toFile ? io.stderr : io.stdout;
  if (documentOut) io.stdout.write(results[0]?.output ?? input!.toString("utf8"));
  else if (args.fixDryRun && args.format !== "json") {
    // The diff goes beside a human report; next to a machine format on stdout it goes to stderr.
    const diffStream = args.format === "stylish" || toFile ? io.stdout : io.stderr;
    // The diff library is loaded only for a dry run (not on every lint's start-up).
    const { fixDiff } = await import("./fix-diff.js");
    const color = useColor(io.env, diffStream, false);
    for (const r of results) {
      if (r.output === undefined) continue;
      const before = input ? input.toString("utf8") : readFileSync(r.file, "utf8");
      diffStream.write(fixDiff(displayPath(r.file, io.cwd), before, r.output, color));
    }
  }
  if (args.fixDryRun) {
    for (const r of results) {
      if (r.fixed > 0) io.stderr.write(`would fix ${plural(r.fixed, "problem")} in ${displayPath(r.file, io.cwd)}\n`);
    }
  }

  const all = countFindings(results);
  const shown = args.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error") }))
    : results;
  const report = formatters[args.format]({
    results: shown,
    rules,
    cwd: io.cwd,
    githubWorkspace: io.env.GITHUB_WORKSPACE || undefined,
    docsBaseUrl: args.docsBaseUrl,
    color: args.format === "stylish" && useColor(io.env, reportStream, toFile),
  });
  if (toFile) writeFileAtomic(resolve(io.cwd, args.outputFile!), report);
  else reportStream.write(report);
  if (args.fix && !args.fixDryRun && !documentOut) {
    for (const r of results) {
      if (r.fixed > 0) io.stderr.write(`fixed ${plural(r.fixed, "problem")} in ${displayPath(r.file, io.cwd)}\n`);
    }
  }

  if (timingEnabled) io.stderr.write(timingTable());

  const crashed = results.flatMap((r) => r.findings.filter((f) => f.ruleId === INTERNAL_ERROR));
  if (crashed.length > 0) {
    io.stderr.write(`apimkit: internal error: ${plural(crashed.length, "rule crash")}, listed as ${INTERNAL_ERROR}\n`);
    return 2;
  }
  if (all.errors > 0) return 1;
  const max = args.maxWarnings ?? -1;
  if (max >= 0 && all.warnings > max) {
    io.stderr.write(`apimkit: too many warnings (${all.warnings}); at most ${max} allowed (--max-warnings)\n`);
    return 1;
  }
  return 0;
}
