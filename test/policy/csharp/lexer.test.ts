// The C# lexer: every token kind with its value and original-text offsets, XML references and CRLF read through
// the one offset map, interpolation holes as nested tokens, comments as trivia, and each lexical error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Lexer, TokenBuffer, tokenize } from "../../../src/policy/csharp/lexer.js";
import { type Token, TokenFlags } from "../../../src/policy/csharp/tokens.js";

/** `kind` or `kind(value)` per token, eof left out. */
function lex(code: string): string[] {
  return tokenize(code).tokens.slice(0, -1).map(show);
}

function show(t: Token): string {
  const v = t.kind === "identifier" || t.kind.endsWith("literal") || t.kind === "number" || t.kind === "interp-text";
  const value = v || t.kind === "format" || t.kind === "named-value" ? `(${t.value})` : "";
  return `${t.kind}${value}${t.numberType ? `:${t.numberType}` : ""}`;
}

function spans(code: string): [string, number, number][] {
  return tokenize(code).tokens.map((t) => [t.kind, t.start, t.end]);
}

function diagnostics(code: string): [string, string, number, number][] {
  return tokenize(code).diagnostics.map((d) => [d.code, d.message, d.start, d.end]);
}

describe("lexer: tokens", () => {
  const cases: [name: string, code: string, tokens: string[]][] = [
    ["identifiers and keywords", "var x = new string", ["identifier(var)", "identifier(x)", "=", "new", "string"]],
    ["verbatim identifier is never a keyword", "@class + @x", ["identifier(class)", "+", "identifier(x)"]],
    [
      "contextual keywords are identifiers",
      "from where select nameof",
      ["identifier(from)", "identifier(where)", "identifier(select)", "identifier(nameof)"],
    ],
    ["unicode identifiers", "été_1 + _x", ["identifier(été_1)", "+", "identifier(_x)"]],
    [
      "names spelt with \\u and \\U escapes (decoded)",
      "context.\\u0052equest + a\\U00000062c + &#92;u0041x",
      ["identifier(context)", ".", "identifier(Request)", "+", "identifier(abc)", "+", "identifier(Ax)"],
    ],
    ["a keyword spelt with an escape is a name", "\\u0069f + @\\u0069f", ["identifier(if)", "+", "identifier(if)"]],
    [
      "longest-match operators",
      "a ??= b ?? c?.d?[e] => f :: g << h <<= i == j != k <= l >= m && n || o -> p",
      [
        "identifier(a)",
        "??=",
        "identifier(b)",
        "??",
        "identifier(c)",
        "?.",
        "identifier(d)",
        "?[",
        "identifier(e)",
        "]",
        "=>",
        "identifier(f)",
        "::",
        "identifier(g)",
        "<<",
        "identifier(h)",
        "<<=",
        "identifier(i)",
        "==",
        "identifier(j)",
        "!=",
        "identifier(k)",
        "<=",
        "identifier(l)",
        ">=",
        "identifier(m)",
        "&&",
        "identifier(n)",
        "||",
        "identifier(o)",
        "->",
        "identifier(p)",
      ],
    ],
    [
      "compound assignments",
      "+= -= *= /= %= &= |= ^= ++ --",
      ["+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "++", "--"],
    ],
    [
      "`>>` stays two `>` (generics); `>>=` is `>` `>=`",
      "a >> b >>= c",
      ["identifier(a)", ">", ">", "identifier(b)", ">", ">=", "identifier(c)"],
    ],
    [
      "ranges and a conditional before .5",
      "a..b ? .5 : x",
      ["identifier(a)", "..", "identifier(b)", "?", "number(.5):double", ":", "identifier(x)"],
    ],
    [
      "integer literals and their types",
      "1 0x1F 0X1fu 0b1010 1_000 2147483648 4294967296 9223372036854775808 1L 1u 1UL 1lu 0xFFFFFFFF",
      [
        "number(1):int",
        "number(0x1F):int",
        "number(0X1f):uint",
        "number(0b1010):int",
        "number(1_000):int",
        "number(2147483648):uint",
        "number(4294967296):long",
        "number(9223372036854775808):ulong",
        "number(1):long",
        "number(1):uint",
        "number(1):ulong",
        "number(1):ulong",
        "number(0xFFFFFFFF):uint",
      ],
    ],
    [
      "real literals",
      "1.5 1e3 1.5E-3 .5 2f 2D 2.5m 1_0.0_1",
      [
        "number(1.5):double",
        "number(1e3):double",
        "number(1.5E-3):double",
        "number(.5):double",
        "number(2):float",
        "number(2):double",
        "number(2.5):decimal",
        "number(1_0.0_1):double",
      ],
    ],
    ["member access on an integer", "1.ToString()", ["number(1):int", ".", "identifier(ToString)", "(", ")"]],
    [
      "char literals and escapes",
      "'a' '\\n' '\\'' '\\u0041' '\\x41' '\\\\' '\"'",
      [
        "char-literal(a)",
        "char-literal(\n)",
        "char-literal(')",
        "char-literal(A)",
        "char-literal(A)",
        "char-literal(\\)",
        'char-literal(")',
      ],
    ],
    [
      "regular strings and escapes",
      '"a\\"b" "\\t\\0" "\\U0001F600" ""',
      ['string-literal(a"b)', "string-literal(\t\0)", "string-literal(😀)", "string-literal()"],
    ],
    ["verbatim strings", '@"C:\\x""y" @""', ['string-literal(C:\\x"y)', "string-literal()"]],
    [
      "named values outside strings",
      '{{my-nv.1_x}} + "{{not}}"',
      ["named-value(my-nv.1_x)", "+", "string-literal({{not}})"],
    ],
    ["a block is not a named value", "{ {a} }", ["{", "{", "identifier(a)", "}", "}"]],
    ["comments are trivia", "a /* b */ + // c\n d", ["identifier(a)", "+", "identifier(d)"]],
  ];
  it.each(cases)("%s", (_name, code, expected) => {
    expect(lex(code)).toEqual(expected);
  });

  it("keeps comments beside the tokens", () => {
    expect(tokenize("a /* b */ + // c\n d").comments).toEqual([
      { start: 2, end: 9, block: true },
      { start: 12, end: 16, block: false },
    ]);
  });

  it("gives every token its original offsets and a final eof at the limit", () => {
    expect(spans("ab(1)")).toEqual([
      ["identifier", 0, 2],
      ["(", 2, 3],
      ["number", 3, 4],
      [")", 4, 5],
      ["eof", 5, 5],
    ]);
  });

  it("pairs brackets (Token.match), interpolation holes included", () => {
    const { tokens } = tokenize('f(a[1], $"{b}")');
    const pairs = tokens.filter((t) => t.match >= 0).map((t, _, all) => [t.kind, tokens[t.match]?.kind, all.length]);
    expect(pairs.map((p) => `${p[0]}${p[1]}`)).toEqual([
      "()",
      "[]",
      "][",
      "hole-openhole-close",
      "hole-closehole-open",
      ")(",
    ]);
  });

  it("spans an escaped name as written and flags it (never a keyword, contextual ones included)", () => {
    const { tokens } = tokenize("v\\u0061r + var");
    expect(tokens.map((t) => [t.kind, t.value, t.start, t.end, t.flags & TokenFlags.ESCAPED])).toEqual([
      ["identifier", "var", 0, 8, TokenFlags.ESCAPED],
      ["+", "", 9, 10, 0],
      ["identifier", "var", 11, 14, 0],
      ["eof", "", 14, 14, 0],
    ]);
  });

  it("lexes only [start, limit) of the text", () => {
    const text = 'x="@(a + b)"';
    expect(tokenize(text, 5, 10).tokens.map(show)).toEqual(["identifier(a)", "+", "identifier(b)", "eof"]);
  });
});

describe("lexer: XML references and line ends, one offset map", () => {
  it("decodes references in strings; the token spans the reference as written", () => {
    const code = "a == &quot;x&quot;";
    const { tokens } = tokenize(code);
    const s = tokens[2] as Token;
    expect(s.kind).toBe("string-literal");
    expect(s.value).toBe("x");
    expect([s.start, s.end]).toEqual([5, 18]);
    expect(code.slice(s.start, s.end)).toBe("&quot;x&quot;");
  });

  it("decodes references in operators, generics and chars", () => {
    expect(lex("a &amp;&amp; b &lt;= c &gt; d.As&lt;JObject&gt;() &apos;x&apos; &#34;q&#x22;")).toEqual([
      "identifier(a)",
      "&&",
      "identifier(b)",
      "<=",
      "identifier(c)",
      ">",
      "identifier(d)",
      ".",
      "identifier(As)",
      "<",
      "identifier(JObject)",
      ">",
      "(",
      ")",
      "char-literal(x)",
      "string-literal(q)",
    ]);
    expect(spans("a &amp;&amp; b").slice(1, 2)).toEqual([["&&", 2, 12]]);
  });

  it("leaves a bare & alone and decodes a reference in an identifier", () => {
    expect(lex("a & b && &#65;bc &unknown;")).toEqual([
      "identifier(a)",
      "&",
      "identifier(b)",
      "&&",
      "identifier(Abc)",
      "&",
      "identifier(unknown)",
      ";",
    ]);
  });

  it("reads CRLF and a lone CR as one LF: a verbatim string's value has LF, its end is after the CRLF copy", () => {
    const lf = tokenize('@"a\nb" x');
    const crlf = tokenize('@"a\r\nb" x');
    const cr = tokenize('@"a\rb" x');
    expect(lf.tokens[0]?.value).toBe("a\nb");
    expect(crlf.tokens[0]?.value).toBe("a\nb");
    expect(cr.tokens[0]?.value).toBe("a\nb");
    expect(crlf.tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 7],
      [8, 9],
      [9, 9],
    ]);
  });

  it("decodes &#13;&#10; in a string as written (a reference is not a line end of the file)", () => {
    expect(tokenize('@"a&#13;&#10;b"').tokens[0]?.value).toBe("a\r\nb");
  });
});

