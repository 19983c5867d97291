// Finds and merges the lint configs that apply to each file, ESLint style: .apimkitrc.json files from the
// file's folder upwards (nearest wins, `root: true` stops the lookup), or one --config file for everything.
// Everything is cached per folder, so the per-file cost is a map lookup plus the override globs.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Placeholders } from "../../policy/placeholders.js";
import { picomatch } from "../glob.js";
import { presetLevel } from "../presets.js";
import type { ResolvedConfig, RuleSetting } from "../resolved-config.js";
import type { PolicyScope, RuleMeta, SeverityOrOff } from "../types.js";
import { LintConfigError } from "./errors.js";
import { CONFIG_FILE_NAME, checkRuleIds, configPosition, loadConfigFile } from "./load.js";
import { loadNamedValues } from "./named-values.js";
import { type LoadedPlugin, loadPlugin, type PluginRef, pluginPlace, resolvePlugin } from "./plugins.js";
import type { InheritsMap, LintConfigFile, PresetName, RuleEntry } from "./types.js";

type Matcher = (relPath: string) => boolean;

interface LoadedOverride {
  matches: Matcher;
  excluded?: Matcher;
  rules?: Record<string, RuleEntry>;
  scope?: PolicyScope;
  /** `inherits` with its paths made absolute (relative to the config file). */
  inherits?: InheritsMap;
  namedValues?: Set<string>;
}

interface LoadedConfig {
  file: string;
  dir: string;
  data: LintConfigFile;
  ignores?: Matcher;
  overrides: LoadedOverride[];
  namedValues?: Set<string>;
  /** Compiled `placeholders` (undefined: this config does not set them). */
  placeholders?: Placeholders;
  /** The module files of the plugins this config names. */
  pluginFiles: ReadonlySet<string>;
}

export interface ResolverOptions {
  /** Use only this config file (no lookup). */
  configFile?: string;
  /** --rule id:level, applied after every config. */
  cliRules?: Record<string, RuleEntry>;
  /** --named-values: known named values for every file, over any config. */
  cliNamedValues?: readonly string[];
  knownRules: ReadonlyMap<string, RuleMeta>;
  /** Plugins already loaded (worker threads get them from the main thread). */
  plugins?: readonly LoadedPlugin[];
}

