import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { variableReadsByLexing, variableReadsInCode } from "../../../src/lint/analysis/variable-access.js";
import { variableReadsByScanning } from "../../../src/lint/analysis/variable-access-scan.js";

// Code built from what comes around an access: lookups, keys, generic arguments, strings of every kind (with
// holes), char literals, comments, member and conditional access, names that run into `context`.
const piece = fc.constantFrom(
  "context",
  ".",
  "Variables",
  '["k"]',
  "[",
  "]",
  '"k"',
  '"a\\"b"',
  '@"v"',
  '@"v""w"',
  '$"x{',
  '$@"x{',
  "}",
  '"',
  "{",
  "'c'",
  "'\\''",
  "'\\x22'",
  "//c\n",
  "/*c*/",
  "/*",
  "\n",
  " ",
  "?",
  "?.",
  "??",
  "x",
  "1",
  "@",
  "$",
  ".GetValueOrDefault",
  "<string>",
  "<Dictionary<string, int>>",
  "<",
  ">",
  "<=",
  "(",
  ")",
  ",",
  ":",
  "\\",
);
const code = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(""));
const access = fc
  .tuple(
    fc.constantFrom("", " ", "x.", "x?.", "x??.", "1", "@", "/*c*/", "{", '$"{'),
    fc.constantFrom("context.Variables", "context . Variables", "context/*c*/.Variables", "contextX.Variables"),
    fc.constantFrom(
      '["k"]',
      '[ @"k" ]',
      "[k]",
      '.ContainsKey("k")',
      '.GetValueOrDefault<string>("k", "")',
      ".Keys",
      "",
      '["a\\"b"]',
      '[$"k"]',
    ),
    fc.constantFrom("", "}", '}"', " + 1", "\n//x"),
  )
  .map((parts) => parts.join(""));

describe("variableReadsByScanning", () => {
  it("gives the lexer's answer wherever it answers", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          code,
          access,
          fc.tuple(code, access, code).map((p) => p.join("")),
        ),
        (c) => {
          const scanned = variableReadsByScanning(c);
          if (scanned !== undefined) expect(scanned).toEqual(variableReadsByLexing(c));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("answers for the usual expressions, strings, holes, char literals and comments included", () => {
    for (const c of [
      'context.Variables.GetValueOrDefault<string>("token", "")',
      '$"Bearer {context.Variables["token"]}" /* note */',
      "context.Variables[\"a\"] + 'x' // done\n",
      '@"c:\\path" + $@"{context.Variables.GetValueOrDefault<int>("n")}"',
      'string.Format("{0}", context.Variables["a"]) + $"{{literal}} {(x ? "a" : "b")}"',
      '$"{ f(new { a = 1 }) + context.Variables["k"] }"',
      "'\\x22' + context.Variables[\"k\"] + '\\'' + \"'\"",
      '$"{x}-{context.Variables["a"]}" + $"{y.}{context.Variables["b"]}"',
    ]) {
      expect(variableReadsByScanning(c), c).toEqual(variableReadsByLexing(c));
    }
  });

  it("leaves to the lexer what it does not decode exactly", () => {
    for (const c of [
      'context.Variables["a\\"b"]',
      'context.Variables[@"a""b"]',
      "@class.context.Variables",
      'x. /* c */ context.Variables["a"]',
      '"cut\ncontext.Variables["a"]',
      // The lexer's lookup reads on past a hole's end (its `}` and the string's quote make no token).
      '$"{context.Variables}"["k"]',
      '$"{context}".Variables["k"]',
      '$"{context.Variables.Get<a}">("k")',
      // A regular interpolated string ends at the line end for the lexer.
      '$"a\n" + context.Variables["k"]',
    ]) {
      expect(variableReadsByScanning(c), c).toBeUndefined();
      // variableReadsInCode still answers, by lexing.
      expect(variableReadsInCode(c)).toEqual(variableReadsByLexing(c));
    }
  });
});