describe("lexer: interpolated strings", () => {
  const cases: [name: string, code: string, tokens: string[]][] = [
    [
      "text, holes, alignment and format",
      '$"a{b,5:F0}c"',
      [
        "interp-open",
        "interp-text(a)",
        "hole-open",
        "identifier(b)",
        ",",
        "number(5):int",
        "format(F0)",
        "hole-close",
        "interp-text(c)",
        "interp-close",
      ],
    ],
    [
      "escaped braces",
      '$"{{x}} {y}"',
      ["interp-open", "interp-text({x} )", "hole-open", "identifier(y)", "hole-close", "interp-close"],
    ],
    [
      "a string with quotes inside a hole",
      '$"{x["k"]}"',
      ["interp-open", "hole-open", "identifier(x)", "[", "string-literal(k)", "]", "hole-close", "interp-close"],
    ],
    [
      "nested interpolated strings",
      '$"a{$"b{c}"}"',
      [
        "interp-open",
        "interp-text(a)",
        "hole-open",
        "interp-open",
        "interp-text(b)",
        "hole-open",
        "identifier(c)",
        "hole-close",
        "interp-close",
        "hole-close",
        "interp-close",
      ],
    ],
    [
      "a colon inside brackets is not a format",
      '$"{(a ? b : c)}"',
      [
        "interp-open",
        "hole-open",
        "(",
        "identifier(a)",
        "?",
        "identifier(b)",
        ":",
        "identifier(c)",
        ")",
        "hole-close",
        "interp-close",
      ],
    ],
    [
      "a format holding quotes",
      "$\"{d:yyyy'T'HH}\"",
      ["interp-open", "hole-open", "identifier(d)", "format(yyyy'T'HH)", "hole-close", "interp-close"],
    ],
    [
      "a block inside a hole",
      '$"{new { a = 1 }.a}"',
      [
        "interp-open",
        "hole-open",
        "new",
        "{",
        "identifier(a)",
        "=",
        "number(1):int",
        "}",
        ".",
        "identifier(a)",
        "hole-close",
        "interp-close",
      ],
    ],
    [
      "verbatim: quotes doubled, backslash kept",
      '$@"a""\\{b}"',
      ["interp-open", 'interp-text(a"\\)', "hole-open", "identifier(b)", "hole-close", "interp-close"],
    ],
    ["@$ order", '@$"{b}"', ["interp-open", "hole-open", "identifier(b)", "hole-close", "interp-close"]],
    [
      "escapes in a regular interpolated string",
      '$"\\"{a}\\n"',
      ["interp-open", 'interp-text(")', "hole-open", "identifier(a)", "hole-close", "interp-text(\n)", "interp-close"],
    ],
  ];
  it.each(cases)("%s", (_name, code, expected) => {
    expect(lex(code)).toEqual(expected);
  });

  it("positions the parts", () => {
    expect(spans('$"a{b:X}"')).toEqual([
      ["interp-open", 0, 2],
      ["interp-text", 2, 3],
      ["hole-open", 3, 4],
      ["identifier", 4, 5],
      ["format", 5, 7],
      ["hole-close", 7, 8],
      ["interp-close", 8, 9],
      ["eof", 9, 9],
    ]);
  });

  it("warns of a line break inside a hole of a regular interpolated string (C# 11), not of a verbatim one", () => {
    expect(diagnostics('$"a{b +\r\n c}"').map((d) => [d[0], d[2], d[3]])).toEqual([["newer-syntax", 3, 12]]);
    expect(diagnostics('$@"a{b +\n c}"')).toEqual([]);
    // A line break in the text (not in a hole) is an error in every version.
    expect(diagnostics('$"a{b}\n').map((d) => d[0])).toEqual(["CS1010"]);
  });

  it("finds a hole's line break wherever it is among nested and later holes", () => {
    const breaks = (code: string) => diagnostics(code).map((d) => [d[0], d[2], d[3]]);
    // Before the inner hole: the outer hole has it, the inner one not.
    expect(breaks('$"{\n$"{a}"}"')).toEqual([["newer-syntax", 2, 11]]);
    // After the inner hole, and inside it (both have it).
    expect(breaks('$"{$"{a}"\n}"')).toEqual([["newer-syntax", 2, 11]]);
    expect(breaks('$"{$"{a\n}"}"')).toEqual([
      ["newer-syntax", 5, 9],
      ["newer-syntax", 2, 11],
    ]);
    // Between two holes (in code before the string) but in neither.
    expect(breaks('x\n+ $"{a}" +\n $"{b}"')).toEqual([]);
    // Inside a verbatim hole around a regular one.
    expect(breaks('$@"{\n$"{a}"}"')).toEqual([]);
    expect(breaks('$@"{$"{\na}"}"')).toEqual([["newer-syntax", 6, 10]]);
  });

  it("flags @$ as C# 8 and verbatim", () => {
    const r = tokenize('@$"x"');
    expect(r.tokens[0]?.flags).toBe(TokenFlags.VERBATIM);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([["newer-syntax", "warning", 0, 3]]);
  });
});

