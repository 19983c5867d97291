// Maps offsets in an expression's decoded C# code back to ranges in the original text, so a finding about
// `context.Variables["x"]` points at that access and not at the whole expression.
import type { Expression, PolicyDocument, Range } from "../../policy/model.js";

/**
 * The source range of code[start, end) of `expr`. The code is the text between the delimiters with XML entities
 * decoded, so each entity in the source (`&quot;`) stands for one code character. Falls back to the whole
 * expression's range when the source does not line up with the code (never throws).
 */
export function rangeInExpression(doc: PolicyDocument, expr: Expression, start: number, end: number): Range {
  const s = sourceOffset(doc, expr, start, false);
  const e = end > start ? sourceOffset(doc, expr, end - 1, true) : s;
  if (s === undefined || e === undefined) return expr.range;
  return { start: doc.positionAt(s), end: doc.positionAt(e) };
}

/**
 * The source offset where code character `index` starts (or ends, with `after`), walking the raw text once
 * without allocating. Undefined when the raw text does not match the code.
 */
function sourceOffset(doc: PolicyDocument, expr: Expression, index: number, after: boolean): number | undefined {
  const src = doc.source;
  const base = expr.range.start.offset;
  const close = expr.range.end.offset - 1; // the closing delimiter
  if (src[base] !== "@" || (src[base + 1] !== "(" && src[base + 1] !== "{")) return undefined;
  let raw = base + 2;
  for (let k = 0; raw < close; k++) {
    const len = src.charCodeAt(raw) === 38 /* & */ ? (entityLength(src, raw) ?? 1) : 1;
    if (k === index) return after ? raw + len : raw;
    raw += len;
  }
  return undefined;
}

const NAMED_ENTITIES = new Set(["quot", "apos", "lt", "gt", "amp"]);

function entityLength(src: string, i: number): number | undefined {
  const semi = src.indexOf(";", i + 1);
  if (semi < 0 || semi - i > 10) return undefined;
  const name = src.slice(i + 1, semi);
  if (NAMED_ENTITIES.has(name) || /^#(\d+|x[0-9a-fA-F]+)$/.test(name)) return semi - i + 1;
  return undefined;
}
