// Writing generated files all-or-nothing, and the drift check behind `generate --check`.
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { makeDirs } from "../util/atomic-write.js";
import type { GeneratedFile } from "./index.js";

/**
 * Writes every file to a temporary file beside its target first, then renames them all: an error while
 * writing leaves the previous output untouched. Returns the written paths (relative).
 */
export function writeGenerated(dir: string, files: GeneratedFile[]): string[] {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const path = join(dir, ...f.path.split("/"));
      makeDirs(dirname(path));
      const tmp = join(dirname(path), `.${f.path.split("/").pop()}.${process.pid}.apimkit.tmp`);
      writeFileSync(tmp, f.content);
      if (f.kind === "script") chmodSync(tmp, 0o755);
      staged.push({ tmp, path });
    }
  } catch (err) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw err;
  }
  for (const s of staged) renameSync(s.tmp, s.path);
  return files.map((f) => f.path);
}

export interface Drift {
  path: string;
  /** stale: a file of the plain layout that generate no longer writes (e.g. a removed caller). */
  status: "missing" | "changed" | "stale";
  /** Unified diff from the file on disk to what generate would write. */
  diff: string;
}

/** Compares files on disk with what would be generated; [] when the folder is up to date. */
export function checkGenerated(dir: string, files: GeneratedFile[]): Drift[] {
  const drifts: Drift[] = [];
  for (const f of files) {
    const path = join(dir, ...f.path.split("/"));
    const exists = existsSync(path);
    const current = exists ? readFileSync(path, "utf8") : "";
    if (exists && current === f.content) continue;
    const diff = createTwoFilesPatch(
      exists ? `a/${f.path}` : "/dev/null",
      `b/${f.path}`,
      current,
      f.content,
      exists ? "on disk" : "missing",
      "generated",
    );
    drifts.push({ path: f.path, status: exists ? "changed" : "missing", diff });
  }
  for (const path of staleFiles(dir, files)) {
    const current = readFileSync(join(dir, ...path.split("/")), "utf8");
    drifts.push({
      path,
      status: "stale",
      diff: createTwoFilesPatch(`a/${path}`, "/dev/null", current, "", "on disk", "not generated"),
    });
  }
  return drifts;
}

/**
 * Files of the plain layout on disk that generate no longer writes: a removed caller's policy, a named-values.json
 * after namedValues was turned off. Never deleted automatically; an APIOps tree holds other artifacts, so only
 * the plain layout (recognised by provider/policy.xml) is checked.
 */
export function staleFiles(dir: string, files: GeneratedFile[]): string[] {
  const generated = new Set(files.map((f) => f.path));
  if (!generated.has("provider/policy.xml")) return [];
  const callersDir = join(dir, "callers");
  const callers = existsSync(callersDir) ? readdirSync(callersDir).map((name) => `callers/${name}/policy.xml`) : [];
  return ["named-values.json", ...callers]
    .filter((path) => !generated.has(path) && existsSync(join(dir, ...path.split("/"))))
    .sort();
}
