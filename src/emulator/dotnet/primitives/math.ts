// System.Math. Overloads are chosen as C# would by the promoted type of the arguments (Math.Max(1, 2L) is a long);
// Round is banker's rounding (MidpointRounding.ToEven) unless told, and Round(double, digits) multiplies by
// 10^digits, rounds and divides back, as .NET Core's Math.Round does (2.675 * 100 is exactly 267.5 in double
// arithmetic, so Math.Round(2.675, 2) is 2.68).

import { NetException, NotEmulated } from "../../errors.js";
import { decRound } from "../../interpreter/decimal.js";
import {
  compareNums,
  convertNum,
  doubleOf,
  integral,
  isIntegralType,
  negate,
  promote,
} from "../../interpreter/numbers.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { type DecimalValue, double, int, NetEnum, type NetValue, Num } from "../../values.js";
import { argumentOutOfRange, constant, type Members, method, overload, values } from "./args.js";

type Mode = "even" | "away" | "zero" | "floor" | "ceiling";
const MODES: readonly Mode[] = ["even", "away", "zero", "floor", "ceiling"];

function nums(args: readonly NetValue[], what: string, call: CallInfo): Num[] {
  for (const a of args) if (!(a instanceof Num)) overload(`Math.${what}`, args, call);
  return args as Num[];
}

/** Rounds a double to an integer value under `mode`. */
export function roundDouble(x: number, mode: Mode): number {
  if (!Number.isFinite(x)) return x;
  switch (mode) {
    case "zero":
      return Math.trunc(x);
    case "floor":
      return Math.floor(x);
    case "ceiling":
      return Math.ceil(x);
    case "away": {
      const t = Math.trunc(x);
      return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
    }
    case "even": {
      const f = Math.floor(x);
      const diff = x - f;
      if (diff > 0.5) return f + 1;
      if (diff < 0.5) return f === 0 && x < 0 ? -0 : f;
      return f % 2 === 0 ? f : f + 1;
    }
  }
}

function round(args: readonly NetValue[], call: CallInfo): Num {
  const a = [...args];
  let mode: Mode = "even";
  if (a.at(-1) instanceof NetEnum) {
    const m = MODES[(a.pop() as NetEnum).value];
    if (!m) throw new NotEmulated("this MidpointRounding", call.at);
    mode = m;
  }
  const x = a[0];
  if (!(x instanceof Num)) return overload("Math.Round", args, call);
  const digits =
    a.length > 1
      ? a[1] instanceof Num && a[1].type === "int"
        ? (a[1].value as number)
        : overload("Math.Round", args, call)
      : 0;
  if (x.type === "decimal") {
    if (digits < 0 || digits > 28)
      throw argumentOutOfRange("decimals", "Decimal can only round to between 0 and 28 digits of precision.", call);
    return new Num("decimal", decRound(x.value as DecimalValue, digits, mode));
  }
  if (digits < 0 || digits > 15)
    throw argumentOutOfRange("digits", "Rounding digits must be between 0 and 15, inclusive.", call);
  const v = doubleOf(x);
  if (digits === 0) return double(roundDouble(v, mode));
  const p = 10 ** digits;
  if (Math.abs(v) >= 1e16) return double(v);
  return double(roundDouble(v * p, mode) / p);
}

function minMax(args: readonly NetValue[], max: boolean, call: CallInfo): Num {
  const what = max ? "Max" : "Min";
  const [a, b] = nums(values2(args, what, call), what, call);
  const t = promote(a!.type, b!.type);
  const x = convertNum(a!, t);
  const y = convertNum(b!, t);
  const c = compareNums(x, y);
  if (Number.isNaN(c)) return new Num(t, Number.NaN);
  // Math.Max(0.0, -0.0) is 0.0 and Math.Min is -0.0 (.NET Core 3.0+, IEEE 754:2019).
  if (c === 0 && typeof x.value === "number" && (t === "double" || t === "float")) {
    const negZeroX = Object.is(x.value, -0);
    return max ? (negZeroX ? y : x) : negZeroX ? x : y;
  }
  return max ? (c >= 0 ? x : y) : c <= 0 ? x : y;
}

function values2(args: readonly NetValue[], what: string, call: CallInfo): NetValue[] {
  if (args.length !== 2) overload(`Math.${what}`, args, call);
  return [...args];
}

