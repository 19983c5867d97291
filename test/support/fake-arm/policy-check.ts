// How the fake ARM judges a policy document, close to what APIM answers (apim-reference §2 and §6):
// rawxml treats @(...) / @{...} as opaque C# spans, then the rest must be well-formed XML; every {{name}} must be a
// named value of the service. Kept independent of apimkit's own parser so the tests do not grade it with itself.
import { XMLValidator } from "fast-xml-parser";

export interface ExpressionSpan {
  start: number;
  end: number;
}

/** Finds `@(...)` and `@{...}` spans, skipping C# string and char literals when balancing. */
export function findExpressions(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  let i = 0;
  while (i < text.length - 1) {
    if (text[i] === "@" && (text[i + 1] === "(" || text[i + 1] === "{")) {
      const open = text[i + 1] as "(" | "{";
      const close = open === "(" ? ")" : "}";
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === '"' || c === "'") {
          j = skipLiteral(text, j, c);
          continue;
        }
        if (c === open) depth++;
        else if (c === close) {
          depth--;
          if (depth === 0) break;
        }
      }
      const end = Math.min(j + 1, text.length);
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    i++;
  }
  return spans;
}

function skipLiteral(text: string, start: number, quote: string): number {
  // A quote directly inside an attribute value ends the attribute in XML terms, but APIM's raw reader keeps
  // balancing; the fake does the same: a literal runs to its closing quote on the same line.
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === quote) return j;
    if (c === "\n") return j;
  }
  return text.length;
}

/** Replaces every expression body with `x` of the same length (line/column stay exact). */
export function maskExpressions(text: string): string {
  let out = "";
  let last = 0;
  for (const span of findExpressions(text)) {
    out += text.slice(last, span.start);
    out += `@${text.slice(span.start + 1, span.end).replace(/[^\n]/g, "x")}`;
    last = span.end;
  }
  return out + text.slice(last);
}

/** The format=xml export: expressions come back XML-encoded (`=>` as `=&gt;`, quotes as `&quot;`). */
export function toXmlExport(raw: string): string {
  let out = "";
  let last = 0;
  for (const span of findExpressions(raw)) {
    out += raw.slice(last, span.start);
    out += raw
      .slice(span.start, span.end)
      .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
    last = span.end;
  }
  return out + raw.slice(last);
}

export interface PolicyProblem {
  target: string;
  message: string;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Problems APIM would answer with 400 ValidationError, in the wording APIM uses. */
export function checkPolicy(value: string, format: string, namedValues: ReadonlySet<string>): PolicyProblem[] {
  const text = format === "rawxml" ? maskExpressions(value) : value;
  const result = XMLValidator.validate(text);
  if (result !== true) {
    return [
      { target: "representation", message: `${result.err.msg} Line ${result.err.line}, position ${result.err.col}.` },
    ];
  }
  if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<policies[\s>]/.test(value)) {
    return [{ target: "representation", message: "There is no 'policies' root element." }];
  }
  const problems: PolicyProblem[] = [];
  const known = new Set([...namedValues].map((n) => n.toLowerCase()));
  for (const match of value.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const name = match[1] ?? "";
    if (known.has(name.trim().toLowerCase())) continue;
    const before = value.slice(0, match.index);
    const tagStart = before.lastIndexOf("<");
    const element = /^<([A-Za-z][\w.-]*)/.exec(value.slice(tagStart))?.[1] ?? "policies";
    const { line, column } = lineColumn(value, Math.max(tagStart, 0));
    problems.push({
      target: element,
      message: `Error in element '${element}' on line ${line}, column ${column}: Cannot find a property '${name}'`,
    });
  }
  return problems;
}
