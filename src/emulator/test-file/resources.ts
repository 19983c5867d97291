// The files a test file names: the policy and its scopes, the fragments folder, the named values. Each problem
// carries the key it came from, so the loader can point at that key's value in the test file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { PolicySource, ScopeSources } from "../api.js";
import type { SourceProblem } from "./source.js";
import type { TestFileSpec } from "./types.js";

export interface Resources {
  policy: PolicySource;
  scopes: ScopeSources;
  fragments: Record<string, PolicySource>;
  namedValues: Record<string, string>;
}

class ResourceProblem extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function readText(file: string, key: string, what: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot read (${code})`;
    throw new ResourceProblem(key, `${file}: ${why} (expected ${what})`);
  }
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** Reads every file the spec names; all problems at once. */
export function loadResources(spec: TestFileSpec, dir: string): { resources?: Resources; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ResourceProblem)) throw err;
      problems.push({ path: err.path, message: err.message });
      return undefined;
    }
  };
  const source = (rel: string, key: string): PolicySource => {
    const file = resolve(dir, rel);
    return { file, text: readText(file, key, "a policy document") };
  };
  const policy = attempt(() => source(spec.policy, "policy"));
  const scopes: ScopeSources = {};
  for (const scope of ["global", "workspace", "product", "api"] as const) {
    const rel = spec.scopes?.[scope];
    if (rel === undefined) continue;
    const loaded = attempt(() => source(rel, `scopes.${scope}`));
    if (loaded) scopes[scope] = loaded;
  }
  const fragments =
    spec.fragments === undefined ? {} : (attempt(() => loadFragments(resolve(dir, spec.fragments!))) ?? {});
  const namedValues =
    spec.namedValues === undefined
      ? {}
      : typeof spec.namedValues === "string"
        ? (attempt(() => loadNamedValueFile(resolve(dir, spec.namedValues as string))) ?? {})
        : { ...spec.namedValues };
  if (!policy || problems.length > 0) return { problems };
  return { resources: { policy, scopes, fragments, namedValues }, problems };
}

/** `<fragment-id>.xml` files, or APIOps' `<fragment-id>/policy.xml` folders (both may be mixed). */
export function loadFragments(folder: string): Record<string, PolicySource> {
  if (isDirectory(folder) !== true) {
    throw new ResourceProblem("fragments", `${folder}: no such folder (expected a folder of <fragment-id>.xml files)`);
  }
  const fragments: Record<string, PolicySource> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isFile() && /\.xml$/i.test(entry.name)) {
      const file = join(folder, entry.name);
      fragments[basename(entry.name, entry.name.slice(-4))] = { file, text: readText(file, "fragments", "a fragment") };
    } else if (entry.isDirectory()) {
      const file = join(folder, entry.name, "policy.xml");
      if (isDirectory(file) === false)
        fragments[entry.name] = { file, text: readText(file, "fragments", "a fragment") };
    }
  }
  return fragments;
}

/**
 * generate's named-values.json (`[{ "name", "value", ... }]`), a `{ "name": "value" }` file, or an APIOps
 * "named values" folder (`<name>/namedValueInformation.json`). A secret without a value in the file is left out:
 * a policy that references it fails naming it rather than running with a made-up value.
 */
export function loadNamedValueFile(path: string): Record<string, string> {
  const key = "namedValues";
  const dirFlag = isDirectory(path);
  if (dirFlag === undefined) {
    throw new ResourceProblem(
      key,
      `${path}: no such file (expected a named-values JSON file or a "named values" folder)`,
    );
  }
  if (dirFlag) return fromApiopsFolder(path);
  const data = parseJsonFile(path);
  const out: Record<string, string> = {};
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      const name = item?.name ?? item?.displayName;
      if (typeof name !== "string" || name === "") throw new ResourceProblem(key, `${path}: [${i}] has no "name"`);
      if (item.value === undefined) return;
      if (typeof item.value !== "string") throw new ResourceProblem(key, `${path}: [${i}].value must be a string`);
      out[name] = item.value;
    });
    return out;
  }
  if (data && typeof data === "object") {
    for (const [name, value] of Object.entries(data)) {
      if (typeof value !== "string") throw new ResourceProblem(key, `${path}: "${name}" must be a string value`);
      out[name] = value;
    }
    return out;
  }
  throw new ResourceProblem(key, `${path}: expected an array of named values or a { "name": "value" } object`);
}

function parseJsonFile(path: string): unknown {
  const text = readText(path, "namedValues", "a named-values JSON file");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ResourceProblem("namedValues", `${path}: invalid JSON (${(err as Error).message})`);
  }
}

function fromApiopsFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(dir, entry.name, "namedValueInformation.json");
    if (isDirectory(file) === undefined) continue;
    const info = parseJsonFile(file) as { properties?: { displayName?: unknown; value?: unknown } } | null;
    const display = info?.properties?.displayName;
    const value = info?.properties?.value;
    if (typeof value === "string") out[typeof display === "string" && display !== "" ? display : entry.name] = value;
  }
  return out;
}
