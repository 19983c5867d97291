// Writing generated files all-or-nothing, and the drift check behind `generate --check`.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
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
      mkdirSync(dirname(path), { recursive: true });
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
  status: "missing" | "changed";
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
  return drifts;
}
