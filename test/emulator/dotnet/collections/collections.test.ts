// System.Collections.Generic as the emulator runs it: expected values are .NET's (List.cs, Dictionary.cs,
// HashSet.cs, Queue.cs, Stack.cs), including the entry order of a Dictionary after a Remove and the
// "Collection was modified" check of enumerators.

import { describe, expect, test } from "vitest";
import { NO_CALL } from "../../../../src/emulator/dotnet/collections/support.js";
import { NetException } from "../../../../src/emulator/errors.js";
import { int } from "../../../../src/emulator/values.js";
import { registry, run, show } from "./run.js";

const block = (code: string) => show(`@{ ${code} }`);

describe("List<T>", () => {
  test.each([
    [`var l = new List<int> { 3, 1, 2 }; l.Add(5); return l.Count;`, "4"],
    [`var l = new List<int> { 3, 1, 2 }; l.Sort(); return string.Join(",", l);`, "1,2,3"],
    [`var l = new List<string> { "b", "B", "a", "A", "_" }; l.Sort(); return string.Join(",", l);`, "_,a,A,b,B"], // culture order, lower case first
    [`var l = new List<int> { 3, 1, 2 }; l.Sort((x, y) => y - x); return string.Join(",", l);`, "3,2,1"],
    [
      `var l = new List<string> { "bb", "a", "cc", "d" }; l.Sort((x, y) => x.Length - y.Length); return string.Join(",", l);`,
      "a,d,bb,cc",
    ], // insertion sort: stable up to 16
    [`var l = new List<int> { 1, 2 }; l.Insert(1, 9); return string.Join(",", l);`, "1,9,2"],
    [`var l = new List<int> { 1, 2, 1 }; return l.Remove(1) + ":" + string.Join(",", l);`, "True:2,1"],
    [`var l = new List<int> { 1, 2, 3, 4 }; return l.RemoveAll(x => x % 2 == 0) + ":" + string.Join(",", l);`, "2:1,3"],
    [`var l = new List<string> { "a", "b" }; return l.IndexOf("b") + "," + l.IndexOf("z");`, "1,-1"],
    [`var l = new List<string> { "a", "b" }; return l.Contains("a") && !l.Contains("A");`, "True"],
    [`var l = new List<int> { 4, 5 }; return l.Find(x => x > 4) + "," + l.Find(x => x > 9);`, "5,0"], // default(int) when nothing matches
    [`var l = new List<string> { "x" }; return l.Find(x => x == "y") == null;`, "True"],
    [`var l = new List<int> { 1, 2 }; return l.Exists(x => x == 2) + "," + l.TrueForAll(x => x > 1);`, "True,False"],
    [
      `var l = new List<int> { 1 }; l.AddRange(new[] { 2, 3 }); l.AddRange(l); return string.Join(",", l);`,
      "1,2,3,1,2,3",
    ],
    [
      `var l = new List<int> { 1, 2, 3 }; return string.Join(",", l.GetRange(1, 2)) + ":" + string.Join(",", l.FindAll(x => x != 2));`,
      "2,3:1,3",
    ],
    [`var l = new List<int> { 1, 2, 3 }; l.Reverse(); return string.Join(",", l);`, "3,2,1"],
    [`var l = new List<int> { 1, 2 }; var a = l.ToArray(); a[0] = 9; return l[0];`, "1"],
    [`var l = new List<int> { 1, 2 }; l[1] = 7; return l[1];`, "7"],
    [`var l = new List<int> { 1 }; var s = 0; l.ForEach(x => s += x); return s;`, "1"],
    [`var l = new List<int>(new[] { 1, 2 }); l.Clear(); return l.Count;`, "0"],
    [`return new List<string>().ToString();`, "System.Collections.Generic.List`1[System.String]"],
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });

  test.each([
    [
      `var l = new List<int> { 1 }; return l[1];`,
      "throws ArgumentOutOfRangeException: Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')",
    ],
    [
      `var l = new List<int> { 1 }; l.RemoveAt(-1); return 0;`,
      "throws ArgumentOutOfRangeException: Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')",
    ],
    [
      `var l = new List<int> { 1, 2 }; l.ForEach(x => l.Add(x)); return 0;`,
      "throws InvalidOperationException: Collection was modified; enumeration operation may not execute.",
    ],
    [
      `var l = new List<int>(); l.AddRange(null); return 0;`,
      "throws ArgumentNullException: Value cannot be null. (Parameter 'collection')",
    ],
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });
});

