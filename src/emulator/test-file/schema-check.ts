// schemas/apimtest.schema.json through ajv, every error turned into `<path>: <what was expected>` with the place
// of the key or value it is about (unknown keys point at the key and suggest the closest allowed one).

import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { childPath } from "../../config/json-source.js";
import { pointerToPath } from "../../config/load.js";
import { closestName } from "../../util/did-you-mean.js";
import { packagePath } from "../../util/paths.js";
import { describeValue as describeValueIn, typeName } from "../../util/value-words.js";
import type { PositionedSource, SourceProblem } from "./source.js";

let schema: Record<string, unknown> | undefined;
let compiled: ValidateFunction | undefined;

export function testFileSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(packagePath("schemas", "apimtest.schema.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return schema;
}

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(
    testFileSchema(),
  );
  return compiled;
}

export function schemaProblems(source: PositionedSource): SourceProblem[] {
  const validate = validator();
  if (validate(source.value)) return [];
  const problems: SourceProblem[] = [];
  for (const e of pruneErrors(validate.errors ?? [])) {
    const { path, message, atKey } = describeError(e);
    const position = atKey
      ? source.keyAt(path)
      : (source.valueAt(path) ?? source.keyAt(path) ?? source.valueAt(pointerToPath(e.instancePath)));
    problems.push({ path, message, position });
  }
  return problems;
}

/** A type error makes the other errors at the same place noise: keep the type error only. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const typed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === "type" || !typed.has(e.instancePath));
}

const describeValue = (v: unknown) => describeValueIn(v, "yaml");

function typeList(type: unknown): string {
  const names = (Array.isArray(type) ? type : String(type).split(",")).map((t) => typeName(String(t), "yaml"));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

function describeError(e: ErrorObject): { path: string; message: string; atKey?: boolean } {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as { properties?: Record<string, { description?: string }> };
  switch (e.keyword) {
    case "required": {
      const name = String(params.missingProperty);
      const what = parent.properties?.[name]?.description;
      return { path: childPath(path, name), message: `is required${what ? ` (${what})` : ""}` };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const guess = closestName(key, allowed);
      return {
        path: childPath(path, key),
        message: `unknown key${guess ? `: did you mean "${guess}"?` : ""} (allowed here: ${allowed.join(", ")})`,
        atKey: true,
      };
    }
    case "type":
      return { path, message: `must be ${typeList(params.type)}, got ${describeValue(e.data)}` };
    case "pattern": {
      const what = (e.parentSchema as { description?: string } | undefined)?.description;
      return { path, message: `must be ${what ?? `text matching ${params.pattern}`}, got ${describeValue(e.data)}` };
    }
    case "minItems":
      return { path, message: `must have at least ${params.limit} item${params.limit === 1 ? "" : "s"}` };
    case "minLength":
      return { path, message: "must not be empty" };
    case "minimum":
    case "maximum":
      return { path, message: `must be ${params.comparison} ${params.limit}, got ${describeValue(e.data)}` };
    default:
      return { path, message: e.message ?? "is invalid" };
  }
}
