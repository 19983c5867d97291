// The interpreter core: literals, names, members, calls, operators, statements. Each row: expression text and
// the .NET result printed with netToString, `throws <Exception>`, or `not emulated`.
import { describe, expect, test } from "vitest";
import { show } from "./helpers.js";

const rows: [string, string][] = [
  // literals and concatenation
  ["1 + 2", "3"],
  ['"a" + 1 + null', "a1"],
  ['null + "a"', "a"],
  ['"x" + true', "xTrue"],
  ["'a'", "a"],
  ["'a' + \"b\"", "ab"],
  ["'a' + 1", "98"],
  ['@"c:\\dir"', "c:\\dir"],
  ["2147483648", "2147483648"],
  ["-2147483648", "-2147483648"],
  ["0x1F", "31"],
  ["1_000", "1000"],
  ["true", "True"],
  ["false", "False"],
  // conditional, ??, ?.
  ["true ? 1 : 2", "1"],
  ['(string)null ?? "d"', "d"],
  ['"v" ?? "d"', "v"],
  ["((string)null)?.Length", ""],
  ["((string)null)?.Length ?? -1", "-1"],
  ['"abc"?.Length', "3"],
  ["((string)null)?.Trim().Length", ""],
  ["((string)null)?.Split(' ')[1]", ""],
  ["\"a b\"?.Split(' ')[1]", "b"],
  ["((string)null)?.Trim().Length ?? 0", "0"],
  ["(((string)null)?.Trim()).Length", "throws NullReferenceException"],
  ["((string[])null)?[0]", ""],
  ["((string[])null)?[0].Length", ""],
  ["((string)null).Length", "throws NullReferenceException"],
  // comparison
  ['"a" == "a"', "True"],
  ['"a" == "A"', "False"],
  ['"a" != null', "True"],
  ["1 == 1.0", "True"],
  ["1 < 2L", "True"],
  ["double.NaN == double.NaN", "False"],
  ["double.NaN != double.NaN", "True"],
  ["double.NaN < 1", "False"],
  ["'a' == 97", "True"],
  ["StringComparison.Ordinal == StringComparison.Ordinal", "True"],
  // blocks and statements
  ["@{ return 1; }", "1"],
  ["@{ var a = 2; var b = 3; return a * b; }", "6"],
  ['@{ if (1 > 2) { return "a"; } else { return "b"; } }', "b"],
  ["@{ var s = 0; for (int i = 0; i < 5; i++) { s += i; } return s; }", "10"],
  ["@{ var s = 0; var i = 0; while (i < 4) { i++; if (i == 2) continue; s += i; } return s; }", "8"],
  ["@{ var i = 0; do { i++; } while (i < 3); return i; }", "3"],
  ["@{ var i = 0; while (true) { if (++i == 5) break; } return i; }", "5"],
  ['@{ var s = ""; foreach (var c in "abc") { s = c + s; } return s; }', "cba"],
  ['@{ var s = ""; foreach (var x in new[] { "a", "b" }) { s += x; } return s; }', "ab"],
  ["@{ var s = 0; foreach (int x in new int[] { 1, 2, 3 }) s += x; return s; }", "6"],
  ["@{ int x = 1; { int y = 2; x += y; } return x; }", "3"],
  ["@{ }", ""],
  ["@{ var x = 1; x = x + 1; }", ""],
  // switch
  ['@{ switch ("b") { case "a": return 1; case "b": return 2; default: return 3; } }', "2"],
  ['@{ switch ("z") { case "a": return 1; default: return 3; } }', "3"],
  ['@{ switch (5) { case 1: case 5: return "one or five"; } return "none"; }', "one or five"],
  ['@{ switch (7) { case 1: return "one"; } return "none"; }', "none"],
  [
    '@{ object o = 5; switch (o) { case string s: return "s" + s; case int i when i > 3: return "big" + i; case int i: return "small"; } return "?"; }',
    "big5",
  ],
  ['@{ var r = ""; switch (2) { case 2: r = "two"; break; default: r = "other"; break; } return r; }', "two"],
  // exceptions
  [
    '@{ try { throw new ArgumentException("boom"); } catch (ArgumentException e) when (e.Message == "boom") { return "caught"; } }',
    "caught",
  ],
  [
    '@{ try { throw new ArgumentException("boom"); } catch (FormatException) { return "f"; } catch (Exception e) { return e.Message; } }',
    "boom",
  ],
  ['@{ try { return int.Parse("x"); } catch (FormatException e) { return -1; } }', "-1"],
  ['@{ var log = ""; try { log += "t"; } finally { log += "f"; } return log; }', "tf"],
  [
    '@{ var log = ""; try { try { throw new Exception("x"); } finally { log += "f"; } } catch (Exception) { log += "c"; } return log; }',
    "fc",
  ],
  [
    '@{ try { throw new InvalidOperationException("a"); } catch (Exception e) when (e.Message == "b") { return 1; } catch { return 2; } }',
    "2",
  ],
  [
    '@{ try { try { throw new FormatException("in"); } catch (FormatException) { throw; } } catch (Exception e) { return e.Message; } }',
    "in",
  ],
  ['@{ throw new Exception("up"); }', "throws Exception"],
  ['(string)null ?? throw new ArgumentNullException("x")', "throws ArgumentNullException"],
  [
    '@{ try { throw new ArgumentNullException("p"); } catch (ArgumentException e) { return e.Message; } }',
    "Value cannot be null. (Parameter 'p')",
  ],
  [
    "@{ try { throw new Exception(); } catch (Exception e) { return e.Message; } }",
    "Exception of type 'System.Exception' was thrown.",
  ],
  [
    "@{ try { string s = null; return s.Length; } catch (NullReferenceException e) { return e.Message; } }",
    "Object reference not set to an instance of an object.",
  ],
  // lambdas and closures
  ["@{ Func<int, int> f = x => x * 2; return f(21); }", "42"],
  ["@{ var n = 10; Func<int, int> add = x => x + n; n = 20; return add(1); }", "21"],
  ["@{ Func<int, int, int> f = (a, b) => { var c = a * b; return c + 1; }; return f(3, 4); }", "13"],
  ['@{ Func<string> f = () => "hi"; return f.Invoke(); }', "hi"],
  ["@{ int Twice(int x) { return x * 2; } return Twice(4); }", "8"],
  ["@{ int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1); return Fact(5); }", "120"],
  // anonymous types, arrays
  ['new { a = 1, b = "x" }', "{ a = 1, b = x }"],
  ['new { a = 1, b = "x" }.b', "x"],
  ["@{ var v = 3; var o = new { v }; return o.v; }", "3"],
  ["new { a = 1 }.Equals(new { a = 1 })", "True"],
  ["new int[3].Length", "3"],
  ["new int[3][1]", "0"],
  ["new string[2][0] == null", "True"],
  ['new[] { "a", "b" }[1]', "b"],
  ["new int[] { 1, 2 }[2]", "throws IndexOutOfRangeException"],
  ["new int[] { 1, 2 }[-1]", "throws IndexOutOfRangeException"],
  ["@{ int[] a = { 5, 6 }; a[0] = 7; return a[0] + a[1]; }", "13"],
  ["@{ var a = new long[2]; a[1] = 5; return a[1]; }", "5"],
  ['new string[] { "x" }', "System.String[]"],
  ["@{ int[] a = { 1, 2, 3 }; a[1] += 10; return a[1]; }", "12"],
  // out var, is, as, typeof, default
  ['@{ int.TryParse("12", out var n); return n + 1; }', "13"],
  ['@{ int n; var ok = int.TryParse("x", out n); return ok + ":" + n; }', "False:0"],
  ['@{ int.TryParse("7", out int n); return n; }', "7"],
  ['@{ object o = "s"; return o is string; }', "True"],
  ["@{ object o = 5; return o is string; }", "False"],
  ['@{ object o = "abc"; if (o is string s) { return s.Length; } return -1; }', "3"],
  ["@{ object o = null; return o is string; }", "False"],
  ['@{ object o = "x"; return o is null; }', "False"],
  ['@{ object o = 5; return (o as string) ?? "none"; }', "none"],
  ['@{ object o = "v"; return o as string; }', "v"],
  ["typeof(string)", "System.String"],
  ["typeof(int).Name", "Int32"],
  ["default(int)", "0"],
  ["default(string) == null", "True"],
  ["default(bool)", "False"],
  ["default(double)", "0"],
  ["default(decimal)", "0"],
  // nullable
  ["@{ int? x = null; return x.HasValue; }", "False"],
  ["@{ int? x = 5; return x.HasValue; }", "True"],
  ["@{ int? x = 5; return x.Value + 1; }", "6"],
  ["@{ int? x = null; return x.Value; }", "throws InvalidOperationException"],
  ["@{ int? x = null; return x.GetValueOrDefault(9); }", "9"],
  ["@{ int? x = null; return x ?? 4; }", "4"],
  ["@{ int? x = null; return x + 1 == null; }", "True"],
  ["@{ int? x = null; return x < 1; }", "False"],
  ["@{ int? x = 3; return x * 2; }", "6"],
  ["@{ bool? b = null; return (b & false) == false; }", "True"],
  ["@{ bool? b = null; return (b | true) == true; }", "True"],
  // named values
  ["{{limit}} + 1", "11"],
  ['"k={{key}}"', "k=abc"],
  // interpolation
  ['$"x{1,3}y{2.5}"', "x  1y2.5"],
  ['$"[{"ab",-4}]"', "[ab  ]"],
  ['$"{5:D3}"', "005"],
  ['$"{{literal}} {1}"', "{literal} 1"],
  ['$"{null}|{true}"', "|True"],
  ['$@"a\\{1}"', "a\\1"],
  // assignments
  ["@{ var s = \"a\"; s += 1; s += 'c'; return s; }", "a1c"],
  ["@{ int x = 5; x -= 2; x *= 4; x /= 3; x %= 3; return x; }", "1"],
  ["@{ int x = 6; x &= 3; x |= 8; x ^= 1; x <<= 1; x >>= 2; return x; }", "5"],
  ["@{ var i = 1; var j = i++; return i * 10 + j; }", "21"],
  ["@{ var i = 1; var j = ++i; return i * 10 + j; }", "22"],
  ["@{ var i = 1; var j = i--; return i * 10 + j; }", "1"],
  ["@{ int a, b; a = b = 3; return a + b; }", "6"],
];

const namedValues = { limit: "10", key: "abc" };

describe("interpreter core", () => {
  test.each(rows)("%s", (text, expected) => {
    expect(show(text, namedValues)).toBe(expected);
  });
});
