// Array.Copy: both overloads, memmove semantics within one array, .NET's argument exceptions.
import { describe, expect, test } from "vitest";
import { show } from "../../interpreter/helpers.js";

const rows: [string, string][] = [
  ['@{ var d = new byte[4]; Array.Copy(new byte[] { 1, 2, 3 }, 0, d, 1, 3); return string.Join(",", d); }', "0,1,2,3"],
  ['@{ var d = new int[3]; Array.Copy(new[] { 7, 8, 9 }, d, 2); return string.Join(",", d); }', "7,8,0"],
  ['@{ var a = new[] { 1, 2, 3, 4 }; Array.Copy(a, 0, a, 1, 3); return string.Join(",", a); }', "1,1,2,3"],
  ["@{ Array.Copy(new int[2], 0, new int[2], 0, 3); return 0; }", "throws ArgumentException"],
  ["@{ Array.Copy(new int[2], 0, new int[1], 0, 2); return 0; }", "throws ArgumentException"],
  ["@{ Array.Copy(new int[2], -1, new int[2], 0, 1); return 0; }", "throws ArgumentOutOfRangeException"],
  ["@{ Array.Copy(null, new int[2], 1); return 0; }", "throws ArgumentNullException"],
  ["@{ Array.Copy(new byte[2], new int[2], 1); return 0; }", "not emulated"],
];

describe("Array.Copy", () => {
  test.each(rows)("%s", (text, expected) => {
    expect(show(text)).toBe(expected);
  });
});
