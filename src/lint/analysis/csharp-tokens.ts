// A small C# lexer for looking INTO policy expressions (the code of an `@( )` / `@{ }`, already entity-decoded).
// Rules use it to find keywords (`return`), statements (`;`) and `context.Variables[...]` accesses without being
// fooled by strings, char literals or comments. It never fails: unterminated constructs end at the end of the code.

export type CsTokenKind = "identifier" | "string" | "char" | "number" | "punct";

export interface CsToken {
  kind: CsTokenKind;
  /** identifier name, punctuation text, number text; for string/char: the decoded value (interpolations removed). */
  value: string;
  /** Offsets into the code string: [start, end). */
  start: number;
  end: number;
  /**
   * For strings: true when the string has interpolation holes (`$"..{x}.."`): its value is not a constant.
   * Undefined otherwise, but always present: one object shape for every token.
   */
  interpolated: boolean | undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  "0": "\0",
  "\\": "\\",
  '"': '"',
  "'": "'",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

// Character classes by UTF-16 code (NaN past the end is in none of them). The lexer reads char codes, not
// one-character strings: it runs over every character of every expression a rule looks into. Exported for the
// regular-expression scan of variable-access-scan.ts, which must read blanks and names as the lexer does.
export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 0x7f;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const QUOTE = 34;
const APOS = 39;
const AT = 64;
const DOLLAR = 36;
const SLASH = 47;
const STAR = 42;
const DOT = 46;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LF = 10;

/** Is code c followed by d one of the multi-character operators that matter to rules? */
function isTwoCharOp(c: number, d: number): boolean {
  switch (c) {
    case 61: // = : => ==
      return d === 62 || d === 61;
    case 33: // !=
    case 60: // <=
    case 62: // >=
      return d === 61;
    case 38: // &&
    case 124: // ||
    case 43: // ++
    case 45: // --
    case 58: // ::
      return d === c;
    case 63: // ?? ?.
      return d === 63 || d === DOT;
    default:
      return false;
  }
}

/**
 * Tokenizes C# code. Whitespace and comments are dropped. Interpolated strings produce one string token
 * (flagged `interpolated`) followed by the tokens of their holes, so code inside `{...}` holes is still seen.
 * Linear in the code length. With `until`, tokens starting at or after that offset are not produced (the token
 * that straddles it is completed).
 */
export function tokenizeCSharp(code: string, until = code.length): CsToken[] {
  // `until`: stop starting new tokens at this offset (callers that only need a prefix save the rest).
  const lexer = new Lexer(code);
  const stop = Math.min(until, code.length);
  let i = 0;
  while (i < stop) i = lexer.token(i);
  return lexer.out;
}

/** Where rules and analyses get an expression's tokens: the per-document object, which memoises them. */
export interface TokenSource {
  tokensOf(code: string): readonly CsToken[];
}

// Interpolated strings nested deeper than this are read as plain strings (keeps the recursion bounded).
const MAX_HOLE_DEPTH = 32;

class Lexer {
  readonly out: CsToken[] = [];
  private holeDepth = 0;
  constructor(private readonly code: string) {}

  /** The offset of the next token at or after i: past blanks and comments (an unclosed comment runs to the end). */
  private skipTrivia(i: number): number {
    const code = this.code;
    const to = code.length;
    for (;;) {
      // Bounds checked here rather than reading NaN past the end: V8 deoptimises a read out of bounds.
      if (i >= to) return to;
      const c = code.charCodeAt(i);
      if (isBlank(c)) i++;
      else if (c === SLASH && code.charCodeAt(i + 1) === SLASH) {
        const nl = code.indexOf("\n", i);
        if (nl < 0) return code.length;
        i = nl + 1;
      } else if (c === SLASH && code.charCodeAt(i + 1) === STAR) {
        const close = code.indexOf("*/", i + 2);
        if (close < 0) return code.length;
        i = close + 2;
      } else return i;
    }
  }

