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
  /** For strings: true when the string has interpolation holes (`$"..{x}.."`): its value is not a constant. */
  interpolated?: boolean;
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

function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c > "\x7f";
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= "0" && c <= "9");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
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

/**
 * Tokens of `code`, memoised for the document being linted: the rules and analyses look into the same expressions
 * again and again, and each used to tokenize them afresh. The engine calls clearDocumentTokenCache() before each
 * document, so the memo lives as long as one document (a Map keyed by the code string; no WeakMap for the GC to
 * track); the size bound only matters to callers that run rules without the engine. Callers must not mutate it.
 */
export function documentTokens(code: string): readonly CsToken[] {
  let t = documentCache.get(code);
  if (t === undefined) {
    if (documentCache.size >= MAX_CACHED) documentCache.clear();
    t = tokenizeCSharp(code);
    documentCache.set(code, t);
  }
  return t;
}

/** Forgets the memo of documentTokens (and everything derived from it, see onDocumentTokenCacheClear). */
export function clearDocumentTokenCache(): void {
  documentCache.clear();
  for (const f of clearHooks) f();
}

/** Registers a cache that must be dropped together with the token memo. */
export function onDocumentTokenCacheClear(clear: () => void): void {
  clearHooks.push(clear);
}

/**
 * The tokens tokenizeCSharp(code, until) would give: the top-level tokens that start before `until`, with the
 * tokens of the interpolation holes of a string that starts before it (the straddling token is completed).
 * The whole list when nothing is cut (no copy).
 */
export function tokensUntil(all: readonly CsToken[], until: number): readonly CsToken[] {
  let end = 0; // end of the last top-level token; a token starting before it lies inside a string's hole
  for (let k = 0; k < all.length; k++) {
    const tok = all[k]!;
    if (tok.start < end) continue;
    if (tok.start >= until) return all.slice(0, k);
    end = tok.end;
  }
  return all;
}

const MAX_CACHED = 2000;
const documentCache = new Map<string, CsToken[]>();
const clearHooks: (() => void)[] = [];

// Interpolated strings nested deeper than this are read as plain strings (keeps the recursion bounded).
const MAX_HOLE_DEPTH = 32;

class Lexer {
  readonly out: CsToken[] = [];
  private holeDepth = 0;
  constructor(private readonly code: string) {}

  /** Lexes one token (or skips whitespace / one comment) at `i`; returns the offset after it (always > i). */
  token(i: number): number {
    const code = this.code;
    const to = code.length;
    const c = code[i]!;
    const next = code[i + 1] ?? "";
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") return i + 1;
    if (c === "/" && next === "/") {
      const nl = code.indexOf("\n", i);
      return nl < 0 ? to : nl + 1;
    }
    if (c === "/" && next === "*") {
      const close = code.indexOf("*/", i + 2);
      return close < 0 ? to : close + 2;
    }
    // Strings: "..", @"..", $"..", $@"..", @$"..". Checked by characters (no regex or slicing: this runs per char).
    if (c === '"') return this.string(i, i + 1, false, false);
    if (c === "@" || c === "$") {
      const third = code[i + 2] ?? "";
      if (next === '"') return this.string(i, i + 2, c === "@", c === "$");
      if (third === '"' && ((c === "@" && next === "$") || (c === "$" && next === "@"))) {
        return this.string(i, i + 3, true, true);
      }
    }
    if (c === "'") return this.char(i);
    if (isIdentStart(c) || (c === "@" && isIdentStart(next))) {
      let j = c === "@" ? i + 2 : i + 1;
      while (j < to && isIdentPart(code[j]!)) j++;
      this.out.push({ kind: "identifier", value: code.slice(c === "@" ? i + 1 : i, j), start: i, end: j });
      return j;
    }
    if (isDigit(c) || (c === "." && isDigit(next))) {
      let j = i + 1;
      while (j < to && (isIdentPart(code[j]!) || code[j] === ".")) {
        // Stop at member access on a number literal (`1.ToString()`): a dot not followed by a digit.
        if (code[j] === "." && !isDigit(code[j + 1] ?? "")) break;
        j++;
      }
      this.out.push({ kind: "number", value: code.slice(i, j), start: i, end: j });
      return j;
    }
    // Multi-character operators that matter to rules; everything else is one character.
    const two = code.slice(i, i + 2);
    const len = TWO_CHAR_OPS.has(two) ? 2 : 1;
    this.out.push({ kind: "punct", value: code.slice(i, i + len), start: i, end: i + len });
    return i + len;
  }

  /** A string literal whose body starts at `bodyStart`; returns the offset after the closing quote. */
  private string(start: number, bodyStart: number, verbatim: boolean, interpolated: boolean): number {
    const code = this.code;
    const to = code.length;
    const token: CsToken = { kind: "string", value: "", start, end: to };
    if (interpolated) token.interpolated = true;
    this.out.push(token);
    const readHoles = interpolated && this.holeDepth < MAX_HOLE_DEPTH;
    // The value is built from slices between escapes, not char by char.
    let value = "";
    let i = bodyStart;
    let seg = i;
    while (i < to) {
      const c = code[i]!;
      if (c === '"') {
        if (verbatim && code[i + 1] === '"') {
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
      if (!verbatim && c === "\\") {
        const e = code[i + 1] ?? "";
        value += code.slice(seg, i) + (SIMPLE_ESCAPES[e] ?? e);
        i += 2;
        seg = i;
        continue;
      }
      if (interpolated && (c === "{" || c === "}")) {
        if (code[i + 1] === c) {
          value += code.slice(seg, i + 1);
          i += 2;
          seg = i;
          continue;
        }
        if (readHoles && c === "{") {
          value += code.slice(seg, i);
          i = this.hole(i + 1);
          seg = i;
          continue;
        }
      }
      if (!verbatim && c === "\n") break; // an unterminated regular string ends at the line end
      i++;
    }
    if (seg >= 0) value += code.slice(seg, Math.min(i, to));
    token.value = value;
    token.end = Math.min(i, to);
    return token.end;
  }

  /** The code of an interpolation hole, up to its closing `}` (balancing braces); returns the offset after it. */
  private hole(from: number): number {
    const code = this.code;
    this.holeDepth++;
    let depth = 0;
    let i = from;
    while (i < code.length) {
      const before = this.out.length;
      const end = this.token(i);
      const tok = this.out[before];
      if (tok && tok.start === i && tok.kind === "punct") {
        if (tok.value === "{") depth++;
        else if (tok.value === "}") {
          if (depth === 0) {
            this.out.pop();
            i = end;
            break;
          }
          depth--;
        }
      }
      i = end;
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
    this.out.push({ kind: "char", value, start, end });
    return end;
  }
}

const TWO_CHAR_OPS = new Set(["=>", "==", "!=", "&&", "||", "??", "?.", "<=", ">=", "++", "--", "::"]);
