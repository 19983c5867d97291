// The configuration that applies to one file, after extends, overrides and command-line rules were merged.
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
}
