// Finds where a C# policy expression `@( ... )` or `@{ ... }` ends.
// Balances ( ) [ ] { } only, skipping every string, char and comment form, so raw quotes, `<`, `>`, `&&`,
// generics and lambdas inside the expression never confuse the XML reading around it. XML references
// (&quot; &lt; &amp; ...) are decoded while scanning: a file in APIM's `xml` format writes `&quot;` for `"`, and
// rawxml files mix both forms. One pass, explicit stack (no recursion), every character visited once.

import { matchEntity, xmlText } from "./entities.js";

export type ScanResult =
  | {
      ok: true;
      /** Offset just after the closing delimiter. */
      end: number;
      /** The C# source between the delimiters as an XML reader delivers it: line ends as \n, references decoded. */
      code: string;
      /**
       * String or char literals cut short by the end of their line (a C# error, "newline in constant"). The scan
       * ends such a literal there, as the C# compiler does, and goes on balancing.
       */
      cutLiterals: { at: number; what: string }[];
      /** Closing brackets that do not match the bracket they close, e.g. `@(a[1)`. */
      mismatches: BracketMismatch[];
    }
  | {
      ok: false;
      /** Why the scan failed: the expression (or something inside it) never closes, or the step budget ran out. */
      reason: "unclosed" | "budget";
      /** The innermost construct still open at the end: the offset of its opening character. */
      openAt: number;
      /** What that construct is, for the message ("string", "'('", ...). */
      open: string;
      /** True when that construct is a string or char literal cut short by the end of its line. */
      endsAtLineEnd: boolean;
    };

export interface BracketMismatch {
  /** Offset of the wrong closing bracket. */
  at: number;
  found: string;
  expected: string;
  /** Offset of the bracket it closes. */
  openedAt: number;
}

/** Shared step budget, so that many unclosed expressions in one document cannot make parsing quadratic. */
export interface ScanBudget {
  steps: number;
}

const LPAREN = 40;
const RPAREN = 41;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const DQUOTE = 34;
const SQUOTE = 39;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const AT = 64;
const DOLLAR = 36;
const COLON = 58;
const AMP = 38;
const LF = 10;
const CR = 13;
/** Stack markers for an interpolation hole `{...}` inside a regular / verbatim interpolated string. */
const HOLE_REGULAR = -1;
const HOLE_VERBATIM = -2;

/** ASCII codes the main loop of scanExpression must look at (everything else just moves on by one). */
const SIGNIFICANT = new Uint8Array(128);
for (const c of [LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE, DQUOTE, SQUOTE, SLASH, AT, DOLLAR, COLON, AMP]) {
  SIGNIFICANT[c] = 1;
}

/**
 * Everything one scan reads and moves. One object per scan handed to module-level helpers, instead of closures
 * over locals: a parse of a large tree scans tens of thousands of expressions, and a set of closures each
 * was measurable garbage.
 */
interface ScanState {
  readonly text: string;
  readonly limit: number;
  /** Source length of the character the last charAt decoded. */
  len: number;
  /** Scan position. */
  p: number;
  steps: number;
  /** Offset of the string/char/comment being scanned, when the text ends inside one. */
  openString: number;
  openWhat: string;
  openEndsLine: boolean;
  readonly stack: number[];
  /** Offset of each stack entry's opener, for messages. */
  readonly opens: number[];
  readonly cutLiterals: { at: number; what: string }[];
  readonly mismatches: BracketMismatch[];
  readonly budget: ScanBudget;
}

/**
 * Scans the expression whose `@` is at `at` (text[at+1] is `(` or `{`).
 * `limit` is where scanning must stop (normally the end of the text).
 */
