// A number as a decimal digit string, the way .NET's NumberBuffer holds it: value = 0.d1d2d3... x 10^scale.
// Standard and custom numeric formats work on this form, whatever the source type.

import type { DecimalValue } from "../../values.js";

export interface Digits {
  negative: boolean;
  /** Significant digits without leading zeros; trailing zeros stripped; "" for zero. */
  digits: string;
  /** Decimal exponent: the decimal point sits `scale` digits from the start of `digits`. */
  scale: number;
  /** Floating-point values keep a negative sign when they round to zero (.NET Core 3.0+ IEEE behaviour). */
  floating: boolean;
}

function make(negative: boolean, raw: string, pointAt: number, floating: boolean): Digits {
  let start = 0;
  while (start < raw.length && raw[start] === "0") start++;
  let end = raw.length;
  while (end > start && raw[end - 1] === "0") end--;
  const digits = raw.slice(start, end);
  return { negative, digits, scale: digits === "" ? 0 : pointAt - start, floating };
}

export function fromBigInt(n: bigint): Digits {
  const negative = n < 0n;
  const s = (negative ? -n : n).toString();
  return make(negative, s, s.length, false);
}

export function fromDecimal(d: DecimalValue): Digits {
  const negative = d.mantissa < 0n;
  const s = (negative ? -d.mantissa : d.mantissa).toString();
  return make(negative, s, s.length - d.scale, false);
}

/** The exact decimal expansion of a finite double (every double is a finite binary fraction). */
export function exactDouble(x: number): Digits {
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return { negative, digits: "", scale: 0, floating: true };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) {
    const s = (mant << BigInt(e)).toString();
    return make(negative, s, s.length, true);
  }
  // mant / 2^-e = mant * 5^-e / 10^-e
  const s = (mant * 5n ** BigInt(-e)).toString();
  return make(negative, s, s.length + e, true);
}

/** The shortest digits that read back as the same double (what .NET Core 3.0+ "R" and default ToString print). */
export function shortestDouble(x: number): Digits {
  return fromExponential(x, x.toExponential());
}

/** The shortest digits that read back as the same float. */
export function shortestSingle(x: number): Digits {
  for (let p = 1; p <= 9; p++) {
    const text = x.toExponential(p - 1);
    if (Math.fround(Number(text)) === x) return fromExponential(x, text);
  }
  return fromExponential(x, x.toExponential(8));
}

/** `precision` significant digits (correctly rounded from the exact value, as JS toExponential is). */
export function significantDouble(x: number, precision: number): Digits {
  return fromExponential(x, x.toExponential(Math.min(Math.max(precision - 1, 0), 100)));
}

function fromExponential(x: number, text: string): Digits {
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return { negative, digits: "", scale: 0, floating: true };
  const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) throw new Error(`unexpected exponential text ${text}`);
  const raw = m[1]! + (m[2] ?? "");
  return make(negative, raw, Number(m[3]) + 1, true);
}

export type Tie = "even" | "awayFromZero";

/** Keeps the first `keep` digits (keep may be <= 0), rounding the rest; ties as `tie` says. */
export function roundDigits(d: Digits, keep: number, tie: Tie): Digits {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return { ...d, digits: "", scale: 0, negative: d.floating ? d.negative : false };
  const next = d.digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (keep + 1 < d.digits.length)
    up = true; // trailing digits are stripped, so anything after is nonzero
  else if (tie === "awayFromZero") up = true;
  else up = keep > 0 && (d.digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  let kept = d.digits.slice(0, keep);
  let scale = d.scale;
  if (up) {
    let i = kept.length - 1;
    const chars = kept.split("");
    while (i >= 0 && chars[i] === "9") {
      chars[i] = "0";
      i--;
    }
    if (i < 0) {
      chars.unshift("1");
      scale++;
    } else chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
    kept = chars.join("");
  }
  kept = kept.replace(/0+$/, "");
  if (kept === "") return { ...d, digits: "", scale: 0, negative: d.floating ? d.negative : false };
  return { ...d, digits: kept, scale };
}

/** Integer part digits ("0" when none) of `d`. */
export function integerPart(d: Digits): string {
  if (d.scale <= 0 || d.digits === "") return "0";
  return d.digits.slice(0, d.scale).padEnd(d.scale, "0");
}

/** The first `count` fraction digits of `d`, zero padded. */
export function fractionPart(d: Digits, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) {
    const k = d.scale + i;
    s += k >= 0 && k < d.digits.length ? d.digits[k] : "0";
  }
  return s;
}

export function isZero(d: Digits): boolean {
  return d.digits === "";
}
