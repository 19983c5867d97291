// Interpreter fixes the corpus needed: invocation binds to methods (not to a property of the same name), user
// operators before string concatenation, user conversions to Nullable<T> and of null, lazy foreach, method groups
// as delegates, LINQ query syntax. Each row: expression text and the .NET result (`throws <Exception>`).
import { describe, expect, test } from "vitest";
import { NetException } from "../../../src/emulator/errors.js";
import { show, thrown } from "./helpers.js";

const rows: [string, string][] = [
  // an invocation binds to methods, own then extension; a property of that name is not invoked
  ['new List<string> { "a", "b" }.Count()', "2"],
  ['new List<string> { "a", "b" }.Count', "2"],
  ['JArray.Parse("[1,2,3]").Count()', "3"],
  ['JArray.Parse("[\\"x\\"]")[0].Value<string>()', "x"],
  ['JObject.Parse("{\\"a\\":[{\\"v\\":\\"q\\"}]}")["a"][0]["v"].Value<string>()', "q"],
  ['((JValue)JToken.Parse("7")).Value', "7"],
  ['new Dictionary<string, int> { { "a", 1 } }.Count()', "1"],
  ["@{ Func<int> f = () => 4; return f(); }", "4"],
  // user-defined operator + (XNamespace, string) before concatenation
  ['(XNamespace.Get("urn:x") + "local").ToString()', "{urn:x}local"],
  ['@{ XNamespace ns = "urn:x"; return (ns + "a").LocalName; }', "a"],
  ['@{ XNamespace ns = "urn:x"; return (ns + "a").NamespaceName; }', "urn:x"],
  ['"a" + XNamespace.Get("urn:x")', "aurn:x"],
  ['DateTime.MinValue + "|"', "01/01/0001 00:00:00|"],
  // casts to Nullable<T> and of null through the operand type's user-defined conversion
  ['(int?)JObject.Parse("{\\"a\\":null}")["a"]', ""],
  ['(int?)JObject.Parse("{\\"a\\":null}")["a"] ?? -1', "-1"],
  ['(int?)JObject.Parse("{\\"a\\":5}")["a"]', "5"],
  ['(int?)JObject.Parse("{}")["a"] ?? -2', "-2"],
  ['(int)JObject.Parse("{}")["a"]', "throws ArgumentNullException"],
  ['(int)JObject.Parse("{\\"a\\":null}")["a"]', "throws ArgumentException"],
  ["(int)(JToken)null", "throws ArgumentNullException"],
  ['(string)(JToken)null ?? "none"', "none"],
  ["(bool?)(JToken)null ?? true", "True"],
  ["(int?)(XElement)null ?? 3", "3"],
  ["(int)(XElement)null", "throws ArgumentNullException"],
  ["(int?)(object)null ?? 4", "4"],
  ["(int)(object)null", "throws NullReferenceException"],
  // foreach enumerates lazily
  [
    "@{ var l = new List<int> { 1, 2 }; foreach (var x in l) { l.Add(3); } return l.Count; }",
    "throws InvalidOperationException",
  ],
  [
    "@{ var l = new List<int> { 1, 2 }; foreach (var x in l) { if (x == 2) l.Add(3); } return l.Count; }",
    "throws InvalidOperationException",
  ],
  [
    '@{ var log = ""; var q = new[] {1,2}.Select(x => { log += "s" + x; return x; }); foreach (var x in q) { log += "b" + x; } return log; }',
    "s1b1s2b2",
  ],
  ['@{ var a = new[] { 1, 2, 3 }; var s = ""; foreach (var x in a) { a[2] = 9; s += x; } return s; }', "129"],
  // method groups as delegates
  ['"a1b2".Count(char.IsDigit)', "2"],
  ['string.Join(",", "1,2".Split(\',\').Select(int.Parse).Select(x => x * 2))', "2,4"],
  ['new[] {"a","b"}.Where(new List<string>{"b"}.Contains).First()', "b"],
  ["\"x,y\".Split(',').Select(int.Parse).First()", "throws FormatException"],
  ['new[] {"a", null, ""}.Count(string.IsNullOrEmpty)', "2"],
  // type names as .NET prints them
  ["((object)new List<string>()).ToString()", "System.Collections.Generic.List`1[System.String]"],
  ["typeof(List<string>).Name", "List`1"],
  ["(int)(object)new List<string>()", "throws InvalidCastException"],
  // LINQ query syntax
  ['@{ var q = from x in new[] {1,2,3} where x > 1 select x * 2; return string.Join(",", q); }', "4,6"],
  ['@{ var q = from x in new[] {3,1,2} orderby x descending select x; return string.Join(",", q); }', "3,2,1"],
  ['string.Join(",", from s in new[] {"bb","a","cc"} orderby s.Length, s descending select s)', "a,cc,bb"],
  [
    '@{ var q = from s in new[] {"a","bb","cc"} group s by s.Length into g select g.Key + ":" + g.Count(); return string.Join(",", q); }',
    "1:1,2:2",
  ],
  [
    '@{ var q = from a in new[] {1,2} from b in new[] {10,20} let c = a + b where c > 11 select c; return string.Join(",", q); }',
    "21,12,22",
  ],
  ['string.Join(",", from object o in new object[] {"a","b"} select o)', "a,b"],
  ['(from string o in new object[] {"a", 1} select o).Count()', "throws InvalidCastException"],
  ['string.Join(",", from x in new[] {1,2} select x into y where y > 1 select y)', "2"],
];

describe("binding, conversions, foreach, method groups, query syntax", () => {
  test.each(rows)("%s", (text, expected) => {
    expect(show(text)).toBe(expected);
  });

  test("the invalid cast names the generic type in .NET's single-bracket form", () => {
    const e = thrown("(int)(object)new List<string>()");
    expect(e).toBeInstanceOf(NetException);
    expect(e?.message).toBe(
      "Unable to cast object of type 'System.Collections.Generic.List`1[System.String]' to type 'System.Int32'.",
    );
  });

  test("a modified list stops foreach with .NET's message", () => {
    const e = thrown("@{ var l = new List<int> { 1 }; foreach (var x in l) l.Add(x); return 0; }");
    expect(e?.message).toBe("Collection was modified; enumeration operation may not execute.");
  });

  test("Type.FullName of a constructed generic type is not guessed", () => {
    expect(show("typeof(List<string>).FullName")).toBe("not emulated");
    expect(show("typeof(string).FullName")).toBe("System.String");
  });

  test("a deconstruction is named as not emulated, in a statement and in a foreach", () => {
    expect(thrown("@{ var (a, b) = (1, 2); return a; }")?.message).toMatch(/not emulated: deconstruction/);
    expect(thrown("@{ foreach (var (a, b) in new[] { (1, 2) }) { } return 0; }")?.message).toMatch(
      /not emulated: deconstruction/,
    );
  });

  test("a join clause is named as not emulated", () => {
    expect(thrown("(from a in new[] {1} join b in new[] {1} on a equals b select a).Count()")?.message).toMatch(
      /not emulated: LINQ query join clause/,
    );
  });
});