const NO_OPTIONS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export class ConfigResolver {
  private readonly chains = new Map<string, LoadedConfig[]>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  /** The merged config of a chain none of whose configs has overrides (it is then the same for every file). */
  private readonly resolvedByChain = new Map<LoadedConfig[], ResolvedConfig>();
  private readonly fixedChain?: LoadedConfig[];
  /** Folders a walk listed without a config file among their entries: their lookup needs no disk check. */
  private readonly listedWithoutConfig = new Set<string>();

  /** apimkit's rules and those of every plugin loaded so far. */
  private readonly known: Map<string, RuleMeta>;
  /** Plugin rule id -> the plugin's module file. */
  private readonly pluginOfRule = new Map<string, string>();
  private readonly plugins = new Map<string, LoadedPlugin>();
  /** Plugins named by a config read so far but not loaded yet, with where they were first named. */
  private readonly pendingPlugins = new Map<string, PluginRef>();
  /** Rule-id checks waiting for plugins (a config may name `house/x` before its plugin is loaded). */
  private deferredChecks: (() => void)[] = [];

  constructor(private readonly opts: ResolverOptions) {
    this.known = new Map(opts.knownRules);
    for (const plugin of opts.plugins ?? []) this.addPlugin(plugin, plugin.file);
    if (opts.cliRules) checkRuleIds(opts.cliRules, "--rule", "command line", this.known, this.defer);
    if (opts.configFile) this.fixedChain = [this.load(resolve(opts.configFile))];
  }

  private readonly defer = (check: () => void) => {
    this.deferredChecks.push(check);
  };

  /** Every rule known: apimkit's and the loaded plugins'. */
  get knownRules(): ReadonlyMap<string, RuleMeta> {
    return this.known;
  }

  /** The loaded plugins (their rules run beside apimkit's). */
  loadedPlugins(): LoadedPlugin[] {
    return [...this.plugins.values()];
  }

  /**
   * Loads the plugins that the configs read so far name, then checks the rule ids that waited for them. Call it
   * once the configs are read (lintFiles: after expanding the paths) and before resolving any file.
   */
  async loadPlugins(): Promise<LoadedPlugin[]> {
    for (const [file, ref] of this.pendingPlugins) {
      this.addPlugin(await loadPlugin(ref), pluginPlace(ref));
      this.pendingPlugins.delete(file);
    }
    const checks = this.deferredChecks;
    this.deferredChecks = [];
    for (const check of checks) check();
    return this.loadedPlugins();
  }

  private addPlugin(plugin: LoadedPlugin, where: string): void {
    if (this.plugins.has(plugin.file)) return;
    for (const rule of plugin.rules) {
      const other = this.pluginOfRule.get(rule.id);
      if (other !== undefined && other !== plugin.file) {
        throw new LintConfigError(`${where}: rule "${rule.id}" is also defined by the plugin ${other}`);
      }
      this.pluginOfRule.set(rule.id, plugin.file);
      this.known.set(rule.id, rule.meta);
    }
    this.plugins.set(plugin.file, plugin);
  }

  /** The configs that apply in a folder, outermost first. */
  chainFor(dir: string): LoadedConfig[] {
    if (this.fixedChain) return this.fixedChain;
    let chain = this.chains.get(dir);
    if (chain) return chain;
    const parent = dirname(dir);
    const candidate = join(dir, CONFIG_FILE_NAME);
    const here = !this.listedWithoutConfig.has(dir) && existsSync(candidate) ? this.load(candidate) : undefined;
    const above = parent === dir || here?.data.root ? [] : this.chainFor(parent);
    chain = here ? [...above, here] : above;
    this.chains.set(dir, chain);
    return chain;
  }

  /**
   * A walk read the entries of `dir` (before asking about any of them): when none is named .apimkitrc.json,
   * the lookup for that folder skips its existsSync (one per folder of a large tree).
   */
  folderRead(dir: string, entries: readonly { name: string }[]): void {
    if (this.fixedChain || this.chains.has(dir)) return;
    for (const entry of entries) if (entry.name === CONFIG_FILE_NAME) return;
    this.listedWithoutConfig.add(dir);
  }

  /** True when an `ignores` glob of a config that applies here matches the path (file or folder). */
  isIgnored(path: string, dir = dirname(path)): boolean {
    for (const config of this.chainFor(dir)) {
      if (!config.ignores) continue;
      const rel = relativePosix(config.dir, path);
      if (rel !== undefined && config.ignores(rel)) return true;
    }
    return false;
  }

  /** The merged config for one file. */
  resolve(file: string): ResolvedConfig {
    const chain = this.fixedChain ?? this.chainFor(dirname(file));
    // Without overrides the answer is the chain's, whatever the file: no path arithmetic per file.
    const plain = this.resolvedByChain.get(chain);
    if (plain !== undefined) return plain;
    // Cache key: which configs apply and which of their overrides match this file.
    let key = this.chainKey(chain);
    const matched: LoadedOverride[][] = [];
    let overrides = false;
    for (const config of chain) {
      if (config.overrides.length > 0) overrides = true;
      const rel = config.overrides.length === 0 ? undefined : relativePosix(config.dir, file);
      const hits = rel === undefined ? [] : config.overrides.filter((o) => o.matches(rel) && !o.excluded?.(rel));
      matched.push(hits);
      key += `|${hits.map((h) => config.overrides.indexOf(h)).join(",")}`;
    }
    let result = this.resolved.get(key);
    if (!result) {
      result = this.merge(chain, matched);
      this.resolved.set(key, result);
    }
    if (!overrides) this.resolvedByChain.set(chain, result);
    return result;
  }

  /** The broader scopes' policy files that `overrides[].inherits` gives `file` (absolute paths), or undefined. */
  inheritsFor(file: string): Readonly<InheritsMap> | undefined {
    return this.resolve(file).inherits;
  }

  private chainKeys = new Map<LoadedConfig[], string>();
  private chainKey(chain: LoadedConfig[]): string {
    let key = this.chainKeys.get(chain);
    if (key === undefined) {
      key = chain.map((c) => c.file).join("\0");
      this.chainKeys.set(chain, key);
    }
    return key;
  }

  private merge(chain: LoadedConfig[], matched: LoadedOverride[][]): ResolvedConfig {
    // A plugin's rules start at their own level only where a config of the chain names the plugin (a plugin of one
    // team's folder does not switch rules on for another's); elsewhere they are off unless configured.
    const active = new Set(chain.flatMap((c) => [...c.pluginFiles]));
    const presetRules = (presets: PresetName[]) =>
      presetRulesOf(presets, this.known, (id) => {
        const plugin = this.pluginOfRule.get(id);
        return plugin === undefined || active.has(plugin);
      });
    const rules = presetRules(["apimkit:recommended"]);
    let scope: PolicyScope | undefined;
    let scopeFrom: string | undefined;
    let inherits: InheritsMap | undefined;
    let placeholders: Placeholders | undefined;
    let namedValues: Set<string> | undefined;
    chain.forEach((config, i) => {
      if (config.data.extends !== undefined) {
        const presets = Array.isArray(config.data.extends) ? config.data.extends : [config.data.extends];
        rules.clear();
        for (const [id, s] of presetRules(presets)) rules.set(id, s);
      }
      applyRules(rules, config.data.rules);
      if (config.namedValues) namedValues = config.namedValues;
      if (config.placeholders) placeholders = config.placeholders;
      for (const o of matched[i] ?? []) {
        applyRules(rules, o.rules);
        if (o.scope) {
          scope = o.scope;
          scopeFrom = config.file;
        }
        if (o.inherits) inherits = { ...inherits, ...o.inherits };
        if (o.namedValues) namedValues = o.namedValues;
      }
    });
    applyRules(rules, this.opts.cliRules);
    if (this.opts.cliNamedValues) namedValues = new Set(this.opts.cliNamedValues);
    return { rules, namedValues, scope, scopeFrom, inherits, placeholders };
  }

  private load(file: string): LoadedConfig {
    const data = loadConfigFile(file, this.known, this.defer);
    const dir = dirname(file);
    const pluginFiles = new Set<string>();
    (data.plugins ?? []).forEach((spec, index) => {
      const ref = { spec, configFile: file, index, position: configPosition(data, `plugins[${index}]`) };
      const pluginFile = resolvePlugin(ref);
      pluginFiles.add(pluginFile);
      if (!this.plugins.has(pluginFile) && !this.pendingPlugins.has(pluginFile)) {
        this.pendingPlugins.set(pluginFile, ref);
      }
    });
    const overrides = (data.overrides ?? []).map((o, i): LoadedOverride => {
      const where = `${file}: overrides[${i}].namedValues`;
      return {
        matches: globMatcher(o.files),
        excluded: o.excludedFiles ? globMatcher(o.excludedFiles) : undefined,
        rules: o.rules,
        scope: o.scope,
        inherits: o.inherits ? absoluteInherits(o.inherits, dir) : undefined,
        namedValues: o.namedValues !== undefined ? loadNamedValues(o.namedValues, dir, where) : undefined,
      };
    });
    return {
      file,
      dir,
      data,
      ignores: data.ignores && data.ignores.length > 0 ? globMatcher(data.ignores) : undefined,
      overrides,
      pluginFiles,
      placeholders: data.placeholders ? new Placeholders(data.placeholders) : undefined,
      namedValues:
        data.namedValues !== undefined ? loadNamedValues(data.namedValues, dir, `${file}: namedValues`) : undefined,
    };
  }
}

