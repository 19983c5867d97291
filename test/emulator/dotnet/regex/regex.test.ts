// Expected results follow .NET's documented behaviour: learn.microsoft.com "Regular expression language - quick
// reference", "Grouping constructs" (numbering: unnamed groups first, then named), "Substitutions",
// "Anchors" ($ matches before a final \n), Regex.Split and Regex.Escape reference pages.
import { describe, expect, it } from "vitest";
import { defineRegex } from "../../../../src/emulator/dotnet/regex/index.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import { int, type NetArray, NetDelegate, NetEnum, type NetValue } from "../../../../src/emulator/values.js";
import { invoker } from "../format/call.js";

const R = "System.Text.RegularExpressions.Regex";
const OPTS: Record<string, number> = {
  IgnoreCase: 1,
  Multiline: 2,
  ExplicitCapture: 4,
  Singleline: 16,
  IgnorePatternWhitespace: 32,
  RightToLeft: 64,
  ECMAScript: 256,
  CultureInvariant: 512,
};
const opt = (...names: string[]) =>
  new NetEnum(
    "System.Text.RegularExpressions.RegexOptions",
    names.join(", "),
    names.reduce((a, n) => a | OPTS[n]!, 0),
  );

const registry = new RuntimeRegistry();
defineRegex(registry);
const net = invoker(registry);
const groups = (m: NetValue) => net.i(m, "Groups");
const group = (m: NetValue, key: string | number) => {
  const gc = groups(m);
  return registry
    .type("System.Text.RegularExpressions.GroupCollection")!
    .indexer!.get(gc, [{ value: typeof key === "number" ? int(key) : key }], net.call);
};
const items = (v: NetValue) => (v as NetArray).items;

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NetException) return e.type;
    if (e instanceof NotEmulated) return "NotEmulated";
    throw e;
  }
  return "none";
}

describe("Regex.IsMatch semantics", () => {
  const rows: [string, string, string, NetEnum | undefined, boolean][] = [
    ["$ before a final newline", "abc\n", "^abc$", undefined, true],
    ["\\z is the very end", "abc\n", "abc\\z", undefined, false],
    ["\\Z before a final newline", "abc\n", "abc\\Z", undefined, true],
    ["\\A is the start even in Multiline", "x\nabc", "\\Aabc", opt("Multiline"), false],
    [". excludes \\n", "a\nb", "a.b", undefined, false],
    [". includes \\r (JS's does not)", "a\rb", "a.b", undefined, true],
    ["Singleline . includes \\n", "a\nb", "a.b", opt("Singleline"), true],
    ["\\d is Unicode", "\u0663", "^\\d$", undefined, true],
    ["ECMAScript \\d is ASCII", "\u0663", "^\\d$", opt("ECMAScript"), false],
    ["\\w is Unicode", "é", "^\\w$", undefined, true],
    ["\\b around a Unicode word", "café!", "caf\\w\\b", undefined, true],
    ["\\s includes NEL", "\u0085", "^\\s$", undefined, true],
    ["\\s excludes BOM", "\ufeff", "^\\s$", undefined, false],
    ["IgnoreCase", "ABC", "^abc$", opt("IgnoreCase"), true],
    ["inline (?i) at start", "ABC", "(?i)^abc$", undefined, true],
    ["IgnorePatternWhitespace", "ab", "a b # comment", opt("IgnorePatternWhitespace"), true],
    ["\\p{Lu}", "Ä", "^\\p{Lu}$", undefined, true],
    ["escaped hyphen", "a-b", "a\\-b", undefined, true],
    ["literal brace", "a{b", "a{b", undefined, true],
    ["class with ]", "]", "^[]a]$", undefined, true],
    ["backreference", "abab", "^(ab)\\1$", undefined, true],
    ["named backreference", "xx", "^(?<c>x)\\k<c>$", undefined, true],
    ["quote-named group", "x", "^(?'c'x)$", undefined, true],
    ["comment group", "ab", "a(?#note)b", undefined, true],
    ["Multiline $ before each \\n", "a\nb", "a$", opt("Multiline"), true],
  ];
  it.each(rows)("%s", (_n, input, pattern, options, expected) => {
    expect(net.s(R, "IsMatch", input, pattern, ...(options ? [options] : []))).toBe(expected);
  });
});

