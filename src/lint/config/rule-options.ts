// Checks a rule's options (the object in `[level, options]`) against the rule's meta.schema. Each schema is
// compiled once, and only when a config gives that rule options: ajv is loaded on first need, so a plain
// `apimkit lint` (no options anywhere) never pays for it at start-up.
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { didYouMean } from "../../util/did-you-mean.js";
import type { RuleMeta } from "../types.js";

type AjvClass = typeof import("ajv").default;

let ajv: InstanceType<AjvClass> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    if (!ajv) {
      const Ajv = createRequire(import.meta.url)("ajv").default as AjvClass;
      ajv = new Ajv({ allErrors: true, strict: false });
    }
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * What is wrong with `options` for the rule `meta` describes, as one phrase ("options.allowHosts must be array"),
 * or undefined when they are fine. A rule without a schema takes no options: any key is an unknown option.
 */
export function ruleOptionsProblem(meta: RuleMeta, options: Record<string, unknown>): string | undefined {
  if (!meta.schema) {
    const keys = Object.keys(options);
    return keys.length > 0 ? `the rule takes no options, found "${keys[0]}"` : undefined;
  }
  const validate = validatorFor(meta.schema);
  if (validate(options)) return undefined;
  return describe(validate.errors ?? [], meta.schema);
}

function describe(errors: ErrorObject[], schema: Readonly<Record<string, unknown>>): string {
  const e = errors[0];
  if (!e) return "the options are invalid";
  const path = `options${e.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")}`;
  if (e.keyword === "additionalProperties") {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
    return `${path}: unknown option "${extra}"${didYouMean(extra, properties)} (allowed: ${properties.join(", ")})`;
  }
  return `${path} ${e.message ?? "is invalid"}`;
}
