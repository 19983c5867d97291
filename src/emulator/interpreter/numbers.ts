// .NET numeric semantics (C# spec §12.4.7 binary numeric promotion, §10.3.2 explicit numeric conversions): int and
// long wrap around (unchecked by default), integer division truncates and throws on zero, double follows IEEE 754,
// decimal is exact (decimal.ts). Every operation takes and gives a Num with its .NET type.

import { TYPE_KEYWORDS } from "../../policy/csharp/types/keywords.js";
import { NetException, NotEmulated } from "../errors.js";
import { type DecimalValue, NUMERIC_TYPES, Num, type NumericType } from "../values.js";
import {
  decAdd,
  decCompare,
  decDiv,
  decFromBigInt,
  decFromDouble,
  decMul,
  decNegate,
  decRem,
  decSub,
  decToDouble,
  decTruncate,
} from "./decimal.js";

interface IntegralInfo {
  bits: number;
  signed: boolean;
}

const INTEGRAL: Readonly<Partial<Record<NumericType, IntegralInfo>>> = {
  sbyte: { bits: 8, signed: true },
  byte: { bits: 8, signed: false },
  short: { bits: 16, signed: true },
  ushort: { bits: 16, signed: false },
  char: { bits: 16, signed: false },
  int: { bits: 32, signed: true },
  uint: { bits: 32, signed: false },
  long: { bits: 64, signed: true },
  ulong: { bits: 64, signed: false },
};

export function isIntegralType(t: NumericType): boolean {
  return INTEGRAL[t] !== undefined;
}

export function isFloatingType(t: NumericType): boolean {
  return t === "float" || t === "double";
}

/** The .NET type key of each numeric type: the type model's keyword table (the numeric types are C# keywords). */
export const NUMERIC_KEY: Readonly<Record<NumericType, string>> = Object.fromEntries(
  NUMERIC_TYPES.map((t) => [t, TYPE_KEYWORDS[t] as string]),
) as Record<NumericType, string>;

const BY_KEY: ReadonlyMap<string, NumericType> = new Map(
  Object.entries(NUMERIC_KEY).map(([t, k]) => [k, t as NumericType]),
);

/** The numeric type a type key names, undefined for any other type. */
export function numericTypeOfKey(key: string): NumericType | undefined {
  return BY_KEY.get(key);
}

