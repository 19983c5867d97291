// `apimkit lint --print-config FILE`: what applies to FILE, as JSON (like ESLint's --print-config): the merged rules,
// the named values, the deploy-time placeholders, the broader scopes `inherits` names, and the scope FILE is linted
// at with the reason (the same decision lintSource makes).
import { readFileSync } from "node:fs";
import { parsePolicy } from "../policy/parser.js";
import type { ResolvedConfig } from "./resolved-config.js";
import { decideScope, isArtifactsRootOnDisk } from "./scope.js";
import type { PolicyScope } from "./types.js";

export interface PrintedConfig {
  file: string;
  scope: PolicyScope;
  /** Why that scope: "--scope", "override in .apimkitrc.json", "APIOps path", "PSRule name x.api.cshtml", ... */
  scopeReason: string;
  /** `overrides[].inherits`, absolute paths; null when no override names the file's broader scopes. */
  inherits: Readonly<Record<string, string>> | null;
  placeholders: readonly string[];
  namedValues: string[] | null;
  rules: Record<string, unknown>;
}

export function printedConfig(file: string, config: ResolvedConfig, cliScope?: PolicyScope): PrintedConfig {
  const decided = decideScope({
    file,
    cli: cliScope,
    override: config.scope ? { scope: config.scope, from: config.scopeFrom } : undefined,
    fragmentRoot: rootIsFragment(file),
    isArtifactsRoot: isArtifactsRootOnDisk,
  });
  const rules = Object.fromEntries(
    [...config.rules]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, s]) => [id, Object.keys(s.options).length > 0 ? [s.severity, s.options] : s.severity]),
  );
  return {
    file,
    scope: decided.scope,
    scopeReason: decided.reason,
    inherits: config.inherits ? { ...config.inherits } : null,
    placeholders: config.placeholders?.patterns ?? [],
    namedValues: config.namedValues ? [...config.namedValues].sort() : null,
    rules,
  };
}

/** A file whose root is <fragment> is linted as a fragment; a file that does not exist (yet) is not one. */
function rootIsFragment(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  return parsePolicy(text, file).kind === "fragment";
}
