// The C# lexer of policy expressions: the one lexer under the parser, the expression balancing of the pre-pass
// and the rules. It reads the ORIGINAL document text through CodeReader (references and line ends decoded on the
// fly), so every token is positioned in the file as written. Linear: every character is read a bounded number of
// times; no recursion (interpolated strings nested in holes live on an explicit stack); it never throws.
//
// It keeps the bracket stack itself, because interpolated strings need it: a `}` closes a hole only at the top of
// the hole, and a `:` there starts the format. The same stack gives the pre-pass its balancing (mode "balance":
// the open delimiter of `@(`/`@{` is on the stack and the lexer says when it closes) and the parser its bracket
// pairs (Token.match).
import { NAMED_VALUE } from "../values.js";
import type { CsDiagnostic, NumberType } from "./ast.js";
import { CodeReader } from "./source.js";
import {
  type BracketMismatch,
  type Comment,
  KEYWORD_SET,
  KEYWORDS,
  newerSyntax,
  type Token,
  TokenFlags,
  type TokenKind,
} from "./tokens.js";

/** Bracket-stack markers for an interpolation hole of a regular / verbatim interpolated string. */
const HOLE = -1;
const HOLE_VERBATIM = -2;
/** Numbers per open bracket in Lexer.frames. */
const FRAME = 4;

const LF = 10;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

/** Lexer diagnostics kept per expression: a run of garbage must not make a diagnostic per character. */
const MAX_LEXER_DIAGNOSTICS = 50;

const NAMED_VALUE_AT = new RegExp(NAMED_VALUE.source, "y");

/**
 * ASCII characters that can start a token the bracket stack cares about: brackets, quotes (strings and chars),
 * `/` (comments), `@` and `$` (verbatim and interpolated strings), `:` (a format in a hole) and `&` (a reference
 * that may decode to any of them). Every other token (names, numbers, other operators) holds none of them, so
 * balancing skips runs of the others without making their tokens.
 */
const SIGNIFICANT = new Uint8Array(128);
for (const c of "()[]{}\"'/@$:&") SIGNIFICANT[c.charCodeAt(0)] = 1;

/** ASCII characters a string or char literal must look at; the others are plain text (the fast path). */
const IN_STRING = new Uint8Array(128);
for (const c of "\"'\\&\r\n") IN_STRING[c.charCodeAt(0)] = 1;
/** The same for the literal text of an interpolated string, where braces matter too. */
const IN_TEXT = new Uint8Array(128);
for (const c of '"\\&\r\n{}') IN_TEXT[c.charCodeAt(0)] = 1;

const NOTHING: readonly never[] = Object.freeze([]);

/** ASCII characters that continue a name (letters, digits, `_`): the identifier loop's one test. */
const NAME_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isIdentPart(c)) NAME_PART[c] = 1;

/**
 * The keywords by first letter and length (all are lowercase ASCII, 2 to 10 letters): a name is compared with the
 * few of its bucket in place, instead of slicing it and hashing the new string for a Set lookup (that hash was
 * most of lexIdentifier's time).
 */
const KEYWORD_MAX = 10;
const KEYWORD_BUCKETS: string[][] = Array.from({ length: 26 * (KEYWORD_MAX + 1) }, () => []);
for (const k of KEYWORDS) (KEYWORD_BUCKETS[(k.charCodeAt(0) - 97) * (KEYWORD_MAX + 1) + k.length] as string[]).push(k);

/** The keyword written in the original text [from, to) (no references in it), or undefined. */
function keywordAt(text: string, from: number, to: number): string | undefined {
  const len = to - from;
  const first = text.charCodeAt(from) - 97;
  if (len < 2 || len > KEYWORD_MAX || first < 0 || first > 25) return undefined;
  const bucket = KEYWORD_BUCKETS[first * (KEYWORD_MAX + 1) + len] as string[];
  const second = text.charCodeAt(from + 1);
  for (let i = 0; i < bucket.length; i++) {
    const k = bucket[i] as string;
    // The second letter rules most out without a call (`context` is not `checked`).
    if (k.charCodeAt(1) === second && text.startsWith(k, from)) return k;
  }
  return undefined;
}

export interface LexerOptions {
  /**
   * Compute token values (names, decoded literals, number types), recognise keywords, keep comments and report
   * diagnostics. Off for balancing, which only needs the brackets: then no strings are made, and the tokens that
   * cannot change the bracket stack are skipped, not returned.
   */
  values: boolean;
}

export class Lexer extends CodeReader {
  // ---- the current token (set by next()) ----
  kind: TokenKind = "eof";
  tokenStart = 0;
  tokenEnd = 0;
  value = "";
  flags = 0;
  numberType: NumberType | undefined = undefined;
  /** For a closing bracket: the index of the token it closes (-1: none, or the outer delimiter). */
  popped = -1;
  /** Index of the current token among the tokens returned so far. */
  index = -1;

  /** True once the outer delimiter (balancing) is closed. */
  closed = false;
  /** The end was reached (and what is open there reported). */
  private ended = false;
  /**
   * Empty and frozen when balancing (nothing is reported then): one array less per scan. Not readonly: reset
   * hands a used one over to its scan and starts a new one.
   */
  diagnostics: CsDiagnostic[];
  comments: Comment[];
  /** String or char literals cut short by a line end (C# ends them there; so does the lexer). Read-only. */
  cutLiterals: { at: number; what: string }[] = NOTHING as unknown as { at: number; what: string }[];
  /** Closing brackets of another kind than the bracket they close. Read-only. */
  mismatches: BracketMismatch[] = NOTHING as unknown as BracketMismatch[];
  /** The last string, char or comment left open or cut short (the innermost open construct, for the pre-pass). */
  openString = -1;
  openWhat = "";
  openEndsLine = false;

