// Lints files on disk: bounded concurrency, config cached per folder, each document dropped once its rules ran.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { allRules } from "../../rules/index.js";
import type { ComposeScope } from "../policy/compose.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { fsErrorReason } from "../util/fs-reason.js";
import { INTERNAL_ERROR, PARSE_ERROR } from "./builtin-rules.js";
import { CompositionRun, type ExplicitParents } from "./composition.js";
import type { LoadedPlugin } from "./config/plugins.js";
import { ConfigResolver } from "./config/resolver.js";
import type { RuleEntry } from "./config/types.js";
import { lintSource } from "./engine.js";
import { expandPaths } from "./files.js";
import { applyFixes } from "./fix.js";
import { lintInWorkers, type WorkerSettings, workersAvailable } from "./parallel.js";
import { knownRuleMeta } from "./presets.js";
import type { ResolvedConfig } from "./resolved-config.js";
import { isArtifactsRootOnDisk } from "./scope.js";
import type { Finding, PolicyScope, Rule, RuleMeta } from "./types.js";

export interface LintFilesOptions {
  /** Relative paths and globs are resolved against it (default process.cwd()). */
  cwd?: string;
  /** Use this config file for every file instead of looking up .apimkitrc.json. */
  configFile?: string;
  /** --rule id:level, applied after every config. */
  cliRules?: Record<string, RuleEntry>;
  /** Known named values for every file (--named-values), over any config. */
  namedValues?: readonly string[];
  /** Forces the scope of every file. */
  scope?: PolicyScope;
  /** Apply safe fixes and write the files (atomically). */
  fix?: boolean;
  /** Compute the fixes and report what would remain, without writing. */
  fixDryRun?: boolean;
  reportUnusedDirectives?: boolean;
  /** Worker threads (default 1: everything on this thread). */
  workers?: number;
  /** The rules to run (default: every rule in rules/index.ts). */
  rules?: readonly Rule[];
  /**
   * Compose each document with its parents and fragments (APIOps tree, explicit parents) for the cross-scope
   * checks (default true; false lints every file alone).
   */
  compose?: boolean;
  /**
   * Explicit parents: file -> scope -> that scope's policy file (paths relative to cwd), over the tree layout and
   * over `overrides[].inherits`.
   */
  parents?: ExplicitParents;
  onProgress?: (done: number, total: number) => void;
}

export interface FileResult {
  /** Absolute path. */
  file: string;
  findings: Finding[];
  /** Number of fixes applied (or that would be, with fixDryRun). */
  fixed: number;
  /** The fixed text, when fixes changed it. */
  output?: string;
}

export interface LintFilesResult {
  results: FileResult[];
  /** Files named on the command line but matched by `ignores`. */
  ignored: string[];
  /** Metadata of every known rule (rules/ and the engine's own), for formatters. */
  rules: ReadonlyMap<string, RuleMeta>;
}

const MAX_FIX_PASSES = 10;
// An options object, not the string "utf8": for a string, node copies its default options on every call (about
// 15% of a small file's read time).
const UTF8 = { encoding: "utf8" } as const;
const STDIN = "<stdin>";
const MAX_WORKERS = 16;

/** Throws LintConfigError / LintUsageError for bad configs and paths; never for a bad policy file. */
export async function lintFiles(paths: string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = options.cwd ?? process.cwd();
  if (options.configFile) options = { ...options, configFile: resolve(cwd, options.configFile) };
  const rules = knownRuleMeta(options.rules);
  const resolver = new ConfigResolver({
    configFile: options.configFile,
    cliRules: options.cliRules,
    cliNamedValues: options.namedValues,
    knownRules: rules,
  });
  // Expanding the paths also loads (and validates) every config that applies, before any file is linted.
  const { files, ignored } = expandPaths(
    paths,
    cwd,
    (p, dir) => resolver.isIgnored(p, dir),
    (dir, entries) => resolver.folderRead(dir, entries),
  );
  // Every config that applies was read: load the plugins they name (a plugin that fails is a config error).
  const plugins = await resolver.loadPlugins();
  const workers = workerCount(options, files.length);
  // Each file's config is resolved once: explicitParents asks for all of them before the files are linted.
  const configs: ResolvedConfig[] = [];
  const configOf = (i: number): ResolvedConfig => (configs[i] ??= resolver.resolve(files[i]!));
  const parents = explicitParents(files, cwd, options, configOf);
  const local = { ...withPluginRules(options, plugins), parents };
  // One composition per run: the parents and fragments it parses are shared by the files that use them.
  const composition = options.compose === false ? undefined : new CompositionRun({ parents });
  const results =
    workers > 1
      ? await lintInWorkers(files, { ...workerSettings(options, plugins), parents }, workers, options.onProgress)
      : files.map((file, i) => {
          const result = lintOneFile(file, configOf(i), local, composition);
          options.onProgress?.(i + 1, files.length);
          return result;
        });
  return { results, ignored, rules: resolver.knownRules };
}

