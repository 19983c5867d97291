// Reads one .apimkitrc.json: JSON syntax, schema (ajv), known rule ids and their options. Every error names the
// file and the place.
import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import {
  childPath,
  type JsonSource,
  JsonSyntaxError,
  readJson,
  type SourcePosition,
} from "../../config/json-source.js";
import { placeholderPatternProblem } from "../../policy/placeholders.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import type { PolicyScope, RuleMeta } from "../types.js";
import { LintConfigError } from "./errors.js";
import { ruleOptionsProblem } from "./rule-options.js";
import { lintConfigSchema } from "./schema.js";
import type { LintConfigFile, RuleEntry } from "./types.js";
import generatedValidator from "./validate-config.generated.js";

export const CONFIG_FILE_NAME = ".apimkitrc.json";

// The schema compiled ahead of time (see validator-source.ts): no ajv compile at run time.
const validator = generatedValidator as unknown as ValidateFunction;

function validate(data: unknown): ErrorObject[] {
  return validator(data) ? [] : (validator.errors ?? []);
}

/**
 * Called for a namespaced rule id (`name/rule`) that no loaded plugin defines yet: the caller checks it again once
 * the config's plugins are loaded (`check` throws when it is still unknown).
 */
export type DeferRuleCheck = (check: () => void) => void;

export function loadConfigFile(
  file: string,
  knownRules: ReadonlyMap<string, RuleMeta>,
  defer?: DeferRuleCheck,
): LintConfigFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new LintConfigError(`${file}: cannot read the lint config (${fsErrorReason(err)})`);
  }
  return parseConfigText(text, file, knownRules, defer);
}

export function parseConfigText(
  text: string,
  file: string,
  knownRules: ReadonlyMap<string, RuleMeta>,
  defer?: DeferRuleCheck,
): LintConfigFile {
  // The same reader as apimkit.json's: file:line:column for syntax and schema errors (not V8's "position 42").
  let source: JsonSource;
  try {
    source = readJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new LintConfigError(`${place(file, err.position)} ${err.message}`);
  }
  const data = source.value;
  const errors = validate(data);
  if (errors.length > 0) {
    const problem = describeSchemaError(errors);
    const pos = problem.key ? source.keyAt(problem.lookup) : source.valueAt(problem.lookup);
    throw new LintConfigError(`${place(file, pos)} ${problem.path}: ${problem.message}`);
  }
  const config = data as LintConfigFile;
  sources.set(config, source);
  checkScopeKeys(config, source, file);
  checkRuleIds(config.rules, "rules", file, knownRules, defer, source);
  config.overrides?.forEach((o, i) => {
    checkRuleIds(o.rules, `overrides[${i}].rules`, file, knownRules, defer, source);
  });
  return config;
}

const sources = new WeakMap<LintConfigFile, JsonSource>();

/** Where a value of a loaded config is written (a path as childPath writes it: `plugins[0]`), when known. */
export function configPosition(config: LintConfigFile, path: string): SourcePosition | undefined {
  return sources.get(config)?.valueAt(path);
}

/** `file:line:column:` when the position is known, else `file:`. */
export function place(file: string, pos: SourcePosition | undefined): string {
  return pos ? `${file}:${pos.line}:${pos.column}:` : `${file}:`;
}

export function checkRuleIds(
  rules: Record<string, RuleEntry> | undefined,
  where: string,
  file: string,
  knownRules: ReadonlyMap<string, RuleMeta>,
  defer?: DeferRuleCheck,
  source?: JsonSource,
): void {
  for (const [id, entry] of Object.entries(rules ?? {})) {
    const meta = knownRules.get(id);
    if (!meta && defer && id.includes("/")) {
      defer(() => checkRuleIds({ [id]: entry }, where, file, knownRules, undefined, source));
      continue;
    }
    const at = (key: boolean) => {
      const path = childPath(where, id);
      return source ? place(file, key ? source.keyAt(path) : source.valueAt(path)) : `${file}:`;
    };
    if (!meta) {
      throw new LintConfigError(`${at(true)} ${where}: unknown rule "${id}"${didYouMean(id, knownRules.keys())}`);
    }
    const options = Array.isArray(entry) ? entry[1] : undefined;
    const problem = options === undefined ? undefined : ruleOptionsProblem(meta, options);
    if (problem) throw new LintConfigError(`${at(false)} ${where}: rule "${id}": ${problem}`);
  }
}

/** Placeholder patterns and `overrides[].inherits`: what the schema cannot say, with file:line:column. */
function checkScopeKeys(config: LintConfigFile, source: JsonSource, file: string): void {
  const fail = (path: string, message: string, key = false): never => {
    const pos = key ? source.keyAt(path) : source.valueAt(path);
    throw new LintConfigError(`${place(file, pos)} ${path}: ${message}`);
  };
  config.placeholders?.forEach((pattern, i) => {
    const problem = placeholderPatternProblem(pattern);
    if (problem) fail(`placeholders[${i}]`, problem);
  });
  config.overrides?.forEach((o, i) => {
    if (!o.inherits) return;
    if (o.scope === "fragment") {
      fail(`overrides[${i}].inherits`, "a fragment has no broader scopes: it is inlined where include-fragment stands");
    }
    const own = o.scope === undefined ? -1 : SCOPE_ORDER.indexOf(o.scope);
    for (const parent of Object.keys(o.inherits)) {
      if (own >= 0 && SCOPE_ORDER.indexOf(parent as PolicyScope) >= own) {
        fail(
          `overrides[${i}].inherits.${parent}`,
          `"${parent}" is not broader than the files' scope "${o.scope}": inherits names the scopes above them (${SCOPE_ORDER.slice(0, own).join(", ") || "none"})`,
          true,
        );
      }
    }
  });
}

/** Broadest first: a file inherits from the scopes before its own. */
const SCOPE_ORDER: readonly PolicyScope[] = ["global", "workspace", "product", "api", "operation"];

/** The most specific schema error, as "path: message" with the JSON path written the way users write it. */
/** `lookup`: the path in readJson's form (for its position); `key`: the position is a key's (an unknown property). */
function describeSchemaError(errors: ErrorObject[]): { path: string; message: string; lookup: string; key: boolean } {
  // oneOf failures repeat every branch; the deepest non-oneOf error is what the user got wrong.
  const specific = errors.filter((e) => e.keyword !== "oneOf");
  const pool = specific.length > 0 ? specific : errors;
  const deepest = pool.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a));
  const path = jsonPath(deepest.instancePath);
  let lookup = pointerSegments(deepest.instancePath).reduce<string>(
    (p, seg) => childPath(p, /^\d+$/.test(seg) ? Number(seg) : seg),
    "",
  );
  let key = false;
  let message = deepest.message ?? "is invalid";
  if (deepest.keyword === "additionalProperties") {
    const extra = (deepest.params as { additionalProperty: string }).additionalProperty;
    lookup = childPath(lookup, extra);
    key = true;
    const allowed = Object.keys(lintConfigSchema.properties);
    const suggestion = path === "(root)" ? didYouMean(extra, allowed) : "";
    message = `unknown property "${extra}"${suggestion}`;
  } else if (deepest.keyword === "enum") {
    const allowed = (deepest.params as { allowedValues: unknown[] }).allowedValues;
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { path, message, lookup, key };
}

function pointerSegments(pointer: string): string[] {
  return pointer === ""
    ? []
    : pointer
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function jsonPath(pointer: string): string {
  if (pointer === "") return "(root)";
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join("");
}