  /** Read position. */
  p: number;
  /** Inside the literal text of an interpolated string (between tokens of its holes). */
  private inText = false;
  private textVerbatim = false;
  /** Offset of the `$` of the interpolated string whose text is being read. */
  private textOpen = -1;
  /**
   * The open brackets, FRAME numbers each (one array, not four: a lexer is made per expression scanned): the
   * character code (or HOLE/HOLE_VERBATIM), its offset, its token index (-1 for the outer delimiter), and for a
   * hole the offset of its string's `$`.
   */
  private readonly frames: number[] = [];
  /** Whether the bottom frame is the expression's own delimiter (balancing). */
  private outer = false;
  private readonly values: boolean;
  /** End offset of the last escape sequence read by escape(). */
  private escEnd = 0;
  /** Decoded text of the current literal (values mode). */
  private buf = "";
  /** hasLineBreak's scan: how far it has read, and the last line break it met (-1: none). */
  private breakScan = 0;
  private lastBreak = -1;
  /** How many holes of non-verbatim interpolated strings are open (hasLineBreak's callers). */
  private openHoles = 0;

  constructor(text: string, start: number, limit: number, options: LexerOptions = { values: true }) {
    super(text, start, Math.min(limit, text.length));
    this.p = start;
    this.breakScan = start;
    this.values = options.values;
    this.diagnostics = options.values ? [] : (NOTHING as unknown as CsDiagnostic[]);
    this.comments = options.values ? [] : (NOTHING as unknown as Comment[]);
  }

  /**
   * Starts over on [start, limit) of `text`: the pre-pass scans thousands of expressions per document, and one
   * lexer for all of them (and one for all parses) saves making one each. Arrays handed out (diagnostics,
   * comments, cutLiterals, mismatches) stay with their scan; an empty one is kept.
   */
  reset(text: string, start: number, limit: number): void {
    this.text = text;
    this.start = start;
    this.limit = Math.min(limit, text.length);
    this.len = 1;
    this.kind = "eof";
    this.tokenStart = start;
    this.tokenEnd = start;
    this.value = "";
    this.flags = 0;
    this.numberType = undefined;
    this.popped = -1;
    this.index = -1;
    this.closed = false;
    this.ended = false;
    if (this.diagnostics.length > 0) this.diagnostics = [];
    if (this.comments.length > 0) this.comments = [];
    this.cutLiterals = NOTHING as unknown as { at: number; what: string }[];
    this.mismatches = NOTHING as unknown as BracketMismatch[];
    this.openString = -1;
    this.openWhat = "";
    this.openEndsLine = false;
    this.p = start;
    this.inText = false;
    this.textVerbatim = false;
    this.textOpen = -1;
    // Setting `length` costs even on an empty array, and a scan that closed leaves it empty.
    if (this.frames.length > 0) this.frames.length = 0;
    this.outer = false;
    this.escEnd = 0;
    this.buf = "";
    this.breakScan = start;
    this.lastBreak = -1;
    this.openHoles = 0;
  }

  /** Puts the expression's open delimiter (at `at`) on the stack: the lexer then reports when it closes. */
  pushOuter(code: number, at: number): void {
    this.frames.push(code, at, -1, -1);
    this.outer = true;
  }

  /** How many brackets (and holes) are open. */
  get depth(): number {
    return this.frames.length / FRAME;
  }

  /** The character code of open bracket i (0 is the outermost), or HOLE (< 0) for an interpolation hole. */
  openCode(i: number): number {
    return this.frames[i * FRAME] as number;
  }

  /** The offset of open bracket i. */
  openOffset(i: number): number {
    return this.frames[i * FRAME + 1] as number;
  }

