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
  const segs = path.replace(/\\/g, "/").split("/");
  const n = segs.length;
  if (segs[n - 1]?.toLowerCase() !== "policy.xml") return undefined;
  const grand = segs[n - 3];
  if (grand === "operations" && segs[n - 5] === "apis") return "operation";
  if (grand === "apis") return "api";
  if (grand === "products") return "product";
  if (grand === "policy fragments") return "fragment";
  if (grand === "workspaces") return "workspace";
  if (isArtifactsRoot && n >= 2 && isArtifactsRoot(segs.slice(0, n - 1).join("/") || "/")) return "global";
  return undefined;
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
