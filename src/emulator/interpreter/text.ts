// The text .NET gives a value: ToString() and what string concatenation and interpolation insert.
//
// [U] (runtime reference §1.3 and docs/emulator.md "Interpreter"): which .NET runtime evaluates APIM expressions is
// not documented. Doubles print as .NET Core 3.0+ does (the shortest text that round-trips: 0.1 + 0.2 prints
// "0.30000000000000004"); .NET Framework printed 15 significant digits ("0.3"). The one number formatter
// (dotnet/format/number.ts) writes them. Infinity and NaN print with the invariant culture's symbols.

import { formatNumber } from "../dotnet/format/number.js";
import { NotEmulated } from "../errors.js";
import type { RuntimeRegistry } from "../runtime-types.js";
import type { DecimalValue } from "../values.js";
import { NetArray, NetDelegate, NetEnum, type NetValue, Num } from "../values.js";
import { AnonymousObject } from "./anonymous.js";
import { decToString } from "./decimal.js";
import { formatTypeName, runtimeKey } from "./type-of.js";

/** ToString() of a double: .NET's "G" with the shortest round-trip digits (src/emulator/dotnet/format/number.ts). */
export function doubleToString(x: number): string {
  return formatNumber(new Num("double", x), undefined);
}

export function floatToString(x: number): string {
  return formatNumber(new Num("float", x), undefined);
}

/** ToString() of a number: digits for integral types, the character for char, decimal with its scale. */
export function numToString(n: Num): string {
  switch (n.type) {
    case "char":
      return String.fromCharCode(n.value as number);
    case "double":
    case "float":
      return formatNumber(n, undefined);
    case "decimal":
      return decToString(n.value as DecimalValue);
    default:
      return String(n.value);
  }
}

/** What netToString needs of the evaluation environment: the registry (EvalEnv has it). */
export interface ToStringEnv {
  registry: RuntimeRegistry;
  locate?(offset: number): unknown;
  now?(): number;
}

/**
 * The .NET text of a value: ToString() (with `format`, ToString(format) as the interpolation `{x:format}` asks),
 * "" for null (what concatenation and interpolation insert). Types other than string, bool, numbers without a
 * format, enums and arrays go to their runtime type's toString; a type without one is not emulated.
 */
export function netToString(value: NetValue, env?: ToStringEnv, format?: string): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof Num && format === undefined) return numToString(value);
  if (value instanceof NetEnum && format === undefined) return value.name;
  if (value instanceof NetArray && format === undefined) return `${formatTypeName(runtimeKey(value)!, value)}`;
  if (value instanceof NetDelegate) throw new NotEmulated("ToString of a delegate");
  if (value instanceof AnonymousObject && format === undefined) return value.text((x) => netToString(x, env));
  const key = runtimeKey(value);
  const type = key && env ? env.registry.find(key, "toString") : undefined;
  if (!type || !Object.hasOwn(type, "toString") || !type.toString) {
    throw new NotEmulated(`ToString${format === undefined ? "" : `("${format}")`} of ${key ?? "a value"}`);
  }
  return type.toString(value, format, {
    typeArgs: [],
    at: undefined,
    now: () => {
      if (!env?.now) throw new NotEmulated("the clock (no environment given to netToString)");
      return env.now();
    },
  });
}
