// Reads one .apimkitrc.json: JSON syntax, schema (ajv), known rule ids and their options. Every error names the
// file and the place.
import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import { readJson } from "../../config/json-source.js";
import { placeholderPatternProblem } from "../../policy/placeholders.js";
import { didYouMean } from "../../util/did-you-mean.js";
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
    throw new LintConfigError(`${file}: cannot read the lint config (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  return parseConfigText(text, file, knownRules, defer);
}

export function parseConfigText(
  text: string,
  file: string,
  knownRules: ReadonlyMap<string, RuleMeta>,
  defer?: DeferRuleCheck,
): LintConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new LintConfigError(`${file}:${jsonErrorPlace(text, err as Error)} invalid JSON: ${(err as Error).message}`);
  }
  const errors = validate(data);
  if (errors.length > 0) throw new LintConfigError(`${file}: ${describeSchemaError(errors)}`);
  const config = data as LintConfigFile;
  checkScopeKeys(config, text, file);
  checkRuleIds(config.rules, "rules", file, knownRules, defer);
  config.overrides?.forEach((o, i) => {
    checkRuleIds(o.rules, `overrides[${i}].rules`, file, knownRules, defer);
  });
  return config;
}

export function checkRuleIds(
  rules: Record<string, RuleEntry> | undefined,
  where: string,
  file: string,
  knownRules: ReadonlyMap<string, RuleMeta>,
  defer?: DeferRuleCheck,
): void {
  for (const [id, entry] of Object.entries(rules ?? {})) {
    const meta = knownRules.get(id);
    if (!meta && defer && id.includes("/")) {
      defer(() => checkRuleIds({ [id]: entry }, where, file, knownRules));
      continue;
    }
    if (!meta) {
      throw new LintConfigError(`${file}: ${where}: unknown rule "${id}"${didYouMean(id, knownRules.keys())}`);
    }
    const options = Array.isArray(entry) ? entry[1] : undefined;
    const problem = options === undefined ? undefined : ruleOptionsProblem(meta, options);
    if (problem) throw new LintConfigError(`${file}: ${where}: rule "${id}": ${problem}`);
  }
}

/** Placeholder patterns and `overrides[].inherits`: what the schema cannot say, with file:line:column. */
function checkScopeKeys(config: LintConfigFile, text: string, file: string): void {
  const fail = (path: string, message: string, key = false): never => {
    const source = readJson(text);
    const pos = key ? source.keyAt(path) : source.valueAt(path);
    throw new LintConfigError(`${file}:${pos ? `${pos.line}:${pos.column}:` : ""} ${path}: ${message}`);
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

/** "line:column:" of a JSON.parse error, when Node says where. */
function jsonErrorPlace(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return "";
  const pos = Number(m[1]);
  const before = text.slice(0, pos).replace(/^\uFEFF/, "");
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `${line}:${column}:`;
}

/** The most specific schema error, as "path: message" with the JSON path written the way users write it. */
function describeSchemaError(errors: ErrorObject[]): string {
  // oneOf failures repeat every branch; the deepest non-oneOf error is what the user got wrong.
  const specific = errors.filter((e) => e.keyword !== "oneOf");
  const pool = specific.length > 0 ? specific : errors;
  const deepest = pool.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a));
  const path = jsonPath(deepest.instancePath);
  let message = deepest.message ?? "is invalid";
  if (deepest.keyword === "additionalProperties") {
    const extra = (deepest.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys(lintConfigSchema.properties);
    const suggestion = path === "(root)" ? didYouMean(extra, allowed) : "";
    message = `unknown property "${extra}"${suggestion}`;
  } else if (deepest.keyword === "enum") {
    const allowed = (deepest.params as { allowedValues: unknown[] }).allowedValues;
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `${path}: ${message}`;
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
