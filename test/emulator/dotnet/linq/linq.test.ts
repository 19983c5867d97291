// System.Linq.Enumerable as the emulator runs it: results and exception messages as .NET's (Enumerable.cs,
// SR.NoElements "Sequence contains no elements", SR.NoMatch, SR.MoreThanOneElement, SR.MoreThanOneMatch), over
// arrays, lists, dictionaries, strings and JArray.

import { describe, expect, test } from "vitest";
import { show } from "../collections/run.js";

const expr = (code: string) => show(`@(${code})`);
const block = (code: string) => show(`@{ ${code} }`);

describe("operators over sequences", () => {
  test.each([
    [`string.Join(",", new[] { 1, 2, 3, 4 }.Where(x => x % 2 == 0))`, "2,4"],
    [`string.Join(",", new[] { 5, 6, 7 }.Where((x, i) => i != 1))`, "5,7"],
    [`string.Join(",", new[] { "a", "b" }.Select((x, i) => x + i))`, "a0,b1"],
    [`string.Join(",", new[] { "a b", "c" }.SelectMany(s => s.Split(' ')))`, "a,b,c"],
    [`new[] { 1, 2 }.Any() + "," + new int[0].Any() + "," + new[] { 1, 2 }.Any(x => x > 1)`, "True,False,True"],
    [`new[] { 1, 2 }.All(x => x > 0) + "," + new int[0].All(x => x > 5)`, "True,True"],
    [`new[] { 1, 2, 3 }.Count(x => x > 1)`, "2"],
    [`new[] { 3, 4 }.First() + new[] { 3, 4 }.Last()`, "7"],
    [`new[] { 3, 4, 5 }.First(x => x > 3) + "," + new[] { 3, 4, 5 }.Last(x => x < 5)`, "4,4"],
    [`new int[0].FirstOrDefault() + "," + new string[0].FirstOrDefault() + "|"`, "0,|"],
    [`new[] { 1, 2 }.FirstOrDefault(x => x > 5)`, "0"],
    [`new[] { 7 }.Single() + "," + new[] { 1, 2 }.Single(x => x > 1)`, "7,2"],
    [`new[] { "a", "b", "c" }.ElementAt(1)`, "b"],
    [`new[] { "a", "b" }.Contains("b") + "," + "hello".Contains('z')`, "True,False"],
    [`string.Join(",", new[] { 3, 1, 3, 2, 1 }.Distinct())`, "3,1,2"],
    [`string.Join(",", new[] { "b", "a", "B", "A" }.OrderBy(x => x))`, "a,A,b,B"], // culture-sensitive default comparer
    [`string.Join(",", new[] { 2, 10, 1 }.OrderByDescending(x => x))`, "10,2,1"],
    [`string.Join(",", new[] { "bb", "a", "cc", "b" }.OrderBy(x => x.Length).ThenByDescending(x => x))`, "b,a,cc,bb"],
    [`string.Join(",", new[] { "x2", "y1", "x1" }.OrderBy(x => x[0]))`, "x2,x1,y1"], // stable
    [`string.Join(",", Enumerable.Range(1, 5).Skip(1).Take(3))`, "2,3,4"],
    [
      `string.Join(",", new[] { 1, 2, 5, 1 }.TakeWhile(x => x < 3)) + ";" + string.Join(",", new[] { 1, 2, 5, 1 }.SkipWhile(x => x < 3))`,
      "1,2;5,1",
    ],
    [`string.Join(",", new[] { 1, 2 }.Take(-1)) + "|" + string.Join(",", new[] { 1, 2 }.Skip(-1))`, "|1,2"],
    [
      `new[] { 1, 2, 3 }.Sum() + "," + new[] { 1.5, 2.5 }.Sum() + "," + new[] { "a", "bb" }.Sum(s => s.Length)`,
      "6,4,3",
    ],
    [`new int[0].Sum()`, "0"],
    [`new[] { 3, 1, 2 }.Min() + "," + new[] { 3, 1, 2 }.Max() + "," + new[] { "b", "a" }.Max()`, "1,3,b"],
    [`new[] { 1, 2 }.Average()`, "1.5"],
    [
      `new[] { 1, 2, 3 }.Aggregate((a, b) => a * 10 + b) + "," + new[] { 1, 2 }.Aggregate(10, (a, b) => a + b)`,
      "123,13",
    ],
    [`new[] { "a", "b" }.Aggregate("", (acc, s) => acc + s, r => r.ToUpper())`, "AB"],
    [`new[] { "a" }.ToList().GetType() == typeof(List<string>)`, "not emulated"],
    [`new[] { "b", "a" }.ToList().ToString()`, "System.Collections.Generic.List`1[System.String]"],
    [`new[] { "a", "bb" }.ToDictionary(s => s, s => s.Length)["bb"]`, "2"],
    [
      `string.Join(";", new[] { "apple", "avocado", "banana" }.GroupBy(s => s[0]).Select(g => g.Key + ":" + g.Count()))`,
      "a:2;b:1",
    ],
    [
      `string.Join(";", new[] { 1, 2, 3, 4 }.GroupBy(x => x % 2, x => x * 10).Select(g => g.Key + "=" + string.Join(",", g)))`,
      "1=10,30;0=20,40",
    ],
    [`string.Join(",", new[] { 1 }.Concat(new[] { 2, 3 }))`, "1,2,3"],
    [`string.Join(",", new[] { 1, 2, 3 }.Reverse())`, "3,2,1"],
    [`string.Join(",", new[] { 1, 2, 3 }.Zip(new[] { "a", "b" }, (n, s) => s + n))`, "a1,b2"],
    [`string.Join(",", new object[] { 1, "a", 2 }.OfType<int>())`, "1,2"],
    [`string.Join(",", new object[] { "a", "b" }.Cast<string>())`, "a,b"],
    [`string.Join(",", new int[0].DefaultIfEmpty()) + ";" + string.Join(",", new int[0].DefaultIfEmpty(7))`, "0;7"],
    [
      `new[] { 1, 2 }.SequenceEqual(new List<int> { 1, 2 }) + "," + new[] { 1, 2 }.SequenceEqual(new[] { 2, 1 })`,
      "True,False",
    ],
    [
      `string.Join(",", new[] { 1, 2 }.Union(new[] { 2, 3 })) + ";" + string.Join(",", new[] { 1, 2, 2 }.Intersect(new[] { 2 })) + ";" + string.Join(",", new[] { 1, 2 }.Except(new[] { 2 }))`,
      "1,2,3;2;1",
    ],
    [`string.Join(",", Enumerable.Repeat("x", 3)) + ";" + Enumerable.Empty<int>().Count()`, "x,x,x;0"],
    [`"a1b2c".Where(char.IsLetter).Count()`, "3"],
    [`"a1b2".Where(c => c >= '0' && c <= '9').Count()`, "2"],
    [
      `new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }.Where(kv => kv.Value > 1).Select(kv => kv.Key).First()`,
      "b",
    ],
    [`new Dictionary<string, int> { { "a", 1 } }.Keys.First()`, "a"],
    [`JArray.Parse("[{\\"n\\": 2}, {\\"n\\": 1}]").OrderBy(t => (int)t["n"]).First()["n"]`, "1"],
    [`new HashSet<int> { 3, 4 }.Sum()`, "7"],
  ])("%s", (code, text) => {
    const out = expr(code);
    if (text === "not emulated") expect(out).toMatch(/^not emulated: /);
    else expect(out).toBe(text);
  });
});

