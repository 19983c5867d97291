import { describe, expect, it } from "vitest";
import { tokenizeCSharp } from "../../../src/lint/analysis/csharp-tokens.js";
import { PolicySourceCode } from "../../../src/lint/source-code.js";
import { parsePolicy } from "../../../src/policy/parser.js";

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

describe("PolicySourceCode.tokensOf", () => {
  it("gives the tokens of the code, the same list again for the same document only", () => {
    const doc = parsePolicy("<policies />");
    const source = new PolicySourceCode(doc);
    const first = source.tokensOf('context.Variables["x"]');
    expect(first).toEqual(tokenizeCSharp('context.Variables["x"]'));
    expect(source.tokensOf('context.Variables["x"]')).toBe(first);
    // The memo belongs to the document's object: another document's object lexes afresh.
    expect(new PolicySourceCode(doc).tokensOf('context.Variables["x"]')).not.toBe(first);
  });
});
