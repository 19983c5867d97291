// The one builder of safe fixes: text edits on the ORIGINAL source, placed from model positions, that keep the
// author's layout (line ends, indentation copied from the surrounding lines, no blank or trailing-space lines
// left behind), so a fixed file looks hand-edited.
import type { ElementNode, PolicyDocument, Range } from "../../policy/model.js";
import type { Fix, TextEdit } from "../types.js";
import type { JwtValidation } from "./jwt.js";
import { childElements } from "./nodes.js";

/** The empty range at `offset` (an insertion point). */
export function at(doc: PolicyDocument, offset: number): Range {
  const p = doc.positionAt(offset);
  return { start: p, end: p };
}

/** The document's line end: CRLF when it uses any, else LF. */
function newline(doc: PolicyDocument): string {
  return doc.source.includes("\r\n") ? "\r\n" : "\n";
}

/** Whitespace before the element on its line; undefined when something else precedes it on that line. */
function leadingIndent(doc: PolicyDocument, el: ElementNode): string | undefined {
  const start = el.range.start.offset;
  const lineStart = start - (el.range.start.column - 1);
  const lead = doc.source.slice(lineStart, start);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

/** Whitespace before the element on its line ("" when something else precedes it on that line). */
export function indentOf(doc: PolicyDocument, el: ElementNode): string {
  return leadingIndent(doc, el) ?? "";
}

/** The whitespace at the start of the line holding `offset` (whatever follows it). */
function lineIndentAt(src: string, offset: number): string {
  let ls = offset;
  while (ls > 0 && src[ls - 1] !== "\n") ls--;
  const m = /^[ \t]*/.exec(src.slice(ls, offset));
  return m ? m[0] : "";
}

/**
 * One level of indentation at `el`: what its first child element adds to it, else what it adds to its parent,
 * else a tab when its line is tab-indented, else two spaces.
 */
function indentUnit(doc: PolicyDocument, el: ElementNode): string {
  const child = childElements(el)[0];
  if (child) {
    const p = indentOf(doc, el);
    const c = indentOf(doc, child);
    if (c.startsWith(p) && c.length > p.length) return c.slice(p.length);
  }
  const src = doc.source;
  const own = lineIndentAt(src, el.startTagRange.start.offset);
  const up = el.parent ? lineIndentAt(src, el.parent.startTagRange.start.offset) : "";
  if (own.length > up.length && own.startsWith(up)) return own.slice(up.length);
  return own.includes("\t") ? "\t" : "  ";
}

/** Inserts `markup` (one element, e.g. "<base />") as the first child of `parent`. */
export function insertChildFix(doc: PolicyDocument, parent: ElementNode, markup: string, description: string): Fix {
  const src = doc.source;
  if (parent.selfClosing) {
    // <outbound /> -> <outbound><base /></outbound>
    return {
      description,
      edits: [{ range: parent.startTagRange, text: `<${parent.name}>${markup}</${parent.name}>` }],
    };
  }
  const offset = parent.startTagRange.end.offset;
  const following = /^[ \t]*\r?\n(?:[ \t]*\r?\n)*([ \t]*)(\S?)/.exec(src.slice(offset, offset + 400));
  if (!following) {
    // Content on the same line as the start tag: insert without a line break.
    return { description, edits: [{ range: at(doc, offset), text: markup }] };
  }
  let indent = following[1] ?? "";
  const nextLineStart = offset + following[0].length - (following[2] ?? "").length;
  if (parent.endTagRange && nextLineStart >= parent.endTagRange.start.offset) {
    // Only the end tag follows: indent one level deeper than the parent's own line.
    indent = lineIndentAt(src, parent.startTagRange.start.offset) + indentUnit(doc, parent);
  }
  return { description, edits: [{ range: at(doc, offset), text: `${newline(doc)}${indent}${markup}` }] };
}

/** Inserts `xml` as the last child of `parent` (or before `before`), on its own line. */
function insertLastChild(
  doc: PolicyDocument,
  parent: ElementNode,
  xml: string,
  before?: ElementNode,
): TextEdit | undefined {
  const nl = newline(doc);
  const childIndent = indentOf(doc, parent) + indentUnit(doc, parent);
  if (before) {
    return { range: at(doc, before.range.start.offset), text: `${xml}${nl}${indentOf(doc, before)}` };
  }
  const children = childElements(parent);
  const last = children[children.length - 1];
  if (last) {
    return { range: at(doc, last.range.end.offset), text: `${nl}${leadingIndent(doc, last) ?? childIndent}${xml}` };
  }
  if (parent.selfClosing || !parent.endTagRange) return undefined;
  return {
    range: at(doc, parent.endTagRange.start.offset),
    text: `${nl}${childIndent}${xml}${nl}${indentOf(doc, parent)}`,
  };
}

/**
 * Deletes the text in `range` (an element, a comment): the whole line when it is alone on its line (no blank line
 * is left), else with the blanks before it when it ends its line (no trailing whitespace), else exactly the range.
 */
export function removeFix(doc: PolicyDocument, range: Range, description: string): Fix {
  const text = doc.source;
  let start = range.start.offset;
  let end = range.end.offset;
  let before = start;
  while (before > 0 && (text[before - 1] === " " || text[before - 1] === "\t")) before--;
  let after = end;
  while (after < text.length && (text[after] === " " || text[after] === "\t")) after++;
  const endsLine = after === text.length || text[after] === "\n" || text[after] === "\r";
  const startsLine = before === 0 || text[before - 1] === "\n";
  if (endsLine) {
    start = before;
    end = after;
    if (startsLine) end = text.startsWith("\r\n", after) ? after + 2 : text[after] === "\n" ? after + 1 : after;
  }
  return { description, edits: [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: "" }] };
}

/** Adds `<claim name=... match="any"><value>v</value></claim>` to the validation's required-claims (creating it). */
export function addClaimFix(doc: PolicyDocument, v: JwtValidation, name: string, value: string): Fix | undefined {
  const claim = `<claim name="${name}" match="any"><value>${value}</value></claim>`;
  const description = `require ${name} ${value}`;
  const nl = newline(doc);
  if (v.requiredClaims) {
    if (v.requiredClaims.selfClosing) {
      const indent = indentOf(doc, v.requiredClaims);
      return {
        description,
        edits: [
          {
            range: v.requiredClaims.range,
            text: `<required-claims>${nl}${indent}  ${claim}${nl}${indent}</required-claims>`,
          },
        ],
      };
    }
    const edit = insertLastChild(doc, v.requiredClaims, claim);
    return edit ? { description, edits: [edit] } : undefined;
  }
  // required-claims comes last in validate-jwt; in validate-azure-ad-token it precedes decryption-keys.
  const before = v.kind === "validate-azure-ad-token" ? childElements(v.element, "decryption-keys")[0] : undefined;
  const unit = indentUnit(doc, v.element);
  const inner = indentOf(doc, v.element) + unit;
  const block = `<required-claims>${nl}${inner}${unit}${claim}${nl}${inner}</required-claims>`;
  const edit = insertLastChild(doc, v.element, block, before);
  return edit ? { description: `add required-claims with ${name} ${value}`, edits: [edit] } : undefined;
}