  /** Reads the next token into the fields above and returns its kind. At the limit: "eof", again and again. */
  next(): TokenKind {
    this.flags = 0;
    this.popped = -1;
    if (!this.values) return this.nextSignificant();
    this.value = "";
    this.numberType = undefined;
    for (;;) {
      if (this.inText) {
        const k = this.lexText();
        if (k !== undefined) return k;
        continue;
      }
      const text = this.text;
      const limit = this.limit;
      // Blanks between tokens are mostly single spaces, or none: those are skipped here, and skipTrivia (a call)
      // only runs where other trivia can start (a line end or tab, a control character, `/`, a reference,
      // non-ASCII).
      let p = this.p;
      while (p < limit && text.charCodeAt(p) === 32) p++;
      const c0 = text.charCodeAt(p);
      if (c0 < 32 || c0 === 47 || c0 === 38 || c0 > 0x7f) {
        this.p = p;
        this.skipTrivia();
        p = this.p;
      }
      if (p >= limit) {
        this.p = p;
        return this.atEnd();
      }
      let c = text.charCodeAt(p);
      let l = 1;
      if (c === 38) {
        c = this.char(p);
        l = this.len;
      }
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return this.lexIdentifier(p, p, 0);
      if (c >= 48 && c <= 57) return this.lexNumber(p);
      switch (c) {
        case 40: // (
          return this.open("(", 40, p, l);
        case 91: // [
          return this.open("[", 91, p, l);
        case LBRACE:
          return this.lexBrace(p, l);
        case 41: // )
        case 93: // ]
        case RBRACE:
          return this.close(c, p, l);
        case DQUOTE:
          return this.lexQuote(p, l);
        case SQUOTE:
          return this.lexString(p, p + l, SQUOTE);
        case 64: // @
        case 36: {
          // $
          const k = this.lexSigils(p);
          if (k !== undefined) return k;
          continue;
        }
        case 46: {
          // .
          const d = this.char(p + l);
          if (d >= 48 && d <= 57) return this.lexNumber(p);
          if (d === 46) return this.emit("..", p, p + l + this.len);
          return this.emit(".", p, p + l);
        }
        case 63: {
          // ?
          const d = this.char(p + l);
          const l2 = this.len;
          if (d === 63) {
            if (this.char(p + l + l2) === 61) return this.emit("??=", p, p + l + l2 + this.len);
            return this.emit("??", p, p + l + l2);
          }
          if (d === 46) {
            const e = this.char(p + l + l2);
            // `a ? .5 : b` is a conditional, not `?.`
            if (!(e >= 48 && e <= 57)) return this.emit("?.", p, p + l + l2);
          }
          if (d === 91) return this.open("?[", 91, p, l + l2, p + l);
          return this.emit("?", p, p + l);
        }
        case 58: {
          // :
          const d = this.char(p + l);
          if (d === 58) return this.emit("::", p, p + l + this.len);
          const f = this.frames;
          if (f.length > 0 && (f[f.length - FRAME] as number) < 0) return this.lexFormat(p, l);
          return this.emit(":", p, p + l);
        }
        case 59:
          return this.emit(";", p, p + l);
        case 44:
          return this.emit(",", p, p + l);
        case 126:
          return this.emit("~", p, p + l);
        case 61: {
          // =
          const d = this.char(p + l);
          if (d === 61) return this.emit("==", p, p + l + this.len);
          if (d === 62) return this.emit("=>", p, p + l + this.len);
          return this.emit("=", p, p + l);
        }
        case 33: {
          // !
          if (this.char(p + l) === 61) return this.emit("!=", p, p + l + this.len);
          return this.emit("!", p, p + l);
        }
        case 60: {
          // <
          const d = this.char(p + l);
          const l2 = this.len;
          if (d === 60) {
            if (this.char(p + l + l2) === 61) return this.emit("<<=", p, p + l + l2 + this.len);
            return this.emit("<<", p, p + l + l2);
          }
          if (d === 61) return this.emit("<=", p, p + l + l2);
          return this.emit("<", p, p + l);
        }
        case 62: {
          // >
          if (this.char(p + l) === 61) return this.emit(">=", p, p + l + this.len);
          return this.emit(">", p, p + l);
        }
        case 43:
          return this.operator(p, l, "+", "++", "+=", 43);
        case 45: {
          // -
          if (this.char(p + l) === 62) return this.emit("->", p, p + l + this.len);
          return this.operator(p, l, "-", "--", "-=", 45);
        }
        case 42:
          return this.operator(p, l, "*", undefined, "*=", 42);
        case 47:
          return this.operator(p, l, "/", undefined, "/=", 47);
        case 37:
          return this.operator(p, l, "%", undefined, "%=", 37);
        case 38:
          return this.operator(p, l, "&", "&&", "&=", 38);
        case 124:
          return this.operator(p, l, "|", "||", "|=", 124);
        case 94:
          return this.operator(p, l, "^", undefined, "^=", 94);
        case BACKSLASH:
          // A name may start with a \uXXXX or \UXXXXXXXX escape (C# spec, Unicode character escape sequences).
          if (isIdentStart(this.identifierEscape(p))) return this.lexIdentifier(p, p, 0);
          this.error("CS1056", "Unexpected character '\\'", p, p + l);
          this.p = p + l;
          break;
        default:
          if (c > 0x7f && !isUnicodeSpace(c)) return this.lexIdentifier(p, p, 0);
          this.error("CS1056", `Unexpected character '${String.fromCodePoint(c)}'`, p, p + l);
          this.p = p + l;
      }
    }
  }

  /**
   * next() for balancing: the same token rules, dispatched on the significant characters only (see SIGNIFICANT);
   * everything else is skipped without making a token.
   */
  private nextSignificant(): TokenKind {
    const text = this.text;
    const limit = this.limit;
    for (;;) {
      if (this.inText) {
        const k = this.lexText();
        if (k !== undefined) return k;
        continue;
      }
      let p = this.p;
      while (p < limit) {
        const c = text.charCodeAt(p);
        if (c < 128 && SIGNIFICANT[c] === 1) break;
        p++;
      }
      this.p = p;
      if (p >= limit) return this.atEnd();
      let c = text.charCodeAt(p);
      let l = 1;
      if (c === 38) {
        c = this.char(p);
        l = this.len;
      }
      switch (c) {
        case 40:
          return this.open("(", 40, p, l);
        case 91:
          return this.open("[", 91, p, l);
        case LBRACE:
          return this.lexBrace(p, l);
        case 41:
        case 93:
        case RBRACE:
          return this.close(c, p, l);
        case DQUOTE:
          return this.lexQuote(p, l);
        case SQUOTE:
          return this.lexString(p, p + l, SQUOTE);
        case 64:
        case 36: {
          const k = this.lexSigils(p);
          // `@name` is a name: nothing to the brackets.
          if (k !== undefined && k !== "identifier") return k;
          continue;
        }
        case 47: {
          // A comment, or a division (nothing to the brackets).
          const d = this.char(p + l);
          if (d === 47 || d === 42) this.skipTrivia();
          else this.p = p + l;
          continue;
        }
        case 58: {
          const d = this.char(p + l);
          if (d === 58) this.p = p + l + this.len;
          else {
            const f = this.frames;
            if (f.length > 0 && (f[f.length - FRAME] as number) < 0) return this.lexFormat(p, l);
            this.p = p + l;
          }
          continue;
        }
        default:
          // A blank or an operator written as a reference (`&lt;`), a bare `&`.
          this.p = p + l;
      }
    }
  }

  // ---- helpers ----

  /** `{`, or a `{{name}}` named value. */
  private lexBrace(p: number, l: number): TokenKind {
    const text = this.text;
    if (text.charCodeAt(p + 1) === LBRACE) {
      NAMED_VALUE_AT.lastIndex = p;
      const m = NAMED_VALUE_AT.exec(text);
      if (m !== null && p + m[0].length <= this.limit) {
        if (this.values) this.value = m[1] as string;
        return this.emit("named-value", p, p + m[0].length);
      }
    }
    return this.open("{", LBRACE, p, l);
  }

  /** `"`: a regular string, `""`, or a raw string (three quotes or more). */
  private lexQuote(p: number, l: number): TokenKind {
    let q = p + l;
    let n = 1;
    while (this.char(q) === DQUOTE) {
      n++;
      q += this.len;
    }
    if (n >= 3) return this.lexRaw(p, q, n, false);
    if (n === 2) return this.emit("string-literal", p, q); // ""
    return this.lexString(p, p + l, DQUOTE);
  }

