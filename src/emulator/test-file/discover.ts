// Finds the test files under the paths `apimkit test` was given (the current folder by default).
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const TEST_FILE = /\.apimtest\.(?:ya?ml|json)$/i;
const SKIPPED = new Set(["node_modules", ".git"]);

export class DiscoveryError extends Error {
  override name = "DiscoveryError";
}

/** Test files under each path, sorted, each once. A named file is taken as it is; a missing path is an error. */
export function discoverTestFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  for (const given of paths.length > 0 ? paths : ["."]) {
    const path = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new DiscoveryError(`${given}: no such file or folder`);
    }
    if (!isDir) {
      if (!/\.(?:ya?ml|json)$/i.test(path)) {
        throw new DiscoveryError(
          `${given}: not a test file (expected *.apimtest.yaml, *.apimtest.yml or *.apimtest.json)`,
        );
      }
      found.add(path);
      continue;
    }
    walk(path, found);
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) walk(join(dir, entry.name), found);
    } else if (entry.isFile() && TEST_FILE.test(entry.name)) {
      found.add(join(dir, entry.name));
    }
  }
}