describe("lexer: raw strings (C# 11)", () => {
  it("lexes single- and multi-line raw strings and marks them newer syntax", () => {
    const r = tokenize('"""a "b" c""" + """\n  x\n   y\n  """');
    expect(r.tokens.map(show).slice(0, 3)).toEqual(['string-literal(a "b" c)', "+", "string-literal(x\n y)"]);
    expect(r.tokens[0]?.flags).toBe(TokenFlags.RAW);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.start, d.end])).toEqual([
      ["newer-syntax", "a raw string literal is C# 11 syntax; APIM policy expressions are C# 7 (unverified)", 0, 13],
      ["newer-syntax", "a raw string literal is C# 11 syntax; APIM policy expressions are C# 7 (unverified)", 16, 34],
    ]);
  });

  it("reads an interpolated raw string as one token", () => {
    const r = tokenize('$"""{x}""" y');
    expect(r.tokens.map((t) => t.kind)).toEqual(["string-literal", "identifier", "eof"]);
    expect(r.tokens[0]?.flags).toBe(TokenFlags.RAW | TokenFlags.INTERPOLATED);
  });
});

describe("lexer: errors", () => {
  const cases: [name: string, code: string, expected: [string, string, number, number][]][] = [
    ["newline in a string (CS1010), cut at the line end", '"abc\nx', [["CS1010", "Newline in constant", 0, 4]]],
    ["newline in a char literal", "'a\n", [["CS1010", "Newline in constant", 0, 2]]],
    ["string cut by the end of the code", '"abc', [["CS1010", "Newline in constant", 0, 4]]],
    ["newline in an interpolated string", '$"a{b}c\n', [["CS1010", "Newline in constant", 0, 7]]],
    ["unterminated verbatim string (CS1039)", '@"abc', [["CS1039", "Unterminated string literal", 0, 5]]],
    ["unterminated comment (CS1035)", "a /* b", [["CS1035", "End-of-file found, '*/' expected", 2, 4]]],
    ["bad escape (CS1009)", '"a\\qb"', [["CS1009", "Unrecognized escape sequence", 2, 4]]],
    ["short \\u escape", '"\\u12"', [["CS1009", "Unrecognized escape sequence", 1, 5]]],
    ["empty char literal (CS1011)", "''", [["CS1011", "Empty character literal", 0, 2]]],
    ["too many characters (CS1012)", "'ab'", [["CS1012", "Too many characters in character literal", 0, 4]]],
    ["unexpected character (CS1056)", "a # b", [["CS1056", "Unexpected character '#'", 2, 3]]],
    ["a stray $", "$x", [["CS1056", "Unexpected character '$'", 0, 1]]],
    // \x escapes only strings and chars; a \u escape must have its four digits and name a letter or digit.
    ["\\x in a name (CS1056)", "\\x41b", [["CS1056", "Unexpected character '\\'", 0, 1]]],
    ["a short \\u in a name", "\\u00", [["CS1056", "Unexpected character '\\'", 0, 1]]],
    ["an escape of a non-name character", "a\\u002Bb", [["CS1056", "Unexpected character '\\'", 1, 2]]],
    [
      "a stray @ (CS1646)",
      "@ x",
      [["CS1646", "Keyword, identifier, or string expected after verbatim specifier: @", 0, 1]],
    ],
    ["hex without digits (CS1013)", "0x", [["CS1013", "Invalid number", 0, 2]]],
    ["integer too large (CS1021)", "18446744073709551616", [["CS1021", "Integral constant is too large", 0, 20]]],
    [
      "unescaped } in interpolated text (CS8086)",
      '$"a}b"',
      [["CS8086", "A '}' character must be escaped (by doubling) in an interpolated string.", 3, 4]],
    ],
    [
      "a hole never closed (CS8076)",
      '$"a{b',
      [["CS8076", "Missing close delimiter '}' for interpolated expression started with '{'", 3, 4]],
    ],
    ["empty format (CS8089)", '$"{a:}"', [["CS8089", "Empty format specifier.", 4, 5]]],
    [
      "a mismatched bracket closing a hole",
      '$"{a)}"',
      [
        ["CS1513", "} expected", 4, 5],
        ["CS8086", "A '}' character must be escaped (by doubling) in an interpolated string.", 5, 6],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, code, expected) => {
    expect(diagnostics(code)).toEqual(expected);
  });

  it("marks cut literals and keeps going with the next line", () => {
    const r = tokenize('"abc\n+ x');
    expect(r.tokens.map((t) => t.kind)).toEqual(["string-literal", "+", "identifier", "eof"]);
    expect(r.tokens[0]?.flags).toBe(TokenFlags.UNTERMINATED);
  });

  it("records mismatched brackets and still pairs them", () => {
    const r = tokenize("(a]");
    expect(r.mismatches).toEqual([{ at: 2, found: "]", expected: ")", openedAt: 0 }]);
    expect(r.tokens[2]?.flags).toBe(TokenFlags.MISMATCH);
    expect(r.tokens[0]?.match).toBe(2);
    // The `[` of `?[` is what opened, for the message.
    expect(tokenize("a?[1)").mismatches).toEqual([{ at: 4, found: ")", expected: "]", openedAt: 2 }]);
  });

  it("reports a run of garbage with a bounded number of diagnostics", () => {
    expect(tokenize("#".repeat(10_000)).diagnostics.length).toBeLessThanOrEqual(50);
  });
});

/** The cut literals full lexing records for text[2..]. */
function lexerCuts(text: string): { at: number; what: string }[] {
  const lexer = new Lexer(text, 2, text.length);
  while (lexer.next() !== "eof");
  return lexer.cutLiterals;
}

describe("lexer: balancing mode", () => {
  it("says when the outer delimiter closes; returns only the tokens that matter to brackets, with no values", () => {
    const text = '@(f("a)", c[1]) + x.y * 2 /* ) */ ) tail';
    const lexer = new Lexer(text, 2, text.length, { values: false });
    lexer.pushOuter(40, 1);
    const seen: string[] = [];
    while (!lexer.closed && lexer.next() !== "eof") seen.push(`${lexer.kind}@${lexer.tokenStart}:${lexer.value}`);
    expect(seen).toEqual(["(@3:", "string-literal@4:", "[@11:", "]@13:", ")@14:", ")@34:"]);
    expect(lexer.tokenEnd).toBe(35);
  });

  it("returns the same significant tokens, at the same offsets, as full lexing", () => {
    const text =
      '@{ var s = $"{a["k"]:F0}" + @"x""y" + \'}\' + {{nv}}; /* } */ if (b?[0] == c) { d = e &amp;&amp; f; } }';
    const full = tokenize(text, 2, text.length - 1).tokens.filter((t) => t.kind !== "eof");
    const lexer = new Lexer(text, 2, text.length, { values: false });
    lexer.pushOuter(123, 1);
    const fast: string[] = [];
    while (!lexer.closed && lexer.next() !== "eof") fast.push(`${lexer.kind}@${lexer.tokenStart}-${lexer.tokenEnd}`);
    // Brackets, literals and the parts of interpolated strings that frame holes; `?[` is `?` (skipped) then `[`.
    const significant = full.filter((t) =>
      /^[()[\]{}]$|^\?\[$|literal|interp-open|interp-close|hole|format|named/.test(t.kind),
    );
    const expected = significant.map((t) =>
      t.kind === "?[" ? `[@${t.start + 1}-${t.end}` : `${t.kind}@${t.start}-${t.end}`,
    );
    expect(fast.slice(0, -1)).toEqual(expected);
  });

  it("agrees with full lexing on random code: same significant tokens, same cut literals and mismatches", () => {
    const piece = fc.constantFrom(
      ..."()[]{}\"'@$:/*\\&;,.?<>=+-!".split(""),
      ...'a 1 x.y 1.5 0x1F \n \r\n &quot; &amp; &lt; &#40; &#41; &#x7B; &apos; {{nv}} :: ?[ ?. // /* */ $@ @$ """ é'.split(
        " ",
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const code = parts.join("");
        const text = `@{${code}`;
        const full = tokenize(text, 2, text.length);
        const lexer = new Lexer(text, 2, text.length, { values: false });
        const fast: string[] = [];
        for (let k = lexer.next(); k !== "eof"; k = lexer.next())
          fast.push(`${lexer.kind}@${lexer.tokenStart}-${lexer.tokenEnd}`);
        const significant = full.tokens.filter((t) =>
          /^[()[\]{}]$|^\?\[$|literal|interp-open|interp-close|hole|format|named/.test(t.kind),
        );
        expect(fast).toEqual(
          significant.map((t) => (t.kind === "?[" ? `[@${t.start + 1}-${t.end}` : `${t.kind}@${t.start}-${t.end}`)),
        );
        expect(lexer.cutLiterals).toEqual(lexerCuts(text));
        expect(lexer.mismatches).toEqual(full.mismatches);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("TokenBuffer", () => {
  it("lets go of the text it read once released (a slice in a reused token would keep a document alive)", () => {
    const buffer = new TokenBuffer();
    const text = `<set-variable value="@(context.Request.Headers.GetValueOrDefault("x-a-long-header-name"))" />`;
    buffer.fill(text, text.indexOf("@(") + 2, text.lastIndexOf(")"));
    expect(buffer.tokens.slice(0, buffer.count).some((t) => t.value === "GetValueOrDefault")).toBe(true);
    buffer.release();
    expect(buffer.count).toBe(0);
    expect(buffer.tokens.every((t) => t.value === "")).toBe(true);
    expect(buffer.lexer.text).toBe("");
  });
});
