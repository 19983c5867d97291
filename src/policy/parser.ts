// parsePolicy: reads an APIM policy document (rawxml, xml-escaped, or a mix) into the document model.
// Never throws for bad input: problems become diagnostics with original line/column.
import { createRequire } from "node:module";
import type * as FastXmlParser from "fast-xml-parser";
import type { DocumentKind, ParseDiagnostic, PolicyDocument } from "./model.js";
import { LineIndex } from "./positions.js";
import { escapeExpressions, prepass } from "./prepass.js";

// fast-xml-parser's CommonJS build loads in about 8 ms, its ESM build (dozens of small modules) in about 36 ms:
// most of a cold `apimkit lint one-file.xml` is module loading, so the parser takes the CommonJS one.
const { XMLValidator } = createRequire(import.meta.url)("fast-xml-parser") as typeof FastXmlParser;

export function parsePolicy(source: string, file = "<input>"): PolicyDocument {
  const bom = source.charCodeAt(0) === 0xfeff;
  const text = bom ? source.slice(1) : source;
  const lines = new LineIndex(text);
  const pre = prepass(text, lines);
  const diagnostics = pre.diagnostics;

  // The pre-pass checks what it must to build the tree; the strict XML validator then checks the escaped text
  // against the full XML rules. It stops at its first error, so it only runs when the pre-pass found nothing
  // (otherwise it would re-report the same problem at a less useful place).
  // With ASCII names, a text the pre-pass accepts is one the validator accepts: its other checks (tags, end tags,
  // quoting, attribute spacing and values, duplicates, references, text outside the root, declarations) are ones
  // the pre-pass makes at least as strictly; only names differ, where the pre-pass lets every character from
  // U+00C0 on through and the validator knows XML's exact name ranges. So the validator (about 40% of parsing)
  // runs only when a name is not ASCII. test/policy/validator-agreement.test.ts holds the pre-pass to this.
  if (diagnostics.length === 0 && pre.root && !pre.asciiNames) {
    const { escaped, toOriginal } = escapeExpressions(text, pre.escapes);
    const strict = validateXml(escaped, toOriginal, lines);
    if (strict) diagnostics.push(strict);
  }
  if (!pre.root && diagnostics.length === 0) {
    const at = text.trim() === "" ? 0 : text.length - text.trimStart().length;
    diagnostics.push({
      code: "no-root",
      message: "the document has no root element: expected <policies> or <fragment>",
      range: lines.range(at, at),
    });
  }

  const root = pre.root;
  let kind: DocumentKind = "empty";
  if (root) kind = root.name === "policies" ? "policies" : root.name === "fragment" ? "fragment" : "other";
  if (diagnostics.length > 1) diagnostics.sort(byStart);
  return {
    file,
    source: text,
    bom,
    root,
    kind,
    topLevelComments: pre.topLevelComments,
    comments: pre.comments,
    diagnostics,
    positionAt: (offset: number) => lines.positionAt(offset),
  };
}

const byStart = (a: ParseDiagnostic, b: ParseDiagnostic): number => a.range.start.offset - b.range.start.offset;

function validateXml(
  escaped: string,
  toOriginal: (offset: number) => number,
  lines: LineIndex,
): ParseDiagnostic | undefined {
  let result: ReturnType<typeof XMLValidator.validate>;
  try {
    result = XMLValidator.validate(escaped, { allowBooleanAttributes: false });
  } catch (err) {
    // The validator is third-party code: never let it throw out of the parser.
    const message = err instanceof Error ? err.message : String(err);
    return { code: "xml", message: `XML validation failed: ${message}`, range: lines.range(0, 0) };
  }
  if (result === true) return undefined;
  const { line, col, msg } = result.err;
  // Escaping never adds line breaks, so the line is the same; the column needs mapping back.
  const escLines = new LineIndex(escaped);
  const lineStart = escLines.lineStarts[Math.max(0, line - 1)] ?? 0;
  const offset = toOriginal(lineStart + Math.max(0, col - 1));
  return { code: "xml", message: msg, range: lines.range(offset, offset + 1) };
}
