// Finds where a C# policy expression `@( ... )` or `@{ ... }` ends, with the one C# lexer (csharp/lexer.ts):
// its bracket stack balances ( ) [ ] { } while every string, char, comment and interpolation hole is read as C#
// reads it, so raw quotes, `<`, `>`, `&&`, generics and lambdas inside the expression never confuse the XML reading
// around it. XML references (&quot; &lt; &amp; ...) are decoded as the lexer reads: a file in APIM's `xml` format
// writes `&quot;` for `"`, and rawxml files mix both forms.
import { Lexer } from "./csharp/lexer.js";
import type { BracketMismatch } from "./csharp/tokens.js";

export type { BracketMismatch } from "./csharp/tokens.js";

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

/**
 * Shared step budget, so that many unclosed expressions in one document cannot make parsing quadratic. A scan
 * spends one step per character of the original text it reads.
 */
export interface ScanBudget {
  steps: number;
}

/** One lexer for every scan (scans never nest): making one per expression was a measurable part of parsing. */
const balancer = new Lexer("", 0, 0, { values: false });

/**
 * Scans the expression whose `@` is at `at` (text[at+1] is `(` or `{`).
 * `limit` is where scanning must stop (normally the end of the text).
 */
export function scanExpression(text: string, at: number, budget: ScanBudget, limit = text.length): ScanResult {
  const start = at + 2;
  const hardLimit = Math.min(limit, text.length);
  // The budget is a window: the lexer never reads past what the remaining steps pay for.
  const stop = Math.min(hardLimit, start + Math.max(0, budget.steps));
  const lexer = balancer;
  lexer.reset(text, start, stop);
  lexer.pushOuter(text.charCodeAt(at + 1), at + 1);
  for (;;) {
    const kind = lexer.next();
    if (lexer.closed) {
      const end = lexer.tokenEnd;
      budget.steps -= end - start;
      return {
        ok: true,
        end,
        // As xmlText(slice) gives it (line ends, then references), in one pass with the lexer's decoder.
        code: lexer.decode(start, lexer.tokenStart),
        cutLiterals: lexer.cutLiterals,
        mismatches: lexer.mismatches,
      };
    }
    if (kind === "eof") break;
  }
  budget.steps -= stop - start;
  const reason = stop < hardLimit ? "budget" : "unclosed";
  if (lexer.openString >= 0) {
    return { ok: false, reason, openAt: lexer.openString, open: lexer.openWhat, endsAtLineEnd: lexer.openEndsLine };
  }
  const top = lexer.depth - 1;
  const what = lexer.openCode(top);
  const open = what < 0 ? "interpolation hole '{'" : `'${String.fromCharCode(what)}'`;
  return { ok: false, reason, openAt: lexer.openOffset(top), open, endsAtLineEnd: false };
}
