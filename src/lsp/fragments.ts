// The policy fragments a file can include: the APIOps layout keeps them in <base>/policy fragments/<id>/policy.xml,
// where <base> is the service root or a workspace folder, and a workspace's own come before the service's (as
// src/policy/compose/apiops.ts looks them up). Walking up from the file meets them in that order.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

const FOLDER = "policy fragments";
const MAX_LEVELS = 12;

/** The folders holding fragments for this file, in lookup order. */
export function fragmentFolders(path: string): string[] {
  const folders: string[] = [];
  let dir = dirname(path);
  for (let i = 0; i < MAX_LEVELS; i++) {
    const candidate = join(dir, FOLDER);
    if (existsSync(candidate)) folders.push(candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return folders;
}

/** Fragment id -> its policy.xml (the first folder that has the id wins). */
export function fragmentsFor(path: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!path) return out;
  for (const folder of fragmentFolders(path)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const id of names.sort()) {
      const file = join(folder, id, "policy.xml");
      if (!out.has(id) && existsSync(file)) out.set(id, file);
    }
  }
  return out;
}