describe("groups and matches", () => {
  it("numbers unnamed groups before named ones", () => {
    const m = net.s(R, "Match", "2009-06", "(?<y>\\d{4})-(\\d{2})");
    expect(net.i(group(m, 1), "Value")).toBe("06");
    expect(net.i(group(m, 2), "Value")).toBe("2009");
    expect(net.i(group(m, "y"), "Value")).toBe("2009");
    expect(net.i(groups(m), "Count")).toEqual(int(3));
    expect(net.i(group(m, "y"), "Index")).toEqual(int(0));
    expect(net.i(group(m, 1), "Index")).toEqual(int(5));
    expect(net.i(group(m, 1), "Length")).toEqual(int(2));
  });

  it("missing groups are unsuccessful with an empty value", () => {
    const m = net.s(R, "Match", "abc", "(x)?abc");
    expect(net.i(group(m, 1), "Success")).toBe(false);
    expect(net.i(group(m, "nope"), "Success")).toBe(false);
    expect(net.i(group(m, "nope"), "Value")).toBe("");
    expect(net.i(group(m, 7), "Value")).toBe("");
  });

  it("failed match", () => {
    const m = net.s(R, "Match", "abc", "\\d");
    expect(net.i(m, "Success")).toBe(false);
    expect(net.i(m, "Value")).toBe("");
    expect(net.i(m, "Index")).toEqual(int(0));
  });

  it("ExplicitCapture keeps only named groups", () => {
    const m = net.s(R, "Match", "ab", "(a)(?<n>b)", opt("ExplicitCapture"));
    expect(net.i(groups(m), "Count")).toEqual(int(2));
    expect(net.i(group(m, 1), "Value")).toBe("b");
  });

  it("Matches, NextMatch and empty matches", () => {
    const all = net.s(R, "Matches", "a1b22c333", "\\d+");
    expect(net.i(all, "Count")).toEqual(int(3));
    expect(
      [...registry.type("System.Text.RegularExpressions.MatchCollection")!.iterate!(all, net.call)].map((x) =>
        net.i(x, "Value"),
      ),
    ).toEqual(["1", "22", "333"]);
    expect(net.i(net.s(R, "Matches", "ab", ""), "Count")).toEqual(int(3));
    const first = net.s(R, "Match", "a1b22", "\\d+");
    expect(net.i(net.i(first, "NextMatch"), "Value")).toBe("22");
    expect(net.i(net.i(net.i(first, "NextMatch"), "NextMatch"), "Success")).toBe(false);
    expect(net.i(net.s(R, "Matches", "a\nb", "^\\w", opt("Multiline")), "Count")).toEqual(int(2));
  });

  it("Captures: one for a group matched once; not emulated under a quantifier", () => {
    const once = net.s(R, "Match", "ab", "(a)b");
    expect(net.i(net.i(group(once, 1), "Captures"), "Count")).toEqual(int(1));
    const repeated = net.s(R, "Match", "aaa", "(a)+");
    expect(error(() => net.i(group(repeated, 1), "Captures"))).toBe("NotEmulated");
    const nested = net.s(R, "Match", "abab", "(?:(a)b)*");
    expect(error(() => net.i(group(nested, 1), "Captures"))).toBe("NotEmulated");
  });

  it("instance Regex with options and Result", () => {
    const re = net.make(R, "(\\w+)@(\\w+)", opt("IgnoreCase"));
    const m = net.i(re, "Match", "Mail: JOE@HOST");
    expect(net.i(m, "Result", "$2/$1")).toBe("HOST/JOE");
    expect(net.i(re, "IsMatch", "nobody")).toBe(false);
    expect(net.str(re)).toBe("(\\w+)@(\\w+)");
    expect((net.i(re, "Options") as NetEnum).name).toBe("IgnoreCase");
  });
});

