// .NET numeric formatting for the invariant culture (the gateway formats with it: APIM policies run with no
// CultureInfo set by the policy author, and InvariantCulture is what the docs' examples print).
// Standard formats: https://learn.microsoft.com/dotnet/standard/base-types/standard-numeric-format-strings
// Custom formats:   https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings

import { NetException, type SourceLocation } from "../../errors.js";
import type { DecimalValue, Num } from "../../values.js";
import { formatCustomNumber } from "./custom-number.js";
import {
  type Digits,
  exactDouble,
  fractionPart,
  fromBigInt,
  fromDecimal,
  integerPart,
  isZero,
  roundDigits,
  shortestDouble,
  shortestSingle,
  type Tie,
} from "./digits.js";

/** Bits of each integral type, for "X" (two's complement of negative values at the type's width). */
const WIDTH: Readonly<Record<string, number>> = {
  sbyte: 8,
  byte: 8,
  short: 16,
  ushort: 16,
  int: 32,
  uint: 32,
  long: 64,
  ulong: 64,
};

export function badFormat(at?: SourceLocation): NetException {
  return new NetException("FormatException", "Format specifier was invalid.", at);
}

/** `num.ToString(format)` in the invariant culture. A char is not IFormattable: its format is ignored. */
export function formatNumber(num: Num, format: string | undefined, at?: SourceLocation): string {
  if (num.type === "char") return String.fromCharCode(num.value as number);
  const fmt = format ?? "";
  const floating = num.type === "double" || num.type === "float";
  if (floating) {
    const x = num.value as number;
    if (Number.isNaN(x)) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
  }
  const std = /^([A-Za-z])(\d{0,9})$/.exec(fmt);
  if (fmt === "" || std) {
    const spec = fmt === "" ? "G" : std![1]!;
    const precision = fmt === "" || std![2] === "" ? -1 : Number(std![2]);
    return formatStandard(num, spec, precision, at);
  }
  return formatCustomNumber(customDigits(num), fmt, at);
}

/** The digits custom formats start from: doubles at 15 significant digits, floats at 7 (.NET's custom precision). */
function customDigits(num: Num): Digits {
  switch (num.type) {
    case "double":
      return roundDigits(exactDouble(num.value as number), 15, "awayFromZero");
    case "float":
      return roundDigits(exactDouble(num.value as number), 7, "awayFromZero");
    case "decimal":
      return fromDecimal(num.value as DecimalValue);
    default:
      return fromBigInt(typeof num.value === "bigint" ? num.value : BigInt(num.value as number));
  }
}

function formatStandard(num: Num, spec: string, precision: number, at?: SourceLocation): string {
  const upper = spec.toUpperCase();
  const integral = num.type in WIDTH;
  const floating = num.type === "double" || num.type === "float";
  // Exact ties: doubles round half to even since .NET Core 2.1 (standard-numeric-format-strings, "precision
  // specifier"); decimal digits are exact and .NET's RoundNumber rounds a 5 up (dotnet/docs#22089: 1234.5m "G4" is
  // "1235" while 1234.5 "G4" is "1234").
  const tie: Tie = floating ? "even" : "awayFromZero";
  const exact = (): Digits =>
    floating
      ? exactDouble(num.value as number)
      : num.type === "decimal"
        ? fromDecimal(num.value as DecimalValue)
        : fromBigInt(typeof num.value === "bigint" ? num.value : BigInt(num.value as number));
  switch (upper) {
    case "D": {
      if (!integral) throw badFormat(at);
      const d = exact();
      const body = integerPart(d).padStart(Math.max(precision, 1), "0");
      return d.negative ? `-${body}` : body;
    }
    case "X": {
      if (!integral) throw badFormat(at);
      let n = typeof num.value === "bigint" ? num.value : BigInt(num.value as number);
      if (n < 0n) n = BigInt.asUintN(WIDTH[num.type]!, n);
      const hex = n.toString(16).padStart(Math.max(precision, 1), "0");
      return spec === "X" ? hex.toUpperCase() : hex;
    }
    case "F":
    case "N": {
      const decimals = precision < 0 ? 2 : precision;
      const d = roundDigits(exact(), exact().scale + decimals, tie);
      let int = integerPart(d);
      if (upper === "N") int = group(int);
      const body = decimals > 0 ? `${int}.${fractionPart(d, decimals)}` : int;
      return sign(d) + body;
    }
    case "E": {
      const decimals = precision < 0 ? 6 : precision;
      const d = roundDigits(exact(), decimals + 1, tie);
      return sign(d) + scientific(d, decimals, spec === "E" ? "E" : "e", 3, decimals);
    }
    case "P": {
      const decimals = precision < 0 ? 2 : precision;
      const e = exact();
      const scaled = isZero(e) ? e : { ...e, scale: e.scale + 2 };
      const d = roundDigits(scaled, scaled.scale + decimals, tie);
      const body = group(integerPart(d)) + (decimals > 0 ? `.${fractionPart(d, decimals)}` : "");
      // Invariant PercentPositivePattern 0 ("n %") and PercentNegativePattern 0 ("-n %").
      return `${sign(d)}${body} %`;
    }
    case "C": {
      const decimals = precision < 0 ? 2 : precision;
      const d = roundDigits(exact(), exact().scale + decimals, tie);
      const body = `¤${group(integerPart(d))}${decimals > 0 ? `.${fractionPart(d, decimals)}` : ""}`;
      // Invariant CurrencyPositivePattern 0 ("¤n") and CurrencyNegativePattern 0 ("(¤n)").
      return d.negative && !(isZero(d) && !d.floating) ? `(${body})` : body;
    }
    case "R": {
      if (!floating) throw badFormat(at);
      return general(num, -1, "E", at);
    }
    case "G":
      return general(num, precision, spec === "G" ? "E" : "e", at);
    default:
      throw badFormat(at);
  }
}