/**
 * The explicit parents of the run's files, absolute: `overrides[].inherits` of each file's config (already
 * absolute), then the caller's `parents` over them. Undefined when there are none. Computed once, in the main thread:
 * the workers get it as data, so every thread knows the same children of a parent.
 */
function explicitParents(
  files: readonly string[],
  cwd: string,
  options: LintFilesOptions,
  configOf: (index: number) => ResolvedConfig,
): ExplicitParents | undefined {
  if (options.compose === false) return undefined;
  const out: Record<string, Partial<Record<ComposeScope, string>>> = {};
  for (let i = 0; i < files.length; i++) {
    const inherits = configOf(i).inherits;
    if (inherits && Object.keys(inherits).length > 0) out[files[i]!] = { ...inherits };
  }
  for (const [file, parents] of Object.entries(options.parents ?? {})) {
    const resolved: Partial<Record<ComposeScope, string>> = {};
    for (const [scope, path] of Object.entries(parents) as [ComposeScope, string][])
      resolved[scope] = resolve(cwd, path);
    out[resolve(cwd, file)] = { ...out[resolve(cwd, file)], ...resolved };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The rules to run: the caller's (or apimkit's) and the plugins'. */
export function withPluginRules(options: LintFilesOptions, plugins: readonly LoadedPlugin[]): LintFilesOptions {
  if (plugins.length === 0) return options;
  return { ...options, rules: [...(options.rules ?? allRules), ...plugins.flatMap((p) => p.rules)] };
}

/**
 * Worker threads are opt-in (`workers` > 1): each one loads the parser and the rules and warms up its own JIT,
 * which costs about half the single-thread CPU time again on the corpus; they only win on an idle multi-core
 * machine, and lose on a busy one. Custom rule objects cannot cross a thread boundary.
 */
function workerCount(options: LintFilesOptions, files: number): number {
  if (options.rules || files < 2 || !options.workers || options.workers < 2 || !workersAvailable()) return 1;
  return Math.min(options.workers, files, MAX_WORKERS);
}

function workerSettings(options: LintFilesOptions, plugins: readonly LoadedPlugin[]): WorkerSettings {
  return {
    plugins: plugins.map((p) => p.file),
    configFile: options.configFile,
    cliRules: options.cliRules,
    namedValues: options.namedValues,
    scope: options.scope,
    compose: options.compose,
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    reportUnusedDirectives: options.reportUnusedDirectives,
  };
}

/**
 * Reads, parses, lints (and fixes) one file; the document is dropped on return. Synchronous on purpose: on a
 * busy 2-core machine a readFileSync of a small policy costs far less than the thread-pool round trips of
 * fs.promises, and parallelism comes from worker threads instead.
 */
export function lintOneFile(
  file: string,
  config: ResolvedConfig,
  options: LintFilesOptions,
  composition?: CompositionRun,
): FileResult {
  // Only fixing needs the bytes (to leave a file that is not valid UTF-8 alone); else node decodes as it reads,
  // which skips a Buffer per file (the same text: both decode invalid UTF-8 the WHATWG way).
  const fixing = options.fix || options.fixDryRun;
  let content: Buffer | string;
  try {
    content = fixing ? readFileSync(file) : readFileSync(file, UTF8);
  } catch (err) {
    return { file, findings: [unreadable(file, `cannot read the file (${fsErrorReason(err)})`)], fixed: 0 };
  }
  return lintBytes(file, content, config, options, true, composition);
}

/** `content`: the file's bytes, or its text when no fix is asked for. */
function lintBytes(
  file: string,
  content: Buffer | string,
  config: ResolvedConfig,
  options: LintFilesOptions,
  mayWrite: boolean,
  composition: CompositionRun | undefined,
): FileResult {
  const raw = typeof content === "string" ? content : content.toString("utf8");
  const lint = (text: string) =>
    lintSource(text, {
      file,
      scope: options.scope,
      config,
      reportUnusedDirectives: options.reportUnusedDirectives,
      rules: options.rules,
      isArtifactsRoot: isArtifactsRootOnDisk,
      composition,
    });
  let findings = lint(raw);
  if (!(options.fix || options.fixDryRun) || !findings.some((f) => f.fix)) return { file, findings, fixed: 0 };
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;

  // Fix offsets refer to the text without its BOM; the BOM goes back on when writing.
  const bom = raw.charCodeAt(0) === 0xfeff;
  if (Buffer.compare(Buffer.from(raw, "utf8"), bytes) !== 0) {
    // Not valid UTF-8: rewriting would change bytes outside the fixes, so leave the file alone.
    return { file, findings, fixed: 0 };
  }
  let text = bom ? raw.slice(1) : raw;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { output, applied, rules } = applyFixes(text, findings);
    if (applied === 0 || output === text) break;
    const next = lint(output);
    const crashes = (list: Finding[]) => list.filter((f) => f.ruleId === INTERNAL_ERROR).length;
    if (next.some((f) => f.ruleId === PARSE_ERROR) || crashes(next) > crashes(findings)) {
      // A fix must never turn a readable policy into an unreadable one: keep the text as it was.
      const blame = rules.map((r) => `'${r}'`).join(", ");
      const message = `The fixes of ${blame} would make ${file} unreadable, so they were not applied (this is a bug in apimkit, please report it)`;
      findings = [...findings, { ...unreadable(file, message), ruleId: INTERNAL_ERROR }];
      break;
    }
    fixed += applied;
    text = output;
    findings = next;
    if (!findings.some((f) => f.fix)) break;
  }
  if (fixed === 0) return { file, findings, fixed };
  const output = bom ? `\uFEFF${text}` : text;
  if (mayWrite && options.fix && !options.fixDryRun) writeFileAtomic(file, output);
  return { file, findings, fixed, output };
}

