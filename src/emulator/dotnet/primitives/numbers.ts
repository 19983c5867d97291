// The numeric types (Int16/32/64, their unsigned kin, Byte, SByte, Single, Double, Decimal): MaxValue/MinValue,
// Parse/TryParse with the invariant culture, CompareTo, Equals, ToString(format) through dotnet/format.
//
// [U] Parse failures raise .NET Core 3.0-7's message "Input string was not in a correct format." (.NET 8 quotes
// the input); double.Parse of a value beyond double's range gives ±Infinity (.NET Core 3.0+).

import { NetException, NotEmulated } from "../../errors.js";
import { decCompare, decParse } from "../../interpreter/decimal.js";
import { compareNums, integral, NUMERIC_KEY } from "../../interpreter/numbers.js";
import { numToString } from "../../interpreter/text.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { type DecimalValue, type NetValue, Num, type NumericType } from "../../values.js";
import { formatNumber } from "../format/number.js";
import { argumentNull, constant, type Members, method, overload, values } from "./args.js";
import { isWhiteSpace } from "./chars.js";

const INTEGRAL_RANGES: Partial<Record<NumericType, [bigint, bigint]>> = {
  sbyte: [-128n, 127n],
  byte: [0n, 255n],
  short: [-32768n, 32767n],
  ushort: [0n, 65535n],
  int: [-2147483648n, 2147483647n],
  uint: [0n, 4294967295n],
  long: [-9223372036854775808n, 9223372036854775807n],
  ulong: [0n, 18446744073709551615n],
};

function typeName(t: NumericType): string {
  return NUMERIC_KEY[t].slice("System.".length);
}

export function badInput(call: CallInfo): NetException {
  return new NetException("FormatException", "Input string was not in a correct format.", call.at);
}

function trimWhite(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isWhiteSpace(s.charCodeAt(i))) i++;
  while (j > i && isWhiteSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

/** Parses text as `t` (NumberStyles.Integer / Float|AllowThousands / Number, invariant culture). */
export function parseNumber(t: NumericType, text: string, call: CallInfo): Num {
  const s = trimWhite(text);
  const range = INTEGRAL_RANGES[t];
  if (range) {
    if (!/^[+-]?\d+$/.test(s)) throw badInput(call);
    const v = BigInt(s);
    if (v < range[0] || v > range[1]) {
      throw new NetException(
        "OverflowException",
        `Value was either too large or too small for ${t === "uint" || t === "ulong" || t === "ushort" ? "a" : "an"} ${typeName(t)}.`,
        call.at,
      );
    }
    return integral(t, v);
  }
  if (t === "decimal") {
    if (!/^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d*)?$/.test(s) || !/\d/.test(s)) throw badInput(call);
    const d = decParse(s.replace(/,/g, ""));
    if (!d) throw badInput(call);
    return new Num("decimal", d);
  }
  const lower = s.toLowerCase();
  if (lower === "nan") return new Num(t, Number.NaN);
  if (lower === "infinity" || lower === "+infinity") return new Num(t, Infinity);
  if (lower === "-infinity") return new Num(t, -Infinity);
  if (!/^[+-]?(\d+(,\d+)*)?(\.\d*)?([eE][+-]?\d+)?$/.test(s) || !/\d/.test(s.split(/[eE]/)[0]!)) throw badInput(call);
  const x = Number(s.replace(/,/g, ""));
  return new Num(t, t === "float" ? Math.fround(x) : x);
}

function compareTo(a: Num, b: NetValue, call: CallInfo): Num {
  if (b === null) return integral("int", 1n);
  if (!(b instanceof Num) || b.type !== a.type) {
    throw new NetException("ArgumentException", `Object must be of type ${typeName(a.type)}.`, call.at);
  }
  if (a.type === "decimal")
    return integral("int", BigInt(decCompare(a.value as DecimalValue, b.value as DecimalValue)));
  const c = compareNums(a, b);
  // CompareTo orders NaN first (it equals itself there), unlike the < operator.
  if (Number.isNaN(c)) {
    const an = Number.isNaN(a.value as number);
    const bn = Number.isNaN(b.value as number);
    return integral("int", BigInt(an && bn ? 0 : an ? -1 : 1));
  }
  return integral("int", BigInt(c));
}

function numberOfType(t: NumericType, v: number | bigint | DecimalValue): Num {
  return new Num(t, v);
}

