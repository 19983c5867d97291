// Where a policy file sits in APIM's hierarchy, and why apimkit thinks so. In order, the first that speaks wins:
//   --scope                       the command line
//   overrides[].scope             the lint config (the nearest config's last matching override)
//   a <fragment> root             the document itself
//   the APIOps extractor layout   src/policy/compose/apiops.ts, the one layout reader (composition reads it too)
//   the PSRule file-name convention  src/policy/compose/psrule.ts (global.cshtml, x.api.cshtml, x.api.xml, ...)
//   api                           the default: the path says nothing
import { readdirSync } from "node:fs";
import { dirname, relative } from "node:path";
import { ARTIFACT_FOLDERS, apiopsPlace } from "../policy/compose/apiops.js";
import { psruleScope } from "../policy/compose/psrule.js";
import type { PolicyScope } from "./types.js";

/** What decided a file's scope. */
export type ScopeSource = "cli" | "override" | "fragment-root" | "apiops" | "psrule" | "default";

export interface ScopeDecision {
  scope: PolicyScope;
  source: ScopeSource;
  /** Why, in a few words for messages: "APIOps path", "PSRule name x.api.cshtml", "override in .apimkitrc.json". */
  reason: string;
}

export interface ScopeInputs {
  file: string;
  /** --scope. */
  cli?: PolicyScope;
  /** `overrides[].scope` and the config file that set it. */
  override?: { scope: PolicyScope; from?: string };
  /** The document's root is <fragment>. */
  fragmentRoot?: boolean;
  /** Lets a bare policy.xml be the global policy (see inferScopeFromPath). */
  isArtifactsRoot?: (dir: string) => boolean;
}

/** The scope of a file and why (the order above). */
export function decideScope(inputs: ScopeInputs): ScopeDecision {
  const { file } = inputs;
  if (inputs.cli) return { scope: inputs.cli, source: "cli", reason: "--scope" };
  if (inputs.override) {
    const from = inputs.override.from;
    const where = from === undefined ? "the lint config" : relative(dirname(file), from).split("\\").join("/");
    return { scope: inputs.override.scope, source: "override", reason: `override in ${where}` };
  }
  if (inputs.fragmentRoot) return { scope: "fragment", source: "fragment-root", reason: "its root is <fragment>" };
  const fromPath = scopeFromPath(file, inputs.isArtifactsRoot);
  if (fromPath) return fromPath;
  return { scope: "api", source: "default", reason: "default: the path says nothing" };
}

/** The scope a path says (APIOps layout, then the PSRule file-name convention), and why. */
export function scopeFromPath(path: string, isArtifactsRoot?: (dir: string) => boolean): ScopeDecision | undefined {
  const apiops = apiopsPlace(path, isArtifactsRoot)?.scope;
  if (apiops) return { scope: apiops, source: "apiops", reason: "APIOps path" };
  const psrule = psruleScope(path);
  if (psrule) {
    const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
    return { scope: psrule, source: "psrule", reason: `PSRule name ${name}` };
  }
  return undefined;
}

/** " (PSRule name global.cshtml)": why a file has its scope, for messages; "" when the caller did not say. */
export function reasonSuffix(reason: string | undefined): string {
  return reason ? ` (${reason})` : "";
}

/** "api scope (default: the path says nothing)": a scope with its reason, for scope-dependent messages. */
export function scopeWithReason(scope: PolicyScope, reason: string | undefined): string {
  return reason ? `${scope} scope (${reason})` : `${scope} scope`;
}

export const SCOPES: readonly PolicyScope[] = ["global", "workspace", "product", "api", "operation", "fragment"];

/**
 * Scope from the path alone (APIOps layout, then PSRule names). `isArtifactsRoot(dir)` decides whether a bare policy.xml is the global policy
 * (the CLI asks the file system; without it a bare policy.xml is not assumed global).
 */
export function inferScopeFromPath(path: string, isArtifactsRoot?: (dir: string) => boolean): PolicyScope | undefined {
  return scopeFromPath(path, isArtifactsRoot)?.scope;
}

const artifactRootCache = new Map<string, boolean>();

/** True when the folder looks like an APIOps artifacts root (has apis/, products/, ... beside policy.xml). */
export function isArtifactsRootOnDisk(dir: string): boolean {
  let known = artifactRootCache.get(dir);
  if (known === undefined) {
    try {
      known = readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && ARTIFACT_FOLDERS.has(e.name));
    } catch {
      known = false;
    }
    artifactRootCache.set(dir, known);
  }
  return known;
}
