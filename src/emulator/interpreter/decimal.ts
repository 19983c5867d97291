// System.Decimal arithmetic on DecimalValue (mantissa * 10^-scale): exact, with .NET's scale rules (the scale of a
// sum is the larger scale, of a product the sum of the scales, trailing zeros kept) and its limits (96-bit
// mantissa, scale 0..28; results beyond them are rounded half to even, or OverflowException).

import { NetException } from "../errors.js";
import type { DecimalValue } from "../values.js";

export const DECIMAL_MAX_MANTISSA = (1n << 96n) - 1n;
export const DECIMAL_MAX_SCALE = 28;

const TEN = 10n;

export function dec(mantissa: bigint, scale = 0): DecimalValue {
  return { mantissa, scale };
}

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** `n / d` rounded half to even (d > 0). */
function divRoundEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = abs(n % d);
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) return n < 0n ? q - 1n : q + 1n;
  return q;
}

function overflow(): NetException {
  return new NetException("OverflowException", "Value was either too large or too small for a Decimal.");
}

/** Brings a result inside the decimal's limits: scale at most 28, mantissa inside 96 bits (rounding half to even). */
export function normalize(mantissa: bigint, scale: number): DecimalValue {
  let m = mantissa;
  let s = scale;
  if (s > DECIMAL_MAX_SCALE) {
    m = divRoundEven(m, pow10(s - DECIMAL_MAX_SCALE));
    s = DECIMAL_MAX_SCALE;
  }
  while (abs(m) > DECIMAL_MAX_MANTISSA && s > 0) {
    m = divRoundEven(m, TEN);
    s--;
  }
  if (abs(m) > DECIMAL_MAX_MANTISSA) throw overflow();
  return { mantissa: m, scale: s };
}

function aligned(a: DecimalValue, b: DecimalValue): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.mantissa * pow10(s - a.scale), b.mantissa * pow10(s - b.scale), s];
}

export function decAdd(a: DecimalValue, b: DecimalValue): DecimalValue {
  const [x, y, s] = aligned(a, b);
  return normalize(x + y, s);
}

export function decSub(a: DecimalValue, b: DecimalValue): DecimalValue {
  const [x, y, s] = aligned(a, b);
  return normalize(x - y, s);
}

export function decMul(a: DecimalValue, b: DecimalValue): DecimalValue {
  return normalize(a.mantissa * b.mantissa, a.scale + b.scale);
}

function divideByZero(): NetException {
  return new NetException("DivideByZeroException", "Attempted to divide by zero.");
}

/**
 * Division: the exact quotient when it has at most 28 decimals (scale starts at scale(a) - scale(b) and grows only
 * while a remainder is left: 10m / 4m is 2.5, 1.00m / 1m is 1.00), else rounded half to even at the mantissa's limit.
 */
export function decDiv(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (b.mantissa === 0n) throw divideByZero();
  const negative = a.mantissa < 0n !== b.mantissa < 0n;
  let num = abs(a.mantissa);
  const den = abs(b.mantissa);
  let scale = a.scale - b.scale;
  if (scale < 0) {
    num *= pow10(-scale);
    scale = 0;
  }
  let q = num / den;
  let r = num % den;
  while (r !== 0n && scale < DECIMAL_MAX_SCALE) {
    const next = q * TEN + (r * TEN) / den;
    if (next > DECIMAL_MAX_MANTISSA) break;
    q = next;
    r = (r * TEN) % den;
    scale++;
  }
  if (r !== 0n) {
    const twice = r * 2n;
    if (twice > den || (twice === den && (q & 1n) !== 0n)) q += 1n;
  }
  return normalize(negative ? -q : q, scale);
}

/** `a % b`: sign of the dividend, scale of the larger operand scale. */
export function decRem(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (b.mantissa === 0n) throw divideByZero();
  const [x, y, s] = aligned(a, b);
  return normalize(x % y, s);
}

