// Maps offsets in an expression's decoded C# code back to ranges in the original text, so a finding about
// `context.Variables["x"]` points at that access and not at the whole expression.
import type { Expression, PolicyDocument, Range } from "../../policy/model.js";

const NAMED_ENTITY_LENGTH: Record<string, number> = { quot: 1, apos: 1, lt: 1, gt: 1, amp: 1 };

/**
 * The source range of code[start, end) of `expr`. The code is the text between the delimiters with XML entities
 * decoded, so each entity in the source (`&quot;`) stands for one code character. Falls back to the whole
 * expression's range when the source does not line up with the code (never throws).
 */
export function rangeInExpression(doc: PolicyDocument, expr: Expression, start: number, end: number): Range {
  const map = sourceOffsets(doc, expr);
  if (!map) return expr.range;
  const s = map[start];
  const e = end > start ? map[end - 1] : s;
  if (s === undefined || e === undefined) return expr.range;
  const endOffset = end > start ? e.end : e.start;
  return { start: doc.positionAt(s.start), end: doc.positionAt(endOffset) };
}

interface Span {
  start: number;
  end: number;
}

const cache = new WeakMap<Expression, Span[] | null>();

/** For each code character, the source span it came from (1 char, or a whole entity). */
function sourceOffsets(doc: PolicyDocument, expr: Expression): Span[] | null {
  const cached = cache.get(expr);
  if (cached !== undefined) return cached;
  const raw = doc.source.slice(expr.range.start.offset, expr.range.end.offset);
  const base = expr.range.start.offset;
  const spans: Span[] = [];
  let ok = raw.startsWith("@(") || raw.startsWith("@{");
  if (ok) {
    const body = raw.length - 1; // the closing delimiter
    let i = 2;
    while (i < body) {
      let len = 1;
      if (raw[i] === "&") len = entityLength(raw, i) ?? 1;
      spans.push({ start: base + i, end: base + i + len });
      i += len;
    }
    ok = spans.length === expr.code.length;
  }
  const result = ok ? spans : null;
  cache.set(expr, result);
  return result;
}

function entityLength(raw: string, i: number): number | undefined {
  const semi = raw.indexOf(";", i + 1);
  if (semi < 0 || semi - i > 10) return undefined;
  const name = raw.slice(i + 1, semi);
  if (NAMED_ENTITY_LENGTH[name] !== undefined) return semi - i + 1;
  if (/^#(\d+|x[0-9a-fA-F]+)$/.test(name)) return semi - i + 1;
  return undefined;
}
