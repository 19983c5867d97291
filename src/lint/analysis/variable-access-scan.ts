// The `context.Variables` reads of C# code found with regular expressions instead of the lexer: the same answer
// as findReads over tokenizeCSharp's tokens (variable-access.ts). Strings (regular, verbatim, interpolated with
// their holes), char literals and comments are passed over as the lexer reads them. What the scan does not
// decode exactly (an escape or a doubled quote in a key, an `@identifier`, a string cut by a line end, a comment
// right before an access, unusual generic arguments, deep interpolation) makes it give up (undefined), and the
// caller lexes the code. Why: the regular expression engine runs as compiled code from the first call, where the
// lexer is interpreted JavaScript until the JIT has warmed up, which is most of a lint run's cost for this.
import { isBlank, isDigit, isIdentPart, isIdentStart } from "./csharp-tokens.js";
import type { VariableAccess, VariableUses } from "./variable-access.js";

const ID = "A-Za-z0-9_\\u0080-\\uffff";
/**
 * Blanks (the lexer's: space and \t-\r) and comments (an unclosed block comment runs to the end). Each comment
 * can only match whole (a line comment to the line end, a block comment up to its first star-slash): otherwise
 * backtracking would end a comment early, or late, to find the token that follows.
 */
const LINE_COMMENT = String.raw`//[^\n]*(?![^\n])`;
const BLOCK_COMMENT = String.raw`/\*(?:[^*]|\*(?!/))*(?:\*/|$)`;
const TRIVIA = String.raw`(?:[ \t-\r]|${LINE_COMMENT}|${BLOCK_COMMENT})*`;
// One step of the scan, in order: a closed regular string, a closed verbatim string, the start of an interpolated
// string, a comment, a char literal, a brace, a character that makes the scan give up (`@identifier`, a stray `$`,
// a quote that opens no closed string: the lexer ends such a string at the line end), or `context` as a whole
// identifier.
const STEP = new RegExp(
  String.raw`"(?:[^"\\\n]|\\[\s\S])*"|@"(?:[^"]|"")*"|\$@?"|@\$"|${LINE_COMMENT}|${BLOCK_COMMENT}|'|[{}]|[@$"]|(?<![${ID}])context(?![${ID}])`,
  "g",
);
const DOT_VARIABLES = new RegExp(String.raw`${TRIVIA}\.${TRIVIA}Variables(?![${ID}])`, "y");
const OPEN_BRACKET = new RegExp(String.raw`${TRIVIA}\[`, "y");
const CLOSE_BRACKET = new RegExp(String.raw`${TRIVIA}\]`, "y");
const DOT_METHOD = new RegExp(String.raw`${TRIVIA}\.${TRIVIA}([A-Za-z_\u0080-\uffff][${ID}]*)`, "y");
const OPEN_PAREN = new RegExp(String.raw`${TRIVIA}\(`, "y");
const COMMA_OR_CLOSE_PAREN = new RegExp(`${TRIVIA}[,)]`, "y");
// A key: a regular string without escapes on one line, or a verbatim string without doubled quotes.
const KEY = new RegExp(String.raw`${TRIVIA}(?:"([^"\\\n]*)"|@"([^"]*)"(?!"))`, "y");
const SKIP_TRIVIA = new RegExp(TRIVIA, "y");

/** An access longer than this (blanks, comments, generic arguments) is left to the lexer. */
const MAX_ACCESS = 256;
/** Interpolated strings nested deeper than this are left to the lexer. */
const MAX_DEPTH = 8;
const GIVE_UP = -1;
const DYNAMIC = "dynamic";

const QUOTE = 34;
const APOS = 39;
const AT = 64;
const DOLLAR = 36;
const SLASH = 47;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LF = 10;
const DOT = 46;
const QUESTION = 63;

