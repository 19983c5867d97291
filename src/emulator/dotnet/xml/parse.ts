// XDocument.Parse / XElement.Parse with LoadOptions.None: whitespace-only text between markup is dropped
// (XmlReaderSettings.IgnoreWhitespace), line endings are normalized to \n, attribute values are normalized (tab and
// line breaks become spaces), the five predefined entities and character references are decoded, prefixes are
// resolved to namespaces. Malformed input is an XmlException with XmlReader's message and "Line L, position P."
// for the common cases (missing root, mismatched or unclosed tags, several roots, undeclared prefix or entity,
// text at the root level); a DOCTYPE is not emulated.

import { NetException, NotEmulated } from "../../errors.js";
import {
  namespaceOfPrefix,
  XAttribute,
  XCData,
  XComment,
  XDeclaration,
  XDocument,
  XElement,
  XMLNS_NS,
  XName,
  type XNode,
  XProcessingInstruction,
  XText,
} from "./model.js";

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR =
  /[-.0-9A-Za-z_:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;

interface RawAttribute {
  qname: string;
  value: string;
  at: number;
}

class XmlParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private lineCol(offset: number): [number, number] {
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text[i] === "\n") {
        line++;
        start = i + 1;
      }
    }
    return [line, offset - start + 1];
  }

  error(message: string, offset = this.pos): NetException {
    const [line, col] = this.lineCol(offset);
    return new NetException("XmlException", `${message} Line ${line}, position ${col}.`);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos]!)) this.pos++;
  }

  private name(): string {
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === undefined) throw this.unexpectedEnd();
    if (!NAME_START.test(c)) {
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
      throw this.error(`Name cannot begin with the '${c}' character, hexadecimal value 0x${code}.`);
    }
    this.pos++;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private unexpectedEnd(open: readonly string[] = []): NetException {
    const tail = open.length > 0 ? ` The following elements are not closed: ${open.join(", ")}.` : "";
    return this.error(`Unexpected end of file has occurred.${tail}`, this.text.length);
  }

  /** Character and entity references of text or an attribute value. */
  private decode(raw: string, at: number): string {
    return raw.replace(/&([^;&<]*);?/g, (m, ref: string, offset: number) => {
      if (!m.endsWith(";")) throw this.error("An error occurred while parsing EntityName.", at + offset + 1);
      switch (ref) {
        case "lt":
          return "<";
        case "gt":
          return ">";
        case "amp":
          return "&";
        case "quot":
          return '"';
        case "apos":
          return "'";
      }
      const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (num) return String.fromCodePoint(num[1] ? Number.parseInt(num[1], 16) : Number(num[2]));
      throw this.error(`Reference to undeclared entity '${ref}'.`, at + offset + 1);
    });
  }

  parseDocument(): XDocument {
    const doc = new XDocument();
    if (this.startsWith("\ufeff")) this.pos++;
    if (this.startsWith("<?xml") && /[ \t\r\n?]/.test(this.text[this.pos + 5] ?? ""))
      doc.declaration = this.declaration();
    let root: XElement | null = null;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      if (this.startsWith("<!--")) doc.addNode(this.comment());
      else if (this.startsWith("<?")) doc.addNode(this.pi());
      else if (this.startsWith("<!DOCTYPE")) throw new NotEmulated("an XML document with a DOCTYPE");
      else if (this.startsWith("<") && !this.startsWith("</") && !this.startsWith("<!")) {
        if (root) throw this.error("There are multiple root elements.", this.pos + 1);
        root = this.element(null, []);
        doc.addNode(root);
      } else {
        throw this.error("Data at the root level is invalid.");
      }
    }
    if (!root) throw new NetException("XmlException", "Root element is missing.");
    return doc;
  }

  private declaration(): XDeclaration {
    const end = this.text.indexOf("?>", this.pos);
    if (end < 0) throw this.unexpectedEnd();
    const body = this.text.slice(this.pos + 5, end);
    const attr = (n: string) => new RegExp(`${n}\\s*=\\s*(["'])(.*?)\\1`).exec(body)?.[2] ?? null;
    this.pos = end + 2;
    return new XDeclaration(attr("version"), attr("encoding"), attr("standalone"));
  }

  private comment(): XComment {
    const end = this.text.indexOf("-->", this.pos + 4);
    if (end < 0) throw this.unexpectedEnd();
    const value = this.text.slice(this.pos + 4, end).replace(/\r\n?/g, "\n");
    this.pos = end + 3;
    return new XComment(value);
  }

  private pi(): XProcessingInstruction {
    this.pos += 2;
    const target = this.name();
    const end = this.text.indexOf("?>", this.pos);
    if (end < 0) throw this.unexpectedEnd();
    const data = this.text.slice(this.pos, end).replace(/^[ \t\r\n]+/, "");
    this.pos = end + 2;
    return new XProcessingInstruction(target, data);
  }

  private element(parent: XElement | null, open: string[]): XElement {
    const tagAt = this.pos + 1;
    this.pos++;
    const qname = this.name();
    const raw: RawAttribute[] = [];
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === undefined) throw this.unexpectedEnd([...open, qname]);
      if (c === ">" || (c === "/" && this.text[this.pos + 1] === ">")) break;
      if (before === this.pos) throw this.error(`'${c}' is an unexpected token. The expected token is '>' or '/>'.`);
      const at = this.pos;
      const an = this.name();
      this.skipSpace();
      if (this.text[this.pos] !== "=") {
        throw this.error(`'${this.text[this.pos] ?? ""}' is an unexpected token. The expected token is '='.`);
      }
      this.pos++;
      this.skipSpace();
      const q = this.text[this.pos];
      if (q !== '"' && q !== "'")
        throw this.error(`'${q ?? ""}' is an unexpected token. The expected token is '"' or '''.`);
      const end = this.text.indexOf(q, this.pos + 1);
      if (end < 0) throw this.unexpectedEnd([...open, qname]);
      const rawValue = this.text.slice(this.pos + 1, end);
      if (rawValue.includes("<"))
        throw this.error(
          "'<', hexadecimal value 0x3C, is an invalid attribute character.",
          this.pos + 1 + rawValue.indexOf("<"),
        );
      // Attribute-value normalization: literal tab, CR and LF become spaces; references are decoded after.
      const value = this.decode(rawValue.replace(/\r\n|[\t\r\n]/g, " "), this.pos + 1);
      if (raw.some((r) => r.qname === an)) throw this.error(`'${an}' is a duplicate attribute name.`, at);
      raw.push({ qname: an, value, at });
      this.pos = end + 1;
    }
    const e = new XElement(XName.get("", "x"));
    // Namespace declarations first, so that the element's own prefixes resolve.
    for (const r of raw) {
      if (r.qname === "xmlns") e.addAttribute(new XAttribute(XName.get("", "xmlns"), r.value));
      else if (r.qname.startsWith("xmlns:"))
        e.addAttribute(new XAttribute(XName.get(XMLNS_NS, r.qname.slice(6)), r.value));
    }
    e.parent = parent;
    e.name = this.resolve(e, qname, true, tagAt);
    const declared = e.attributes.slice();
    e.attributes.length = 0;
    for (const r of raw) {
      const decl = declared.find((d) =>
        r.qname === "xmlns"
          ? d.name.localName === "xmlns" && d.name.namespace.uri === ""
          : r.qname === `xmlns:${d.name.localName}` && d.name.namespace.uri === XMLNS_NS,
      );
      if (decl) e.addAttribute(decl);
      else e.addAttribute(new XAttribute(this.resolve(e, r.qname, false, r.at), r.value));
    }
    if (this.text[this.pos] === "/") {
      this.pos += 2;
      return e;
    }
    this.pos++;
    e.isEmpty = false;
    const inner = [...open, qname];
    for (;;) {
      if (this.pos >= this.text.length) throw this.unexpectedEnd(inner);
      if (this.startsWith("</")) {
        const closeAt = this.pos + 2;
        this.pos += 2;
        const closeName = this.name();
        this.skipSpace();
        if (this.text[this.pos] !== ">") {
          if (this.pos >= this.text.length) throw this.unexpectedEnd(inner);
          throw this.error(`'${this.text[this.pos]}' is an unexpected token. The expected token is '>'.`);
        }
        if (closeName !== qname) {
          const [l, c] = this.lineCol(tagAt);
          throw this.error(
            `The '${qname}' start tag on line ${l} position ${c} does not match the end tag of '${closeName}'.`,
            closeAt,
          );
        }
        this.pos++;
        return e;
      }
      if (this.startsWith("<!--")) e.addNode(this.comment());
      else if (this.startsWith("<![CDATA[")) {
        const end = this.text.indexOf("]]>", this.pos);
        if (end < 0) throw this.unexpectedEnd(inner);
        e.addNode(new XCData(this.text.slice(this.pos + 9, end).replace(/\r\n?/g, "\n")));
        this.pos = end + 3;
      } else if (this.startsWith("<?")) e.addNode(this.pi());
      else if (this.startsWith("<")) {
        const child = this.element(e, inner);
        e.addNode(child);
      } else {
        const start = this.pos;
        const next = this.text.indexOf("<", this.pos);
        const end = next < 0 ? this.text.length : next;
        const raw = this.text.slice(start, end);
        this.pos = end;
        // LoadOptions.None drops whitespace-only text (IgnoreWhitespace).
        if (/^[ \t\r\n]*$/.test(raw)) continue;
        const value = this.decode(raw.replace(/\r\n?/g, "\n"), start);
        const last = e.nodes[e.nodes.length - 1];
        if (last instanceof XText && !(last instanceof XCData)) last.value += value;
        else e.addNode(new XText(value));
      }
    }
  }

  private resolve(e: XElement, qname: string, isElement: boolean, at: number): XName {
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    // An unprefixed attribute is in no namespace; an unprefixed element is in the default namespace.
    if (prefix === "" && !isElement) return XName.get("", local);
    const ns = namespaceOfPrefix(e, prefix);
    if (ns === undefined) throw this.error(`'${prefix}' is an undeclared prefix.`, at);
    return XName.get(ns, local);
  }
}

export function parseXDocument(text: string): XDocument {
  return new XmlParser(text).parseDocument();
}

/** XElement.Parse: the document's root element (a declaration, comments and PIs around it are dropped). */
export function parseXElement(text: string): XElement {
  const doc = parseXDocument(text);
  const root = doc.root!;
  const i = doc.nodes.indexOf(root);
  doc.nodes.splice(i, 1);
  root.document = null;
  return root;
}

export type { XNode };