function sign(d: Digits): string {
  return d.negative ? "-" : "";
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** d.ddd E+xxx: `decimals` fraction digits (zero padded up to `pad`), exponent of at least `expDigits` digits. */
function scientific(d: Digits, decimals: number, e: string, expDigits: number, pad: number): string {
  const digits = d.digits === "" ? "0" : d.digits;
  const exp = d.digits === "" ? 0 : d.scale - 1;
  const frac = digits.slice(1, 1 + decimals).padEnd(pad, "0");
  const mantissa = frac === "" ? digits[0]! : `${digits[0]}.${frac}`;
  const expText = String(Math.abs(exp)).padStart(expDigits, "0");
  return `${mantissa}${e}${exp < 0 ? "-" : "+"}${expText}`;
}

/** Default precision of "G" per type, when no precision is written. */
const G_DIGITS: Readonly<Record<string, number>> = {
  sbyte: 3,
  byte: 3,
  short: 5,
  ushort: 5,
  int: 10,
  uint: 10,
  long: 19,
  ulong: 20,
  decimal: 29,
};

function general(num: Num, precision: number, e: string, at?: SourceLocation): string {
  void at;
  let d: Digits;
  let maxDigits: number;
  if (num.type === "double" || num.type === "float") {
    if (precision <= 0) {
      // Shortest round-trip digits; scientific past max(digits, 17) integer digits for double, 9 for float
      // (.NET Core 3.0+ Number.Formatting: DoublePrecision = 17, SinglePrecision = 9; .NET Framework used 15 and 7).
      d = num.type === "double" ? shortestDouble(num.value as number) : shortestSingle(num.value as number);
      maxDigits = Math.max(d.digits.length, num.type === "double" ? 17 : 9);
    } else {
      d = roundDigits(exactDouble(num.value as number), precision, "even");
      maxDigits = precision;
    }
  } else if (num.type === "decimal") {
    if (precision <= 0) return decimalToString(num.value as DecimalValue);
    d = roundDigits(fromDecimal(num.value as DecimalValue), precision, "awayFromZero");
    maxDigits = precision;
  } else {
    const full = fromBigInt(typeof num.value === "bigint" ? num.value : BigInt(num.value as number));
    if (precision <= 0) return (full.negative ? "-" : "") + integerPart(full);
    d = roundDigits(full, precision, "awayFromZero");
    maxDigits = precision || G_DIGITS[num.type]!;
  }
  if (isZero(d)) return d.negative && d.floating ? "-0" : "0";
  if (d.scale > maxDigits || d.scale < -3) return sign(d) + scientific(d, d.digits.length - 1, e, 2, 0);
  const int = integerPart(d);
  const fracCount = Math.max(d.digits.length - d.scale, 0);
  return sign(d) + (fracCount > 0 ? `${int}.${fractionPart(d, fracCount)}` : int);
}

/** decimal.ToString(): every digit of the mantissa, trailing zeros kept ("1.50"). */
export function decimalToString(d: DecimalValue): string {
  const negative = d.mantissa < 0n;
  const s = (negative ? -d.mantissa : d.mantissa).toString().padStart(d.scale + 1, "0");
  const body = d.scale > 0 ? `${s.slice(0, s.length - d.scale)}.${s.slice(s.length - d.scale)}` : s;
  return negative ? `-${body}` : body;
}