function absoluteInherits(inherits: InheritsMap, dir: string): InheritsMap {
  const out: InheritsMap = {};
  for (const [scope, path] of Object.entries(inherits) as [keyof InheritsMap, string][])
    out[scope] = resolve(dir, path);
  return out;
}

function presetRulesOf(
  presets: PresetName[],
  known: ReadonlyMap<string, RuleMeta>,
  inPreset: (id: string) => boolean,
): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  for (const [id, meta] of known) {
    // Several presets: the most severe wins (strict extends recommended).
    let level: SeverityOrOff = "off";
    if (inPreset(id)) for (const p of presets) level = stronger(level, presetLevel(meta, p));
    rules.set(id, { severity: level, options: NO_OPTIONS });
  }
  return rules;
}

const ORDER: SeverityOrOff[] = ["off", "info", "warn", "error"];
function stronger(a: SeverityOrOff, b: SeverityOrOff): SeverityOrOff {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** A level alone keeps the options set earlier (as ESLint does); [level, options] replaces them. */
function applyRules(into: Map<string, RuleSetting>, rules: Record<string, RuleEntry> | undefined): void {
  if (!rules) return;
  for (const [id, entry] of Object.entries(rules)) {
    if (typeof entry === "string") {
      into.set(id, { severity: entry, options: into.get(id)?.options ?? NO_OPTIONS });
    } else {
      const options = entry[1] ?? into.get(id)?.options ?? NO_OPTIONS;
      into.set(id, { severity: entry[0], options });
    }
  }
}

/**
 * Globs relative to a config's folder. A pattern without "/" matches a name at any depth (like .gitignore);
 * "dir/" means everything below dir.
 */
export function globMatcher(patterns: string | string[]): Matcher {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  const matchers = list.map((p) => {
    const pattern = p.endsWith("/") ? `${p}**` : p.replace(/^\.\//, "");
    return picomatch()(pattern, { dot: true, basename: !pattern.includes("/") });
  });
  return (rel) => matchers.some((m) => m(rel));
}

/** The path relative to `dir` with forward slashes, or undefined when it is outside `dir`. */
function relativePosix(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === "/" ? rel : rel.split(sep).join("/");
}
