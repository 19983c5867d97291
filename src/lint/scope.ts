// Where a policy file sits in APIM's hierarchy: the APIOps extractor layout, read by the one layout reader in
// src/policy/compose/apiops.ts (the composition builder reads parents from it too). Anything else is an api policy
// unless its root is <fragment>, or --scope / an override says otherwise.
import { readdirSync } from "node:fs";
import { ARTIFACT_FOLDERS, apiopsPlace } from "../policy/compose/apiops.js";
import type { PolicyScope } from "./types.js";

export const SCOPES: readonly PolicyScope[] = ["global", "workspace", "product", "api", "operation", "fragment"];

/**
 * Scope from the path alone. `isArtifactsRoot(dir)` decides whether a bare policy.xml is the global policy
 * (the CLI asks the file system; without it a bare policy.xml is not assumed global).
 */
export function inferScopeFromPath(path: string, isArtifactsRoot?: (dir: string) => boolean): PolicyScope | undefined {
  return apiopsPlace(path, isArtifactsRoot)?.scope;
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
