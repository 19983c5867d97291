// Model -> rawxml text. Expressions are written raw (quotes, `<`, `&&` as C# reads them, the way the portal and
// APIOps store policies); literal text is XML-escaped. Whitespace-only text is not part of the model, so elements
// holding only elements and comments are laid out one child per line; an element with text keeps its text exactly.
// parsePolicy(serializePolicy(doc)) gives the same model as doc (positions aside).
import { escapeXml, matchEntity } from "./entities.js";
import type { Attribute, ChildNode, CommentNode, ElementNode, PolicyDocument, PolicyValue } from "./model.js";

export interface SerializeOptions {
  /** One level of indentation (default two spaces). */
  indent?: string;
  /** Line break (default: "\r\n" when the document's source uses it, else "\n"). */
  newline?: string;
  /** Indentation level of the element itself (for serializeElement inside an existing document). */
  level?: number;
}

interface Layout {
  indent: string;
  newline: string;
}

/** The whole document: BOM (when the source had one), comments before the root, the root, comments after it. */
export function serializePolicy(doc: PolicyDocument, options: SerializeOptions = {}): string {
  const layout: Layout = {
    indent: options.indent ?? "  ",
    newline: options.newline ?? (doc.source.includes("\r\n") ? "\r\n" : "\n"),
  };
  const out: string[] = [];
  const root = doc.root;
  const rootStart = root ? root.range.start.offset : Number.POSITIVE_INFINITY;
  const before = doc.topLevelComments.filter((c) => !root || c.range.start.offset <= rootStart);
  const after = doc.topLevelComments.filter((c) => root && c.range.start.offset > rootStart);
  for (const c of before) out.push(comment(c), layout.newline);
  if (root) writeElement(root, 0, layout, out, false);
  for (const c of after) out.push(layout.newline, comment(c));
  if (out.length > 0) out.push(layout.newline);
  return (doc.bom ? "\uFEFF" : "") + out.join("");
}

/** One element and its content, e.g. to insert into a document or for a --fix replacement. */
export function serializeElement(el: ElementNode, options: SerializeOptions = {}): string {
  const layout: Layout = { indent: options.indent ?? "  ", newline: options.newline ?? "\n" };
  const out: string[] = [];
  writeElement(el, options.level ?? 0, layout, out, false);
  return out.join("");
}

/** An attribute value as it goes between quotes `quote`. */
export function serializeAttributeValue(value: PolicyValue, quote: '"' | "'" = '"'): string {
  if (value.kind === "expression") return rawExpression(value.text);
  // Line breaks and tabs as references: an XML reader would turn raw ones into spaces (attribute normalisation).
  return escapeXml(value.text, quote).replace(/[\t\n\r]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** Element text content (not CDATA). */
export function serializeTextValue(value: PolicyValue): string {
  return value.kind === "expression" ? rawExpression(value.text) : escapeXml(value.text);
}

function writeElement(el: ElementNode, level: number, layout: Layout, out: string[], inline: boolean): void {
  out.push("<", el.name);
  for (const a of el.attributes) out.push(" ", attribute(a));
  const kids = el.children;
  if (kids.length === 0) {
    // Keep the form the element was read with (`<base />` vs `<set-body></set-body>`).
    out.push(el.selfClosing ? " />" : `></${el.name}>`);
    return;
  }
  out.push(">");
  const mixed = inline || kids.some((k) => k.type === "text");
  if (mixed) {
    // Text is significant: write the children exactly, adding no whitespace.
    for (const k of kids) writeChild(k, level + 1, layout, out, true);
  } else {
    const pad = layout.newline + layout.indent.repeat(level + 1);
    for (const k of kids) {
      out.push(pad);
      writeChild(k, level + 1, layout, out, false);
    }
    out.push(layout.newline, layout.indent.repeat(level));
  }
  out.push("</", el.name, ">");
}

function writeChild(k: ChildNode, level: number, layout: Layout, out: string[], inline: boolean): void {
  if (k.type === "element") writeElement(k, level, layout, out, inline);
  else if (k.type === "comment") out.push(comment(k));
  else if (k.cdata) out.push("<![CDATA[", k.value.text.split("]]>").join("]]]]><![CDATA[>"), "]]>");
  else out.push(serializeTextValue(k.value));
}

function attribute(a: Attribute): string {
  return `${a.name}=${a.quote}${serializeAttributeValue(a.value, a.quote)}${a.quote}`;
}

function comment(c: CommentNode): string {
  // `--` cannot appear in a comment, nor `-` at its end: keep a built comment well-formed.
  const text = c.text.replace(/--/g, "- -").replace(/-$/, "- ");
  return `<!--${text}-->`;
}

/**
 * An expression written raw. The parser decodes references inside expressions (xml-format files use them),
 * so an `&` that would read as one (`&lt;` in a C# string) is written as `&amp;` to survive the round trip.
 */
function rawExpression(text: string): string {
  if (text.indexOf("&") === -1) return text;
  let out = "";
  let last = 0;
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) {
    if (matchEntity(text, i)) {
      out += `${text.slice(last, i)}&amp;`;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}