/** The reads and dynamic uses in `code`, or undefined when the scan gives up (then lex the code). */
export function variableReadsByScanning(code: string): VariableUses | undefined {
  const scan = new Scan(code);
  return scan.code(0, 0, false) === GIVE_UP ? undefined : scan.out;
}

// The lexer's token stream has nothing at a hole's `{` and `}` (nor at the string's quotes around them): the first
// token of a hole follows the last token before it (the string's own token, or the last token of an earlier
// hole), and a lookup that runs into a hole's `}` goes on with the tokens after it. The scan follows the first
// case and gives up on the second.
class Scan {
  readonly out: VariableUses = { reads: [], dynamic: [] };
  /** Where the last comment the scan passed over ends. */
  private lastCommentEnd = -1;
  constructor(private readonly text: string) {}

  /**
   * Scans code from `from`. At `depth` 0 to the end of the text; in an interpolation hole (depth > 0) to the `}`
   * that closes it, `dotBefore` telling whether the token before the hole's first token is a lone `.`. Returns
   * the offset after what it scanned, or GIVE_UP.
   */
  code(from: number, depth: number, dotBefore: boolean): number {
    const text = this.text;
    let braces = 0;
    STEP.lastIndex = from;
    for (let m = STEP.exec(text); m !== null; m = STEP.exec(text)) {
      const token = m[0];
      const at = m.index;
      const c = token.charCodeAt(0);
      const next = token.charCodeAt(1);
      if ((c === QUOTE && token.length > 1) || (c === AT && next === QUOTE)) continue;
      if ((c === DOLLAR || c === AT) && token.length > 1) {
        // $" $@" @$": an interpolated string (its holes are code).
        if (depth >= MAX_DEPTH) return GIVE_UP;
        const end = this.interpolated(STEP.lastIndex, token.length === 3, depth + 1);
        if (end === GIVE_UP) return GIVE_UP;
        STEP.lastIndex = end;
        continue;
      }
      if (c === SLASH) {
        this.lastCommentEnd = STEP.lastIndex;
        continue;
      }
      if (c === APOS) {
        STEP.lastIndex = charLiteralEnd(text, at);
        continue;
      }
      if (c === LBRACE || c === RBRACE) {
        if (depth === 0) continue;
        if (c === LBRACE) braces++;
        else if (braces-- === 0) return STEP.lastIndex;
        continue;
      }
      if (token.length === 1) return GIVE_UP; // @ $ "
      const end = this.access(at, STEP.lastIndex, depth > 0 ? from : -1, dotBefore);
      if (end === GIVE_UP) return GIVE_UP;
      STEP.lastIndex = end;
    }
    return text.length;
  }

