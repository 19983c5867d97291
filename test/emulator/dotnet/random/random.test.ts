// System.Random: a seeded generator gives .NET's sequence (Net5CompatSeedImpl); an unseeded one comes from the
// emulator's deterministic random source. Rows: expression text and the .NET result.
import { describe, expect, test } from "vitest";
import { show } from "../../interpreter/helpers.js";

const rows: [string, string][] = [
  // values printed by .NET for these seeds (the subtractive generator .NET Framework and .NET 6+ share)
  ["new Random(0).Next()", "1559595546"],
  ["new Random(42).Next()", "1434747710"],
  ["new Random(-42).Next()", "1434747710"],
  ["@{ var r = new Random(0); r.Next(); return r.Next(); }", "1755192844"],
  ["new Random(0).Next(10)", "7"],
  ["new Random(0).Next(0, 0)", "0"],
  ["new Random(0).Next(-1)", "throws ArgumentOutOfRangeException"],
  ["new Random(0).Next(5, 1)", "throws ArgumentOutOfRangeException"],
  ["new System.Random().Next(1, 100) >= 1 && new System.Random().Next(1, 100) < 100", "True"],
  ["new Random().NextDouble() < 1.0", "True"],
  ["@{ var b = new byte[3]; new Random(0).NextBytes(b); return b.Length; }", "3"],
];

describe("System.Random", () => {
  test.each(rows)("%s", (text, expected) => {
    expect(show(text)).toBe(expected);
  });

  test("the same seed gives the same sequence; a range is scaled from the sample", () => {
    expect(show("@{ var a = new Random(7); var b = new Random(7); return a.Next(1000) == b.Next(1000); }")).toBe(
      "True",
    );
    expect(show("new Random(0).Next(1, 100)")).toBe(String(Math.trunc((1559595546 / 2147483647) * 99) + 1));
  });
});
