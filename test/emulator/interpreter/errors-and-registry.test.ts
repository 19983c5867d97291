// NotEmulated with positions, C# errors, and member lookup through the registry (own members, supertypes,
// extension methods, static members, indexers, iteration) on a small fake `context`.
import { describe, expect, test } from "vitest";
import { standardRegistry } from "../../../src/emulator/dotnet/index.js";
import { NetException, NotEmulated } from "../../../src/emulator/errors.js";
import { evaluate, netToString } from "../../../src/emulator/interpreter/index.js";
import { RuntimeRegistry } from "../../../src/emulator/runtime-types.js";
import type { NetObject, NetValue } from "../../../src/emulator/values.js";
import { int } from "../../../src/emulator/values.js";
import { parseExpression, parseExpressionText } from "../../../src/policy/csharp/index.js";
import { env, show as showText, thrown } from "./helpers.js";

describe("not emulated, with the construct and its position", () => {
  test.each([
    ['"abc".Frobnicate()', "System.String.Frobnicate()", 7],
    ['"abc".Nope', "System.String.Nope", 7],
    ["(1, 2)", "tuple", 1],
    ["from a in new[] { 1 } join b in new[] { 1 } on a equals b select a", "LINQ query join clause", 23],
    ["@{ object o = 1; return o is not null; }", "pattern", 30],
    ["this", "this", 1],
    ['@{ string s = null; s ??= "x"; return s; }', "??= (C# 8)", 21],
    ["Foo.Bar", "name Foo", 1],
    ["{{missing}}", "named value {{missing}}", 1],
    ['"x".GetHashCode()', "GetHashCode", 1],
  ])("%s", (text, construct, column) => {
    const err = thrown(text);
    expect(err).toBeInstanceOf(NotEmulated);
    expect((err as NotEmulated).message).toContain(construct);
    expect((err as NotEmulated).at).toEqual({ file: "test.xml", line: 1, column: expect.any(Number) });
    expect((err as NotEmulated).message).toMatch(/^not emulated: .* at test\.xml:1:\d+$/);
    expect((err as NotEmulated).at!.column).toBe(column);
  });

  test("a type with no runtime implementation is not emulated, named in full", () => {
    const empty = { ...env(), registry: new RuntimeRegistry() };
    expect(() => evaluate(parseExpressionText("new System.Text.StringBuilder()"), empty)).toThrow(
      "not emulated: new System.Text.StringBuilder(...) at test.xml:1:1",
    );
    expect(() => evaluate(parseExpressionText("Math.Max(1, 2)"), empty)).toThrow("not emulated: System.Math.Max() at");
  });

  test("an expression with a C# error does not run; the error is named with its position", () => {
    const err = thrown("1 +");
    expect(err).toBeInstanceOf(NotEmulated);
    expect((err as NotEmulated).message).toMatch(/C# error: CS\d+ /);
  });

  test("positions are those of the document: line and column of the policy file", () => {
    const doc = '<policies>\n  <set-variable value="@(\n  1 / 0)" />';
    const start = doc.indexOf("@(");
    const parsed = parseExpression(doc, {
      form: "inline",
      range: { start: { offset: start }, end: { offset: doc.indexOf(")", start) + 1 } },
    });
    const locate = (offset: number) => {
      const before = doc.slice(0, offset);
      const line = before.split("\n").length;
      return { file: "p.xml", line, column: offset - before.lastIndexOf("\n") };
    };
    try {
      evaluate(parsed, { ...env(), locate });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NetException);
      expect((e as NetException).type).toBe("DivideByZeroException");
      expect((e as NetException).at).toEqual({ file: "p.xml", line: 3, column: 3 });
    }
  });

  test("a NotEmulated is never caught by the policy's catch", () => {
    const err = thrown('@{ try { return "x".Frobnicate(); } catch (Exception) { return "caught"; } }');
    expect(err).toBeInstanceOf(NotEmulated);
  });
});

class FakeContext implements NetObject {
  readonly $type = "Test.Context";
  vars = new Map<string, NetValue>([["n", int(3)]]);
}
class FakeBase implements NetObject {
  readonly $type = "Test.Derived";
}

