// Classifies an attribute value or a text run: literal, expression or template, with its named-value references.
import { normalizeNewlines, xmlText } from "./entities.js";
import type { Expression, NamedValueRef, PolicyValue } from "./model.js";
import type { LineIndex } from "./positions.js";

/**
 * APIM named-value references `{{name}}` (names: letters, digits, `-`, `.`, `_`): the one definition of their
 * syntax, also used by the C# lexer (src/policy/csharp/lexer.ts), which reads one outside a string as a token.
 */
export const NAMED_VALUE = /\{\{([A-Za-z0-9._-]+)\}\}/g;

export interface ScannedExpression {
  form: "inline" | "block";
  code: string;
  /** Offsets in the original text: the `@` and just after the closing delimiter. */
  start: number;
  end: number;
}

/**
 * Builds the PolicyValue for `raw`, which starts at offset `start` of the original text.
 * `expr` is the expression the pre-pass found at the start of the value (after whitespace), if any.
 * `cdata` text is taken as written (no entities).
 */
export function makeValue(
  raw: string,
  start: number,
  lines: LineIndex,
  expr: ScannedExpression | undefined,
  cdata = false,
): PolicyValue {
  const namedValues = findNamedValues(raw, start, lines);
  // As an XML reader delivers it: line ends normalised to \n; references decoded (not in CDATA).
  const text = cdata ? normalizeNewlines(raw) : xmlText(raw);
  const range = lines.range(start, start + raw.length);
  if (expr && isBlank(raw, expr.end - start, raw.length)) {
    const expression: Expression = { form: expr.form, code: expr.code, range: lines.range(expr.start, expr.end) };
    return { kind: "expression", text, raw, expression, namedValues, range };
  }
  // `expression` present (undefined) here too: every value then has one object shape (monomorphic reads in rules).
  return {
    kind: namedValues.length > 0 ? "template" : "literal",
    text,
    raw,
    expression: undefined,
    namedValues,
    range,
  };
}

export function findNamedValues(raw: string, start: number, lines: LineIndex): NamedValueRef[] {
  if (raw.indexOf("{{") === -1) return [];
  const refs: NamedValueRef[] = [];
  NAMED_VALUE.lastIndex = 0;
  for (let m = NAMED_VALUE.exec(raw); m !== null; m = NAMED_VALUE.exec(raw)) {
    refs.push({ name: m[1] as string, range: lines.range(start + m.index, start + m.index + m[0].length) });
  }
  return refs;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
