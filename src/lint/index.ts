// The lint API: lintText for one in-memory policy (generate, publish), lintFiles for trees on disk (the CLI).
import { dirname, resolve } from "node:path";
import { ConfigResolver } from "./config/resolver.js";
import type { RuleEntry } from "./config/types.js";
import { lintSource, recommendedConfig } from "./engine.js";
import { knownRuleMeta } from "./presets.js";
import type { ResolvedConfig } from "./resolved-config.js";
import type { Finding, PolicyScope, Rule } from "./types.js";

export type { ResolvedConfig, RuleSetting } from "./resolved-config.js";
export { PolicySourceCode } from "./source-code.js";
// The rule API (plugins use the same): a rule is { id, meta, create(context) => visitors }.
export type {
  ExpressionSite,
  Finding,
  Fix,
  NodeOfKind,
  PolicyScope,
  Report,
  Rule,
  RuleCategory,
  RuleContext,
  RuleMeta,
  Severity,
  TextEdit,
  Visitors,
} from "./types.js";

export interface LintTextOptions {
  /** Used in findings and for scope inference from an APIOps path (default `<text>`: no path to infer from). */
  file?: string;
  /** Wins over everything else; otherwise config override scope, a <fragment> root, the path, then "api". */
  scope?: PolicyScope;
  /** Why `scope` is given, for scope-dependent messages (default "scope given"), e.g. "the publish target". */
  scopeReason?: string;
  /** Known named values (enables named-value checks); wins over config.namedValues. */
  namedValues?: ReadonlySet<string>;
  /** Defaults to apimkit:recommended. */
  config?: ResolvedConfig;
  reportUnusedDirectives?: boolean;
  /** The rules to run; defaults to every rule in rules/index.ts. */
  rules?: readonly Rule[];
}

export interface LintResult {
  findings: Finding[];
}

const TEXT_FILE = "<text>";

/** Lints policy text. Never throws for bad input: unreadable text is a parse-error finding. */
export function lintText(source: string, opts: LintTextOptions): LintResult {
  const findings = lintSource(source, {
    file: opts.file ?? TEXT_FILE,
    scope: opts.scope,
    scopeReason: opts.scopeReason ?? "scope given",
    config: opts.config ?? recommendedConfig(),
    namedValues: opts.namedValues,
    reportUnusedDirectives: opts.reportUnusedDirectives,
    rules: opts.rules,
  });
  return { findings };
}

export { LintConfigError, LintUsageError } from "./config/errors.js";
export type { LintConfigFile, RuleEntry } from "./config/types.js";
export { type FormatName, type FormatterInput, formatters } from "./formatters/index.js";
export { type FileResult, type LintFilesOptions, type LintFilesResult, lintFiles } from "./lint-files.js";

/**
 * The config that `apimkit lint` would use for this file (.apimkitrc.json lookup from its folder, or
 * `configFile`), for callers of lintText that want to honour the user's lint config (e.g. publish preflight).
 * Throws LintConfigError for a bad config.
 */
export function lintConfigFor(
  file: string,
  options: { configFile?: string; cliRules?: Record<string, RuleEntry>; namedValues?: readonly string[] } = {},
): ResolvedConfig {
  const resolver = new ConfigResolver({
    configFile: options.configFile ? resolve(options.configFile) : undefined,
    cliRules: options.cliRules,
    cliNamedValues: options.namedValues,
    knownRules: knownRuleMeta(),
  });
  return resolver.resolve(resolve(file));
}

/** lintConfigFor with the plugins the configs name loaded (their rules and levels included). */
export async function loadLintConfigFor(
  file: string,
  options: { configFile?: string; cliRules?: Record<string, RuleEntry>; namedValues?: readonly string[] } = {},
): Promise<ResolvedConfig> {
  const resolver = new ConfigResolver({
    configFile: options.configFile ? resolve(options.configFile) : undefined,
    cliRules: options.cliRules,
    cliNamedValues: options.namedValues,
    knownRules: knownRuleMeta(),
  });
  const abs = resolve(file);
  resolver.chainFor(dirname(abs));
  await resolver.loadPlugins();
  return resolver.resolve(abs);
}
