// Text edits for the safe fixes, built from model positions. Indentation is copied from the surrounding lines so a
// fixed file looks hand-edited.
import type { ElementNode, PolicyDocument, Range } from "../../policy/model.js";
import type { Fix, TextEdit } from "../types.js";
import type { JwtValidation } from "./jwt.js";
import { childElements } from "./nodes.js";

export function at(doc: PolicyDocument, offset: number): Range {
  const p = doc.positionAt(offset);
  return { start: p, end: p };
}

/** Whitespace before the element on its line ("" when something else precedes it on that line). */
export function indentOf(doc: PolicyDocument, el: ElementNode): string {
  return lineIndent(doc, el) ?? "";
}

/** Whitespace before the element on its line; undefined when something else precedes it on that line. */
function lineIndent(doc: PolicyDocument, el: ElementNode): string | undefined {
  const start = el.range.start.offset;
  const lineStart = start - (el.range.start.column - 1);
  const lead = doc.source.slice(lineStart, start);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

function newline(doc: PolicyDocument): string {
  return doc.source.includes("\r\n") ? "\r\n" : "\n";
}

/** One level of indentation as used between `parent` and its first child element (default two spaces). */
function indentUnit(doc: PolicyDocument, parent: ElementNode): string {
  const child = childElements(parent)[0];
  if (child) {
    const p = indentOf(doc, parent);
    const c = indentOf(doc, child);
    if (c.startsWith(p) && c.length > p.length) return c.slice(p.length);
  }
  return "  ";
}

/** Inserts `xml` as the last child of `parent` (or before `before`), on its own line. */
function insertChild(
  doc: PolicyDocument,
  parent: ElementNode,
  xml: string,
  before?: ElementNode,
): TextEdit | undefined {
  const nl = newline(doc);
  const unit = indentUnit(doc, parent);
  const childIndent = indentOf(doc, parent) + unit;
  if (before) {
    return { range: at(doc, before.range.start.offset), text: `${xml}${nl}${indentOf(doc, before)}` };
  }
  const children = childElements(parent);
  const last = children[children.length - 1];
  if (last)
    return { range: at(doc, last.range.end.offset), text: `${nl}${lineIndent(doc, last) ?? childIndent}${xml}` };
  if (parent.selfClosing || !parent.endTagRange) return undefined;
  return {
    range: at(doc, parent.endTagRange.start.offset),
    text: `${nl}${childIndent}${xml}${nl}${indentOf(doc, parent)}`,
  };
}

/** Adds `<claim name=... match="any"><value>v</value></claim>` to the validation's required-claims (creating it). */
export function addClaimFix(doc: PolicyDocument, v: JwtValidation, name: string, value: string): Fix | undefined {
  const claim = `<claim name="${name}" match="any"><value>${value}</value></claim>`;
  const description = `require ${name} ${value}`;
  if (v.requiredClaims) {
    if (v.requiredClaims.selfClosing) {
      const indent = indentOf(doc, v.requiredClaims);
      const nl = newline(doc);
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
    const edit = insertChild(doc, v.requiredClaims, claim);
    return edit ? { description, edits: [edit] } : undefined;
  }
  // required-claims comes last in validate-jwt; in validate-azure-ad-token it precedes decryption-keys.
  const before = v.kind === "validate-azure-ad-token" ? childElements(v.element, "decryption-keys")[0] : undefined;
  const nl = newline(doc);
  const unit = indentUnit(doc, v.element);
  const inner = indentOf(doc, v.element) + unit;
  const block = `<required-claims>${nl}${inner}${unit}${claim}${nl}${inner}</required-claims>`;
  const edit = insertChild(doc, v.element, block, before);
  return edit ? { description: `add required-claims with ${name} ${value}`, edits: [edit] } : undefined;
}

/** Replaces an attribute's value (inside its quotes). */
export function replaceAttributeValue(range: Range, text: string, description: string): Fix {
  return { description, edits: [{ range, text }] };
}
