// Lint plugins: `"plugins": ["./house-rules.mjs", "some-npm-package"]` in .apimkitrc.json. A plugin module
// default-exports `{ rules: [Rule, ...] }` (the public rule API of src/lint/types.ts) with ids `name/rule`.
// Loading is import(), so it is async: the resolver records the plugins its configs name, and lintFiles loads them
// once every config is read, before any file is linted.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Rule, RuleMeta } from "../types.js";
import { LintConfigError } from "./errors.js";

/** Where a plugin was named: the config file and the index in its `plugins`. */
export interface PluginRef {
  /** What the config says: "./house-rules.mjs" or "some-npm-package". */
  spec: string;
  /** The config file that names it. */
  configFile: string;
  index: number;
  /** Where the entry is written in the config, when known. */
  position?: { line: number; column: number };
}

export interface LoadedPlugin {
  /** The module file (absolute): the plugin's identity, and what worker threads import. */
  file: string;
  rules: Rule[];
}

/** `name/rule`, both kebab-case: the namespace keeps a plugin's ids apart from apimkit's and other plugins'. */
export const PLUGIN_RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEVERITIES = ["off", "info", "warn", "error"];

function where(ref: PluginRef): string {
  const at = ref.position ? `${ref.configFile}:${ref.position.line}:${ref.position.column}` : ref.configFile;
  return `${at}: plugins[${ref.index}] "${ref.spec}"`;
}

/** The plugin's module file: a path relative to the config's folder, or a package resolved from that folder. */
export { where as pluginPlace };

export function resolvePlugin(ref: PluginRef): string {
  const dir = dirname(ref.configFile);
  if (ref.spec.startsWith(".") || isAbsolute(ref.spec)) {
    const file = resolve(dir, ref.spec);
    if (!existsSync(file)) throw new LintConfigError(`${where(ref)}: no such file ${file}`);
    return file;
  }
  try {
    return createRequire(join(dir, "noop.js")).resolve(ref.spec);
  } catch {
    // An ESM-only package (exports without "require") is not found by require.resolve: read its package.json.
    const file = esmEntry(ref.spec, dir);
    if (file) return file;
    throw new LintConfigError(`${where(ref)}: package not found from ${dir} (is it installed?)`);
  }
}

function esmEntry(spec: string, from: string): string | undefined {
  const m = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(spec);
  if (!m) return undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    const pkgDir = join(dir, "node_modules", m[1]!);
    const pkgFile = join(pkgDir, "package.json");
    if (existsSync(pkgFile)) {
      const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
      const sub = m[2] ? `.${m[2]}` : ".";
      const entry = exportTarget(pkg.exports, sub) ?? (sub === "." ? (pkg.module ?? pkg.main ?? "index.js") : sub);
      const file = resolve(pkgDir, entry);
      return existsSync(file) ? file : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function exportTarget(exports: unknown, sub: string): string | undefined {
  if (typeof exports === "string") return sub === "." ? exports : undefined;
  if (!exports || typeof exports !== "object") return undefined;
  const map = exports as Record<string, unknown>;
  const entry = Object.keys(map).some((k) => k.startsWith(".")) ? map[sub] : sub === "." ? map : undefined;
  return conditionTarget(entry);
}

function conditionTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (!entry || typeof entry !== "object") return undefined;
  const map = entry as Record<string, unknown>;
  for (const key of ["import", "node", "default"]) {
    const target = conditionTarget(map[key]);
    if (target) return target;
  }
  return undefined;
}

const loaded = new Map<string, Promise<LoadedPlugin>>();

/** Imports and checks one plugin (once per module file and process). Throws LintConfigError naming the file. */
export function loadPlugin(ref: PluginRef): Promise<LoadedPlugin> {
  const file = resolvePlugin(ref);
  let plugin = loaded.get(file);
  if (!plugin) {
    plugin = importPlugin(file, where(ref));
    loaded.set(file, plugin);
    // A failed load is not cached: the next run (the language server) tries again.
    plugin.catch(() => loaded.delete(file));
  }
  return plugin;
}

/** Imports a plugin by its module file (worker threads: the main thread already resolved and checked it). */
export async function importPlugin(file: string, place = file): Promise<LoadedPlugin> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new LintConfigError(`${place}: cannot load the plugin ${file}: ${(err as Error).message}`);
  }
  const exported = mod.default as { rules?: unknown } | undefined;
  if (!exported || typeof exported !== "object" || !Array.isArray(exported.rules)) {
    throw new LintConfigError(`${place}: ${file} must default-export { rules: [...] }`);
  }
  const rules = exported.rules.map((rule, i) => checkRule(rule, `${place}: rules[${i}]`, dirname(file)));
  return { file, rules };
}

function checkRule(value: unknown, at: string, pluginDir: string): Rule {
  const rule = value as Partial<Rule> | null;
  if (!rule || typeof rule !== "object") throw new LintConfigError(`${at}: expected a rule object`);
  if (typeof rule.id !== "string") throw new LintConfigError(`${at}: the rule has no "id"`);
  if (!PLUGIN_RULE_ID.test(rule.id)) {
    const hint = rule.id.includes("/") ? "" : ` (for example "house/${rule.id}")`;
    throw new LintConfigError(
      `${at}: rule id "${rule.id}" must be namespaced as "plugin-name/rule-name" in kebab-case${hint}`,
    );
  }
  const id = `${at}: rule "${rule.id}"`;
  if (typeof rule.create !== "function") throw new LintConfigError(`${id}: create must be a function`);
  const meta = rule.meta as Partial<RuleMeta> | undefined;
  if (!meta || typeof meta !== "object") throw new LintConfigError(`${id}: meta is missing`);
  if (!SEVERITIES.includes(meta.severity as string)) {
    throw new LintConfigError(`${id}: meta.severity must be one of ${SEVERITIES.join(", ")}`);
  }
  if (typeof meta.category !== "string" || meta.category === "") {
    throw new LintConfigError(`${id}: meta.category must be a string`);
  }
  if (typeof meta.description !== "string" || meta.description === "") {
    throw new LintConfigError(`${id}: meta.description must be a string`);
  }
  if (meta.docs !== undefined && typeof meta.docs !== "string") {
    throw new LintConfigError(`${id}: meta.docs must be a URL or a path relative to the plugin`);
  }
  // A page path is relative to the plugin's file; a URL stays as given; no page: "" (formatters leave it out).
  const docs =
    meta.docs === undefined
      ? ""
      : /^[a-z][a-z0-9+.-]*:\/\//i.test(meta.docs)
        ? meta.docs
        : resolve(pluginDir, meta.docs);
  return { id: rule.id, meta: { ...(meta as RuleMeta), docs }, create: rule.create.bind(rule) };
}
