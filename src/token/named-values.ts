// Named values ({{name}}) the policy refers to, as `apimkit generate` writes them: named-values.json, an array of
// { name, value, secret? }. Used to resolve the policy's values before evaluating a token against them.
import { readFileSync } from "node:fs";
import type { PolicyValue } from "../policy/model.js";
import { NAMED_VALUE } from "../policy/values.js";
import { fsErrorReason } from "../util/fs-reason.js";

export type NamedValues = ReadonlyMap<string, string>;

/** Thrown for a named-values file that cannot be used; the message names the file and the place. */
export class NamedValuesError extends Error {}

export function parseNamedValues(text: string, file: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NamedValuesError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) {
    throw new NamedValuesError(`${file}: expected a JSON array of { "name": ..., "value": ... } objects`);
  }
  const map = new Map<string, string>();
  data.forEach((item, i) => {
    const ok =
      typeof item === "object" &&
      item !== null &&
      typeof (item as { name?: unknown }).name === "string" &&
      typeof (item as { value?: unknown }).value === "string";
    if (!ok) throw new NamedValuesError(`${file}: [${i}]: expected { "name": string, "value": string }`);
    map.set((item as { name: string }).name, (item as { value: string }).value);
  });
  return map;
}

export function loadNamedValues(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new NamedValuesError(`${file}: cannot read (${fsErrorReason(err)})`);
  }
  return parseNamedValues(text, file);
}

/** A policy value made concrete, or the reason it cannot be (an expression, an unresolved named value). */
export type Resolved = { ok: true; value: string } | { ok: false; raw: string; why: string; unresolved?: string[] };

// The one `{{name}}` syntax of apimkit (the parser's): what the model calls a named value is what is substituted.
const REF = new RegExp(NAMED_VALUE.source, "g");

/** Substitutes named values into literal or template text. A named value holding an expression stays unevaluated. */
export function resolveText(text: string, namedValues: NamedValues): Resolved {
  const missing: string[] = [];
  let expressionInside = false;
  const value = text.replace(REF, (_m, name: string) => {
    const v = namedValues.get(name);
    if (v === undefined) {
      missing.push(name);
      return `{{${name}}}`;
    }
    if (/^\s*@[({]/.test(v)) expressionInside = true;
    return v;
  });
  if (missing.length > 0) {
    return {
      ok: false,
      raw: text,
      why: "unresolved",
      unresolved: missing,
    };
  }
  if (expressionInside) return { ok: false, raw: text, why: "a named value holds a policy expression" };
  return { ok: true, value };
}

export function resolveValue(value: PolicyValue, namedValues: NamedValues): Resolved {
  if (value.kind === "expression") {
    return { ok: false, raw: value.raw, why: "a policy expression (evaluated only at run time)" };
  }
  return resolveText(value.text, namedValues);
}

/** How a value is shown in a report: the value, or the raw text with why it stayed unresolved. */
export function describeResolved(r: Resolved): string {
  return r.ok ? r.value : `${r.raw} (${r.why})`;
}