/** Lints text read from stdin as if it were `file` (its config, scope and ignores), like ESLint --stdin-filename. */
export async function lintStdinText(
  bytes: Buffer,
  file: string | undefined,
  options: LintFilesOptions = {},
): Promise<LintFilesResult & { ignoredByConfig: boolean }> {
  const cwd = options.cwd ?? process.cwd();
  const rules = knownRuleMeta(options.rules);
  const resolver = new ConfigResolver({
    configFile: options.configFile ? resolve(cwd, options.configFile) : undefined,
    cliRules: options.cliRules,
    cliNamedValues: options.namedValues,
    knownRules: rules,
  });
  // Without a file name, stdin is looked up as a file in the current folder and reported as "<stdin>".
  const abs = resolve(cwd, file ?? STDIN);
  if (file !== undefined && resolver.isIgnored(abs)) {
    return { results: [], ignored: [abs], rules, ignoredByConfig: true };
  }
  resolver.chainFor(dirname(abs));
  const local = withPluginRules(options, await resolver.loadPlugins());
  const parents = explicitParents([abs], cwd, options, () => resolver.resolve(abs));
  const composition = options.compose === false ? undefined : new CompositionRun({ parents });
  // Text from stdin is never written back: --fix-dry-run gives the fixed text in the report (json: output).
  const result = lintBytes(file === undefined ? STDIN : abs, bytes, resolver.resolve(abs), local, false, composition);
  return { results: [result], ignored: [], rules: resolver.knownRules, ignoredByConfig: false };
}

function unreadable(file: string, message: string): Finding {
  return { file, ruleId: PARSE_ERROR, severity: "error", message, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