  /** Lexes one token (or skips blanks and comments) at `i`; returns the offset after it (always > i). */
  token(i: number): number {
    const code = this.code;
    const to = code.length;
    const c = code.charCodeAt(i);
    const next = i + 1 < to ? code.charCodeAt(i + 1) : Number.NaN; // (NaN as past the end, without reading there)
    // Blanks and comments, the whole run at once (a call per blank was a fifth of the lexing).
    if (isBlank(c) || (c === SLASH && (next === SLASH || next === STAR))) return this.skipTrivia(i);
    // Strings: "..", @"..", $"..", $@"..", @$"..".
    if (c === QUOTE) return this.string(i, i + 1, false, false);
    if (c === AT || c === DOLLAR) {
      if (next === QUOTE) return this.string(i, i + 2, c === AT, c === DOLLAR);
      if (code.charCodeAt(i + 2) === QUOTE && ((c === AT && next === DOLLAR) || (c === DOLLAR && next === AT))) {
        return this.string(i, i + 3, true, true);
      }
    }
    if (c === APOS) return this.char(i);
    if (isIdentStart(c) || (c === AT && isIdentStart(next))) {
      const from = c === AT ? i + 1 : i;
      let j = from + 1;
      while (j < to && isIdentPart(code.charCodeAt(j))) j++;
      this.out.push({ kind: "identifier", value: code.slice(from, j), start: i, end: j, interpolated: undefined });
      return j;
    }
    if (isDigit(c) || (c === DOT && isDigit(next))) {
      let j = i + 1;
      for (; j < to; j++) {
        const d = code.charCodeAt(j);
        // Stop at member access on a number literal (`1.ToString()`): a dot not followed by a digit.
        if (d === DOT ? !isDigit(code.charCodeAt(j + 1)) : !isIdentPart(d)) break;
      }
      this.out.push({ kind: "number", value: code.slice(i, j), start: i, end: j, interpolated: undefined });
      return j;
    }
    // Multi-character operators that matter to rules; everything else is one character.
    const len = isTwoCharOp(c, next) ? 2 : 1;
    const value = len === 1 ? code[i]! : code.slice(i, i + 2);
    this.out.push({ kind: "punct", value, start: i, end: i + len, interpolated: undefined });
    return i + len;
  }

  /** A string literal whose body starts at `bodyStart`; returns the offset after the closing quote. */
  private string(start: number, bodyStart: number, verbatim: boolean, interpolated: boolean): number {
    const code = this.code;
    const to = code.length;
    const token: CsToken = { kind: "string", value: "", start, end: to, interpolated: interpolated || undefined };
    this.out.push(token);
    const readHoles = interpolated && this.holeDepth < MAX_HOLE_DEPTH;
    // The value is built from slices between escapes, not char by char.
    let value = "";
    let i = bodyStart;
    let seg = i;
    while (i < to) {
      const c = code.charCodeAt(i);
      if (c === QUOTE) {
        if (verbatim && code.charCodeAt(i + 1) === QUOTE) {
          value += `${code.slice(seg, i)}"`;
          i += 2;
          seg = i;
          continue;
        }
        value += code.slice(seg, i);
        i++;
        seg = -1;
        break;
      }
      if (!verbatim && c === BACKSLASH) {
        const e = code[i + 1] ?? "";
        value += code.slice(seg, i) + (SIMPLE_ESCAPES[e] ?? e);
        i += 2;
        seg = i;
        continue;
      }
      if (interpolated && (c === LBRACE || c === RBRACE)) {
        if (code.charCodeAt(i + 1) === c) {
          value += code.slice(seg, i + 1);
          i += 2;
          seg = i;
          continue;
        }
        if (readHoles && c === LBRACE) {
          value += code.slice(seg, i);
          i = this.hole(i + 1);
          seg = i;
          continue;
        }
      }
      if (!verbatim && c === LF) break; // an unterminated regular string ends at the line end
      i++;
    }
    const end = Math.min(i, to);
    if (seg >= 0) value += code.slice(seg, end);
    token.value = value;
    token.end = end;
    return end;
  }

  /**
   * The code of an interpolation hole, up to its closing `}` (balancing braces; that `}` is not a token); returns
   * the offset after it. A `{` or `}` at a token start is always the punctuation token itself.
   */
  private hole(from: number): number {
    const code = this.code;
    this.holeDepth++;
    let depth = 0;
    let i = from;
    while (i < code.length) {
      const c = code.charCodeAt(i);
      if (c === RBRACE) {
        if (depth === 0) {
          i++;
          break;
        }
        depth--;
      } else if (c === LBRACE) depth++;
      i = this.token(i);
    }
    this.holeDepth--;
    return i;
  }

  private char(start: number): number {
    const code = this.code;
    const to = code.length;
    let i = start + 1;
    let value = "";
    if (code[i] === "\\") {
      const e = code[i + 1] ?? "";
      value = SIMPLE_ESCAPES[e] ?? e;
      i += 2;
      // \uXXXX, \xH.., \UXXXXXXXX: skip to the closing quote.
      while (i < to && code[i] !== "'" && code[i] !== "\n") i++;
    } else if (i < to) {
      value = code[i]!;
      i++;
    }
    if (code[i] === "'") i++;
    const end = Math.min(i, to);
    this.out.push({ kind: "char", value, start, end, interpolated: undefined });
    return end;
  }
}