describe("exceptions as .NET throws them", () => {
  test.each([
    [`new int[0].First()`, "throws InvalidOperationException: Sequence contains no elements"],
    [`new[] { 1 }.First(x => x > 1)`, "throws InvalidOperationException: Sequence contains no matching element"],
    [`new int[0].Last()`, "throws InvalidOperationException: Sequence contains no elements"],
    [`new[] { 1, 2 }.Single()`, "throws InvalidOperationException: Sequence contains more than one element"],
    [
      `new[] { 1, 2 }.Single(x => x > 0)`,
      "throws InvalidOperationException: Sequence contains more than one matching element",
    ],
    [
      `new[] { 1, 2 }.SingleOrDefault(x => x > 0)`,
      "throws InvalidOperationException: Sequence contains more than one matching element",
    ],
    [`new int[0].Single()`, "throws InvalidOperationException: Sequence contains no elements"],
    [`new int[0].Max()`, "throws InvalidOperationException: Sequence contains no elements"],
    [`new int[0].Average()`, "throws InvalidOperationException: Sequence contains no elements"],
    [`new int[0].Aggregate((a, b) => a + b)`, "throws InvalidOperationException: Sequence contains no elements"],
    [
      `new[] { 1 }.ElementAt(3)`,
      "throws ArgumentOutOfRangeException: Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')",
    ],
    [`new[] { 2147483647, 1 }.Sum()`, "throws OverflowException: Arithmetic operation resulted in an overflow."],
    [
      `new[] { "a", "a" }.ToDictionary(s => s)`,
      "throws ArgumentException: An item with the same key has already been added. Key: a",
    ],
    [
      `new object[] { 1, "a" }.Cast<string>().ToList()`,
      "throws InvalidCastException: Unable to cast object of type 'System.Int32' to type 'System.String'.",
    ],
    [
      `Enumerable.Range(1, -1)`,
      "throws ArgumentOutOfRangeException: Specified argument was out of the range of valid values. (Parameter 'count')",
    ],
    [`((List<int>)null).Any()`, "throws ArgumentNullException: Value cannot be null. (Parameter 'source')"],
  ])("%s", (code, text) => {
    expect(expr(code)).toBe(text);
  });
  test("a null string's Contains is NullReferenceException (string.Contains), not LINQ's ArgumentNullException", () => {
    expect(expr(`((string)null).Contains("a")`)).toMatch(/^throws NullReferenceException/);
  });
  test("new string[0].Max() is null (a reference type)", () => {
    expect(expr(`new string[0].Max() == null`)).toBe("True");
  });
});

describe("deferred execution", () => {
  test.each([
    [`var l = new List<int> { 1, 2 }; var q = l.Where(x => x > 1); l.Add(3); return q.Count();`, "2"], // the query sees the later Add
    [`var n = 0; var q = new[] { 1, 2, 3 }.Select(x => { n++; return x; }); return n;`, "0"], // nothing runs before enumeration
    [`var n = 0; var q = new[] { 1, 2, 3 }.Select(x => { n++; return x; }); q.First(); return n;`, "1"], // First stops early
    [`var n = 0; var q = new[] { 1, 2, 3 }.Select(x => { n++; return x; }).ToList(); q.Sum(); q.Sum(); return n;`, "3"], // ToList runs the query once
    [`var n = 0; var q = new[] { 1, 2 }.Select(x => { n++; return x; }); q.Count(); q.Count(); return n;`, "4"], // runs again per enumeration
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });
});