  /** The literal part of an interpolated string whose body starts at `from`; returns the offset after it. */
  private interpolated(from: number, verbatim: boolean, depth: number): number {
    const text = this.text;
    // The token before a hole's first token: the string's own token at first (not a `.`).
    let dotBefore = false;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (verbatim && text.charCodeAt(i + 1) === QUOTE) i += 2;
        else return i + 1;
      } else if (!verbatim && c === BACKSLASH) i += 2;
      else if ((c === LBRACE || c === RBRACE) && text.charCodeAt(i + 1) === c) i += 2;
      else if (c === LBRACE) {
        const end = this.code(i + 1, depth, dotBefore);
        if (end === GIVE_UP) return GIVE_UP;
        const last = this.lastTokenIsDot(i + 1, end === text.length ? end : end - 1);
        if (last === undefined) return GIVE_UP;
        if (last !== NO_TOKEN) dotBefore = last;
        i = end;
      } else if (!verbatim && c === LF)
        return GIVE_UP; // cut by the line end: left to the lexer
      else i++;
    }
    return text.length;
  }

  /**
   * At a `context` from `start` to `after` (`holeStart`: where the hole it is in starts, else -1): records the
   * access it starts, if any. Returns where the scan goes on, or GIVE_UP.
   */
  private access(start: number, after: number, holeStart: number, dotBefore: boolean): number {
    const text = this.text;
    const inHole = holeStart >= 0;
    DOT_VARIABLES.lastIndex = after;
    if (!DOT_VARIABLES.test(text)) return inHole && atHoleEnd(text, after) ? GIVE_UP : after;
    const variablesEnd = DOT_VARIABLES.lastIndex;
    let dot = this.lastTokenIsDot(inHole ? holeStart : 0, start);
    if (dot === undefined) return GIVE_UP;
    if (dot === NO_TOKEN) dot = inHole && dotBefore;
    // `x.context.Variables` is another object's member: not an access.
    if (dot) return variablesEnd;
    const read = readAfter(text, start, variablesEnd, inHole);
    if (read === undefined) return GIVE_UP;
    if (read === DYNAMIC) {
      this.out.dynamic.push({ start, end: variablesEnd });
      return variablesEnd;
    }
    this.out.reads.push(read);
    return read.end;
  }

  /**
   * Whether the last token in [from, to) is a `.` on its own (not the end of `?.`: a run of `?` before it pairs up
   * into `??` tokens from its start, so the `.` joins the last `?` when the run is odd); NO_TOKEN when there are
   * only blanks; undefined when a comment comes last (the scan does not look back through comments).
   */
  private lastTokenIsDot(from: number, to: number): boolean | typeof NO_TOKEN | undefined {
    const text = this.text;
    let k = to;
    while (k > from && isBlank(text.charCodeAt(k - 1))) k--;
    if (this.lastCommentEnd >= k && this.lastCommentEnd <= to && k > from) return undefined;
    if (k === from) return this.lastCommentEnd > from && this.lastCommentEnd <= to ? undefined : NO_TOKEN;
    if (text.charCodeAt(k - 1) !== DOT) return false;
    let q = k - 1;
    while (q > from && text.charCodeAt(q - 1) === QUESTION) q--;
    return (k - 1 - q) % 2 === 0;
  }
}

const NO_TOKEN = "none";

/** True when the next token at `from` would be a hole's closing `}` (the lexer's lookup reads on past it). */
function atHoleEnd(code: string, from: number): boolean {
  SKIP_TRIVIA.lastIndex = from;
  SKIP_TRIVIA.test(code);
  return code.charCodeAt(SKIP_TRIVIA.lastIndex) === RBRACE;
}

/**
 * The read that starts at `start` (its `.Variables` ends at `from`), DYNAMIC, or undefined to give up (also when,
 * in a hole, the lookup runs into the hole's `}`: the lexer's lookup reads on past it).
 */
function readAfter(
  code: string,
  start: number,
  from: number,
  inHole: boolean,
): VariableAccess | typeof DYNAMIC | undefined {
  // The lookup found something else than it looked for at `at`: a dynamic use, unless that is a hole's end.
  const miss = (at: number) => (inHole && atHoleEnd(code, at) ? undefined : DYNAMIC);
  OPEN_BRACKET.lastIndex = from;
  if (OPEN_BRACKET.test(code)) {
    const afterBracket = OPEN_BRACKET.lastIndex;
    const key = keyAt(code, afterBracket);
    if (key === undefined) return undefined;
    if (key === DYNAMIC) return miss(afterBracket);
    CLOSE_BRACKET.lastIndex = KEY.lastIndex;
    if (!CLOSE_BRACKET.test(code)) return miss(KEY.lastIndex);
    const end = CLOSE_BRACKET.lastIndex;
    return end - start > MAX_ACCESS ? undefined : { name: key, kind: "indexer", method: undefined, start, end };
  }
  DOT_METHOD.lastIndex = from;
  const method = DOT_METHOD.exec(code);
  if (method === null) return miss(from);
  const typeArgumentsEnd = skipTypeArguments(code, DOT_METHOD.lastIndex);
  if (typeArgumentsEnd === undefined) return undefined;
  OPEN_PAREN.lastIndex = typeArgumentsEnd;
  if (!OPEN_PAREN.test(code)) return miss(typeArgumentsEnd);
  const afterParen = OPEN_PAREN.lastIndex;
  const key = keyAt(code, afterParen);
  if (key === undefined) return undefined;
  if (key === DYNAMIC) return miss(afterParen);
  const end = KEY.lastIndex;
  COMMA_OR_CLOSE_PAREN.lastIndex = end;
  if (!COMMA_OR_CLOSE_PAREN.test(code)) return miss(end);
  return end - start > MAX_ACCESS ? undefined : { name: key, kind: "method", method: method[1]!, start, end };
}

