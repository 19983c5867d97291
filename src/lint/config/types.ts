// The shape of .apimkitrc.json. schema.ts types its JSON Schema against these interfaces, so they cannot drift.
import type { PolicyScope, SeverityOrOff } from "../types.js";

export type PresetName = "apimkit:recommended" | "apimkit:strict";
export type RuleLevel = SeverityOrOff;
/** `"warn"` or `["warn", { ...options }]`. */
export type RuleEntry = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

export interface LintOverride {
  /** Globs relative to the config file's folder; a pattern without "/" matches the file name at any depth. */
  files: string | string[];
  excludedFiles?: string | string[];
  rules?: Record<string, RuleEntry>;
  scope?: PolicyScope;
  /**
   * The files' broader scopes when no APIOps tree says them: scope -> policy file, paths relative to this config
   * file (read by the composition through ResolvedConfig.inherits).
   */
  inherits?: InheritsMap;
  namedValues?: string[] | string;
}

/** Scope -> policy file of that scope (relative to the config file that names it). */
export interface InheritsMap {
  global?: string;
  workspace?: string;
  product?: string;
  api?: string;
}

export interface LintConfigFile {
  $schema?: string;
  /** Stop looking for configs in parent folders. */
  root?: boolean;
  extends?: PresetName | PresetName[];
  rules?: Record<string, RuleEntry>;
  overrides?: LintOverride[];
  /** Globs (relative to the config file's folder) of files and folders not to lint. */
  ignores?: string[];
  /** Known named values, or a path to named-values.json or to an APIOps "named values" folder. */
  namedValues?: string[] | string;
  /** Modules whose default export is `{ rules: [...] }`: paths relative to this file, or npm package names. */
  plugins?: string[];
  /** Deploy-time placeholder patterns ("{name}", "#{name}#", "__name__", "$(name)"): `name` is the variable part. */
  placeholders?: string[];
}
