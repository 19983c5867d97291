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

/**
 * Scans the expression whose `@` is at `at` (text[at+1] is `(` or `{`).
 * `limit` is where scanning must stop (normally the end of the text).
 */
export function scanExpression(text: string, at: number, budget: ScanBudget, limit = text.length): ScanResult {
  // Decoded character at p; its source length is left in `len`.
  let len = 1;
  const charAt = (p: number): number => {
    if (p >= limit) {
      len = 0;
      return -1;
    }
    const c = text.charCodeAt(p);
    if (c === AMP) {
      const m = matchEntity(text, p);
      if (m && m.text.length === 1) {
        len = m.length;
        return m.text.charCodeAt(0);
      }
    }
    len = 1;
    return c;
  };

  const stack: number[] = [];
  const opens: number[] = []; // offset of each stack entry's opener, for messages
  const first = text.charCodeAt(at + 1);
  stack.push(first);
  opens.push(at + 1);
  let p = at + 2;
  let steps = budget.steps;
  let openString = -1; // offset of the string/char/comment being scanned, when the text ends inside one
  let openWhat = "";
  let openEndsLine = false;
  const cutLiterals: { at: number; what: string }[] = [];
  const mismatches: BracketMismatch[] = [];

  const fail = (reason: "unclosed" | "budget"): ScanResult => {
    budget.steps = steps;
    if (openString >= 0) return { ok: false, reason, openAt: openString, open: openWhat, endsAtLineEnd: openEndsLine };
    const top = stack.length - 1;
    const what = stack[top] as number;
    const name = what < 0 ? "interpolation hole '{'" : `'${String.fromCharCode(what)}'`;
    return { ok: false, reason, openAt: opens[top] as number, open: name, endsAtLineEnd: false };
  };

  // Scans the literal part of an interpolated string from p. Returns "hole" after pushing a hole marker,
  // "closed" after the closing quote, or "eof".
  const scanInterpolated = (verbatim: boolean, openedAt: number): "hole" | "closed" | "eof" => {
    for (;;) {
      if (--steps < 0) return "eof";
      const c = charAt(p);
      if (c === -1 || (!verbatim && (c === LF || c === CR))) {
        openString = openedAt;
        openWhat = "interpolated string";
        openEndsLine = c !== -1;
        if (c === -1) return "eof";
        cutLiterals.push({ at: openedAt, what: openWhat });
        return "closed";
      }
      const l = len;
      if (c === DQUOTE) {
        if (verbatim && charAt(p + l) === DQUOTE) {
          p += l + len;
          continue;
        }
        p += l;
        return "closed";
      }
      if (!verbatim && c === BACKSLASH) {
        p += l;
        charAt(p);
        p += len;
        continue;
      }
      if (c === LBRACE) {
        if (charAt(p + l) === LBRACE) {
          p += l + len;
          continue;
        }
        stack.push(verbatim ? HOLE_VERBATIM : HOLE_REGULAR);
        opens.push(p);
        p += l;
        return "hole";
      }
      p += l;
    }
  };

  for (;;) {
    if (--steps < 0) return fail("budget");
    const c = charAt(p);
    if (c === -1) return fail("unclosed");
    const l = len;
    switch (c) {
      case LPAREN:
      case LBRACK:
      case LBRACE:
        stack.push(c);
        opens.push(p);
        p += l;
        break;
      case RPAREN:
      case RBRACK:
      case RBRACE: {
        const top = stack.pop() as number;
        const openedAt = opens.pop() as number;
        const expected = top === LPAREN ? RPAREN : top === LBRACK ? RBRACK : RBRACE;
        if (c !== expected) {
          // Still counted as closing it (balancing goes on), but C# will not compile this.
          mismatches.push({ at: p, found: String.fromCharCode(c), expected: String.fromCharCode(expected), openedAt });
        }
        p += l;
        if (stack.length === 0) {
          budget.steps = steps;
          return { ok: true, end: p, code: decodeSlice(text, at + 2, p - l), cutLiterals, mismatches };
        }
        if (top === HOLE_REGULAR || top === HOLE_VERBATIM) {
          const r = scanInterpolated(top === HOLE_VERBATIM, p);
          if (r === "eof") return fail(steps < 0 ? "budget" : "unclosed");
        }
        break;
      }
      case COLON: {
        // `{value:format}`: the format part of a hole runs to the `}` and may hold quotes (`'T'`).
        const top = stack[stack.length - 1] as number;
        p += l;
        if (top === HOLE_REGULAR || top === HOLE_VERBATIM) {
          for (;;) {
            if (--steps < 0) return fail("budget");
            const d = charAt(p);
            if (d === -1) return fail("unclosed");
            if (d === RBRACE) break;
            p += len;
          }
        }
        break;
      }
      case DQUOTE: {
        // """raw""" (3 or more quotes) or a regular "string".
        let n = 1;
        let q = p + l;
        while (charAt(q) === DQUOTE) {
          n++;
          q += len;
        }
        if (n >= 3) {
          const r = scanRaw(q, n, p);
          if (r < 0) return fail(steps < 0 ? "budget" : "unclosed");
          p = r;
        } else if (n === 2) {
          p = q; // ""
        } else {
          const r = scanRegular(p + l, DQUOTE, p, "string");
          if (r < 0) return fail(steps < 0 ? "budget" : "unclosed");
          p = r;
        }
        break;
      }
      case SQUOTE: {
        const r = scanRegular(p + l, SQUOTE, p, "char literal");
        if (r < 0) return fail(steps < 0 ? "budget" : "unclosed");
        p = r;
        break;
      }
      case AT:
      case DOLLAR: {
        // @"..", $"..", $@"..", @$"..", $$"""..""" ; otherwise `@identifier` or a stray sign.
        const sigil = p;
        let q = p + l;
        let verbatim = c === AT;
        let interpolated = c === DOLLAR;
        let d = charAt(q);
        while (d === AT || d === DOLLAR) {
          if (d === AT) verbatim = true;
          else interpolated = true;
          q += len;
          d = charAt(q);
        }
        if (d !== DQUOTE) {
          p = q;
          break;
        }
        const quoteAt = q;
        q += len;
        let n = 1;
        while (charAt(q) === DQUOTE) {
          n++;
          q += len;
        }
        if (n >= 3 && !verbatim) {
          // Raw string (interpolated or not); holes of raw interpolated strings are not inspected.
          const r = scanRaw(q, n, p);
          if (r < 0) return fail(steps < 0 ? "budget" : "unclosed");
          p = r;
          break;
        }
        p = afterFirstQuote(quoteAt);
        if (interpolated) {
          const r = scanInterpolated(verbatim, sigil);
          if (r === "eof") return fail(steps < 0 ? "budget" : "unclosed");
        } else {
          const r = scanVerbatim(p, sigil);
          if (r < 0) return fail(steps < 0 ? "budget" : "unclosed");
          p = r;
        }
        break;
      }
      case SLASH: {
        const d = charAt(p + l);
        if (d === SLASH) {
          // Line comment: to the end of the line.
          p += l + len;
          for (;;) {
            if (--steps < 0) return fail("budget");
            const e = charAt(p);
            if (e === -1 || e === LF || e === CR) break;
            p += len;
          }
        } else if (d === STAR) {
          const opened = p;
          p += l + len;
          for (;;) {
            if (--steps < 0) return fail("budget");
            const e = charAt(p);
            if (e === -1) {
              openString = opened;
              openWhat = "comment";
              openEndsLine = false;
              return fail("unclosed");
            }
            p += len;
            if (e === STAR && charAt(p) === SLASH) {
              p += len;
              break;
            }
          }
        } else {
          p += l;
        }
        break;
      }
      default:
        p += l;
    }
  }

  function afterFirstQuote(quoteAt: number): number {
    charAt(quoteAt);
    return quoteAt + len;
  }

  // A "string" or 'c' from p (just after the opening quote): backslash escapes, ends at the quote or (invalid C#)
  // at the end of the line. Returns the offset after the closing quote, or -1.
  function scanRegular(from: number, quote: number, openedAt: number, what: string): number {
    let q = from;
    for (;;) {
      if (--steps < 0) return -1;
      const c = charAt(q);
      if (c === -1 || c === LF || c === CR) {
        openString = openedAt;
        openWhat = what;
        openEndsLine = c !== -1;
        if (c === -1) return -1;
        cutLiterals.push({ at: openedAt, what });
        return q;
      }
      q += len;
      if (c === quote) return q;
      if (c === BACKSLASH) {
        if (charAt(q) === -1) continue;
        q += len;
      }
    }
  }

  // A verbatim @"string" from p (after the quote): "" is an escaped quote; newlines allowed.
  function scanVerbatim(from: number, openedAt: number): number {
    let q = from;
    for (;;) {
      if (--steps < 0) return -1;
      const c = charAt(q);
      if (c === -1) {
        openString = openedAt;
        openWhat = "verbatim string";
        openEndsLine = false;
        return -1;
      }
      q += len;
      if (c === DQUOTE) {
        if (charAt(q) === DQUOTE) {
          q += len;
          continue;
        }
        return q;
      }
    }
  }

  // A raw string: content from p up to a run of n quotes. Returns the offset after it, or -1.
  function scanRaw(from: number, n: number, openedAt: number): number {
    let q = from;
    let run = 0;
    for (;;) {
      if (--steps < 0) return -1;
      const c = charAt(q);
      if (c === -1) {
        openString = openedAt;
        openWhat = "raw string";
        openEndsLine = false;
        return -1;
      }
      q += len;
      if (c === DQUOTE) {
        run++;
        if (run >= n && charAt(q) !== DQUOTE) return q;
      } else {
        run = 0;
      }
    }
  }
}

function decodeSlice(text: string, from: number, to: number): string {
  return xmlText(text.slice(from, to));
}