function unaryDouble(name: string, f: (x: number) => number): Members {
  return {
    [name]: method((_s, args, call) => {
      const a = nums(values(args, `Math.${name}`, call), name, call);
      if (a.length !== 1 || a[0]!.type === "decimal") overload(`Math.${name}`, a, call);
      return double(f(doubleOf(a[0]!)));
    }),
  };
}

function integralPart(name: string, mode: Mode): Members {
  return {
    [name]: method((_s, args, call) => {
      const a = nums(values(args, `Math.${name}`, call), name, call);
      if (a.length !== 1) overload(`Math.${name}`, a, call);
      const x = a[0]!;
      if (x.type === "decimal") return new Num("decimal", decRound(x.value as DecimalValue, 0, mode));
      return double(roundDouble(doubleOf(x), mode));
    }),
  };
}

export function defineMath(registry: RuntimeRegistry): void {
  registry.define({
    key: "System.Math",
    static: {
      PI: constant(double(Math.PI)),
      E: constant(double(Math.E)),
      Abs: method((_s, args, call) => {
        const [x] = nums(values(args, "Math.Abs", call), "Abs", call);
        if (!x || args.length !== 1) return overload("Math.Abs", [], call);
        const t = isIntegralType(x.type) ? promote(x.type, "int") : x.type;
        const v = convertNum(x, t);
        if (t === "decimal") {
          const d = v.value as DecimalValue;
          return new Num("decimal", { mantissa: d.mantissa < 0n ? -d.mantissa : d.mantissa, scale: d.scale });
        }
        if (t === "double" || t === "float") return new Num(t, Math.abs(v.value as number));
        if (compareNums(v, integral(t, 0n)) >= 0) return v;
        const n = negate(v);
        if (compareNums(n, integral(t, 0n)) < 0) {
          throw new NetException(
            "OverflowException",
            "Negating the minimum value of a twos complement number is invalid.",
            call.at,
          );
        }
        return convertNum(n, t);
      }),
      Max: method((_s, args, call) =>
        minMax(
          args.map((a) => a.value),
          true,
          call,
        ),
      ),
      Min: method((_s, args, call) =>
        minMax(
          args.map((a) => a.value),
          false,
          call,
        ),
      ),
      Round: method((_s, args, call) => round(values(args, "Math.Round", call), call)),
      ...integralPart("Floor", "floor"),
      ...integralPart("Ceiling", "ceiling"),
      ...integralPart("Truncate", "zero"),
      Sign: method((_s, args, call) => {
        const [x] = nums(values(args, "Math.Sign", call), "Sign", call);
        if (!x) return overload("Math.Sign", [], call);
        if (x.type === "decimal")
          return int(Number((x.value as DecimalValue).mantissa > 0n) - Number((x.value as DecimalValue).mantissa < 0n));
        if (typeof x.value === "bigint") return int(x.value > 0n ? 1 : x.value < 0n ? -1 : 0);
        const v = x.value as number;
        if (Number.isNaN(v))
          throw new NetException(
            "ArithmeticException",
            "Function does not accept floating point Not-a-Number values.",
            call.at,
          );
        return int(v > 0 ? 1 : v < 0 ? -1 : 0);
      }),
      Pow: method((_s, args, call) => {
        const [a, b] = nums(values2(values(args, "Math.Pow", call), "Pow", call), "Pow", call);
        return double(doubleOf(a!) ** doubleOf(b!));
      }),
      ...unaryDouble("Sqrt", Math.sqrt),
      ...unaryDouble("Exp", Math.exp),
      ...unaryDouble("Log10", Math.log10),
      ...unaryDouble("Sin", Math.sin),
      ...unaryDouble("Cos", Math.cos),
      ...unaryDouble("Tan", Math.tan),
      ...unaryDouble("Atan", Math.atan),
      ...unaryDouble("Asin", Math.asin),
      ...unaryDouble("Acos", Math.acos),
      Log: method((_s, args, call) => {
        const a = nums(values(args, "Math.Log", call), "Log", call);
        if (a.length === 1) return double(Math.log(doubleOf(a[0]!)));
        if (a.length === 2) return double(Math.log(doubleOf(a[0]!)) / Math.log(doubleOf(a[1]!)));
        return overload("Math.Log", a, call);
      }),
      Atan2: method((_s, args, call) => {
        const [a, b] = nums(values2(values(args, "Math.Atan2", call), "Atan2", call), "Atan2", call);
        return double(Math.atan2(doubleOf(a!), doubleOf(b!)));
      }),
    },
  });
}