  private emit(kind: TokenKind, start: number, end: number): TokenKind {
    this.kind = kind;
    this.tokenStart = start;
    this.tokenEnd = end;
    this.p = end;
    this.index++;
    return kind;
  }

  /** `op`, `op op` (double, e.g. `++`) or `op=`. */
  private operator(
    p: number,
    l: number,
    single: TokenKind,
    double: TokenKind | undefined,
    assign: TokenKind,
    c: number,
  ) {
    const d = this.char(p + l);
    if (d === 61) return this.emit(assign, p, p + l + this.len);
    if (double !== undefined && d === c) return this.emit(double, p, p + l + this.len);
    return this.emit(single, p, p + l);
  }

  /** An opening bracket token [p, p + l); the bracket itself is at `at` (the `[` of `?[`). */
  private open(kind: TokenKind, code: number, p: number, l: number, at = p): TokenKind {
    this.emit(kind, p, p + l);
    this.frames.push(code, at, this.index, -1);
    return kind;
  }

  private close(c: number, p: number, l: number): TokenKind {
    const plain: TokenKind = c === 41 ? ")" : c === 93 ? "]" : "}";
    const frames = this.frames;
    const n = frames.length - FRAME;
    if (n < 0) return this.emit(plain, p, p + l);
    // Popped one by one: shrinking an array through `length` is much slower in V8.
    const holeString = frames.pop() as number;
    const openToken = frames.pop() as number;
    const openedAt = frames.pop() as number;
    const top = frames.pop() as number;
    const expected = top === 40 ? 41 : top === 91 ? 93 : RBRACE;
    let flags = 0;
    if (c !== expected) {
      // Still counted as closing it (balancing goes on), but C# will not compile this.
      flags = TokenFlags.MISMATCH;
      if (this.mismatches.length === 0) this.mismatches = [];
      this.mismatches.push({
        at: p,
        found: String.fromCharCode(c),
        expected: String.fromCharCode(expected),
        openedAt,
      });
    }
    if (n === 0 && this.outer) this.closed = true;
    let kind: TokenKind = plain;
    if (top < 0) {
      kind = "hole-close";
      if (top === HOLE) this.openHoles--;
      if (flags !== 0) this.error("CS1513", "} expected", p, p + l);
      if (top === HOLE && this.values && this.hasLineBreak(openedAt, p)) {
        this.newer("a line break inside a hole of a non-verbatim interpolated string", 11, openedAt, p + l);
      }
      this.inText = true;
      this.textVerbatim = top === HOLE_VERBATIM;
      this.textOpen = holeString;
    }
    this.emit(kind, p, p + l);
    this.flags = flags;
    this.popped = openToken;
    return kind;
  }