function limits(t: NumericType): Members {
  const range = INTEGRAL_RANGES[t];
  if (range) return { MaxValue: constant(integral(t, range[1])), MinValue: constant(integral(t, range[0])) };
  if (t === "decimal") {
    const max = (1n << 96n) - 1n;
    return {
      MaxValue: constant(numberOfType("decimal", { mantissa: max, scale: 0 })),
      MinValue: constant(numberOfType("decimal", { mantissa: -max, scale: 0 })),
      Zero: constant(numberOfType("decimal", { mantissa: 0n, scale: 0 })),
      One: constant(numberOfType("decimal", { mantissa: 1n, scale: 0 })),
      MinusOne: constant(numberOfType("decimal", { mantissa: -1n, scale: 0 })),
    };
  }
  const f = (x: number) => constant(new Num(t, t === "float" ? Math.fround(x) : x));
  const max = t === "float" ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const floating: Members = {
    MaxValue: f(max),
    MinValue: f(-max),
    Epsilon: f(t === "float" ? 1.401298464324817e-45 : Number.MIN_VALUE),
    NaN: f(Number.NaN),
    PositiveInfinity: f(Infinity),
    NegativeInfinity: f(-Infinity),
  };
  const test = (name: string, p: (x: number) => boolean) => {
    floating[name] = method((_s, args, call) => {
      const v = values(args, `${typeName(t)}.${name}`, call)[0] ?? null;
      if (!(v instanceof Num) || typeof v.value !== "number") return overload(`${typeName(t)}.${name}`, [v], call);
      return p(v.value);
    });
  };
  test("IsNaN", Number.isNaN);
  test("IsInfinity", (x) => x === Infinity || x === -Infinity);
  test("IsPositiveInfinity", (x) => x === Infinity);
  test("IsNegativeInfinity", (x) => x === -Infinity);
  return floating;
}

export function defineNumbers(registry: RuntimeRegistry): void {
  for (const t of Object.keys(NUMERIC_KEY) as NumericType[]) {
    if (t === "char") continue;
    const name = typeName(t);
    const parse = (text: NetValue, call: CallInfo): Num => {
      if (text === null) throw argumentNull("s", call);
      if (typeof text !== "string") throw new NotEmulated(`${name}.Parse with a ${typeof text}`, call.at);
      return parseNumber(t, text, call);
    };
    registry.define({
      key: NUMERIC_KEY[t],
      supertypes: ["System.ValueType", "System.Object"],
      static: {
        ...limits(t),
        Parse: method((_s, args, call) => {
          const a = values(args, `${name}.Parse`, call);
          if (a.length !== 1) throw new NotEmulated(`${name}.Parse with NumberStyles or an IFormatProvider`, call.at);
          return parse(a[0]!, call);
        }),
        TryParse: method((_s, args, call) => {
          if (args.length !== 2 || !args[1]!.ref)
            throw new NotEmulated(`${name}.TryParse with NumberStyles or an IFormatProvider`, call.at);
          const text = args[0]!.value;
          try {
            if (text === null) throw badInput(call);
            args[1]!.ref.set(parse(text, call));
            return true;
          } catch (e) {
            if (!(e instanceof NetException)) throw e;
            args[1]!.ref.set(t === "decimal" ? new Num("decimal", { mantissa: 0n, scale: 0 }) : integralOrZero(t));
            return false;
          }
        }),
      },
      instance: {
        ToString: method((self, args, call) => {
          const a = values(args, `${name}.ToString`, call);
          if (a.length === 0) return numToString(self as Num);
          if (a.length === 1 && (typeof a[0] === "string" || a[0] === null))
            return formatNumber(self as Num, (a[0] as string | null) ?? undefined, call.at);
          throw new NotEmulated(`${name}.ToString with an IFormatProvider`, call.at);
        }),
        CompareTo: method((self, args, call) =>
          compareTo(self as Num, values(args, `${name}.CompareTo`, call)[0] ?? null, call),
        ),
        Equals: method((self, args, call) => {
          const b = values(args, `${name}.Equals`, call)[0] ?? null;
          const a = self as Num;
          if (!(b instanceof Num) || b.type !== a.type) return false;
          if (a.type === "decimal") return decCompare(a.value as DecimalValue, b.value as DecimalValue) === 0;
          if (typeof a.value === "number" && Number.isNaN(a.value)) return Number.isNaN(b.value as number);
          return compareNums(a, b) === 0;
        }),
        GetHashCode: method((_s, _a, call) => {
          throw new NotEmulated(`${name}.GetHashCode`, call.at);
        }),
      },
      toString: (self, format, call) =>
        format === undefined ? numToString(self as Num) : formatNumber(self as Num, format, call.at),
    });
  }
}

function integralOrZero(t: NumericType): Num {
  if (t === "float" || t === "double") return new Num(t, 0);
  return integral(t, 0n);
}
