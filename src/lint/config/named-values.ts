// Known named values from a config: a list of names, named-values.json, or an APIOps "named values" folder.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { LintConfigError } from "./errors.js";

/** `where` names the config file and key for error messages. */
export function loadNamedValues(spec: string[] | string, baseDir: string, where: string): Set<string> {
  if (Array.isArray(spec)) return new Set(spec);
  const path = resolve(baseDir, spec);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new LintConfigError(
      `${where}: "${spec}" does not exist (expected named-values.json or a "named values" folder)`,
    );
  }
  return isDir ? fromApiopsFolder(path, where) : fromJsonFile(path, where);
}

/** named-values.json: [{ "name": ..., "value": ..., "secret": ... }] (apimkit generate writes this), or names. */
function fromJsonFile(path: string, where: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new LintConfigError(`${where}: cannot read ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new LintConfigError(`${where}: ${path}: expected an array of named values`);
  const names = new Set<string>();
  data.forEach((item, i) => {
    const name = typeof item === "string" ? item : (item?.name ?? item?.displayName);
    if (typeof name !== "string" || name === "") {
      throw new LintConfigError(`${where}: ${path}: [${i}] has no "name"`);
    }
    names.add(name);
  });
  return names;
}

/** APIOps: named values/<name>/namedValueInformation.json; policies reference the display name. */
function fromApiopsFolder(dir: string, where: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const infoFile = join(dir, entry.name, "namedValueInformation.json");
    let info: { displayName?: unknown; properties?: { displayName?: unknown } } | undefined;
    try {
      info = JSON.parse(readFileSync(infoFile, "utf8").replace(/^\uFEFF/, ""));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new LintConfigError(`${where}: cannot read ${infoFile}: ${(err as Error).message}`);
    }
    const display = info?.properties?.displayName ?? info?.displayName;
    names.add(typeof display === "string" && display !== "" ? display : entry.name);
  }
  return names;
}
