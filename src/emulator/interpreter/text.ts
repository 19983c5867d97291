// The text .NET gives a value: ToString() and what string concatenation and interpolation insert.
//
// [U] (runtime reference §1.3 and docs/emulator.md "Interpreter"): which .NET runtime evaluates APIM expressions is
// not documented. Doubles print as .NET Core 3.0+ does (the shortest text that round-trips: 0.1 + 0.2 prints
// "0.30000000000000004"); .NET Framework printed 15 significant digits ("0.3"). doubleToString keeps both styles.
// Infinity and NaN print with the invariant culture's symbols ("Infinity", "-Infinity", "NaN").

import { NotEmulated } from "../errors.js";
import type { RuntimeRegistry } from "../runtime-types.js";
import type { DecimalValue } from "../values.js";
import { NetArray, NetDelegate, NetEnum, type NetValue, Num } from "../values.js";
import { AnonymousObject } from "./anonymous.js";
import { decToString } from "./decimal.js";
import { formatTypeName, runtimeKey } from "./type-of.js";

export type DoubleStyle = "core" | "framework";

/** Digits and decimal exponent of `x` (x = 0.d1d2... * 10^exp... written as d1.d2... E exp). */
function scientificParts(text: string): { digits: string; exp: number } {
  const [mant, e] = text.split("e");
  return { digits: mant!.replace("-", "").replace(".", ""), exp: Number(e) };
}

/**
 * .NET's "G" layout of significant `digits` with decimal exponent `exp` (value = d.ddd * 10^exp): scientific
 * (`d.dddE+XX`, two exponent digits at least) when exp + 1 > max(digit count, precision) or exp < -4, else plain
 * (Number.Formatting.cs: FormatGeneral with nMaxDigits = max(DigitsCount, 15 for double / 7 for float)).
 */
function layout(negative: boolean, digits: string, exp: number, precision: number): string {
  const sign = negative ? "-" : "";
  const d = digits.replace(/0+$/, "") || "0";
  if (exp + 1 > Math.max(d.length, precision) || exp < -4) {
    const mant = d.length > 1 ? `${d[0]}.${d.slice(1)}` : d;
    const e = Math.abs(exp).toString().padStart(2, "0");
    return `${sign}${mant}E${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${d}`;
  if (d.length <= exp + 1) return `${sign}${d}${"0".repeat(exp + 1 - d.length)}`;
  return `${sign}${d.slice(0, exp + 1)}.${d.slice(exp + 1)}`;
}

export function doubleToString(x: number, style: DoubleStyle = "core"): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) && style === "core" ? "-0" : "0";
  // toExponential() without an argument gives the shortest digits that round-trip, as .NET Core 3.0+ does.
  const { digits, exp } = scientificParts(style === "core" ? x.toExponential() : x.toExponential(14));
  return layout(x < 0, digits, exp, 15);
}

/** float: the shortest digits that round-trip through single precision (precision 7 for the layout). */
export function floatToString(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  for (let p = 1; p <= 9; p++) {
    const text = x.toExponential(p - 1);
    if (Math.fround(Number(text)) === x) {
      const { digits, exp } = scientificParts(text);
      return layout(x < 0, digits, exp, 7);
    }
  }
  const { digits, exp } = scientificParts(x.toExponential(8));
  return layout(x < 0, digits, exp, 7);
}

/** ToString() of a number: digits for integral types, the character for char, decimal with its scale. */
export function numToString(n: Num): string {
  switch (n.type) {
    case "char":
      return String.fromCharCode(n.value as number);
    case "double":
      return doubleToString(n.value as number);
    case "float":
      return floatToString(n.value as number);
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
