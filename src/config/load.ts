// Loads apimkit.json: strict JSON with positions, the JSON Schema (ajv, all errors at once), then the checks
// a schema cannot express. Every problem names the file, line:column, the JSON path and what was expected.

import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { closestName } from "../util/did-you-mean.js";
import { fsErrorReason } from "../util/fs-reason.js";
import { describeValue as describeValueIn, typeName } from "../util/value-words.js";
import { childPath, type JsonSource, JsonSyntaxError, readJson, type SourcePosition } from "./json-source.js";
import { PATTERNS, type PatternName, runtimeSchema } from "./schema.js";
import { semanticChecks } from "./semantic.js";
import type { Config } from "./types.js";

export interface ConfigProblem {
  /** JSON path of the offending value ("" for the whole file), e.g. callers[0].managedIdentity.principalId. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type ConfigWarning = ConfigProblem;

/** The config is unusable. `.problems` lists every problem found, not only the first. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    const n = problems.length;
    // One problem is one line; several get a header line and one indented line each.
    super(
      n === 1
        ? formatProblem(file, problems[0]!)
        : `${file}: ${n} problems in the config\n${problems.map((p) => `  ${formatProblem(file, p)}`).join("\n")}`,
    );
  }
}

export interface LoadedConfig {
  file: string;
  config: Config;
  /** Legal but suspicious (e.g. a caller in the provider's own tenant: this pattern is then not needed). */
  warnings: ConfigWarning[];
}

/** `file:line:column: path: message` (the parts that are known). */
export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
  return `${where}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** Reads and validates a config file; throws ConfigError. Warnings are dropped: use loadConfigWithWarnings to see them. */
export function loadConfig(path: string): Config {
  return loadConfigWithWarnings(path).config;
}

export function loadConfigWithWarnings(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder" : `cannot read (${fsErrorReason(err)})`;
    const hint = code === "ENOENT" ? " (create one with 'apimkit init')" : "";
    throw new ConfigError(path, [{ path: "", message: `${why}${hint}` }]);
  }
  return parseConfigText(text, path);
}

/** Parses and validates config text (the file name is only used in messages). */
export function parseConfigText(text: string, file: string): LoadedConfig {
  let source: JsonSource;
  try {
    source = readJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new ConfigError(file, [{ path: "", message: err.message, ...err.position }]);
    }
    throw err;
  }
  return validateConfig(source.value, file, source);
}

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(runtimeSchema());
  return compiled;
}

/** Validates an already-parsed value. `source` (from readJson) adds line:column to the problems. */
export function validateConfig(value: unknown, file: string, source?: JsonSource): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const at = (pos: SourcePosition | undefined) => (pos ? { line: pos.line, column: pos.column } : {});
  for (const d of source?.duplicateKeys ?? []) {
    problems.push({ path: d.path, message: "key written twice (JSON keeps only the last one)", ...at(d.position) });
  }
  const validate = validator();
  if (!validate(value)) {
    for (const e of pruneErrors(validate.errors ?? [])) {
      const { path, message, keyPosition } = describeError(e);
      const pos = keyPosition ? source?.keyAt(path) : (source?.valueAt(path) ?? source?.keyAt(path));
      problems.push({ path, message, ...at(pos ?? source?.valueAt(pointerToPath(e.instancePath))) });
    }
  }
  const semantic = semanticChecks(value);
  for (const p of semantic.errors) problems.push({ ...p, ...at(source?.valueAt(p.path)) });
  const warnings = semantic.warnings.map((w) => ({ ...w, ...at(source?.valueAt(w.path)) }));
  if (problems.length > 0) throw new ConfigError(file, sortProblems(dedupe(problems)));
  return { file, config: value as Config, warnings };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A type error makes the enum/pattern errors at the same place noise: keep the type error only. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const typed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === "type" || !typed.has(e.instancePath));
}

export function pointerToPath(pointer: string): string {
  if (pointer === "") return "";
  let path = "";
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    path = /^\d+$/.test(key) ? childPath(path, Number(key)) : childPath(path, key);
  }
  return path;
}

const describeValue = (v: unknown) => describeValueIn(v, "json");

function describeError(e: ErrorObject): { path: string; message: string; keyPosition?: boolean } {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const schema = (e.parentSchema ?? {}) as { properties?: Record<string, { description?: string }> };
  switch (e.keyword) {
    case "required": {
      const name = String(params.missingProperty);
      const what = schema.properties?.[name]?.description;
      return { path: childPath(path, name), message: `is required${what ? ` (${what.replace(/\.$/, "")})` : ""}` };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = closestName(key, allowed);
      return {
        path: childPath(path, key),
        message: `unknown key${guess ? `: did you mean "${guess}"?` : ""} (allowed here: ${allowed.join(", ")})`,
        keyPosition: true,
      };
    }
    case "type":
      return {
        path,
        message: `must be ${typeName(String(params.type), "json")}, got ${describeValue(e.data)}`,
      };
    case "enum":
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(e.data)}`,
      };
    case "pattern": {
      const name = /#\/definitions\/([A-Za-z]+)\/pattern$/.exec(e.schemaPath)?.[1] as PatternName | undefined;
      const expected = name && name in PATTERNS ? PATTERNS[name].expected : `text matching ${params.pattern}`;
      return { path, message: `must be ${expected}, got ${describeValue(e.data)}` };
    }
    case "minItems":
      return { path, message: `must have at least ${params.limit} item${params.limit === 1 ? "" : "s"}` };
    case "uniqueItems":
      return { path, message: `must not repeat a value (items ${params.j} and ${params.i} are equal)` };
    case "minimum":
    case "maximum":
      return { path, message: `must be ${params.comparison} ${params.limit}, got ${describeValue(e.data)}` };
    default:
      return { path, message: e.message ?? "is invalid" };
  }
}