export function scanExpression(text: string, at: number, budget: ScanBudget, limit = text.length): ScanResult {
  const s: ScanState = {
    text,
    limit,
    len: 1,
    p: at + 2,
    steps: budget.steps,
    openString: -1,
    openWhat: "",
    openEndsLine: false,
    stack: [text.charCodeAt(at + 1)],
    opens: [at + 1],
    cutLiterals: [],
    mismatches: [],
    budget,
  };
  const { stack, opens } = s;

  for (;;) {
    if (--s.steps < 0) return fail(s, "budget");
    const c = charAt(s, s.p);
    if (c === -1) return fail(s, "unclosed");
    const l = s.len;
    switch (c) {
      case LPAREN:
      case LBRACK:
      case LBRACE:
        stack.push(c);
        opens.push(s.p);
        s.p += l;
        break;
      case RPAREN:
      case RBRACK:
      case RBRACE: {
        const top = stack.pop() as number;
        const openedAt = opens.pop() as number;
        const expected = top === LPAREN ? RPAREN : top === LBRACK ? RBRACK : RBRACE;
        if (c !== expected) {
          // Still counted as closing it (balancing goes on), but C# will not compile this.
          s.mismatches.push({
            at: s.p,
            found: String.fromCharCode(c),
            expected: String.fromCharCode(expected),
            openedAt,
          });
        }
        s.p += l;
        if (stack.length === 0) {
          budget.steps = s.steps;
          const code = decodeSlice(text, at + 2, s.p - l);
          return { ok: true, end: s.p, code, cutLiterals: s.cutLiterals, mismatches: s.mismatches };
        }
        if (top === HOLE_REGULAR || top === HOLE_VERBATIM) {
          const r = scanInterpolated(s, top === HOLE_VERBATIM, s.p);
          if (r === "eof") return fail(s, s.steps < 0 ? "budget" : "unclosed");
        }
        break;
      }
      case COLON: {
        // `{value:format}`: the format part of a hole runs to the `}` and may hold quotes (`'T'`).
        const top = stack[stack.length - 1] as number;
        s.p += l;
        if (top === HOLE_REGULAR || top === HOLE_VERBATIM) {
          for (;;) {
            if (--s.steps < 0) return fail(s, "budget");
            const d = charAt(s, s.p);
            if (d === -1) return fail(s, "unclosed");
            if (d === RBRACE) break;
            s.p += s.len;
          }
        }
        break;
      }
      case DQUOTE: {
        // """raw""" (3 or more quotes) or a regular "string".
        let n = 1;
        let q = s.p + l;
        while (charAt(s, q) === DQUOTE) {
          n++;
          q += s.len;
        }
        if (n >= 3) {
          const r = scanRaw(s, q, n, s.p);
          if (r < 0) return fail(s, s.steps < 0 ? "budget" : "unclosed");
          s.p = r;
        } else if (n === 2) {
          s.p = q; // ""
        } else {
          const r = scanRegular(s, s.p + l, DQUOTE, s.p, "string");
          if (r < 0) return fail(s, s.steps < 0 ? "budget" : "unclosed");
          s.p = r;
        }
        break;
      }
      case SQUOTE: {
        const r = scanRegular(s, s.p + l, SQUOTE, s.p, "char literal");
        if (r < 0) return fail(s, s.steps < 0 ? "budget" : "unclosed");
        s.p = r;
        break;
      }
      case AT:
      case DOLLAR: {
        // @"..", $"..", $@"..", @$"..", $$"""..""" ; otherwise `@identifier` or a stray sign.
        const sigil = s.p;
        let q = s.p + l;
        let verbatim = c === AT;
        let interpolated = c === DOLLAR;
        let d = charAt(s, q);
        while (d === AT || d === DOLLAR) {
          if (d === AT) verbatim = true;
          else interpolated = true;
          q += s.len;
          d = charAt(s, q);
        }
        if (d !== DQUOTE) {
          s.p = q;
          break;
        }
        const quoteAt = q;
        q += s.len;
        let n = 1;
        while (charAt(s, q) === DQUOTE) {
          n++;
          q += s.len;
        }
        if (n >= 3 && !verbatim) {
          // Raw string (interpolated or not); holes of raw interpolated strings are not inspected.
          const r = scanRaw(s, q, n, s.p);
          if (r < 0) return fail(s, s.steps < 0 ? "budget" : "unclosed");
          s.p = r;
          break;
        }
        charAt(s, quoteAt);
        s.p = quoteAt + s.len;
        if (interpolated) {
          const r = scanInterpolated(s, verbatim, sigil);
          if (r === "eof") return fail(s, s.steps < 0 ? "budget" : "unclosed");
        } else {
          const r = scanVerbatim(s, s.p, sigil);
          if (r < 0) return fail(s, s.steps < 0 ? "budget" : "unclosed");
          s.p = r;
        }
        break;
      }
      case SLASH: {
        const d = charAt(s, s.p + l);
        if (d === SLASH) {
          // Line comment: to the end of the line.
          s.p += l + s.len;
          for (;;) {
            if (--s.steps < 0) return fail(s, "budget");
            const e = charAt(s, s.p);
            if (e === -1 || e === LF || e === CR) break;
            s.p += s.len;
          }
        } else if (d === STAR) {
          const opened = s.p;
          s.p += l + s.len;
          for (;;) {
            if (--s.steps < 0) return fail(s, "budget");
            const e = charAt(s, s.p);
            if (e === -1) {
              s.openString = opened;
              s.openWhat = "comment";
              s.openEndsLine = false;
              return fail(s, "unclosed");
            }
            s.p += s.len;
            if (e === STAR && charAt(s, s.p) === SLASH) {
              s.p += s.len;
              break;
            }
          }
        } else {
          s.p += l;
        }
        break;
      }
      default: {
        // A run of plain characters (no bracket, quote, comment, sigil, colon or reference) moves on without
        // the switch: the same steps and end as one loop turn per character, at a fraction of the cost.
        let q = s.p + l;
        let steps = s.steps;
        while (steps >= 1 && q < limit) {
          const d = text.charCodeAt(q);
          if (d < 128 && SIGNIFICANT[d] === 1) break;
          steps--;
          q++;
        }
        s.p = q;
        s.steps = steps;
      }
    }
  }
}

