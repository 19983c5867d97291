// The System.Xml.Linq tree: XName (interned, so == is reference equality as in .NET), XNamespace, XAttribute and
// the nodes XElement, XText, XCData, XComment, XProcessingInstruction and XDocument with its XDeclaration.

import type { NetObject } from "../../values.js";

const NS = "System.Xml.Linq";
export const XNAME = `${NS}.XName`;
export const XNAMESPACE = `${NS}.XNamespace`;
export const XATTRIBUTE = `${NS}.XAttribute`;
export const XELEMENT = `${NS}.XElement`;
export const XDOCUMENT = `${NS}.XDocument`;
export const XTEXT = `${NS}.XText`;
export const XCDATA = `${NS}.XCData`;
export const XCOMMENT = `${NS}.XComment`;
export const XPI = `${NS}.XProcessingInstruction`;
export const XDECLARATION = `${NS}.XDeclaration`;
export const XNODE = `${NS}.XNode`;
export const XCONTAINER = `${NS}.XContainer`;
export const XOBJECT = `${NS}.XObject`;

export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export class XNamespace implements NetObject {
  readonly $type = XNAMESPACE;
  private static readonly all = new Map<string, XNamespace>();
  private constructor(readonly uri: string) {}
  static get(uri: string): XNamespace {
    let ns = XNamespace.all.get(uri);
    if (!ns) {
      ns = new XNamespace(uri);
      XNamespace.all.set(uri, ns);
    }
    return ns;
  }
}

export class XName implements NetObject {
  readonly $type = XNAME;
  private static readonly all = new Map<string, XName>();
  private constructor(
    readonly namespace: XNamespace,
    readonly localName: string,
  ) {}
  static get(uri: string, localName: string): XName {
    const key = `{${uri}}${localName}`;
    let n = XName.all.get(key);
    if (!n) {
      n = new XName(XNamespace.get(uri), localName);
      XName.all.set(key, n);
    }
    return n;
  }
  /** `{uri}local` or `local`, as XName.ToString() writes it. */
  get expanded(): string {
    return this.namespace.uri === "" ? this.localName : `{${this.namespace.uri}}${this.localName}`;
  }
}

export class XAttribute implements NetObject {
  readonly $type = XATTRIBUTE;
  parent: XElement | null = null;
  constructor(
    readonly name: XName,
    public value: string,
  ) {}
  get isNamespaceDeclaration(): boolean {
    return this.name.namespace.uri === XMLNS_NS || (this.name.namespace.uri === "" && this.name.localName === "xmlns");
  }
}

export abstract class XNode implements NetObject {
  abstract readonly $type: string;
  parent: XElement | null = null;
  /** Set for top-level nodes of a document. */
  document: XDocument | null = null;
  abstract clone(): XNode;
}

export class XText extends XNode {
  readonly $type: string = XTEXT;
  constructor(public value: string) {
    super();
  }
  clone(): XText {
    return new XText(this.value);
  }
}

export class XCData extends XText {
  override readonly $type = XCDATA;
  override clone(): XCData {
    return new XCData(this.value);
  }
}

export class XComment extends XNode {
  readonly $type = XCOMMENT;
  constructor(public value: string) {
    super();
  }
  clone(): XComment {
    return new XComment(this.value);
  }
}

export class XProcessingInstruction extends XNode {
  readonly $type = XPI;
  constructor(
    public target: string,
    public data: string,
  ) {
    super();
  }
  clone(): XProcessingInstruction {
    return new XProcessingInstruction(this.target, this.data);
  }
}

export class XElement extends XNode {
  readonly $type = XELEMENT;
  readonly attributes: XAttribute[] = [];
  readonly nodes: XNode[] = [];
  /** `<a></a>` vs `<a />`: XElement.IsEmpty (an element with no nodes written with an end tag is not empty). */
  isEmpty = true;
  constructor(public name: XName) {
    super();
  }
  /** Appends a node; one that belongs elsewhere is cloned (XContainer.Add). */
  addNode(n: XNode, index = this.nodes.length): void {
    const own = (n.parent && n.parent !== this) || n.document ? n.clone() : n;
    own.parent = this;
    this.nodes.splice(index, 0, own);
    this.isEmpty = false;
  }
  addAttribute(a: XAttribute): XAttribute {
    const own = a.parent ? new XAttribute(a.name, a.value) : a;
    own.parent = this;
    this.attributes.push(own);
    return own;
  }
  attribute(name: XName): XAttribute | undefined {
    return this.attributes.find((a) => a.name === name);
  }
  clone(): XElement {
    const e = new XElement(this.name);
    for (const a of this.attributes) e.addAttribute(new XAttribute(a.name, a.value));
    for (const n of this.nodes) e.addNode(n.clone());
    e.isEmpty = this.isEmpty;
    return e;
  }
}

export class XDeclaration implements NetObject {
  readonly $type = XDECLARATION;
  constructor(
    public version: string | null,
    public encoding: string | null,
    public standalone: string | null,
  ) {}
}

export class XDocument extends XNode {
  readonly $type = XDOCUMENT;
  declaration: XDeclaration | null = null;
  readonly nodes: XNode[] = [];
  get root(): XElement | null {
    return (this.nodes.find((n) => n instanceof XElement) as XElement | undefined) ?? null;
  }
  addNode(n: XNode): void {
    const own = n.parent || n.document ? n.clone() : n;
    own.document = this;
    this.nodes.push(own);
  }
  clone(): XDocument {
    const d = new XDocument();
    d.declaration = this.declaration;
    for (const n of this.nodes) d.addNode(n.clone());
    return d;
  }
}

/** XElement.Value: the text of every descendant text node, in document order. */
export function elementValue(e: XElement): string {
  let out = "";
  for (const n of e.nodes) {
    if (n instanceof XText) out += n.value;
    else if (n instanceof XElement) out += elementValue(n);
  }
  return out;
}

export function* descendants(nodes: readonly XNode[]): Iterable<XNode> {
  for (const n of nodes) {
    yield n;
    if (n instanceof XElement) yield* descendants(n.nodes);
  }
}

/** The namespace a prefix maps to at `e` (its own declarations, then its ancestors'). */
export function namespaceOfPrefix(e: XElement | null, prefix: string): string | undefined {
  for (let x = e; x; x = x.parent) {
    for (const a of x.attributes) {
      if (prefix === "" && a.name.namespace.uri === "" && a.name.localName === "xmlns") return a.value;
      if (prefix !== "" && a.name.namespace.uri === XMLNS_NS && a.name.localName === prefix) return a.value;
    }
  }
  if (prefix === "xml") return XML_NS;
  if (prefix === "xmlns") return XMLNS_NS;
  return prefix === "" ? "" : undefined;
}
