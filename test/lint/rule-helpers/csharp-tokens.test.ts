import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clearDocumentTokenCache,
  documentTokens,
  GAP,
  tokenizeCSharp,
  tokenizeNear,
} from "../../../src/lint/rule-helpers/csharp-tokens.js";

const brief = (code: string) => tokenizeCSharp(code).map((t) => `${t.kind}:${t.value}`);

describe("tokenizeCSharp", () => {
  it("splits identifiers, punctuation and strings", () => {
    expect(brief('context.Variables["x"]')).toEqual([
      "identifier:context",
      "punct:.",
      "identifier:Variables",
      "punct:[",
      "string:x",
      "punct:]",
    ]);
  });

  it("keeps offsets into the code", () => {
    const t = tokenizeCSharp('a  "bc"');
    expect(t.map((x) => [x.start, x.end])).toEqual([
      [0, 1],
      [3, 7],
    ]);
  });

  it("decodes escapes in regular strings and doubled quotes in verbatim strings", () => {
    expect(brief('"a\\"b" @"c""d"')).toEqual(['string:a"b', 'string:c"d']);
  });

  it("skips comments, also ones holding quotes and brackets", () => {
    expect(brief('a // "not ] a string\n/* ) } " */ b')).toEqual(["identifier:a", "identifier:b"]);
  });

  it("reads char literals, including quote and bracket chars", () => {
    expect(brief("'\"' ')' '\\''")).toEqual(['char:"', "char:)", "char:'"]);
  });

  it("tokenizes the code inside interpolation holes, with nested strings", () => {
    const t = tokenizeCSharp('$"Bearer {context.Variables["t"]} {{literal}}"');
    expect(t[0]).toMatchObject({ kind: "string", interpolated: true, value: "Bearer  {literal}" });
    expect(t.slice(1).map((x) => x.value)).toEqual(["context", ".", "Variables", "[", "t", "]"]);
  });

  it("handles verbatim interpolated strings and braces inside holes", () => {
    const t = tokenizeCSharp('$@"x{new { a = 1 }.a}y" + z');
    expect(t.map((x) => x.value)).toEqual(["xy", "new", "{", "a", "=", "1", "}", ".", "a", "+", "z"]);
  });

  it("does not confuse a verbatim identifier with a string", () => {
    expect(brief("@class + 1.5 + 2.ToString()")).toEqual([
      "identifier:class",
      "punct:+",
      "number:1.5",
      "punct:+",
      "number:2",
      "punct:.",
      "identifier:ToString",
      "punct:(",
      "punct:)",
    ]);
  });

  it("never fails on unterminated input", () => {
    for (const code of ['"abc', '@"abc', '$"a{b', "'", "/* x", '$"{"', '$"{$"{$"{']) {
      expect(() => tokenizeCSharp(code)).not.toThrow();
    }
  });

  it("stays linear on long and deeply nested input", () => {
    const code = `${'$"{'.repeat(5000)}x${'}"'.repeat(5000)}`;
    expect(tokenizeCSharp(code).length).toBeGreaterThan(0);
    expect(tokenizeCSharp("a + ".repeat(50_000)).length).toBe(100_000);
  });
});

describe("tokenizeCSharp with a stop offset", () => {
  it("produces the tokens that start before it, completing the one that straddles it", () => {
    expect(tokenizeCSharp('a + "long string" + b', 5).map((t) => t.value)).toEqual(["a", "+", "long string"]);
  });
});

