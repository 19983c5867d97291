// Nothing is left half written: write to a temporary file beside the target, then rename.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fsErrorReason } from "./fs-reason.js";

/** A file or folder apimkit was asked to write cannot be written: the user's to fix (exit 2, one line). */
export class WriteError extends Error {
  override name = "WriteError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: cannot write (${reason}); nothing was written`);
  }
}

/** Why a file-system call failed, in words (the errno code when there is no better one). */
export function writeFailureReason(err: unknown): string {
  return fsErrorReason(err, "write");
}

/**
 * `mkdir -p` that fails instead of hanging: Node 20's `mkdirSync(dir, { recursive: true })` never returns for a
 * path below /proc (it retries ENOENT forever). Walks up to the nearest existing ancestor, then creates each
 * missing level, so the first failure is reported as it is.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.unshift(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  if (existsSync(d) && !statSync(d).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${missing[0] ?? d}'`), { code: "ENOTDIR" });
  }
  for (const m of missing) mkdirSync(m);
}

/** Writes `path` all or nothing; a failure is a WriteError naming the path and the reason. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  // The temporary name must stay within the 255-byte name limit even when the target's name is near it.
  const tmp = join(dirname(path), `.${basename(path).slice(0, 80)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw Object.assign(new Error(`${path}: is a folder`), { code: "EISDIR" });
    }
    makeDirs(dirname(path));
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file was never created where it cannot be removed.
    }
    throw new WriteError(path, writeFailureReason(err));
  }
}