export function decCompare(a: DecimalValue, b: DecimalValue): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function decNegate(a: DecimalValue): DecimalValue {
  return { mantissa: -a.mantissa, scale: a.scale };
}

export function decIsZero(a: DecimalValue): boolean {
  return a.mantissa === 0n;
}

/** ToString(): all the digits of the scale, trailing zeros kept (1.50m prints "1.50"); invariant culture. */
export function decToString(a: DecimalValue): string {
  const digits = abs(a.mantissa)
    .toString()
    .padStart(a.scale + 1, "0");
  const int = digits.slice(0, digits.length - a.scale);
  const frac = digits.slice(digits.length - a.scale);
  const text = a.scale > 0 ? `${int}.${frac}` : int;
  return a.mantissa < 0n ? `-${text}` : text;
}

/** Truncation toward zero to an integer (the integral part). */
export function decTruncate(a: DecimalValue): bigint {
  return a.mantissa / pow10(a.scale);
}

export function decFromBigInt(n: bigint): DecimalValue {
  if (abs(n) > DECIMAL_MAX_MANTISSA) throw overflow();
  return { mantissa: n, scale: 0 };
}

/**
 * `(decimal)double`: .NET keeps 15 significant digits (new Decimal(0.1 + 0.2) is 0.3) and drops trailing zeros;
 * NaN, infinities and values beyond the decimal's range throw OverflowException.
 */
export function decFromDouble(x: number, significant = 15): DecimalValue {
  if (!Number.isFinite(x) || Math.abs(x) >= 7.922816251426434e28) throw overflow();
  if (x === 0) return { mantissa: 0n, scale: 0 };
  const [mant, expText] = x.toExponential(significant - 1).split("e");
  const exp = Number(expText);
  let digits = mant!.replace("-", "").replace(".", "");
  digits = digits.replace(/0+$/, "") || "0";
  // value = 0.digits * 10^(exp + 1)
  let scale = digits.length - 1 - exp;
  let m = BigInt(digits);
  if (scale < 0) {
    m *= pow10(-scale);
    scale = 0;
  }
  const sign = x < 0 ? -1n : 1n;
  return normalize(sign * m, scale);
}

export function decToDouble(a: DecimalValue): number {
  return Number(decToString(a));
}

/** Parses `[-]digits[.digits][e[+-]digits]` exactly (literals and invariant Parse); undefined when not a number. */
export function decParse(text: string): DecimalValue | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  let mantissa = BigInt(`${m[2] || "0"}${frac}`);
  let scale = frac.length - Number(m[4] ?? 0);
  if (scale < 0) {
    mantissa *= pow10(-scale);
    scale = 0;
  }
  if (m[1] === "-") mantissa = -mantissa;
  return normalize(mantissa, scale);
}

/** Rounds to `decimals` places: half to even by default (.NET's Math.Round), or half away from zero. */
export function decRound(
  a: DecimalValue,
  decimals: number,
  mode: "even" | "away" | "zero" | "floor" | "ceiling",
): DecimalValue {
  if (a.scale <= decimals) return a;
  const d = pow10(a.scale - decimals);
  const q = a.mantissa / d;
  const r = a.mantissa % d;
  if (r === 0n) return { mantissa: q, scale: decimals };
  const twice = abs(r) * 2n;
  const up = a.mantissa < 0n ? q - 1n : q + 1n;
  let out = q;
  switch (mode) {
    case "even":
      out = twice > d || (twice === d && (q & 1n) !== 0n) ? up : q;
      break;
    case "away":
      out = twice >= d ? up : q;
      break;
    case "zero":
      out = q;
      break;
    case "floor":
      out = a.mantissa < 0n ? q - 1n : q;
      break;
    case "ceiling":
      out = a.mantissa > 0n ? q + 1n : q;
      break;
  }
  return { mantissa: out, scale: decimals };
}