describe("Replace", () => {
  const rows: [string, string, string, string, string][] = [
    ["swap words", "John Smith", "(\\w+)\\s(\\w+)", "$2 $1", "Smith John"],
    ["named", "2009-06-15", "(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})", "${d}/${m}/${y}", "15/06/2009"],
    ["$$", "a", "a", "$$", "$"],
    ["$0 and $&", "ab", "b", "[$0|$&]", "a[b|b]"],
    ["$10 with one group is $1 then 0", "ab", "(b)", "$10", "ab0"],
    ["unknown group is literal", "ab", "b", "$2 ${x}", "a$2 ${x}"],
    ["$` and $'", "abc", "b", "[$`|$']", "a[a|c]c"],
    ["$_", "ab", "b", "($_)", "a(ab)"],
    ["$+ is the last group", "ab", "(a)(b)", "$+", "b"],
    ["every match", "a.b.c", "\\.", "-", "a-b-c"],
    ["empty matches", "ab", "", "-", "-a-b-"],
  ];
  it.each(rows)("%s", (_n, input, pattern, replacement, expected) => {
    expect(net.s(R, "Replace", input, pattern, replacement)).toBe(expected);
  });

  it("MatchEvaluator and count", () => {
    const upper = new NetDelegate(1, ([m]) => (net.i(m!, "Value") as string).toUpperCase());
    expect(net.s(R, "Replace", "abc", "[ac]", upper)).toBe("AbC");
    expect(net.i(net.make(R, "\\d"), "Replace", "1234", "x", int(2))).toBe("xx34");
  });
});

describe("Split, Escape, Unescape", () => {
  const rows: [string, string, string, string[]][] = [
    ["captures included", "plum-pear", "(-)", ["plum", "-", "pear"]],
    ["plain", "a, b,c", ",\\s*", ["a", "b", "c"]],
    ["empty pattern", "abc", "", ["", "a", "b", "c", ""]],
    ["no match", "abc", "x", ["abc"]],
  ];
  it.each(rows)("Split %s", (_n, input, pattern, expected) => {
    expect(items(net.s(R, "Split", input, pattern))).toEqual(expected);
  });

  it("Split with a count", () => {
    const re = net.make(R, "(-)");
    expect(items(net.i(re, "Split", "a-b-c-d", int(2)))).toEqual(["a", "-", "b-c-d"]);
    expect(items(net.i(net.make(R, "-"), "Split", "a-b-c-d", int(3)))).toEqual(["a", "b", "c-d"]);
    expect(items(net.i(net.make(R, "-"), "Split", "a-b", int(1)))).toEqual(["a-b"]);
  });

  it("Escape and Unescape", () => {
    expect(net.s(R, "Escape", "a.b*c [d]\t#")).toBe("a\\.b\\*c\\ \\[d]\\t\\#");
    expect(net.s(R, "Unescape", "a\\.b\\n\\x41\\u0042")).toBe("a.b\nAB");
    expect(net.s(R, "Unescape", net.s(R, "Escape", "(1+1)?{x}") as string)).toBe("(1+1)?{x}");
  });
});

describe("errors and what is not emulated", () => {
  it.each([
    ["atomic group", "(?>a)"],
    ["balancing group", "(?<a-b>x)"],
    ["scoped inline option", "(?i:a)"],
    ["\\G", "\\Ga"],
    ["class subtraction", "[a-z-[aeiou]]"],
    ["Unicode block", "\\p{IsGreek}"],
    ["conditional", "(?(a)a|b)"],
  ])("%s is NotEmulated", (_n, pattern) => {
    expect(error(() => net.s(R, "IsMatch", "a", pattern))).toBe("NotEmulated");
  });

  it("RightToLeft is NotEmulated", () => {
    expect(error(() => net.s(R, "IsMatch", "a", "a", opt("RightToLeft")))).toBe("NotEmulated");
  });

  it.each(["(", "a)", "*a", "a**", "\\q"])("bad pattern %s is ArgumentException", (pattern) => {
    expect(error(() => net.s(R, "IsMatch", "a", pattern))).toBe("ArgumentException");
  });

  it("null input is ArgumentNullException", () => {
    expect(error(() => net.s(R, "IsMatch", null, "a"))).toBe("ArgumentNullException");
  });

  it("ECMAScript with Singleline is ArgumentOutOfRangeException", () => {
    expect(error(() => net.s(R, "IsMatch", "a", "a", opt("ECMAScript", "Singleline")))).toBe(
      "ArgumentOutOfRangeException",
    );
  });
});