/** The key string at `from` (KEY.lastIndex is then after it), DYNAMIC when no constant string is there. */
function keyAt(code: string, from: number): string | typeof DYNAMIC | undefined {
  KEY.lastIndex = from;
  const key = KEY.exec(code);
  if (key !== null) return key[1] ?? key[2]!;
  SKIP_TRIVIA.lastIndex = from;
  SKIP_TRIVIA.test(code);
  const at = SKIP_TRIVIA.lastIndex;
  const c = code.charCodeAt(at);
  // A constant string the scan does not decode (escapes, a line end, doubled quotes): give up.
  if (c === QUOTE || (c === AT && code.charCodeAt(at + 1) === QUOTE)) return undefined;
  return DYNAMIC;
}

/**
 * After a method name at `from`: the offset after its generic arguments `<...>` when they are plain (identifiers,
 * `,` `.` `?` `[` `]` and nested `< >`, within 64 tokens, as the lexer-based lookup skips them), `from` when there
 * are none or the lookup would not skip them, undefined to give up.
 */
function skipTypeArguments(code: string, from: number): number | undefined {
  let i = skipBlanks(code, from);
  if (code.charCodeAt(i) !== 60 /* < */) return from;
  let depth = 0;
  for (let tokens = 0; tokens < 64; tokens++) {
    i = skipBlanks(code, i);
    if (i >= code.length) return from;
    const c = code.charCodeAt(i);
    const next = code.charCodeAt(i + 1);
    if (isIdentStart(c)) {
      i++;
      while (i < code.length && isIdentPart(code.charCodeAt(i))) i++;
      continue;
    }
    // Something the scan does not read here (a string, a char, a comment, `@x`, a hole's end): give up.
    if (c === QUOTE || c === APOS || c === AT || c === DOLLAR || c === SLASH || c === LBRACE || c === RBRACE) {
      return undefined;
    }
    if (c === 60 /* < */ && next !== 61) depth++;
    else if (c === 62 /* > */ && next !== 61) {
      if (--depth === 0) return i + 1;
    } else if (c === DOT ? isDigit(next) : c === QUESTION ? next === QUESTION || next === DOT : !PLAIN[c]) {
      // A number, `?.`, `??`, `<=`, `>=` or any other token: the lookup does not skip these generic arguments.
      return from;
    }
    i++;
  }
  return from;
}

/** Punctuation allowed between generic arguments besides `<` and `>` (by char code): , . ? [ ] */
const PLAIN: Record<number, true> = { 44: true, 46: true, 63: true, 91: true, 93: true };

/** Where the lexer ends a char literal that starts at `start` (`'x'`, `'\n'`, `'\u0041'`, or cut short). */
function charLiteralEnd(code: string, start: number): number {
  let i = start + 1;
  if (code.charCodeAt(i) === BACKSLASH) {
    i += 2;
    while (i < code.length && code.charCodeAt(i) !== APOS && code.charCodeAt(i) !== LF) i++;
  } else if (i < code.length) i++;
  if (code.charCodeAt(i) === APOS) i++;
  return Math.min(i, code.length);
}

function skipBlanks(code: string, i: number): number {
  while (i < code.length && isBlank(code.charCodeAt(i))) i++;
  return i;
}
