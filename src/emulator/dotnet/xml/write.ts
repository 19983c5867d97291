// XNode.ToString() (SaveOptions.None): XmlWriter with Indent = true, two spaces, NewLineChars = Environment.NewLine
// (the gateway's "\r\n", json/writer.ts GATEWAY_NEWLINE), no XML declaration. An element with no nodes is `<a />`;
// once text is written inside an element, nothing more inside it is indented (XmlEncodedRawTextWriterIndent's
// mixed content). Text escapes & < >; attribute values also " and tab/CR/LF as character references. Prefixes come
// from the namespace declarations in scope (ancestors included, as ElementWriter.PushAncestors does); a namespace
// without one is declared where it is used (xmlns="..." for an element, p1, p2, ... for attributes).

import { GATEWAY_NEWLINE } from "../json/writer.js";
import {
  type XAttribute,
  XCData,
  XComment,
  XDocument,
  XElement,
  XML_NS,
  XMLNS_NS,
  type XNode,
  XProcessingInstruction,
  XText,
} from "./model.js";

type Scope = Map<string, string>;

export function escapeText(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r\n|\n|\r/g, GATEWAY_NEWLINE);
}

export function escapeAttribute(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

function declarations(e: XElement): [string, string][] {
  const out: [string, string][] = [];
  for (const a of e.attributes) {
    if (a.name.namespace.uri === "" && a.name.localName === "xmlns") out.push(["", a.value]);
    else if (a.name.namespace.uri === XMLNS_NS) out.push([a.name.localName, a.value]);
  }
  return out;
}

/** The namespace declarations in scope at `e` from its ancestors (innermost wins). */
function ancestorScope(e: XElement): Scope {
  const chain: XElement[] = [];
  for (let x = e.parent; x; x = x.parent) chain.unshift(x);
  const scope: Scope = new Map();
  for (const x of chain) for (const [p, u] of declarations(x)) scope.set(p, u);
  return scope;
}

function prefixFor(scope: Scope, uri: string, allowDefault: boolean): string | undefined {
  if (uri === XML_NS) return "xml";
  for (const [p, u] of [...scope].reverse()) {
    if (u !== uri || (p === "" && !allowDefault)) continue;
    // The prefix must still mean `uri` (not shadowed by an inner declaration).
    if (scope.get(p) === uri) return p;
  }
  return undefined;
}

class Writer {
  private readonly out: string[] = [];
  private counter = 0;

  text(): string {
    return this.out.join("");
  }

  private indent(depth: number): void {
    if (this.out.length > 0) this.out.push(GATEWAY_NEWLINE + "  ".repeat(depth));
  }

  node(n: XNode, depth: number, mixed: boolean, resolver: Scope, written: Scope): void {
    if (n instanceof XElement) {
      this.element(n, depth, mixed, resolver, written);
      return;
    }
    if (n instanceof XCData) {
      this.out.push(`<![CDATA[${n.value.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`);
      return;
    }
    if (n instanceof XText) {
      this.out.push(escapeText(n.value));
      return;
    }
    if (!mixed) this.indent(depth);
    if (n instanceof XComment) this.out.push(`<!--${n.value}-->`);
    else if (n instanceof XProcessingInstruction) this.out.push(`<?${n.target}${n.data ? ` ${n.data}` : ""}?>`);
  }

  element(e: XElement, depth: number, mixed: boolean, outerResolver: Scope, outerWritten: Scope): void {
    if (!mixed) this.indent(depth);
    const resolver: Scope = new Map(outerResolver);
    const written: Scope = new Map(outerWritten);
    const own = declarations(e);
    for (const [p, u] of own) {
      resolver.delete(p);
      resolver.set(p, u);
      written.set(p, u);
    }
    const auto: [string, string][] = [];
    const uri = e.name.namespace.uri;
    let prefix = uri === "" ? "" : prefixFor(resolver, uri, true);
    if (prefix === undefined) prefix = "";
    if ((written.get(prefix) ?? "") !== uri) {
      auto.push([prefix, uri]);
      written.set(prefix, uri);
      resolver.set(prefix, uri);
    }
    const qname = prefix === "" ? e.name.localName : `${prefix}:${e.name.localName}`;
    let tag = `<${qname}`;
    const attrs: string[] = [];
    for (const a of e.attributes) {
      if (a.isNamespaceDeclaration) {
        const p = a.name.namespace.uri === XMLNS_NS ? a.name.localName : "";
        attrs.push(`${p === "" ? "xmlns" : `xmlns:${p}`}="${escapeAttribute(a.value)}"`);
        continue;
      }
      attrs.push(`${this.attributeName(a, resolver, written, auto)}="${escapeAttribute(a.value)}"`);
    }
    for (const [p, u] of auto) attrs.push(`${p === "" ? "xmlns" : `xmlns:${p}`}="${escapeAttribute(u)}"`);
    if (attrs.length > 0) tag += ` ${attrs.join(" ")}`;
    if (e.nodes.length === 0) {
      this.out.push(e.isEmpty ? `${tag} />` : `${tag}></${qname}>`);
      return;
    }
    this.out.push(`${tag}>`);
    let inner = mixed;
    for (const n of e.nodes) {
      if (n instanceof XText) inner = true;
      this.node(n, depth + 1, inner, resolver, written);
    }
    if (!inner) this.indent(depth);
    this.out.push(`</${qname}>`);
  }

  private attributeName(a: XAttribute, resolver: Scope, written: Scope, auto: [string, string][]): string {
    const uri = a.name.namespace.uri;
    if (uri === "") return a.name.localName;
    let p = prefixFor(resolver, uri, false);
    if (p === undefined) {
      do p = `p${++this.counter}`;
      while (resolver.has(p));
      auto.push([p, uri]);
      resolver.set(p, uri);
      written.set(p, uri);
    } else if (p !== "xml" && written.get(p) !== uri) {
      auto.push([p, uri]);
      written.set(p, uri);
    }
    return `${p}:${a.name.localName}`;
  }
}

/** XNode.ToString(): indented unless `disableFormatting` (SaveOptions.DisableFormatting). */
export function xmlString(n: XNode, disableFormatting = false): string {
  const w = new Writer();
  if (n instanceof XDocument) {
    for (const child of n.nodes) w.node(child, 0, disableFormatting, new Map(), new Map());
  } else if (n instanceof XElement) {
    w.element(n, 0, disableFormatting, ancestorScope(n), new Map());
  } else {
    w.node(n, 0, disableFormatting, new Map(), new Map());
  }
  return w.text();
}

/** XAttribute.ToString(): `name="value"` (a namespaced attribute with its prefix when one is in scope). */
export function attributeString(a: XAttribute): string {
  const uri = a.name.namespace.uri;
  let name = a.name.localName;
  if (a.isNamespaceDeclaration) name = uri === XMLNS_NS ? `xmlns:${a.name.localName}` : "xmlns";
  else if (uri !== "") {
    const scope = a.parent ? ancestorScope(a.parent) : new Map<string, string>();
    if (a.parent) for (const [p, u] of declarations(a.parent)) scope.set(p, u);
    const p = prefixFor(scope, uri, false);
    name = p ? `${p}:${name}` : `{${uri}}${name}`;
  }
  return `${name}="${escapeAttribute(a.value)}"`;
}