function range(t: NumericType): [bigint, bigint] {
  const info = INTEGRAL[t]!;
  const bits = BigInt(info.bits);
  return info.signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

/** An integral Num from an exact integer, wrapped to the type's width (unchecked) or OverflowException (checked). */
export function integral(t: NumericType, value: bigint, checked = false): Num {
  const info = INTEGRAL[t]!;
  if (checked) {
    const [lo, hi] = range(t);
    if (value < lo || value > hi) throw overflowException();
  }
  const wrapped = info.signed ? BigInt.asIntN(info.bits, value) : BigInt.asUintN(info.bits, value);
  return new Num(t, info.bits === 64 ? wrapped : Number(wrapped));
}

export function overflowException(): NetException {
  return new NetException("OverflowException", "Arithmetic operation resulted in an overflow.");
}

export function divideByZeroException(): NetException {
  return new NetException("DivideByZeroException", "Attempted to divide by zero.");
}

/** The exact integer of an integral Num. */
export function bigOf(n: Num): bigint {
  return typeof n.value === "bigint" ? n.value : BigInt(n.value as number);
}

/** The value of a Num as a JS double (decimal and long rounded to the nearest double). */
export function doubleOf(n: Num): number {
  if (typeof n.value === "number") return n.value;
  if (typeof n.value === "bigint") return Number(n.value);
  return decToDouble(n.value);
}

function decimalOf(n: Num): DecimalValue {
  if (n.type === "decimal") return n.value as DecimalValue;
  if (isIntegralType(n.type)) return decFromBigInt(bigOf(n));
  return decFromDouble(n.value as number, n.type === "float" ? 7 : 15);
}

/**
 * Binary numeric promotion (C# §12.4.7.3). `constA`/`constB`: the operand is a non-negative int constant, which
 * converts implicitly to uint/ulong (so `u + 1` stays uint). Combinations that are compile errors in C#
 * (decimal with double, ulong with a signed type) are not run.
 */
export function promote(a: NumericType, b: NumericType, constA = false, constB = false): NumericType {
  if (a === "decimal" || b === "decimal") {
    if (isFloatingType(a) || isFloatingType(b))
      throw new NotEmulated(`operator on decimal and ${a === "decimal" ? b : a} (a C# compile error)`);
    return "decimal";
  }
  if (a === "double" || b === "double") return "double";
  if (a === "float" || b === "float") return "float";
  if (a === "ulong" || b === "ulong") {
    const other = a === "ulong" ? b : a;
    const otherConst = a === "ulong" ? constB : constA;
    if (INTEGRAL[other]!.signed && !otherConst && other !== "ulong")
      throw new NotEmulated(`operator on ulong and ${other} (a C# compile error)`);
    return "ulong";
  }
  if (a === "long" || b === "long") return "long";
  if (a === "uint" || b === "uint") {
    const other = a === "uint" ? b : a;
    const otherConst = a === "uint" ? constB : constA;
    if (other === "sbyte" || other === "short" || (other === "int" && !otherConst)) return "long";
    return "uint";
  }
  return "int";
}

/** Unary numeric promotion: the small integral types (char included) become int. */
export function promoteUnary(t: NumericType): NumericType {
  switch (t) {
    case "sbyte":
    case "byte":
    case "short":
    case "ushort":
    case "char":
      return "int";
    default:
      return t;
  }
}

/**
 * Numeric conversion to `target` (implicit or explicit, C# §10.3.2): integral to integral wraps (OverflowException
 * when checked); floating to integral truncates toward zero; decimal to integral truncates and throws
 * OverflowException when out of range, checked or not. A floating value out of the integral type's range (NaN and
 * infinities included) gives an unspecified value in unchecked C# (it differs across .NET versions and CPUs): not
 * emulated.
 */
export function convertNum(n: Num, target: NumericType, checked = false): Num {
  if (n.type === target) return n;
  if (isIntegralType(target)) {
    if (isIntegralType(n.type)) return integral(target, bigOf(n), checked);
    if (n.type === "decimal") {
      const t = decTruncate(n.value as DecimalValue);
      const [lo, hi] = range(target);
      if (t < lo || t > hi)
        throw new NetException(
          "OverflowException",
          `Value was either too large or too small for ${targetName(target)}.`,
        );
      return integral(target, t);
    }
    const x = Math.trunc(n.value as number);
    const [lo, hi] = range(target);
    if (!Number.isFinite(x) || x < Number(lo) || x > Number(hi)) {
      if (checked) throw overflowException();
      throw new NotEmulated(
        `unchecked conversion of the out-of-range ${n.type} ${String(n.value)} to ${target} (unspecified in .NET)`,
      );
    }
    return integral(target, BigInt(x));
  }
  if (target === "decimal") return new Num("decimal", decimalOf(n));
  const x = doubleOf(n);
  return new Num(target, target === "float" ? Math.fround(x) : x);
}

function targetName(t: NumericType): string {
  return NUMERIC_KEY[t].slice("System.".length);
}

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";

/** `a op b` on two operands already promoted to the same type `t`. */
export function arithmetic(op: ArithmeticOperator, a: Num, b: Num, checked = false): Num {
  const t = a.type;
  if (t === "decimal") {
    const x = a.value as DecimalValue;
    const y = b.value as DecimalValue;
    const r =
      op === "+"
        ? decAdd(x, y)
        : op === "-"
          ? decSub(x, y)
          : op === "*"
            ? decMul(x, y)
            : op === "/"
              ? decDiv(x, y)
              : decRem(x, y);
    return new Num("decimal", r);
  }
  if (isFloatingType(t)) {
    const x = a.value as number;
    const y = b.value as number;
    // JS % is C#'s floating remainder (the sign of the dividend, NaN for a zero divisor).
    const r = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x % y;
    return new Num(t, t === "float" ? Math.fround(r) : r);
  }
  const x = bigOf(a);
  const y = bigOf(b);
  switch (op) {
    case "+":
      return integral(t, x + y, checked);
    case "-":
      return integral(t, x - y, checked);
    case "*":
      return integral(t, x * y, checked);
    default: {
      if (y === 0n) throw divideByZeroException();
      // MinValue / -1 and MinValue % -1 overflow the hardware division: .NET on x64 throws in unchecked code too.
      if (y === -1n && INTEGRAL[t]!.signed && x === range(t)[0]) throw overflowException();
      // BigInt division truncates toward zero and % keeps the dividend's sign, as C# does.
      return integral(t, op === "/" ? x / y : x % y, checked);
    }
  }
}

export function negate(a: Num, checked = false): Num {
  if (a.type === "decimal") return new Num("decimal", decNegate(a.value as DecimalValue));
  if (isFloatingType(a.type)) return new Num(a.type, -(a.value as number));
  if (a.type === "ulong") throw new NotEmulated("unary minus on ulong (a C# compile error)");
  const t = a.type === "uint" ? "long" : promoteUnary(a.type);
  return integral(t, -bigOf(a), checked);
}

export function complement(a: Num): Num {
  const t = promoteUnary(a.type);
  if (!isIntegralType(t)) throw new NotEmulated(`operator ~ on ${a.type}`);
  return integral(t, ~bigOf(a));
}

export type BitOperator = "&" | "|" | "^";

export function bitwise(op: BitOperator, a: Num, b: Num): Num {
  const x = bigOf(a);
  const y = bigOf(b);
  return integral(a.type, op === "&" ? x & y : op === "|" ? x | y : x ^ y);
}

/** `a << n` / `a >> n`: the count is masked to the width (& 31 or & 63); >> is arithmetic on signed types. */
export function shift(op: "<<" | ">>", a: Num, count: Num): Num {
  const t = promoteUnary(a.type);
  if (!isIntegralType(t) || !isIntegralType(count.type)) throw new NotEmulated(`shift of ${a.type} by ${count.type}`);
  const c = promoteUnary(count.type);
  if (c !== "int") throw new NotEmulated(`shift count of type ${count.type} (a C# compile error)`);
  const bits = INTEGRAL[t]!.bits;
  const n = BigInt(Number(bigOf(count)) & (bits - 1));
  const x = bigOf(convertNum(a, t));
  return integral(t, op === "<<" ? x << n : x >> n);
}

/** Compares two operands of the same promoted type: -1, 0, 1, or NaN when a floating operand is NaN. */
export function compareNums(a: Num, b: Num): number {
  if (a.type === "decimal") return decCompare(a.value as DecimalValue, b.value as DecimalValue);
  if (isFloatingType(a.type)) {
    const x = a.value as number;
    const y = b.value as number;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = bigOf(a);
  const y = bigOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a == b` on numbers of any types (after promotion); NaN is never equal. */
export function numEquals(a: Num, b: Num): boolean {
  const t = promote(a.type, b.type, true, true);
  return compareNums(convertNum(a, t), convertNum(b, t)) === 0;
}

/** The zero of a numeric type (default(T)). */
export function zero(t: NumericType): Num {
  if (t === "decimal") return new Num("decimal", { mantissa: 0n, scale: 0 });
  if (t === "long" || t === "ulong") return new Num(t, 0n);
  return new Num(t, 0);
}
