// .NET numeric semantics: promotion, wrap-around, integer division, floating rules, decimal, conversions, boxing,
// and the default ToString of each type. Plus a property test against a BigInt model of 32/64-bit arithmetic.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { doubleToString } from "../../../src/emulator/interpreter/index.js";
import { Num } from "../../../src/emulator/values.js";
import { run, show } from "./helpers.js";

const rows: [string, string][] = [
  // int wrap-around (unchecked) and checked overflow
  ["int.MaxValue + 1", "-2147483648"],
  ["int.MinValue - 1", "2147483647"],
  ["int.MaxValue * 2", "-2"],
  ["checked(int.MaxValue + 1)", "throws OverflowException"],
  ["unchecked(int.MaxValue + 1)", "-2147483648"],
  ["long.MaxValue + 1", "-9223372036854775808"],
  ["uint.MaxValue + 1u", "0"],
  ["0u - 1u", "4294967295"],
  ["ulong.MaxValue", "18446744073709551615"],
  ["(byte)255 + (byte)1", "256"],
  // promotion
  ["int.MaxValue + 1L", "2147483648"],
  ["(1 + 2L).GetType()", "not emulated"],
  ["5 / 2L", "2"],
  ["1 + 0.5", "1.5"],
  ["1 + 0.5f", "1.5"],
  ["1 + 0.5m", "1.5"],
  ["@{ uint u = uint.MaxValue; return u + 1; }", "0"],
  ["@{ uint u = 5; int i = -1; return u + i; }", "4"],
  ["'a' + 'b'", "195"],
  ["(short)1 + (short)2", "3"],
  // integer division and remainder
  ["7 / 2", "3"],
  ["-7 / 2", "-3"],
  ["7 % 3", "1"],
  ["-7 % 3", "-1"],
  ["7 % -3", "1"],
  ["1 / 0", "throws DivideByZeroException"],
  ["1 % 0", "throws DivideByZeroException"],
  ["1L / 0L", "throws DivideByZeroException"],
  ["int.MinValue / -1", "throws OverflowException"],
  ["long.MinValue % -1L", "throws OverflowException"],
  // floating point
  ["7.0 / 2", "3.5"],
  ["1.0 / 0", "Infinity"],
  ["-1.0 / 0", "-Infinity"],
  ["0.0 / 0", "NaN"],
  ["5.5 % 2", "1.5"],
  ["-5.5 % 2", "-1.5"],
  ["0.1 + 0.2", "0.30000000000000004"],
  ["1e21", "1E+21"],
  ["1.5e-7", "1.5E-07"],
  ["1e15", "1000000000000000"],
  ["123456789012345.0", "123456789012345"],
  ["0.0001", "0.0001"],
  ["0.00001", "1E-05"],
  ["1.0", "1"],
  ["-0.0", "-0"],
  ["double.MaxValue", "1.7976931348623157E+308"],
  ["double.Epsilon", "5E-324"],
  ["0.1f", "0.1"],
  ["1f / 3f", "0.33333334"],
  ["16777217f", "16777216"],
  ["1e7f", "10000000"],
  ["100.0", "100"],
  ["12345678901234567.0", "12345678901234568"],
  ["1234567890123456789.0", "1.2345678901234568E+18"],
  ["double.NaN.Equals(double.NaN)", "True"],
  ["double.NaN.CompareTo(1.0)", "-1"],
  // decimal
  ["1.50m", "1.50"],
  ["1.5m * 2m", "3.0"],
  ["1.10m + 2.205m", "3.305"],
  ["1m / 3m", "0.3333333333333333333333333333"],
  ["10m / 4m", "2.5"],
  ["1.00m / 1m", "1.00"],
  ["2m / 3m * 3m", "2.0000000000000000000000000001"],
  ["1m / 0m", "throws DivideByZeroException"],
  ["7.5m % 2m", "1.5"],
  ["0.00m", "0.00"],
  ["-1.5m", "-1.5"],
  ["decimal.MaxValue", "79228162514264337593543950335"],
  ["decimal.MaxValue + 1m", "throws OverflowException"],
  ["1.0m == 1m", "True"],
  ["1.0m.Equals(1m)", "True"],
  ["(decimal)0.1", "0.1"],
  ["(decimal)(0.1 + 0.2)", "0.3"],
  ["(decimal)double.NaN", "throws OverflowException"],
  ["(int)2.7m", "2"],
  ["(int)-2.7m", "-2"],
  ["(int)1e10m", "throws OverflowException"],
  ["(int)10000000000m", "throws OverflowException"],
  ["(double)1.25m", "1.25"],
  // explicit numeric conversions
  ["(int)3.9", "3"],
  ["(int)-3.9", "-3"],
  ["(long)1e18", "1000000000000000000"],
  ["(int)1e10", "not emulated"],
  ["(int)double.NaN", "not emulated"],
  ["checked((int)1e10)", "throws OverflowException"],
  ["(byte)300", "44"],
  ["(sbyte)200", "-56"],
  ["(int)4294967295u", "-1"],
  ["(uint)-1", "4294967295"],
  ["(short)70000", "4464"],
  ["(char)65", "A"],
  ["(int)'A'", "65"],
  ["(float)0.1", "0.1"],
  ["(double)0.1f", "0.10000000149011612"],
  ["(long)int.MaxValue * 2", "4294967294"],
  ["checked((byte)300)", "throws OverflowException"],
  // boxing and unboxing
  ["(int)(object)5", "5"],
  ["(int)(object)5L", "throws InvalidCastException"],
  ["(long)(object)5", "throws InvalidCastException"],
  ["(double)(object)1", "throws InvalidCastException"],
  ["(int?)(object)null", ""],
  ["(int)(object)null", "throws NullReferenceException"],
  ["(string)(object)5", "throws InvalidCastException"],
  ["@{ object o = 5L; return (long)o + 1; }", "6"],
  [
    "@{ try { object o = 1; return (long)o; } catch (InvalidCastException e) { return e.Message; } }",
    "Unable to cast object of type 'System.Int32' to type 'System.Int64'.",
  ],
  ["((object)5).Equals(5L)", "False"],
  ["((object)5).Equals(5)", "True"],
  // declarations convert to the declared type
  ["@{ long x = 5; return x * int.MaxValue; }", "10737418235"],
  ["@{ double d = 1; return d / 2; }", "0.5"],
  ["@{ decimal m = 2; return m / 4; }", "0.5"],
  ["@{ byte b = 250; b += 10; return b; }", "4"],
  ["@{ char c = 'a'; c++; return c; }", "b"],
  ["@{ int i = int.MaxValue; i++; return i; }", "-2147483648"],
  ["@{ byte b = 10; b -= 20; return b; }", "246"],
  // shifts and bitwise
  ["1 << 33", "2"],
  ["1L << 33", "8589934592"],
  ["-16 >> 2", "-4"],
  ["0xFFFFFFFFu >> 4", "268435455"],
  ["-1 >> 31", "-1"],
  ["6 & 3", "2"],
  ["6 | 3", "7"],
  ["6 ^ 3", "5"],
  ["~0", "-1"],
  ["~0u", "4294967295"],
  ["-int.MinValue", "-2147483648"],
  ["-(uint)5", "-5"],
  ["true ^ true", "False"],
  ["true & false", "False"],
  // comparisons across types
  ["1 < 1.5", "True"],
  ["2L >= 2", "True"],
  ["1.5m > 1", "True"],
  ["'b' > 'a'", "True"],
  ["long.MaxValue > 9223372036854775806L", "True"],
  ["-1 < 1u", "True"],
  // ToString of each type
  ["true.ToString()", "True"],
  ["'x'.ToString()", "x"],
  ["(12).ToString()", "12"],
  ["(-5L).ToString()", "-5"],
  ["2.50m.ToString()", "2.50"],
  ["1.5.ToString()", "1.5"],
  ['12.ToString("D4")', "0012"],
  ['255.ToString("X")', "FF"],
  // parse
  ['int.Parse("42")', "42"],
  ['int.Parse(" -42 ")', "-42"],
  ['int.Parse("4.2")', "throws FormatException"],
  ['int.Parse("2147483648")', "throws OverflowException"],
  ["int.Parse(null)", "throws ArgumentNullException"],
  ['long.Parse("9223372036854775807")', "9223372036854775807"],
  ['double.Parse("1.5e3")', "1500"],
  ['double.Parse("1,000.5")', "1000.5"],
  ['double.Parse("abc")', "throws FormatException"],
  ['decimal.Parse("1.50")', "1.50"],
  ['decimal.Parse("1e3")', "throws FormatException"],
  ['@{ double d; return double.TryParse("2.5", out d) ? d * 2 : -1; }', "5"],
  ['@{ return long.TryParse("x", out var v) + ":" + v; }', "False:0"],
  ['bool.Parse("TRUE")', "True"],
  ['bool.Parse(" false ")', "False"],
  ['bool.Parse("yes")', "throws FormatException"],
  ['@{ bool b; return bool.TryParse("no", out b); }', "False"],
  ["int.MaxValue", "2147483647"],
  ["short.MinValue", "-32768"],
  ["byte.MaxValue", "255"],
  ["5.CompareTo(7)", "-1"],
  ["7L.CompareTo(7L)", "0"],
];