describe("Dictionary<TKey,TValue> and KeyValuePair", () => {
  test.each([
    [`var d = new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }; return d["b"];`, "2"],
    [`var d = new Dictionary<string, int>(); d["a"] = 1; d["a"] = 2; return d.Count + ":" + d["a"];`, "1:2"],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; int v; var ok = d.TryGetValue("a", out v); return ok + ":" + v;`,
      "True:1",
    ],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; int v; var ok = d.TryGetValue("z", out v); return ok + ":" + v;`,
      "False:0",
    ],
    [`var d = new Dictionary<string, string>(); string v; d.TryGetValue("z", out v); return v == null;`, "True"],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; return d.ContainsKey("a") + "," + d.ContainsKey("A") + "," + d.ContainsValue(1);`,
      "True,False,True",
    ],
    [
      `var d = new Dictionary<string, int> { { "a", 1 }, { "b", 2 }, { "c", 3 } }; d.Remove("a"); d.Add("z", 26); return string.Join(",", d.Keys);`,
      "z,b,c",
    ], // the freed entry is reused
    [
      `var d = new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }; d.Remove("a"); d.Remove("b"); d.Add("x", 0); d.Add("y", 0); return string.Join(",", d.Keys);`,
      "y,x",
    ], // the last freed entry is reused first
    [`var d = new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }; return string.Join(";", d);`, "[a, 1];[b, 2]"],
    [`var d = new Dictionary<string, int> { { "a", 1 } }; var keys = d.Keys; d["b"] = 2; return keys.Count;`, "2"], // Keys is a live view
    [`var d = new Dictionary<int, string> { { 1, "one" } }; return d[1];`, "one"],
    [`var d = new Dictionary<string, int> { { "a", 1 } }; return d.Remove("a") + "," + d.Remove("a");`, "True,False"],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; return d.GetValueOrDefault("z") + "," + d.GetValueOrDefault("z", 5);`,
      "0,5",
    ],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; return d.TryAdd("a", 2) + "," + d.TryAdd("b", 2);`,
      "False,True",
    ],
    [`var p = new KeyValuePair<string, int>("k", 3); return p.Key + p.Value + ";" + p;`, "k3;[k, 3]"],
    [
      `return new Dictionary<string, int>().ToString();`,
      "System.Collections.Generic.Dictionary`2[System.String,System.Int32]",
    ],
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });

  test.each([
    [
      `var d = new Dictionary<string, int>(); return d["x"];`,
      "throws KeyNotFoundException: The given key 'x' was not present in the dictionary.",
    ],
    [
      `var d = new Dictionary<string, int> { { "a", 1 } }; d.Add("a", 2); return 0;`,
      "throws ArgumentException: An item with the same key has already been added. Key: a",
    ],
    [
      `var d = new Dictionary<string, int>(); d.Add(null, 1); return 0;`,
      "throws ArgumentNullException: Value cannot be null. (Parameter 'key')",
    ],
    [`var d = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); return 0;`, "not emulated"],
  ])("%s", (code, text) => {
    const out = block(code);
    if (text === "not emulated") expect(out).toMatch(/^not emulated: /);
    else expect(out).toBe(text);
  });
});

describe("HashSet<T>, Queue<T>, Stack<T>", () => {
  test.each([
    [`var s = new HashSet<string> { "a", "b" }; return s.Add("a") + "," + s.Add("c") + "," + s.Count;`, "False,True,3"],
    [`var s = new HashSet<int> { 1, 2, 3 }; s.Remove(1); s.Add(9); return string.Join(",", s);`, "9,2,3"],
    [
      `var s = new HashSet<int>(new[] { 1, 2, 2, 3 }); s.IntersectWith(new[] { 2, 3, 4 }); return string.Join(",", s);`,
      "2,3",
    ],
    [
      `var s = new HashSet<int> { 1 }; s.UnionWith(new[] { 1, 2 }); s.ExceptWith(new[] { 1 }); return string.Join(",", s);`,
      "2",
    ],
    [
      `var s = new HashSet<int> { 1, 2 }; return s.SetEquals(new[] { 2, 1, 1 }) + "," + s.IsSubsetOf(new[] { 1, 2, 3 }) + "," + s.Overlaps(new[] { 5 });`,
      "True,True,False",
    ],
    [`var s = new HashSet<double> { double.NaN }; return s.Contains(double.NaN);`, "True"], // Double.Equals: NaN equals NaN
    [
      `var q = new Queue<int>(); q.Enqueue(1); q.Enqueue(2); return q.Dequeue() + "," + q.Peek() + "," + q.Count;`,
      "1,2,1",
    ],
    [
      `var st = new Stack<int>(); st.Push(1); st.Push(2); return st.Pop() + "," + st.Peek() + "," + string.Join("", new Stack<int>(new[] { 1, 2, 3 }));`,
      "2,1,321",
    ],
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });
  test.each([
    [`return new Queue<int>().Dequeue();`, "throws InvalidOperationException: Queue empty."],
    [`return new Stack<int>().Pop();`, "throws InvalidOperationException: Stack empty."],
    [`return new Stack<string>().Peek();`, "throws InvalidOperationException: Stack empty."],
  ])("%s", (code, text) => {
    expect(block(code)).toBe(text);
  });
});

describe("enumerators notice a change of their collection (List/Dictionary/HashSet version)", () => {
  test.each([
    ["new List<int> { 1, 2 }", "Add", [int(3)]],
    ['new Dictionary<string, int> { { "a", 1 } }', "Remove", ["a"]],
    ["new HashSet<int> { 1, 2 }", "Add", [int(3)]],
  ])("%s, then %s while enumerating", (create, member, args) => {
    const c = run(`@(${create})`) as { $type: string };
    const t = registry.find(c.$type, "iterate")!;
    const m = registry.member(c.$type, member, false)!;
    const it = t.iterate!(c, NO_CALL)[Symbol.iterator]();
    it.next();
    if (m.kind === "method")
      m.call(
        c,
        (args as never[]).map((value) => ({ value })),
        NO_CALL,
      );
    expect(() => it.next()).toThrow(NetException);
  });
  test("a change that does not modify (Remove of a missing key) keeps the enumeration going", () => {
    const c = run(`@(new Dictionary<string, int> { { "a", 1 }, { "b", 2 } })`) as { $type: string };
    const it = registry.find(c.$type, "iterate")!.iterate!(c, NO_CALL)[Symbol.iterator]();
    it.next();
    const m = registry.member(c.$type, "Remove", false)!;
    if (m.kind === "method") m.call(c, [{ value: "zz" }], NO_CALL);
    expect(it.next().done).toBe(false);
  });
});
