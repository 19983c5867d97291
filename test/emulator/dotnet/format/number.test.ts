// Expected texts are the examples of learn.microsoft.com's "Standard numeric format strings" and "Custom numeric
// format strings" pages (invariant culture) unless a row says otherwise.
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../../../src/emulator/dotnet/format/number.js";
import { NetException } from "../../../../src/emulator/errors.js";
import { double, int, long, Num } from "../../../../src/emulator/values.js";

const dec = (text: string): Num => {
  const [i, f = ""] = text.split(".");
  return new Num("decimal", { mantissa: BigInt(i! + f), scale: f.length });
};
const float = (x: number) => new Num("float", Math.fround(x));
const sbyte = (x: number) => new Num("sbyte", x);
const byte = (x: number) => new Num("byte", x);

const rows: [string, Num, string | undefined, string][] = [
  // standard-numeric-format-strings examples
  ["F default", double(1234.567), "F", "1234.57"],
  ["F1 int", int(1234), "F1", "1234.0"],
  ["F4 negative", double(-1234.56), "F4", "-1234.5600"],
  ["D", int(1234), "D", "1234"],
  ["D6 negative", int(-1234), "D6", "-001234"],
  ["E default", double(1052.0329112756), "E", "1.052033E+003"],
  ["e2", double(-1052.0329112756), "e2", "-1.05e+003"],
  ["G double", double(-123.456), "G", "-123.456"],
  ["G4", double(123.4546), "G4", "123.5"],
  ["G tiny", double(-1.23456789e-25), "G", "-1.23456789E-25"],
  ["N", double(1234.567), "N", "1,234.57"],
  ["N1 int", int(1234), "N1", "1,234.0"],
  ["N3", double(-1234.56), "N3", "-1,234.560"],
  ["P", int(1), "P", "100.00 %"],
  ["P1", double(-0.39678), "P1", "-39.7 %"],
  ["R", double(123456789.12345678), "R", "123456789.12345678"],
  ["X byte", byte(255), "X", "FF"],
  ["x sbyte -1", sbyte(-1), "x", "ff"],
  ["x4 byte", byte(255), "x4", "00ff"],
  ["X4 sbyte -1", sbyte(-1), "X4", "00FF"],
  // .NET's two's complement at the type's width
  ["x int -1", int(-1), "x", "ffffffff"],
  ["x8 int", int(48879), "x8", "0000beef"],
  ["X long -1", long(-1n), "X", "FFFFFFFFFFFFFFFF"],
  // default ToString: shortest round-trip (.NET Core 3.0+)
  ["double default", double(0.1), undefined, "0.1"],
  ["double 1/3", double(1 / 3), undefined, "0.3333333333333333"],
  // scientific past 17 integer digits (.NET Core 3.0+ DoublePrecision = 17, dotnet/runtime Number.Formatting.cs)
  ["double 1e15", double(1e15), undefined, "1000000000000000"],
  ["double 1e16", double(1e16), undefined, "10000000000000000"],
  ["double 1e17", double(1e17), undefined, "1E+17"],
  ["double 17 digits", double(12345678901234568), "R", "12345678901234568"],
  ["double 123456789012345", double(123456789012345), undefined, "123456789012345"],
  ["double 1e-5", double(0.00001), undefined, "1E-05"],
  ["double 0.0001", double(0.0001), undefined, "0.0001"],
  ["double -0", double(-0), undefined, "-0"],
  ["double integral", double(42), undefined, "42"],
  ["double NaN", double(Number.NaN), undefined, "NaN"],
  ["double +inf", double(Number.POSITIVE_INFINITY), "F2", "Infinity"],
  ["double -inf", double(Number.NEGATIVE_INFINITY), undefined, "-Infinity"],
  ["float default", float(0.1), undefined, "0.1"],
  ["float 1e7", float(1e7), undefined, "10000000"],
  ["float 1e10", float(1e10), undefined, "1E+10"],
  ["long default", long(9007199254740993n), undefined, "9007199254740993"],
  ["int G", int(-42), "G", "-42"],
  ["int G2", int(12345), "G2", "1.2E+04"],
  // decimal keeps its scale (trailing zeros) and rounds a 5 away from zero (dotnet/docs#22089)
  ["decimal default", dec("1.50"), undefined, "1.50"],
  ["decimal negative", dec("-0.05"), undefined, "-0.05"],
  ["decimal G4 tie", dec("1234.5"), "G4", "1235"],
  ["double G4 tie", double(1234.5), "G4", "1234"],
  ["decimal F0 tie", dec("2.5"), "F0", "3"],
  ["double F0 tie even", double(2.5), "F0", "2"],
  ["double F0 tie even 3.5", double(3.5), "F0", "4"],
  ["double F2 not a tie", double(12.345), "F2", "12.35"],
  ["double F2 below tie (binary)", double(1.005), "F2", "1.00"],
  ["decimal F2", dec("1.005"), "F2", "1.01"],
  ["F2 negative zero double", double(-0.001), "F2", "-0.00"],
  ["F2 negative zero decimal", dec("-0.001"), "F2", "0.00"],
  ["F0 big", double(1e21), "F0", "1000000000000000000000"],
  ["N0 long", long(1234567890123n), "N0", "1,234,567,890,123"],
  ["E0", double(12345), "E0", "1E+004"],
  ["C invariant", double(1234.567), "C", "¤1,234.57"],
  ["C negative", int(-5), "C0", "(¤5)"],
  ["char ignores format", new Num("char", 65), "X", "A"],
  // custom-numeric-format-strings examples
  ["00000", int(123), "00000", "00123"],
  ["0.00", double(1.2), "0.00", "1.20"],
  ["0.00 rounds", double(0.45678), "0.00", "0.46"],
  ["#,#", int(1234567890), "#,#", "1,234,567,890"],
  ["#,##0,, scaling", int(1234567890), "#,##0,,", "1,235"],
  ["#0.##%", double(0.086), "#0.##%", "8.6%"],
  ["0.###E+0", int(86000), "0.###E+0", "8.6E+4"],
  ["0.0##e+00", double(1503.92311), "0.0##e+00", "1.504e+03"],
  ["phone", long(1234567890n), "(###) ###-####", "(123) 456-7890"],
  ["#,##0", int(1234), "#,##0", "1,234"],
  ["#,##0 zero", int(0), "#,##0", "0"],
  ["# zero", int(0), "#", ""],
  ["0.# integral", double(1), "0.#", "1"],
  ["0.# fraction", double(1.25), "0.#", "1.3"],
  ["##.# ", double(1.2), "##.#", "1.2"],
  ["sections negative", int(-1234), "##;(##)", "(1234)"],
  ["sections zero", int(0), "##;(##);**Zero**", "**Zero**"],
  ["quoted literal", int(5), "0' items'", "5 items"],
  ["escaped #", int(5), "\\#0", "#5"],
  // custom formats start from 15 digits and round half away (so 1.005 shows 1.01: dotnet/coreclr#25400)
  ["custom 1.005", double(1.005), "0.00", "1.01"],
  ["custom -0.1 double keeps sign", double(-0.1), "0", "-0"],
  ["custom -0.1 decimal", dec("-0.1"), "0", "0"],
  ["custom decimal", dec("1234.5678"), "#,##0.00", "1,234.57"],
  // more standard-format cases (invariant culture)
  ["N negative big", double(-1234567.891), "N2", "-1,234,567.89"],
  ["N0 rounds", double(1234.5), "N0", "1,234"],
  ["E negative exponent", double(0.000123), "E2", "1.23E-004"],
  ["e zero", double(0), "e", "0.000000e+000"],
  ["P0", double(0.5), "P0", "50 %"],
  ["F3 long", long(-5n), "F3", "-5.000"],
  ["D1 zero", int(0), "D1", "0"],
  ["X2 byte", byte(10), "X2", "0A"],
  ["G17", double(0.1), "G17", "0.10000000000000001"],
  ["R sum", double(0.1 + 0.2), "R", "0.30000000000000004"],
  ["G decimal precision", dec("123.4567"), "G5", "123.46"],
  ["decimal F4 pads", dec("1.5"), "F4", "1.5000"],
  ["decimal N", dec("-1234567.125"), "N2", "-1,234,567.13"],
  ["float F2", float(1.005), "F2", "1.00"],
  ["double big G", double(1.5e300), undefined, "1.5E+300"],
  ["double max", double(Number.MAX_VALUE), undefined, "1.7976931348623157E+308"],
  ["double epsilon", double(Number.MIN_VALUE), undefined, "5E-324"],
  ["custom #,##0.00 large", double(1234567.891), "#,##0.00", "1,234,567.89"],
  ["custom 000.000", double(-1.5), "000.000", "-001.500"],
  ["custom per mille", double(0.0123), "0.0‰", "12.3‰"],
  ["custom thousands scaling", double(1500000), "0,,.0M", "1.5M"],
  // commas after the point neither group nor scale (.NET reads ',' only before the decimal point)
  ["custom commas after point", double(1500000), "0.0,,M", "1500000.0M"],
];

describe("formatNumber", () => {
  it.each(rows)("%s", (_name, num, format, expected) => {
    expect(formatNumber(num, format)).toBe(expected);
  });

  it.each([
    ["D on double", double(1.5), "D"],
    ["X on decimal", dec("1.5"), "X"],
    ["R on int", int(1), "R"],
    ["unknown specifier", int(1), "Q"],
  ])("%s is FormatException", (_n, num, format) => {
    expect(() => formatNumber(num, format)).toThrow(NetException);
    try {
      formatNumber(num, format);
    } catch (e) {
      expect((e as NetException).type).toBe("FormatException");
    }
  });
});
