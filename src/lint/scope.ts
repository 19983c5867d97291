// Where a policy file sits in APIM's hierarchy, inferred from the APIOps extractor layout:
//   <artifacts>/policy.xml                                  global
//   <artifacts>/products/<product>/policy.xml                product
//   <artifacts>/apis/<api>/policy.xml                        api
//   <artifacts>/apis/<api>/operations/<operation>/policy.xml operation
//   <artifacts>/policy fragments/<fragment>/policy.xml       fragment
//   <artifacts>/workspaces/<workspace>/policy.xml            workspace
// Anything else is an api policy unless its root is <fragment>, or --scope / an override says otherwise.
import { readdirSync } from "node:fs";
import type { PolicyScope } from "./types.js";

export const SCOPES: readonly PolicyScope[] = ["global", "workspace", "product", "api", "operation", "fragment"];

/** Folder names the APIOps extractor writes beside the global policy.xml. */
const ARTIFACT_FOLDERS = new Set([
  "apis",
  "products",
  "policy fragments",
  "named values",
  "backends",
  "loggers",
  "diagnostics",
  "gateways",
  "groups",
  "tags",
  "version sets",
  "workspaces",
  "subscriptions",
]);

/**
 * Scope from the path alone. `isArtifactsRoot(dir)` decides whether a bare policy.xml is the global policy
 * (the CLI asks the file system; without it a bare policy.xml is not assumed global).
 */
export function inferScopeFromPath(path: string, isArtifactsRoot?: (dir: string) => boolean): PolicyScope | undefined {
  // Runs once per linted file: looks at the last segments in place instead of splitting the whole path.
  const p = path.includes("\\") ? path.replace(/\\/g, "/") : path;
  const lastSlash = p.lastIndexOf("/");
  if (p.slice(lastSlash + 1).toLowerCase() !== "policy.xml") return undefined;
  const grand = segmentFromEnd(p, 2);
  if (grand === "operations" && segmentFromEnd(p, 4) === "apis") return "operation";
  if (grand === "apis") return "api";
  if (grand === "products") return "product";
  if (grand === "policy fragments") return "fragment";
  if (grand === "workspaces") return "workspace";
  if (isArtifactsRoot && lastSlash >= 0 && isArtifactsRoot(p.slice(0, lastSlash) || "/")) return "global";
  return undefined;
}

/** The segment `k` places before the last one of a `/`-separated path (k = 0: the last), or undefined. */
function segmentFromEnd(p: string, k: number): string | undefined {
  let end = p.length;
  for (let i = 0; i < k; i++) {
    const slash = p.lastIndexOf("/", end - 1);
    if (slash < 0 || end === 0) return undefined;
    end = slash;
  }
  return p.slice(p.lastIndexOf("/", end - 1) + 1, end);
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
