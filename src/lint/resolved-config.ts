// The configuration that applies to one file, after extends, overrides and command-line rules were merged.
import type { Placeholders } from "../policy/placeholders.js";
import type { InheritsMap } from "./config/types.js";
import type { PolicyScope, SeverityOrOff } from "./types.js";

export interface RuleSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** Every known rule id -> its level and options (rules absent here run at their preset level). */
  rules: ReadonlyMap<string, RuleSetting>;
  /** Known named values; undefined when none are configured (named-value checks stay silent). */
  namedValues?: ReadonlySet<string>;
  /** A scope forced by an override (`overrides[].scope`), above path inference. */
  scope?: PolicyScope;
  /** The config file whose override set `scope` (for "why this scope" in messages and --print-config). */
  scopeFrom?: string;
  /**
   * The broader scopes' policy files from `overrides[].inherits` (absolute paths; later overrides win per scope);
   * undefined when no override names any. The composition's explicit parents (DiscoverOptions.parents).
   */
  inherits?: Readonly<InheritsMap>;
  /** Deploy-time placeholders (the nearest config's `placeholders`); absent: none. */
  placeholders?: Placeholders;
}

/** The broader scopes of a file, as its resolved config names them (`overrides[].inherits`); undefined: none named. */
export function inheritsFor(config: ResolvedConfig): Readonly<InheritsMap> | undefined {
  return config.inherits;
}
