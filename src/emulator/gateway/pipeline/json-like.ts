// context.Variables as JSON-like values for assertions: strings, numbers, booleans, null, lists, and JSON tokens
// as the objects they print.

import { AnonymousObject } from "../../interpreter/anonymous.js";
import { netToString } from "../../interpreter/index.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { isNetObject, NetArray, NetEnum, type NetValue, Num } from "../../values.js";

export function jsonLike(vars: ReadonlyMap<string, NetValue>, registry: RuntimeRegistry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of vars) out[k] = toJson(v, registry);
  return out;
}

function toJson(v: NetValue, registry: RuntimeRegistry): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Num) {
    if (typeof v.value === "number") return v.value;
    if (typeof v.value === "bigint") return Number.isSafeInteger(Number(v.value)) ? Number(v.value) : String(v.value);
    return Number(v.value.mantissa) / 10 ** v.value.scale;
  }
  if (v instanceof NetEnum) return v.name;
  if (v instanceof NetArray) return v.items.map((x) => toJson(x, registry));
  if (isNetObject(v)) {
    let text: string | undefined;
    // A type without ToString (IResponse, Jwt) prints its name: asked first, as netToString would only throw
    // NotEmulated for it (an exception, with its stack, for each such variable of every request).
    const printable =
      v instanceof AnonymousObject || Object.hasOwn(registry.find(v.$type, "toString") ?? {}, "toString");
    try {
      text = printable ? netToString(v, { registry }) : undefined;
    } catch {
      text = undefined;
    }
    if (text === undefined) return `[${v.$type}]`;
    if (v.$type.startsWith("Newtonsoft.Json.Linq.")) {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    return text;
  }
  return String(v);
}