  /**
   * Is there a line break in the original text [from, to)? Holes close in text order, so `to` never decreases:
   * the scan goes on from where the last call left it, and the last break before `to` answers (linear, and
   * nothing read past the hole).
   */
  private hasLineBreak(from: number, to: number): boolean {
    const text = this.text;
    let last = this.lastBreak;
    // With no other hole open, no later call asks about text before this hole: the scan can start at it
    // (scanning all the code before every hole was a measurable part of lexing).
    const skip = this.openHoles === 0 && from > this.breakScan;
    for (let p = skip ? from : this.breakScan; p < to; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) last = p;
    }
    if (to > this.breakScan) this.breakScan = to;
    this.lastBreak = last;
    return last >= from && last < to;
  }

  /** The end of the code: reports what is still open inside an interpolated string (brackets are the parser's). */
  private atEnd(): TokenKind {
    if (this.ended) return this.emit("eof", this.limit, this.limit);
    this.ended = true;
    for (let i = this.depth - 1; i >= 0; i--) {
      if (this.openCode(i) < 0) {
        const at = this.openOffset(i);
        this.error("CS8076", "Missing close delimiter '}' for interpolated expression started with '{'", at, at + 1);
        break;
      }
    }
    return this.emit("eof", this.limit, this.limit);
  }

  private error(code: string, message: string, start: number, end: number): void {
    if (!this.values || this.diagnostics.length >= MAX_LEXER_DIAGNOSTICS) return;
    this.diagnostics.push({ code, message, severity: "error", start, end });
  }

  private newer(feature: string, version: number, start: number, end: number): void {
    if (!this.values || this.diagnostics.length >= MAX_LEXER_DIAGNOSTICS) return;
    this.diagnostics.push(newerSyntax(feature, version, start, end));
  }

  /** Skips blanks and comments from this.p. */
  private skipTrivia(): void {
    const text = this.text;
    const limit = this.limit;
    let p = this.p;
    for (;;) {
      if (p >= limit) break;
      let c = text.charCodeAt(p);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        p++;
        continue;
      }
      let l = 1;
      if (c === 38) {
        c = this.char(p);
        l = this.len;
      }
      if (c === 32 || c === 10 || c === 9 || c === 13 || c === 11 || c === 12 || (c > 0x7f && isUnicodeSpace(c))) {
        p += l;
        continue;
      }
      if (c !== 47) break;
      const d = this.char(p + l);
      if (d === 47) {
        const start = p;
        p += l + this.len;
        while (p < limit) {
          const e = text.charCodeAt(p);
          if (e === 10 || e === 13) break;
          if (e === 38) {
            const f = this.char(p);
            if (f === 10 || f === 13) break;
            p += this.len;
          } else p++;
        }
        if (this.values) this.comments.push({ start, end: p, block: false });
      } else if (d === 42) {
        const start = p;
        p += l + this.len;
        let closed = false;
        while (p < limit) {
          const e = this.char(p);
          p += this.len;
          if (e === 42 && this.char(p) === 47) {
            p += this.len;
            closed = true;
            break;
          }
        }
        if (!closed) {
          this.openString = start;
          this.openWhat = "comment";
          this.openEndsLine = false;
          this.error("CS1035", "End-of-file found, '*/' expected", start, start + 2);
        }
        if (this.values) this.comments.push({ start, end: p, block: true });
      } else break;
    }
    this.p = p;
  }

  /** An identifier or keyword from `from` (the name starts at `nameFrom`; `@ident` has flags VERBATIM). */
  private lexIdentifier(from: number, nameFrom: number, flags: number): TokenKind {
    const text = this.text;
    const limit = this.limit;
    let p = nameFrom;
    let plain = true;
    let escaped = false;
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c < 128 && NAME_PART[c] === 1) {
        p++;
        continue;
      }
      if (c === 38 || c > 0x7f || c === BACKSLASH) {
        const d = this.char(p);
        if (d === BACKSLASH) {
          if (!isIdentPart(this.identifierEscape(p))) break;
          escaped = true;
          p = this.escEnd;
          continue;
        }
        if (isIdentPart(d)) {
          if (this.len !== 1) plain = false;
          p += this.len;
          continue;
        }
      }
      break;
    }
    let kind: TokenKind = "identifier";
    // A name spelt with an escape is never a keyword, contextual ones included (escapes do not form keywords).
    if (escaped) flags |= TokenFlags.ESCAPED;
    if (this.values) {
      if (escaped) this.value = this.decodeName(nameFrom, p);
      else if (!plain) {
        const name = this.decode(nameFrom, p);
        this.value = name;
        if (flags === 0 && KEYWORD_SET.has(name)) kind = name as TokenKind;
      } else {
        // A keyword's value is the keyword's own string: no copy of it is made.
        const keyword = flags === 0 ? keywordAt(text, nameFrom, p) : undefined;
        if (keyword !== undefined) kind = keyword as TokenKind;
        this.value = keyword ?? text.slice(nameFrom, p);
      }
    }
    this.emit(kind, from, p);
    this.flags = flags;
    return kind;
  }

  /**
   * The character a `\uXXXX` or `\UXXXXXXXX` escape at p (a backslash, perhaps written `&#92;`) stands for, with
   * escEnd after it; -1 when there is none. `\x` escapes only strings and chars, never names.
   */
  private identifierEscape(p: number): number {
    if (this.char(p) !== BACKSLASH) return -1;
    const q = p + this.len;
    const u = this.char(q);
    if (u !== 117 && u !== 85) return -1;
    return this.escape(q);
  }

  /** The name in [from, to) with its escapes (and references) decoded: `\u0052equest` is `Request`. */
  private decodeName(from: number, to: number): string {
    let out = "";
    let p = from;
    while (p < to) {
      const e = this.identifierEscape(p);
      if (e >= 0) {
        out += String.fromCodePoint(e);
        p = this.escEnd;
      } else {
        out += String.fromCodePoint(this.char(p));
        p += this.len;
      }
    }
    return out;
  }

  private lexNumber(p: number): TokenKind {
    let q = p;
    let c = this.char(q);
    const l0 = this.len;
    let radix = 10;
    let real = false;
    let digits = 0;
    if (c === 48) {
      const d = this.char(q + l0);
      if (d === 120 || d === 88) radix = 16;
      else if (d === 98 || d === 66) radix = 2;
      if (radix !== 10) {
        q += l0 + this.len;
        c = this.char(q);
      } else c = this.char(q);
    }
    const digitStart = q;
    for (;;) {
      if (isDigitOf(c, radix)) digits++;
      else if (c !== 95) break;
      q += this.len;
      c = this.char(q);
    }
    if (radix === 10) {
      if (c === 46) {
        const afterDot = q + this.len;
        const d = this.char(afterDot);
        if (d >= 48 && d <= 57) {
          real = true;
          q = afterDot;
          c = d;
          while ((c >= 48 && c <= 57) || c === 95) {
            q += this.len;
            c = this.char(q);
          }
        } else c = this.char(q);
      }
      if (c === 101 || c === 69) {
        let e = q + this.len;
        let d = this.char(e);
        if (d === 43 || d === 45) {
          e += this.len;
          d = this.char(e);
        }
        if (d >= 48 && d <= 57) {
          real = true;
          q = e;
          c = d;
          while ((c >= 48 && c <= 57) || c === 95) {
            q += this.len;
            c = this.char(q);
          }
        } else c = this.char(q);
      }
    }
    const numberEnd = q;
    // Suffix: u, l, ul, lu (any case) for integers; f, d, m for decimal forms.
    let type: NumberType | undefined;
    let unsigned = false;
    let long = false;
    if (c === 117 || c === 85) {
      unsigned = true;
      q += this.len;
      c = this.char(q);
      if (c === 108 || c === 76) {
        long = true;
        q += this.len;
      }
    } else if (c === 108 || c === 76) {
      long = true;
      q += this.len;
      c = this.char(q);
      if (c === 117 || c === 85) {
        unsigned = true;
        q += this.len;
      }
    } else if (radix === 10 && (c === 102 || c === 70)) {
      type = "float";
      q += this.len;
    } else if (radix === 10 && (c === 100 || c === 68)) {
      type = "double";
      q += this.len;
    } else if (radix === 10 && (c === 109 || c === 77)) {
      type = "decimal";
      q += this.len;
    }
    this.emit("number", p, q);
    if (!this.values) return "number";
    const written = this.decode(p, numberEnd);
    this.value = written;
    if (digits === 0 && !real) {
      this.error("CS1013", "Invalid number", p, q);
      this.numberType = "int";
      return "number";
    }
    if (type === undefined && real) {
      if (unsigned || long) this.error("CS1013", "Invalid number", p, q);
      type = "double";
    }
    if (type === undefined) {
      type = integerType(this.decode(digitStart, numberEnd).replace(/_/g, ""), radix, unsigned, long);
      if (type === undefined) {
        this.error("CS1021", "Integral constant is too large", p, q);
        type = "ulong";
      }
    }
    this.numberType = type;
    return "number";
  }

  /**
   * An escape sequence whose backslash ends just before q: the decoded code point, or -1 when it is not a valid
   * escape. Sets escEnd to the offset after it (a line end is never part of it).
   */
  private escape(q: number): number {
    const c = this.char(q);
    if (c === -1 || c === LF) {
      this.escEnd = q;
      return -1;
    }
    let e = q + this.len;
    this.escEnd = e;
    switch (c) {
      case 110:
        return 10; // n
      case 114:
        return 13; // r
      case 116:
        return 9; // t
      case 48:
        return 0;
      case 92:
        return 92;
      case 34:
        return 34;
      case 39:
        return 39;
      case 97:
        return 7; // a
      case 98:
        return 8; // b
      case 102:
        return 12; // f
      case 118:
        return 11; // v
      case 120: // x: 1 to 4 hex digits
      case 117: // u: exactly 4
      case 85: {
        // U: exactly 8
        const max = c === 85 ? 8 : 4;
        let n = 0;
        let v = 0;
        while (n < max) {
          const d = this.char(e);
          const h = hexValue(d);
          if (h < 0) break;
          v = v * 16 + h;
          n++;
          e += this.len;
        }
        this.escEnd = e;
        if (n === 0 || (c !== 120 && n !== max) || v > 0x10ffff) return -1;
        return v;
      }
      default:
        return -1;
    }
  }

  /** A regular "string" or 'c' char literal from the quote at s; q is just after it. */
  private lexString(s: number, from: number, quote: number): TokenKind {
    const text = this.text;
    const values = this.values;
    let q = from;
    let seg = from;
    let units = 0;
    this.buf = "";
    const what = quote === DQUOTE ? "string" : "char literal";
    const limit = this.limit;
    for (;;) {
      if (q >= limit) {
        this.flush(seg, q);
        this.unterminated(s, q, what, false);
        return this.literal(quote, s, q, units, TokenFlags.UNTERMINATED);
      }
      let c = text.charCodeAt(q);
      if (c >= 128 || IN_STRING[c] === 0) {
        q++;
        units++;
        continue;
      }
      let l = 1;
      if (c === 38 || c === 13) {
        c = this.char(q);
        l = this.len;
      }
      if (c === quote) {
        this.flush(seg, q);
        return this.literal(quote, s, q + l, units, 0);
      }
      if (c === LF) {
        this.flush(seg, q);
        if (this.cutLiterals.length === 0) this.cutLiterals = [];
        this.cutLiterals.push({ at: s, what });
        this.unterminated(s, q, what, true);
        return this.literal(quote, s, q, units, TokenFlags.UNTERMINATED);
      }
      if (c === BACKSLASH) {
        const v = this.escape(q + l);
        if (values) {
          this.flush(seg, q);
          if (v < 0) {
            this.error("CS1009", "Unrecognized escape sequence", q, this.escEnd);
            this.buf += this.decode(q, this.escEnd);
          } else this.buf += String.fromCodePoint(v);
        }
        units += v > 0xffff ? 2 : 1;
        q = this.escEnd;
        seg = q;
        continue;
      }
      if (l !== 1 || c !== text.charCodeAt(q)) {
        if (values) {
          this.flush(seg, q);
          this.buf += String.fromCodePoint(c);
        }
        seg = q + l;
      }
      units += c > 0xffff ? 2 : 1;
      q += l;
    }
  }

  /** Appends the original text [seg, q) (no references or line ends in it) to the literal's value. */
  private flush(seg: number, q: number): void {
    if (this.values && q > seg) this.buf += this.text.slice(seg, q);
  }

  private literal(quote: number, s: number, e: number, units: number, flags: number): TokenKind {
    const kind: TokenKind = quote === DQUOTE ? "string-literal" : "char-literal";
    this.emit(kind, s, e);
    this.flags = flags;
    if (!this.values) return kind;
    this.value = this.buf;
    if (kind === "char-literal" && flags === 0) {
      if (units === 0) this.error("CS1011", "Empty character literal", s, e);
      else if (units > 1) this.error("CS1012", "Too many characters in character literal", s, e);
    }
    return kind;
  }

  private unterminated(s: number, q: number, what: string, atLineEnd: boolean): void {
    this.openString = s;
    this.openWhat = what;
    this.openEndsLine = atLineEnd;
    if (what === "verbatim string") this.error("CS1039", "Unterminated string literal", s, q);
    else if (what === "raw string") this.error("CS8997", "Unterminated raw string literal", s, q);
    else this.error("CS1010", "Newline in constant", s, q);
  }

  /** A verbatim @"string": `""` is a quote, line ends are allowed. q is just after the opening quote. */
  private lexVerbatim(s: number, from: number): TokenKind {
    const text = this.text;
    let q = from;
    let seg = from;
    this.buf = "";
    for (;;) {
      if (q >= this.limit) {
        this.flush(seg, q);
        this.unterminated(s, q, "verbatim string", false);
        this.emit("string-literal", s, q);
        this.flags = TokenFlags.VERBATIM | TokenFlags.UNTERMINATED;
        this.value = this.buf;
        return "string-literal";
      }
      let c = text.charCodeAt(q);
      if (c >= 128 || (c !== DQUOTE && c !== 38 && c !== 13)) {
        q++;
        continue;
      }
      let l = 1;
      if (c === 38 || c === 13) {
        c = this.char(q);
        l = this.len;
      }
      if (c === DQUOTE) {
        if (this.char(q + l) === DQUOTE) {
          this.flush(seg, q);
          if (this.values) this.buf += '"';
          q += l + this.len;
          seg = q;
          continue;
        }
        this.flush(seg, q);
        this.emit("string-literal", s, q + l);
        this.flags = TokenFlags.VERBATIM;
        this.value = this.buf;
        return "string-literal";
      }
      if (l !== 1 || c !== text.charCodeAt(q)) {
        this.flush(seg, q);
        if (this.values) this.buf += String.fromCodePoint(c);
        seg = q + l;
      }
      q += l;
    }
  }

  /** A raw string (C# 11) whose opening run of n quotes ends just before `from`. */
  private lexRaw(s: number, from: number, n: number, interpolated: boolean): TokenKind {
    let q = from;
    let run = 0;
    let runStart = from;
    let end = -1;
    while (q < this.limit) {
      const c = this.char(q);
      if (c === DQUOTE && run === 0) runStart = q;
      q += this.len;
      if (c === DQUOTE) {
        run++;
        if (run >= n && this.char(q) !== DQUOTE) {
          end = q;
          break;
        }
      } else run = 0;
    }
    const flags = TokenFlags.RAW | (interpolated ? TokenFlags.INTERPOLATED : 0);
    if (end === -1) {
      this.unterminated(s, q, "raw string", false);
      this.emit("string-literal", s, q);
      this.flags = flags | TokenFlags.UNTERMINATED;
      if (this.values) this.value = this.decode(from, q);
      return "string-literal";
    }
    this.emit("string-literal", s, end);
    this.flags = flags;
    if (this.values) {
      this.value = rawValue(this.decode(from, runStart));
      this.newer(interpolated ? "an interpolated raw string literal" : "a raw string literal", 11, s, end);
    }
    return "string-literal";
  }

  /**
   * `@"`, `$"`, `$@"`, `@$"`, `$"""`, `@ident`, from the sigil at p; undefined (after reporting) when the sigils
   * start nothing.
   */
  private lexSigils(p: number): TokenKind | undefined {
    const first = this.char(p);
    let q = p;
    let ats = 0;
    let dollars = 0;
    let c = first;
    while (c === 64 || c === 36) {
      if (c === 64) ats++;
      else dollars++;
      q += this.len;
      c = this.char(q);
    }
    if (c === DQUOTE) {
      const quoteAt = q;
      const quoteLen = this.len;
      let r = q + quoteLen;
      let n = 1;
      while (this.char(r) === DQUOTE) {
        n++;
        r += this.len;
      }
      if (n >= 3 && ats === 0) return this.lexRaw(p, r, n, dollars > 0);
      if (ats > 1 || dollars > 1) this.error("CS1056", `Unexpected character '${first === 64 ? "@" : "$"}'`, p, q);
      if (dollars === 0) return this.lexVerbatim(p, quoteAt + quoteLen);
      this.emit("interp-open", p, quoteAt + quoteLen);
      this.flags = ats > 0 ? TokenFlags.VERBATIM : 0;
      if (first === 64) this.newer('an interpolated verbatim string written @$"..."', 8, p, quoteAt + quoteLen);
      this.inText = true;
      this.textVerbatim = ats > 0;
      this.textOpen = p;
      return "interp-open";
    }
    if (first === 64 && ats === 1 && dollars === 0 && (isIdentStart(c) || isIdentStart(this.identifierEscape(q)))) {
      return this.lexIdentifier(p, q, TokenFlags.VERBATIM);
    }
    if (first === 64) this.error("CS1646", "Keyword, identifier, or string expected after verbatim specifier: @", p, q);
    else this.error("CS1056", "Unexpected character '$'", p, q);
    this.p = q;
    return undefined;
  }

  /** `:format` at the top of a hole, up to the `}` that closes it. */
  private lexFormat(p: number, l: number): TokenKind {
    let q = p + l;
    for (;;) {
      const c = this.char(q);
      if (c === -1 || c === RBRACE) break;
      q += this.len;
    }
    if (this.values) {
      this.value = this.decode(p + l, q);
      if (this.value === "") this.error("CS8089", "Empty format specifier.", p, q);
    }
    return this.emit("format", p, q);
  }

  /**
   * The literal text of an interpolated string from this.p: an interp-text token, or the `{` of a hole, or the
   * closing quote. Undefined when the string ends without a token (cut at a line end, or at the limit): then the
   * lexer goes on reading code.
   */
  private lexText(): TokenKind | undefined {
    const text = this.text;
    const verbatim = this.textVerbatim;
    const values = this.values;
    const s = this.p;
    let q = s;
    let seg = s;
    this.buf = "";
    for (;;) {
      if (q >= this.limit) break;
      let c = text.charCodeAt(q);
      if (c >= 128 || IN_TEXT[c] === 0) {
        q++;
        continue;
      }
      let l = 1;
      if (c === 38 || c === 13) {
        c = this.char(q);
        l = this.len;
      }
      if (c === DQUOTE) {
        if (verbatim && this.char(q + l) === DQUOTE) {
          this.flush(seg, q);
          if (values) this.buf += '"';
          q += l + this.len;
          seg = q;
          continue;
        }
        break;
      }
      if (c === LBRACE || c === RBRACE) {
        const d = this.char(q + l);
        if (d === c) {
          // `{{` / `}}`: one brace of text.
          this.flush(seg, q);
          if (values) this.buf += c === LBRACE ? "{" : "}";
          q += l + this.len;
          seg = q;
          continue;
        }
        if (c === LBRACE) break;
        this.error("CS8086", "A '}' character must be escaped (by doubling) in an interpolated string.", q, q + l);
      } else if (c === LF && !verbatim) break;
      else if (c === BACKSLASH && !verbatim) {
        const v = this.escape(q + l);
        if (values) {
          this.flush(seg, q);
          if (v < 0) {
            this.error("CS1009", "Unrecognized escape sequence", q, this.escEnd);
            this.buf += this.decode(q, this.escEnd);
          } else this.buf += String.fromCodePoint(v);
        }
        q = this.escEnd;
        seg = q;
        continue;
      }
      if (l !== 1 || c !== text.charCodeAt(q)) {
        this.flush(seg, q);
        if (values) this.buf += String.fromCodePoint(c);
        seg = q + l;
      }
      q += l;
    }
    // (Balancing has no use for the text: it goes straight on to what ends it.)
    if (q > s && this.values) {
      this.flush(seg, q);
      this.emit("interp-text", s, q);
      this.value = this.buf;
      return "interp-text";
    }
    this.p = q;
    this.inText = false;
    if (q >= this.limit) {
      this.unterminated(this.textOpen, q, verbatim ? "verbatim string" : "interpolated string", false);
      this.openWhat = "interpolated string";
      return undefined;
    }
    const c = this.char(q);
    const l = this.len;
    if (c === DQUOTE) return this.emit("interp-close", q, q + l);
    if (c === LBRACE) {
      this.emit("hole-open", q, q + l);
      this.frames.push(verbatim ? HOLE_VERBATIM : HOLE, q, this.index, this.textOpen);
      if (!verbatim) this.openHoles++;
      return "hole-open";
    }
    // A line end: C# ends the string here ("newline in constant"), and so does the lexer.
    if (this.cutLiterals.length === 0) this.cutLiterals = [];
    this.cutLiterals.push({ at: this.textOpen, what: "interpolated string" });
    this.unterminated(this.textOpen, q, "interpolated string", true);
    this.p = q;
    return undefined;
  }
}