describe("numeric semantics", () => {
  test.each(rows)("%s", (text, expected) => {
    expect(show(text)).toBe(expected);
  });
});

describe("double ToString as .NET Core 3.0+ ([U]: not .NET Framework's 15 digits)", () => {
  test.each([
    [0.1 + 0.2, "0.30000000000000004"],
    [1e21, "1E+21"],
    [1.5e-7, "1.5E-07"],
    [1 / 3, "0.3333333333333333"],
    [123.456, "123.456"],
    // Scientific only past max(digits, 17) (Number.Formatting.cs: nMaxDigits = Math.Max(DigitsCount, 17)).
    [1e15, "1000000000000000"],
    [1e16, "10000000000000000"],
    [1e17, "1E+17"],
  ])("%d", (x, core) => {
    expect(doubleToString(x)).toBe(core);
  });
});

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

function model(op: string, a: bigint, b: bigint, bits: number): string {
  const r = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a % b;
  return BigInt.asIntN(bits, r).toString();
}

function evalText(text: string): string {
  const v = run(text);
  return v instanceof Num ? String(v.value) : `not a number: ${String(v)}`;
}

describe("integer arithmetic agrees with a BigInt model wrapped to the width", () => {
  const ops = fc.constantFrom("+", "-", "*", "/", "%");
  test("int", () => {
    fc.assert(
      fc.property(int32, int32, ops, (a, b, op) => {
        fc.pre(!((op === "/" || op === "%") && (b === 0 || (a === -2147483648 && b === -1))));
        const text = `(${a}) ${op} (${b})`.replace("(-2147483648)", "int.MinValue");
        expect(evalText(text)).toBe(model(op, BigInt(a), BigInt(b), 32));
      }),
      { numRuns: 300 },
    );
  });
  test("long", () => {
    fc.assert(
      fc.property(int64, int64, ops, (a, b, op) => {
        fc.pre(!((op === "/" || op === "%") && (b === 0n || (a === -(2n ** 63n) && b === -1n))));
        const lit = (x: bigint) => (x === -(2n ** 63n) ? "long.MinValue" : `(${x}L)`);
        expect(evalText(`${lit(a)} ${op} ${lit(b)}`)).toBe(model(op, a, b, 64));
      }),
      { numRuns: 300 },
    );
  });
});