describe("member lookup through the registry", () => {
  const registry = standardRegistry();
  registry.define({
    key: "Test.Context",
    instance: {
      Name: { kind: "property", get: () => "ctx" },
      Child: { kind: "property", get: () => new FakeBase() },
      Twice: { kind: "method", call: (_s, args) => int(2 * Number((args[0]!.value as { value: number }).value)) },
    },
    indexer: {
      get: (self, args) => (self as FakeContext).vars.get(args[0]!.value as string) ?? null,
      set: (self, args, v) => void (self as FakeContext).vars.set(args[0]!.value as string, v),
    },
    iterate: (self) => [...(self as FakeContext).vars.keys()],
  });
  registry.define({ key: "Test.Base", instance: { Kind: { kind: "property", get: () => "base member" } } });
  registry.define({ key: "Test.Derived", supertypes: ["Test.Base"] });
  registry.defineExtension({ name: "Shout", appliesTo: (v) => typeof v === "string", call: (s) => `${s as string}!` });
  const ctx = new FakeContext();
  const e = { ...env(), registry, context: ctx as NetValue };
  const show = (text: string) => netToString(evaluate(parseExpressionText(text), e), e);

  test.each([
    ["context.Name", "ctx"],
    ["context.Twice(21)", "42"],
    ["context.Child.Kind", "base member"],
    ['context["n"]', "3"],
    ['context["missing"] == null', "True"],
    ['@{ context["k"] = "v"; return context["k"]; }', "v"],
    ['@{ var s = ""; foreach (var k in context) { s += k + ";"; } return s; }', "n;k;"],
    ['"hey".Shout()', "hey!"],
    ["context.Name.Shout().Length", "4"],
    ["context.ToString() == null", "not emulated"],
  ])("%s", (text, expected) => {
    let got: string;
    try {
      got = show(text);
    } catch (err) {
      if (!(err instanceof NotEmulated)) throw err;
      got = "not emulated";
    }
    expect(got).toBe(expected);
  });
});

class Bag implements NetObject {
  readonly $type = "Test.Bag";
  name: NetValue = null;
  items: NetValue[] = [];
  keyed = new Map<string, NetValue>();
}

describe("object and collection initializers through the registry", () => {
  const registry = standardRegistry();
  registry.define({
    key: "Test.Bag",
    construct: () => new Bag(),
    instance: {
      Name: {
        kind: "property",
        get: (s) => (s as Bag).name,
        set: (s, v) => {
          (s as Bag).name = v;
        },
      },
      Count: { kind: "property", get: (s) => int((s as Bag).items.length) },
      Add: {
        kind: "method",
        call: (s, args) => {
          (s as Bag).items.push(args.map((a) => netToString(a.value)).join("="));
          return null;
        },
      },
    },
    indexer: {
      get: (s, args) => (s as Bag).keyed.get(args[0]!.value as string) ?? null,
      set: (s, args, v) => void (s as Bag).keyed.set(args[0]!.value as string, v),
    },
    iterate: (s) => (s as Bag).items,
  });
  // The type model does not know Test.Bag: the tests construct it through a fake `context` factory method.
  registry.define({ key: "Test.Factory", instance: { Make: { kind: "method", call: () => new Bag() } } });
  const e = { ...env(), registry, context: { $type: "Test.Factory" } as NetValue };
  const run = (text: string) => evaluate(parseExpressionText(text), e);

  test("a type the model does not know is not emulated by name", () => {
    expect(() => run("new Bag()")).toThrow(NotEmulated);
  });
  test("foreach and indexers over a registry type", () => {
    expect(netToString(run('@{ var b = context.Make(); b["k"] = 5; b.Name = "n"; return b.Name + b["k"]; }'), e)).toBe(
      "n5",
    );
  });
});

describe("initializers on the standard registry's collections", () => {
  test.each([
    ["new List<int> { 1, 2, 3 }.Count", "3"],
    ['new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }["b"]', "2"],
    ['new Dictionary<string, int> { ["a"] = 1, ["a"] = 3 }["a"]', "3"],
    ['@{ var l = new List<string> { "x" }; l.Add("y"); var s = ""; foreach (var i in l) s += i; return s; }', "xy"],
    ['@{ var d = new Dictionary<string, string>(); d["k"] = "v"; return d["k"]; }', "v"],
    ['new Dictionary<string, int>()["missing"]', "throws KeyNotFoundException"],
  ])("%s", (text, expected) => {
    expect(showText(text)).toBe(expected);
  });
});