/** The tokens of [start, limit) of `text` (ending with an eof token), with comments and lexer diagnostics. */
export interface Tokenized {
  tokens: Token[];
  comments: Comment[];
  diagnostics: CsDiagnostic[];
  mismatches: BracketMismatch[];
}

/**
 * Tokenizes the original text [start, limit): for a policy expression, start is the first code character (the
 * `@` + 2) and limit the offset of its closing delimiter. Tokens pair their brackets (Token.match).
 */
export function tokenize(text: string, start = 0, limit = text.length): Tokenized {
  const lexer = new Lexer(text, start, limit);
  const tokens: Token[] = [];
  lexInto(lexer, tokens);
  return { tokens, comments: lexer.comments, diagnostics: lexer.diagnostics, mismatches: lexer.mismatches };
}

/**
 * The token objects of one parse at a time, reused by the next (parseCode): the parser copies what it keeps out
 * of them, so no token outlives its parse, and a token object per token was half of what a parse allocated.
 * Only the first `count` belong to the current parse; the ones after them are stale.
 */
export class TokenBuffer {
  readonly tokens: Token[] = [];
  count = 0;
  /** The lexer of the current parse (its diagnostics, its reader over the code). */
  readonly lexer = new Lexer("", 0, 0);

  fill(text: string, start: number, limit: number): void {
    this.lexer.reset(text, start, limit);
    this.count = lexInto(this.lexer, this.tokens);
  }