/** Decoded character at p (-1 at the limit); its source length is left in `s.len`. */
function charAt(s: ScanState, p: number): number {
  if (p >= s.limit) {
    s.len = 0;
    return -1;
  }
  const c = s.text.charCodeAt(p);
  if (c === AMP) {
    const m = matchEntity(s.text, p);
    if (m && m.text.length === 1) {
      s.len = m.length;
      return m.text.charCodeAt(0);
    }
  }
  s.len = 1;
  return c;
}

function fail(s: ScanState, reason: "unclosed" | "budget"): ScanResult {
  s.budget.steps = s.steps;
  if (s.openString >= 0) {
    return { ok: false, reason, openAt: s.openString, open: s.openWhat, endsAtLineEnd: s.openEndsLine };
  }
  const top = s.stack.length - 1;
  const what = s.stack[top] as number;
  const name = what < 0 ? "interpolation hole '{'" : `'${String.fromCharCode(what)}'`;
  return { ok: false, reason, openAt: s.opens[top] as number, open: name, endsAtLineEnd: false };
}

// Scans the literal part of an interpolated string from s.p. Returns "hole" after pushing a hole marker,
// "closed" after the closing quote, or "eof".
function scanInterpolated(s: ScanState, verbatim: boolean, openedAt: number): "hole" | "closed" | "eof" {
  for (;;) {
    if (--s.steps < 0) return "eof";
    const c = charAt(s, s.p);
    if (c === -1 || (!verbatim && (c === LF || c === CR))) {
      s.openString = openedAt;
      s.openWhat = "interpolated string";
      s.openEndsLine = c !== -1;
      if (c === -1) return "eof";
      s.cutLiterals.push({ at: openedAt, what: s.openWhat });
      return "closed";
    }
    const l = s.len;
    if (c === DQUOTE) {
      if (verbatim && charAt(s, s.p + l) === DQUOTE) {
        s.p += l + s.len;
        continue;
      }
      s.p += l;
      return "closed";
    }
    if (!verbatim && c === BACKSLASH) {
      s.p += l;
      charAt(s, s.p);
      s.p += s.len;
      continue;
    }
    if (c === LBRACE) {
      if (charAt(s, s.p + l) === LBRACE) {
        s.p += l + s.len;
        continue;
      }
      s.stack.push(verbatim ? HOLE_VERBATIM : HOLE_REGULAR);
      s.opens.push(s.p);
      s.p += l;
      return "hole";
    }
    s.p += l;
  }
}

// A "string" or 'c' from `from` (just after the opening quote): backslash escapes, ends at the quote or (invalid
// C#) at the end of the line. Returns the offset after the closing quote, or -1.
function scanRegular(s: ScanState, from: number, quote: number, openedAt: number, what: string): number {
  let q = from;
  for (;;) {
    if (--s.steps < 0) return -1;
    const c = charAt(s, q);
    if (c === -1 || c === LF || c === CR) {
      s.openString = openedAt;
      s.openWhat = what;
      s.openEndsLine = c !== -1;
      if (c === -1) return -1;
      s.cutLiterals.push({ at: openedAt, what });
      return q;
    }
    q += s.len;
    if (c === quote) return q;
    if (c === BACKSLASH) {
      if (charAt(s, q) === -1) continue;
      q += s.len;
    }
  }
}

// A verbatim @"string" from `from` (after the quote): "" is an escaped quote; newlines allowed.
function scanVerbatim(s: ScanState, from: number, openedAt: number): number {
  let q = from;
  for (;;) {
    if (--s.steps < 0) return -1;
    const c = charAt(s, q);
    if (c === -1) {
      s.openString = openedAt;
      s.openWhat = "verbatim string";
      s.openEndsLine = false;
      return -1;
    }
    q += s.len;
    if (c === DQUOTE) {
      if (charAt(s, q) === DQUOTE) {
        q += s.len;
        continue;
      }
      return q;
    }
  }
}

// A raw string: content from `from` up to a run of n quotes. Returns the offset after it, or -1.
function scanRaw(s: ScanState, from: number, n: number, openedAt: number): number {
  let q = from;
  let run = 0;
  for (;;) {
    if (--s.steps < 0) return -1;
    const c = charAt(s, q);
    if (c === -1) {
      s.openString = openedAt;
      s.openWhat = "raw string";
      s.openEndsLine = false;
      return -1;
    }
    q += s.len;
    if (c === DQUOTE) {
      run++;
      if (run >= n && charAt(s, q) !== DQUOTE) return q;
    } else {
      run = 0;
    }
  }
}

function decodeSlice(text: string, from: number, to: number): string {
  return xmlText(text.slice(from, to));
}
