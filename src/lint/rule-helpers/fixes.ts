// Safe text edits on the ORIGINAL source that keep the author's layout: insert a child element as the first
// child with the indentation of the following line, or remove an element together with its line.
import type { ElementNode, PolicyDocument, Range } from "../../policy/model.js";
import type { Fix } from "../types.js";

/** Inserts `markup` (one element, e.g. "<base />") as the first child of `parent`. */
export function insertChildFix(doc: PolicyDocument, parent: ElementNode, markup: string, description: string): Fix {
  const src = doc.source;
  const eol = src.includes("\r\n") ? "\r\n" : "\n";
  if (parent.selfClosing) {
    // <outbound /> -> <outbound><base /></outbound>
    return {
      description,
      edits: [{ range: parent.startTagRange, text: `<${parent.name}>${markup}</${parent.name}>` }],
    };
  }
  const at = parent.startTagRange.end.offset;
  const point = pointRange(doc, at);
  const following = /^[ \t]*\r?\n(?:[ \t]*\r?\n)*([ \t]*)(\S?)/.exec(src.slice(at, at + 400));
  if (!following) {
    // Content on the same line as the start tag: insert without a line break.
    return { description, edits: [{ range: point, text: markup }] };
  }
  let indent = following[1] ?? "";
  const nextLineStart = at + following[0].length - (following[2] ?? "").length;
  if (parent.endTagRange && nextLineStart >= parent.endTagRange.start.offset) {
    // Only the end tag follows: indent one level deeper than the parent's own line.
    indent = lineIndent(src, parent.startTagRange.start.offset) + indentUnit(src, parent);
  }
  return { description, edits: [{ range: point, text: `${eol}${indent}${markup}` }] };
}

/** Removes `el`; when it is alone on its line(s), the whole line goes, so no blank line is left behind. */
export function removeElementFix(doc: PolicyDocument, el: ElementNode, description: string): Fix {
  const src = doc.source;
  let start = el.range.start.offset;
  let end = el.range.end.offset;
  let lineStart = start;
  while (lineStart > 0 && (src[lineStart - 1] === " " || src[lineStart - 1] === "\t")) lineStart--;
  let lineEnd = end;
  while (lineEnd < src.length && (src[lineEnd] === " " || src[lineEnd] === "\t")) lineEnd++;
  const atLineStart = lineStart === 0 || src[lineStart - 1] === "\n";
  const eolLen = src.startsWith("\r\n", lineEnd) ? 2 : src[lineEnd] === "\n" ? 1 : 0;
  if (atLineStart && eolLen > 0) {
    start = lineStart;
    end = lineEnd + eolLen;
  }
  return { description, edits: [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: "" }] };
}

function pointRange(doc: PolicyDocument, offset: number): Range {
  const p = doc.positionAt(offset);
  return { start: p, end: p };
}

/** The whitespace at the start of the line holding `offset`. */
function lineIndent(src: string, offset: number): string {
  let ls = offset;
  while (ls > 0 && src[ls - 1] !== "\n") ls--;
  const m = /^[ \t]*/.exec(src.slice(ls, offset));
  return m ? m[0] : "";
}

/** The document's indentation step: the difference between the parent's and its parent's indentation. */
function indentUnit(src: string, el: ElementNode): string {
  const own = lineIndent(src, el.startTagRange.start.offset);
  const up = el.parent ? lineIndent(src, el.parent.startTagRange.start.offset) : "";
  if (own.length > up.length && own.startsWith(up)) return own.slice(up.length);
  return own.includes("\t") ? "\t" : "  ";
}
