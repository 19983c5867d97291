// Classifies an attribute value or a text run: literal, expression or template, with its named-value references.
import { decodeEntities, normalizeNewlines } from "./entities.js";
import type { Expression, NamedValueRef, PolicyValue, Range } from "./model.js";
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

/** What a value's raw text may contain, as far as the caller knows (see makeValue); bits of a number. */
export const MAY_HAVE_AMP = 1;
export const MAY_HAVE_CR = 2;
export const MAY_HAVE_NAMED_VALUE = 4;
const MAY_HAVE_ANY = MAY_HAVE_AMP | MAY_HAVE_CR | MAY_HAVE_NAMED_VALUE;

/**
 * Builds the PolicyValue for `raw`, which starts at offset `start` of the original text.
 * `expr` is the expression the pre-pass found at the start of the value (after whitespace), if any.
 * `cdata` text is taken as written (no entities).
 * `may` says what `raw` can contain: a bit left out is a promise that raw has no `&`, no `\r` or no `{{` (the
 * pre-pass knows it from its document-wide searches), so the value skips that search. Same value either way.
 * `range`, when given, is the span [start, start + raw.length) already made (a text node's range is its value's).
 * The expression object is read at once and not kept (the pre-pass reuses one).
 */
export function makeValue(
  raw: string,
  start: number,
  lines: LineIndex,
  expr: ScannedExpression | undefined,
  cdata = false,
  may = MAY_HAVE_ANY,
  range: Range = lines.sharedRange(start, start + raw.length),
): PolicyValue {
  const namedValues = may & MAY_HAVE_NAMED_VALUE ? findNamedValues(raw, start, lines) : [];
  // As an XML reader delivers it: line ends normalised to \n; references decoded (not in CDATA).
  let text = may & MAY_HAVE_CR ? normalizeNewlines(raw) : raw;
  if (!cdata && may & MAY_HAVE_AMP) text = decodeEntities(text);
  if (expr && isBlank(raw, expr.end - start, raw.length)) {
    const expression: Expression = { form: expr.form, code: expr.code, range: lines.sharedRange(expr.start, expr.end) };
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
    refs.push({ name: m[1] as string, range: lines.sharedRange(start + m.index, start + m.index + m[0].length) });
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
