// The named values a policy file can see, with their values, for hover, completion and go to definition: the
// named-values.json (or APIOps "named values" folder) its lint config points at, else the nearest named-values.json
// in its folder or above. A secret's value is never kept: only the fact that it is secret.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FileConfig } from "./config.js";

export interface NamedValueEntry {
  name: string;
  /** Undefined for a secret, a Key Vault reference, or an entry that only names the value. */
  value: string | undefined;
  secret: boolean;
  keyVault: boolean;
  /** Where the entry is written, for go to definition. */
  file: string;
  offset: number;
}

export interface NamedValueSet {
  /** The file or folder the values come from. */
  origin: string;
  entries: ReadonlyMap<string, NamedValueEntry>;
}

const FILE_NAME = "named-values.json";
const MAX_LEVELS = 12;

export class NamedValueStore {
  private readonly cache = new Map<string, { stamp: number; set: NamedValueSet }>();

  /** The named values for a policy file (undefined: none found). */
  forFile(path: string | undefined, config: FileConfig): NamedValueSet | undefined {
    const origin = path ? this.originFor(path, config) : undefined;
    if (!origin) return undefined;
    const stamp = stampOf(origin);
    const hit = this.cache.get(origin);
    if (hit && hit.stamp === stamp) return hit.set;
    let set: NamedValueSet;
    try {
      set = { origin, entries: isDir(origin) ? readApiopsFolder(origin) : readJsonFile(origin) };
    } catch {
      // A file being edited may be half written: no values rather than a broken server.
      set = { origin, entries: new Map() };
    }
    this.cache.set(origin, { stamp, set });
    return set;
  }

  private originFor(path: string, config: FileConfig): string | undefined {
    for (let i = config.chain.length - 1; i >= 0; i--) {
      const c = config.chain[i]!;
      if (typeof c.namedValues === "string") return resolve(c.dir, c.namedValues);
    }
    let dir = dirname(path);
    for (let i = 0; i < MAX_LEVELS; i++) {
      const candidate = join(dir, FILE_NAME);
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file's modification time; a folder's is the newest of its entries' info files. */
function stampOf(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    let newest = st.mtimeMs;
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      try {
        newest = Math.max(newest, statSync(join(path, e.name, "namedValueInformation.json")).mtimeMs);
      } catch {}
    }
    return newest;
  } catch {
    return -1;
  }
}

/** named-values.json: [{ "name", "value", "secret" }] as `apimkit generate` writes it, or a list of names. */
function readJsonFile(file: string): Map<string, NamedValueEntry> {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const data: unknown = JSON.parse(text);
  const entries = new Map<string, NamedValueEntry>();
  if (!Array.isArray(data)) return entries;
  for (const item of data) {
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
    const name = typeof item === "string" ? item : (record?.name ?? record?.displayName);
    if (typeof name !== "string" || name === "") continue;
    const secret = record?.secret === true;
    const keyVault = record?.keyVault !== undefined;
    const value = !secret && !keyVault && typeof record?.value === "string" ? record.value : undefined;
    entries.set(name, { name, value, secret, keyVault, file, offset: nameOffset(text, name) });
  }
  return entries;
}

/** APIOps: named values/<name>/namedValueInformation.json with properties.displayName, value, secret, keyVault. */
function readApiopsFolder(dir: string): Map<string, NamedValueEntry> {
  const entries = new Map<string, NamedValueEntry>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const file = join(dir, e.name, "namedValueInformation.json");
    let text: string;
    let info: { properties?: Record<string, unknown> } & Record<string, unknown>;
    try {
      text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      info = JSON.parse(text);
    } catch {
      continue;
    }
    const props = info.properties ?? info;
    const display = typeof props.displayName === "string" && props.displayName !== "" ? props.displayName : e.name;
    const secret = props.secret === true;
    const keyVault = props.keyVault !== undefined;
    const value = !secret && !keyVault && typeof props.value === "string" ? props.value : undefined;
    entries.set(display, { name: display, value, secret, keyVault, file, offset: nameOffset(text, display) });
  }
  return entries;
}

/** Where the entry's name is written in the JSON text (its first quoted occurrence), else the file's start. */
function nameOffset(text: string, name: string): number {
  const at = text.indexOf(JSON.stringify(name));
  return Math.max(at, 0);
}