  /**
   * Lets go of the parse's text once the tree is built: a token's value can be a slice that keeps its whole
   * document alive, and the buffer outlives every document (the language server's included).
   */
  release(): void {
    const tokens = this.tokens;
    for (let i = 0; i < this.count; i++) (tokens[i] as Token).value = "";
    this.count = 0;
    this.lexer.reset("", 0, 0);
  }
}

/**
 * Lexes to the end into tokens[0..count), writing over the token objects already there and adding the missing
 * ones; pairs the brackets (Token.match). Returns the count (the last token is the eof).
 */
function lexInto(lexer: Lexer, tokens: Token[]): number {
  let n = 0;
  for (;;) {
    const kind = lexer.next();
    let token = tokens[n];
    if (token === undefined) {
      token = { kind, start: 0, end: 0, value: "", flags: 0, numberType: undefined, match: -1 };
      tokens.push(token);
    }
    token.kind = kind;
    token.start = lexer.tokenStart;
    token.end = lexer.tokenEnd;
    token.value = lexer.value;
    token.flags = lexer.flags;
    token.numberType = lexer.numberType;
    token.match = -1;
    const open = lexer.popped;
    if (open >= 0) {
      (tokens[open] as Token).match = n;
      token.match = open;
    }
    n++;
    if (kind === "eof") return n;
  }
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 0x7f && !isUnicodeSpace(c));
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isDigitOf(c: number, radix: number): boolean {
  if (radix === 10) return c >= 48 && c <= 57;
  if (radix === 2) return c === 48 || c === 49;
  return hexValue(c) >= 0;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const INT_MAX = 2147483647n;
const UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n;
const ULONG_MAX = 18446744073709551615n;

/** The type of an integer literal: the first of its suffix's candidates its value fits (undefined: too large). */
function integerType(digits: string, radix: number, unsigned: boolean, long: boolean): NumberType | undefined {
  // Short literals fit an int whatever they are: skip the BigInt.
  const small = radix === 10 ? digits.length <= 9 : radix === 16 ? digits.length <= 7 : digits.length <= 31;
  if (small && !unsigned && !long) return "int";
  const v = BigInt(radix === 10 ? digits : `${radix === 16 ? "0x" : "0b"}${digits}`);
  const candidates: [NumberType, bigint][] = unsigned
    ? long
      ? [["ulong", ULONG_MAX]]
      : [
          ["uint", UINT_MAX],
          ["ulong", ULONG_MAX],
        ]
    : long
      ? [
          ["long", LONG_MAX],
          ["ulong", ULONG_MAX],
        ]
      : [
          ["int", INT_MAX],
          ["uint", UINT_MAX],
          ["long", LONG_MAX],
          ["ulong", ULONG_MAX],
        ];
  for (const [type, max] of candidates) if (v <= max) return type;
  return undefined;
}

/** The value of a raw string's content: a multi-line one drops its first and last lines and their indentation. */
function rawValue(content: string): string {
  const nl = content.indexOf("\n");
  if (nl === -1) return content;
  const lastNl = content.lastIndexOf("\n");
  const indent = content.slice(lastNl + 1);
  if (indent.trim() !== "" || content.slice(0, nl).trim() !== "") return content;
  const lines = content.slice(nl + 1, lastNl).split("\n");
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())).join("\n");
}
