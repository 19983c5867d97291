// The C# front end of policy expressions: lexer and parser over the original document text.
import type { ParsedExpression } from "./ast.js";
import { tokenize } from "./lexer.js";
import { parseCode } from "./parser.js";
import { CodeReader } from "./source.js";
import type { Token } from "./tokens.js";

export type * from "./ast.js";
export { Lexer, type LexerOptions, type Tokenized, tokenize } from "./lexer.js";
export { MAX_DEPTH, MAX_DIAGNOSTICS } from "./parser.js";
export { CodeReader } from "./source.js";
export {
  type BracketMismatch,
  type Comment,
  KEYWORDS,
  type Token,
  TokenFlags,
  type TokenKind,
  tokenText,
} from "./tokens.js";

/** Where an expression is: the model's Expression (src/policy/model.ts) fits. */
export interface ExpressionSpan {
  form: "inline" | "block";
  range: { start: { offset: number }; end: { offset: number } };
}

/**
 * Parses the expression `source[range.start.offset .. range.end.offset)`: the `@`, the open delimiter, the code
 * and the closing delimiter, as the pre-pass found them. Every position in the result is an offset of `source`.
 */
export function parseExpression(source: string, expr: ExpressionSpan): ParsedExpression {
  const at = expr.range.start.offset;
  const end = Math.min(expr.range.end.offset, source.length);
  const codeStart = Math.min(at + 2, end);
  const limit = closerStart(source, codeStart, end, expr.form === "inline" ? 41 : 125);
  return parseCode(source, codeStart, limit, expr.form, Math.min(at + 1, end), end);
}

/** The tokens of the expression's code (between its delimiters), with offsets of `source`. */
export function tokenizeExpression(source: string, expr: ExpressionSpan): Token[] {
  const at = expr.range.start.offset;
  const end = Math.min(expr.range.end.offset, source.length);
  const codeStart = Math.min(at + 2, end);
  const limit = closerStart(source, codeStart, end, expr.form === "inline" ? 41 : 125);
  return tokenize(source, codeStart, limit).tokens;
}

/**
 * Parses `text`, a whole `@(...)` or `@{...}` (surrounding blanks allowed); text that starts with neither is read
 * as the code of an inline expression. For tests and tools.
 */
export function parseExpressionText(text: string): ParsedExpression {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const open = text.charCodeAt(start + 1);
  if (text.charCodeAt(start) === 64 && (open === 40 || open === 123) && end >= start + 2) {
    return parseExpression(text, {
      form: open === 40 ? "inline" : "block",
      range: { start: { offset: start }, end: { offset: end } },
    });
  }
  return parseCode(text, 0, text.length, "inline");
}

/** The offset of the closing delimiter (code `closer`, written as itself or as a reference) ending at `end`. */
function closerStart(source: string, codeStart: number, end: number, closer: number): number {
  if (end <= codeStart) return end;
  if (source.charCodeAt(end - 1) === closer) return end - 1;
  // `&#41;` / `&#x7D;`: a reference decodes to the delimiter too.
  const amp = source.lastIndexOf("&", end - 1);
  if (amp >= codeStart && end - amp <= 12) {
    const reader = new CodeReader(source, codeStart, end);
    if (reader.char(amp) === closer && amp + reader.len === end) return amp;
  }
  return end;
}
