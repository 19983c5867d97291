// How the fake ARM judges a policy document, close to what APIM answers (apim-reference §2 and §6):
// rawxml treats @(...) / @{...} as opaque C# spans, then the rest must be well-formed XML; every {{name}} must be a
// named value of the service. The XML side is fast-xml-parser's validator, independent of apimkit's parser, so
// the tests do not grade apimkit's XML reading with itself. Where a C# span ends is read with apimkit's one C#
// scanner: APIM reads C# as a C# compiler does (verbatim and interpolated strings, comments), and a second,
// simpler balancer here disagreed with the rest of apimkit on exactly those.
import { XMLValidator } from "fast-xml-parser";
import { scanExpression } from "../../../src/policy/csharp-scanner.js";

export interface ExpressionSpan {
  start: number;
  end: number;
}

/** Finds `@(...)` and `@{...}` spans; an expression that never closes runs to the end of the text. */
export function findExpressions(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  const budget = { steps: 64 * (text.length + 16) };
  let i = text.indexOf("@");
  while (i >= 0 && i < text.length - 1) {
    const next = text[i + 1];
    if (next === "(" || next === "{") {
      const scan = scanExpression(text, i, budget);
      const end = scan.ok ? scan.end : text.length;
      spans.push({ start: i, end });
      i = text.indexOf("@", end);
      continue;
    }
    i = text.indexOf("@", i + 1);
  }
  return spans;
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