// C#-ish code built from pieces that exercise strings, interpolation holes (nested), comments and operators.
const csharpish = fc
  .array(
    fc.constantFrom(
      "context",
      ".",
      "Variables",
      '["x"]',
      " ",
      "\n",
      '$"a{',
      "}",
      '"',
      "{",
      "/*",
      "*/",
      "//",
      "'c'",
      '@"v""w"',
      "=>",
      "12.5",
      "<string>",
      '("k", 1)',
      "\\",
      "@context",
      "x.",
      " /*c*/ ",
      "@Variables",
      "VariablesX",
      '$@"{',
      "''",
      // plain code the near lexer passes over without lexing: `?` runs before a `.`, names running into context
      "?",
      "?.",
      "1",
      "x",
      "\t",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("tokenizeNear", () => {
  type Tok = { kind: string; value: string };
  const is = (t: Tok | undefined, kind: string, value: string) => t?.kind === kind && t.value === value;
  /** Indexes where a `context.Variables` lookup starts (not after a `.`). */
  const starts = (t: readonly Tok[]) =>
    t.flatMap((x, i) =>
      is(x, "identifier", "context") &&
      is(t[i + 1], "punct", ".") &&
      is(t[i + 2], "identifier", "Variables") &&
      !is(t[i - 1], "punct", ".")
        ? [i]
        : [],
    );

  const radius = 6;
  /** tokenizeNear's stream holds, around every lookup start, the tokens tokenizeCSharp gives there. */
  const sameAroundLookups = (code: string, until: number | undefined) => {
    const all = tokenizeCSharp(code, until);
    const near = tokenizeNear(code, "context", "Variables", radius, until);
    const fromAll = starts(all);
    const fromNear = starts(near);
    expect(fromNear.length).toBe(fromAll.length);
    fromAll.forEach((i, k) => {
      const j = fromNear[k]!;
      // The window after the start is the same; the token before is the same or a GAP (never a ".").
      expect(near.slice(j, j + radius)).toEqual(all.slice(i, i + radius));
      if (j > 0 && near[j - 1] !== GAP) expect(near[j - 1]).toEqual(all[i - 1]);
    });
    // Every token made is the token tokenizeCSharp makes there; nothing but the windows (and GAPs) is made
    // (a stop offset may cut one access short: its window is made, but it is no lookup start).
    const byStart = new Map(all.map((t) => [t.start, t]));
    const made = near.filter((t) => t !== GAP);
    for (const t of made) expect(t).toEqual(byStart.get(t.start));
    expect(made.length).toBeLessThanOrEqual((fromAll.length + 1) * radius);
  };

  it("gives, around every lookup start, exactly the tokens tokenizeCSharp gives (also with a stop offset)", () => {
    fc.assert(fc.property(csharpish, fc.option(fc.nat(300), { nil: undefined }), sameAroundLookups), { numRuns: 5000 });
  });

  // Short code made of what comes right before a lookup, so that each case puts one of them there.
  const beforeLookup = fc
    .array(fc.constantFrom("?", "?.", "??", ".", " ", "x", "1", "@", "context", ".Variables", '["k"]', '"s"', "/**/"), {
      maxLength: 8,
    })
    .map((parts) => parts.join(""));

  it("tells a lookup start from a member access, a conditional access and a name that runs into it", () => {
    fc.assert(
      fc.property(beforeLookup, (code) => sameAroundLookups(code, undefined)),
      { numRuns: 5000 },
    );
    const lookups = (code: string) => starts(tokenizeNear(code, "context", "Variables", radius)).length;
    expect(lookups('a?.context.Variables["k"]')).toBe(1);
    expect(lookups('a ?? .context.Variables["k"]')).toBe(0);
    expect(lookups('a???.context.Variables["k"]')).toBe(1);
    expect(lookups('a. context.Variables["k"] + xcontext.Variables["k"] + 1context.Variables["k"]')).toBe(0);
  });

  it("leaves out what lies outside the windows, with one GAP per hole in the stream", () => {
    const code = 'a + context.Request; context /* c */\n .Variables["x"] + c + d + e; x.context.Variables';
    const t = tokenizeNear(code, "context", "Variables", 3);
    expect(t.map((x) => (x === GAP ? "GAP" : x.value))).toEqual(["GAP", "context", ".", "Variables", "GAP"]);
    // Plain code between two windows is a GAP too (nothing else in between would put one there).
    const between = tokenizeNear("context.Variables.Count + y + context.Variables.Keys", "context", "Variables", 3);
    expect(between.map((x) => (x === GAP ? "GAP" : x.value))).toEqual([
      "context",
      ".",
      "Variables",
      "GAP",
      "context",
      ".",
      "Variables",
      "GAP",
    ]);
  });

  it("sees a lookup inside an interpolation hole, not one inside a string or a comment", () => {
    const code = '"context.Variables" /* context.Variables */ + $"{context.Variables["k"]}"';
    const t = tokenizeNear(code, "context", "Variables", 6);
    expect(t.filter((x) => x !== GAP).map((x) => x.value)).toEqual(["context", ".", "Variables", "[", "k", "]"]);
  });
});

describe("documentTokens", () => {
  it("gives the tokens of the code, the same list again until the cache is cleared", () => {
    clearDocumentTokenCache();
    const first = documentTokens('context.Variables["x"]');
    expect(first).toEqual(tokenizeCSharp('context.Variables["x"]'));
    expect(documentTokens('context.Variables["x"]')).toBe(first);
    clearDocumentTokenCache();
    expect(documentTokens('context.Variables["x"]')).not.toBe(first);
  });
});
