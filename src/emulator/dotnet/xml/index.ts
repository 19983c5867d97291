// System.Xml.Linq for the emulator: XDocument, XElement, XAttribute, XName, XNamespace, the text, comment and
// processing-instruction nodes, with .NET's conversions ((string)element, (int)attribute: XmlConvert) and content
// rules (a node that already has a parent is cloned; strings are appended to a preceding text node).

import { K, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { numericTypeOfKey } from "../../interpreter/numbers.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { NetEnum, type NetValue, Num } from "../../values.js";
import { arg, getter, method } from "../collections/members.js";
import { sequence } from "../collections/model.js";
import { argumentNull, describeType, invalidOperation, iterableOf } from "../collections/support.js";
import { formatNumber } from "../format/number.js";
import { changeType } from "../json/convert.js";
import {
  descendants,
  elementValue,
  XATTRIBUTE,
  XAttribute,
  XCDATA,
  XCData,
  XCOMMENT,
  XCONTAINER,
  XComment,
  XDECLARATION,
  XDeclaration,
  XDOCUMENT,
  XDocument,
  XELEMENT,
  XElement,
  XNAME,
  XNAMESPACE,
  XName,
  XNamespace,
  XNODE,
  type XNode,
  XOBJECT,
  XPI,
  XProcessingInstruction,
  XTEXT,
  XText,
} from "./model.js";
import { parseXDocument, parseXElement } from "./parse.js";
import { attributeString, xmlString } from "./write.js";

export { parseXDocument, parseXElement } from "./parse.js";
export { xmlString } from "./write.js";

const NAME_RE = /^[A-Za-z_\u00C0-\uFFFD][-.0-9A-Za-z_\u00B7\u00C0-\uFFFD]*$/;

/** XName.Get(expandedName): `{namespace}local` or `local` (the implicit string -> XName conversion). */
export function xnameOf(v: NetValue, call: CallInfo, param = "name"): XName {
  if (v instanceof XName) return v;
  if (v === null) throw argumentNull(param, call);
  if (typeof v !== "string") throw new NotEmulated(`an XName from ${describeType(v)}`, call.at);
  if (v === "") throw new NetException("ArgumentException", "The empty string '' is not a valid name.", call.at);
  let uri = "";
  let local = v;
  if (v.startsWith("{")) {
    const close = v.indexOf("}");
    if (close < 0 || close === v.length - 1)
      throw new NetException(
        "XmlException",
        `The '{' character, hexadecimal value 0x7B, cannot be included in a name.`,
        call.at,
      );
    uri = v.slice(1, close);
    local = v.slice(close + 1);
  }
  if (!NAME_RE.test(local)) {
    const bad =
      [...local].find((c, i) => !(i === 0 ? /[A-Za-z_\u00C0-\uFFFD]/ : /[-.0-9A-Za-z_\u00B7\u00C0-\uFFFD]/).test(c)) ??
      local[0]!;
    const code = bad.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
    const where = local.indexOf(bad) === 0 ? "Name cannot begin with" : "cannot be included in a name";
    throw new NetException(
      "XmlException",
      where.startsWith("Name")
        ? `Name cannot begin with the '${bad}' character, hexadecimal value 0x${code}.`
        : `The '${bad}' character, hexadecimal value 0x${code}, cannot be included in a name.`,
      call.at,
    );
  }
  return XName.get(uri, local);
}

/** XContainer.GetStringValue: how a non-node content value becomes text (XmlConvert: true/false, invariant numbers). */
function contentText(v: NetValue, call: CallInfo): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Num) {
    if (v.type === "double" || v.type === "float") {
      const x = v.value as number;
      if (Number.isNaN(x)) return "NaN";
      if (!Number.isFinite(x)) return x > 0 ? "INF" : "-INF";
      return formatNumber(v, "R");
    }
    return formatNumber(v, undefined);
  }
  throw new NotEmulated(`XML content of type ${describeType(v)}`, call.at);
}

function addContent(registry: RuntimeRegistry, target: XElement | XDocument, content: NetValue, call: CallInfo): void {
  if (content === null) return;
  if (content instanceof XAttribute) {
    if (!(target instanceof XElement))
      throw new NetException("ArgumentException", "An attribute cannot be added to content.", call.at);
    if (target.attribute(content.name)) throw invalidOperation("Duplicate attribute.", call);
    target.addAttribute(content);
    return;
  }
  if (content instanceof XDocument)
    throw new NetException("ArgumentException", "A node of type Document cannot be added to content.", call.at);
  if (
    content instanceof XText ||
    content instanceof XElement ||
    content instanceof XComment ||
    content instanceof XProcessingInstruction
  ) {
    if (target instanceof XDocument && content instanceof XText) {
      throw new NetException("ArgumentException", "Non-whitespace characters cannot be added to content.", call.at);
    }
    if (target instanceof XDocument && content instanceof XElement && target.root) {
      throw invalidOperation("This operation would create an incorrectly structured document.", call);
    }
    target.addNode(content);
    return;
  }
  if (typeof content !== "string" && !(content instanceof Num) && typeof content !== "boolean") {
    const items = iterableOf(registry, content, call);
    if (items) {
      for (const item of [...items]) addContent(registry, target, item, call);
      return;
    }
  }
  const text = contentText(content, call);
  if (target instanceof XDocument)
    throw new NetException("ArgumentException", "Non-whitespace characters cannot be added to content.", call.at);
  const last = target.nodes[target.nodes.length - 1];
  if (last instanceof XText && !(last instanceof XCData)) last.value += text;
  else if (text !== "" || target.nodes.length > 0) target.addNode(new XText(text));
  else target.isEmpty = false;
}

function childNodes(c: XElement | XDocument): XNode[] {
  return c.nodes;
}

function elementsOf(nodes: Iterable<XNode>, name: XName | undefined): XElement[] {
  const out: XElement[] = [];
  for (const n of nodes) if (n instanceof XElement && (!name || n.name === name)) out.push(n);
  return out;
}

function optionalName(args: readonly Arg[], call: CallInfo): XName | undefined {
  return args.length > 0 ? xnameOf(args[0]!.value, call) : undefined;
}

function detachNode(n: XNode, call: CallInfo): void {
  const p = n.parent ?? n.document;
  if (!p) throw invalidOperation("The parent is missing.", call);
  const i = p.nodes.indexOf(n);
  p.nodes.splice(i, 1);
  n.parent = null;
  n.document = null;
}

/** XmlConvert.ToInt32/ToInt64/ToDouble/ToBoolean/ToDecimal: the explicit operators of XElement and XAttribute. */
function convertText(
  registry: RuntimeRegistry,
  text: string | null,
  target: TypeRef,
  param: string,
  call: CallInfo,
): NetValue | undefined {
  if (target.kind !== "named") return undefined;
  const nullable = target.key === K.nullable;
  const key = nullable ? (target.args[0]?.kind === "named" ? target.args[0].key : undefined) : target.key;
  if (key === undefined) return undefined;
  const isNumber = numericTypeOfKey(key) !== undefined;
  if (key !== K.string && key !== K.bool && !isNumber && key !== K.dateTime) return undefined;
  if (text === null) {
    if (key === K.string || nullable) return null;
    throw argumentNull(param, call);
  }
  if (key === K.string) return text;
  const trimmed = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (key === K.bool) {
    if (trimmed === "true" || trimmed === "1") return true;
    if (trimmed === "false" || trimmed === "0") return false;
    throw new NetException("FormatException", `The string '${text}' is not a valid Boolean value.`, call.at);
  }
  if (key === K.dateTime)
    throw new NotEmulated("XmlConvert.ToDateTime (an explicit DateTime conversion of XML)", call.at);
  const t = numericTypeOfKey(key)!;
  if (t === "double" || t === "float") {
    if (trimmed === "INF") return new Num(t, Infinity);
    if (trimmed === "-INF") return new Num(t, -Infinity);
    if (trimmed === "NaN") return new Num(t, Number.NaN);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      throw new NetException("FormatException", "Input string was not in a correct format.", call.at);
    }
  }
  return changeType(registry, trimmed, key, call);
}

export function defineXml(registry: RuntimeRegistry): void {
  const name = (v: NetValue, call: CallInfo) => xnameOf(v, call);
  const toText = (n: XNode, a: readonly Arg[], c: CallInfo): string => {
    if (a.length === 0) return xmlString(n);
    const o = a[0]!.value;
    if (o instanceof NetEnum && o.$type === "System.Xml.Linq.SaveOptions") {
      if (o.name === "None") return xmlString(n);
      if (o.name === "DisableFormatting") return xmlString(n, true);
    }
    throw new NotEmulated(`XNode.ToString(${describeType(o)})`, c.at);
  };

  const containerMembers: Record<string, MemberImpl> = {
    Nodes: method((c: XElement) => sequence({ kind: "named", key: XNODE, args: [] }, () => [...childNodes(c)])),
    Elements: method((c: XElement, a, call) => {
      const n = optionalName(a, call);
      return sequence({ kind: "named", key: XELEMENT, args: [] }, () => elementsOf(childNodes(c), n));
    }),
    Element: method(
      (c: XElement, a, call) => elementsOf(childNodes(c), name(arg(a, 0, "Element", call), call))[0] ?? null,
    ),
    Descendants: method((c: XElement, a, call) => {
      const n = optionalName(a, call);
      return sequence({ kind: "named", key: XELEMENT, args: [] }, () => elementsOf(descendants(childNodes(c)), n));
    }),
    DescendantNodes: method((c: XElement) =>
      sequence({ kind: "named", key: XNODE, args: [] }, () => [...descendants(childNodes(c))]),
    ),
    Add: method((c: XElement | XDocument, a, call) => {
      for (const x of a) addContent(registry, c, x.value, call);
      return null;
    }),
    RemoveNodes: method((c: XElement | XDocument) => {
      for (const n of c.nodes) {
        n.parent = null;
        n.document = null;
      }
      c.nodes.length = 0;
      return null;
    }),
    FirstNode: getter((c: XElement) => c.nodes[0] ?? null),
    LastNode: getter((c: XElement) => c.nodes[c.nodes.length - 1] ?? null),
  };

  const nodeMembers: Record<string, MemberImpl> = {
    Parent: getter((n: XNode) => n.parent),
    Document: getter((n: XNode) => {
      let x: XNode = n;
      while (x.parent) x = x.parent;
      return x instanceof XDocument ? x : x.document;
    }),
    NextNode: getter((n: XNode) => {
      const p = n.parent ?? n.document;
      if (!p) return null;
      return p.nodes[p.nodes.indexOf(n) + 1] ?? null;
    }),
    PreviousNode: getter((n: XNode) => {
      const p = n.parent ?? n.document;
      if (!p) return null;
      const i = p.nodes.indexOf(n);
      return i > 0 ? p.nodes[i - 1]! : null;
    }),
    Remove: method((n: XNode, _a, call) => {
      detachNode(n, call);
      return null;
    }),
    ToString: method((n: XNode, a, c) => toText(n, a, c)),
  };

  registry.define({ key: XOBJECT, supertypes: ["System.Object"] });
  registry.define({
    key: XNODE,
    supertypes: [XOBJECT],
    instance: nodeMembers,
    toString: (self) => xmlString(self as XNode),
  });
  registry.define({ key: XCONTAINER, supertypes: [XNODE], instance: containerMembers });

  registry.define({
    key: XELEMENT,
    supertypes: [XCONTAINER],
    construct(args, call) {
      const first = arg(args, 0, "new XElement", call);
      if (first instanceof XElement && args.length === 1) return first.clone();
      const e = new XElement(name(first, call));
      for (const a of args.slice(1)) addContent(registry, e, a.value, call);
      return e;
    },
    instance: {
      Name: {
        kind: "property",
        get: (self) => (self as XElement).name,
        set: (self, v, call) => {
          (self as XElement).name = name(v, call);
        },
      },
      Value: {
        kind: "property",
        get: (self) => elementValue(self as XElement),
        set: (self, v, call) => {
          if (v === null) throw argumentNull("value", call);
          const e = self as XElement;
          e.nodes.length = 0;
          addContent(registry, e, v, call);
          e.isEmpty = false;
        },
      },
      HasAttributes: getter((e: XElement) => e.attributes.length > 0),
      HasElements: getter((e: XElement) => e.nodes.some((n) => n instanceof XElement)),
      IsEmpty: getter((e: XElement) => e.isEmpty && e.nodes.length === 0),
      Attribute: method((e: XElement, a, c) => e.attribute(name(arg(a, 0, "Attribute", c), c)) ?? null),
      Attributes: method((e: XElement, a, c) => {
        const n = optionalName(a, c);
        return sequence({ kind: "named", key: XATTRIBUTE, args: [] }, () =>
          e.attributes.filter((x) => !n || x.name === n),
        );
      }),
      SetAttributeValue: method((e: XElement, a, c) => {
        const n = name(arg(a, 0, "SetAttributeValue", c), c);
        const v = arg(a, 1, "SetAttributeValue", c);
        const existing = e.attribute(n);
        if (v === null) {
          if (existing) e.attributes.splice(e.attributes.indexOf(existing), 1);
          return null;
        }
        const text = contentText(v, c);
        if (existing) existing.value = text;
        else e.addAttribute(new XAttribute(n, text));
        return null;
      }),
      SetElementValue: method((e: XElement, a, c) => {
        const n = name(arg(a, 0, "SetElementValue", c), c);
        const v = arg(a, 1, "SetElementValue", c);
        const existing = elementsOf(e.nodes, n)[0];
        if (v === null) {
          if (existing) detachNode(existing, c);
          return null;
        }
        const text = contentText(v, c);
        if (existing) {
          existing.nodes.length = 0;
          existing.addNode(new XText(text));
        } else {
          const child = new XElement(n);
          child.addNode(new XText(text));
          e.addNode(child);
        }
        return null;
      }),
      SetValue: method((e: XElement, a, c) => {
        const v = arg(a, 0, "SetValue", c);
        if (v === null) throw argumentNull("value", c);
        e.nodes.length = 0;
        e.addNode(new XText(contentText(v, c)));
        return null;
      }),
      RemoveAttributes: method((e: XElement) => {
        for (const x of e.attributes) x.parent = null;
        e.attributes.length = 0;
        return null;
      }),
      RemoveAll: method((e: XElement) => {
        e.attributes.length = 0;
        e.nodes.length = 0;
        return null;
      }),
      Ancestors: method((e: XElement, a, c) => {
        const n = optionalName(a, c);
        const out: XElement[] = [];
        for (let x = e.parent; x; x = x.parent) if (!n || x.name === n) out.push(x);
        return sequence({ kind: "named", key: XELEMENT, args: [] }, () => out);
      }),
      DescendantsAndSelf: method((e: XElement, a, c) => {
        const n = optionalName(a, c);
        return sequence({ kind: "named", key: XELEMENT, args: [] }, () => elementsOf([...descendants([e])], n));
      }),
      GetDefaultNamespace: method((e: XElement) => {
        for (let x: XElement | null = e; x; x = x.parent) {
          const d = x.attributes.find((at) => at.name.namespace.uri === "" && at.name.localName === "xmlns");
          if (d) return XNamespace.get(d.value);
        }
        return XNamespace.get("");
      }),
    },
    static: {
      Parse: method((_s: null, a, c) => {
        if (a.length > 1) throw new NotEmulated("XElement.Parse with LoadOptions", c.at);
        const text = arg(a, 0, "XElement.Parse", c);
        if (text === null) throw argumentNull("text", c);
        if (typeof text !== "string") throw new NotEmulated(`XElement.Parse of ${describeType(text)}`, c.at);
        return located(() => parseXElement(text), c);
      }),
    },
    convertTo: (v, target, _e, call) =>
      convertText(registry, v === null ? null : elementValue(v as XElement), target, "element", call),
  });

  registry.define({
    key: XDOCUMENT,
    supertypes: [XCONTAINER],
    construct(args, call) {
      const d = new XDocument();
      for (const a of args) {
        if (a.value instanceof XDeclaration) d.declaration = a.value;
        else addContent(registry, d, a.value, call);
      }
      return d;
    },
    instance: {
      Root: getter((d: XDocument) => d.root),
      Declaration: {
        kind: "property",
        get: (self) => (self as XDocument).declaration,
        set: (self, v) => {
          (self as XDocument).declaration = v as XDeclaration | null;
        },
      },
    },
    static: {
      Parse: method((_s: null, a, c) => {
        if (a.length > 1) throw new NotEmulated("XDocument.Parse with LoadOptions", c.at);
        const text = arg(a, 0, "XDocument.Parse", c);
        if (text === null) throw argumentNull("text", c);
        if (typeof text !== "string") throw new NotEmulated(`XDocument.Parse of ${describeType(text)}`, c.at);
        return located(() => parseXDocument(text), c);
      }),
    },
  });

  registry.define({
    key: XATTRIBUTE,
    supertypes: [XOBJECT],
    construct(args, call) {
      const first = arg(args, 0, "new XAttribute", call);
      if (first instanceof XAttribute && args.length === 1) return new XAttribute(first.name, first.value);
      const v = arg(args, 1, "new XAttribute", call);
      if (v === null) throw argumentNull("value", call);
      return new XAttribute(name(first, call), contentText(v, call));
    },
    instance: {
      Name: getter((a: XAttribute) => a.name),
      Value: {
        kind: "property",
        get: (self) => (self as XAttribute).value,
        set: (self, v, call) => {
          if (v === null) throw argumentNull("value", call);
          (self as XAttribute).value = contentText(v, call);
        },
      },
      Parent: getter((a: XAttribute) => a.parent),
      IsNamespaceDeclaration: getter((a: XAttribute) => a.isNamespaceDeclaration),
      NextAttribute: getter((a: XAttribute) => {
        const list = a.parent?.attributes ?? [];
        return list[list.indexOf(a) + 1] ?? null;
      }),
      PreviousAttribute: getter((a: XAttribute) => {
        const list = a.parent?.attributes ?? [];
        const i = list.indexOf(a);
        return i > 0 ? list[i - 1]! : null;
      }),
      Remove: method((a: XAttribute, _x, c) => {
        if (!a.parent) throw invalidOperation("The parent is missing.", c);
        a.parent.attributes.splice(a.parent.attributes.indexOf(a), 1);
        a.parent = null;
        return null;
      }),
    },
    toString: (self) => attributeString(self as XAttribute),
    convertTo: (v, target, _e, call) =>
      convertText(registry, v === null ? null : (v as XAttribute).value, target, "attribute", call),
  });

  registry.define({
    key: XNAME,
    supertypes: ["System.Object"],
    instance: {
      LocalName: getter((n: XName) => n.localName),
      Namespace: getter((n: XName) => n.namespace),
      NamespaceName: getter((n: XName) => n.namespace.uri),
    },
    static: {
      Get: method((_s: null, a, c) => {
        if (a.length === 2) {
          const local = arg(a, 0, "XName.Get", c);
          const ns = arg(a, 1, "XName.Get", c);
          if (typeof local !== "string" || typeof ns !== "string")
            throw new NotEmulated("XName.Get with these arguments", c.at);
          return ns === "" ? xnameOf(local, c) : XName.get(ns, xnameOf(local, c).localName);
        }
        return xnameOf(arg(a, 0, "XName.Get", c), c, "expandedName");
      }),
    },
    toString: (self) => (self as XName).expanded,
    convertFrom: (v, _e, call) => (typeof v === "string" ? xnameOf(v, call) : undefined),
  });

  registry.define({
    key: XNAMESPACE,
    supertypes: ["System.Object"],
    instance: {
      NamespaceName: getter((n: XNamespace) => n.uri),
      GetName: method((n: XNamespace, a, c) => {
        const local = arg(a, 0, "XNamespace.GetName", c);
        return XName.get(n.uri, xnameOf(local, c, "localName").localName);
      }),
    },
    static: {
      Get: method((_s: null, a, c) => {
        const uri = arg(a, 0, "XNamespace.Get", c);
        if (typeof uri !== "string") throw argumentNull("namespaceName", c);
        return XNamespace.get(uri);
      }),
      None: getter(() => XNamespace.get("")),
      Xml: getter(() => XNamespace.get("http://www.w3.org/XML/1998/namespace")),
      Xmlns: getter(() => XNamespace.get("http://www.w3.org/2000/xmlns/")),
      // XNamespace + string -> XName
      op_Addition: method((_s: null, a, c) => {
        const ns = arg(a, 0, "XNamespace +", c);
        const local = arg(a, 1, "XNamespace +", c);
        if (ns === null) throw argumentNull("ns", c);
        if (!(ns instanceof XNamespace) || typeof local !== "string")
          throw new NotEmulated("operator + on XNamespace with these operands", c.at);
        return XName.get(ns.uri, xnameOf(local, c, "localName").localName);
      }),
    },
    toString: (self) => (self as XNamespace).uri,
    convertFrom: (v) => (typeof v === "string" ? XNamespace.get(v) : undefined),
  });

  registry.define({
    key: XDECLARATION,
    supertypes: ["System.Object"],
    construct(args, call) {
      const s = (i: number) => {
        const v = arg(args, i, "new XDeclaration", call);
        return typeof v === "string" ? v : null;
      };
      return new XDeclaration(s(0), s(1), s(2));
    },
    instance: {
      Version: getter((d: XDeclaration) => d.version),
      Encoding: getter((d: XDeclaration) => d.encoding),
      Standalone: getter((d: XDeclaration) => d.standalone),
    },
    toString: (self) => {
      const d = self as XDeclaration;
      let s = "<?xml";
      if (d.version !== null) s += ` version="${d.version}"`;
      if (d.encoding !== null) s += ` encoding="${d.encoding}"`;
      if (d.standalone !== null) s += ` standalone="${d.standalone}"`;
      return `${s}?>`;
    },
  });

  const valueProperty = (): MemberImpl => ({
    kind: "property",
    get: (self) => (self as XText | XComment).value,
    set: (self, v, call) => {
      if (typeof v !== "string") throw argumentNull("value", call);
      (self as XText | XComment).value = v;
    },
  });
  registry.define({
    key: XTEXT,
    supertypes: [XNODE],
    construct: (args, call) => new XText(String(arg(args, 0, "new XText", call) ?? "")),
    instance: { Value: valueProperty() },
  });
  registry.define({
    key: XCDATA,
    supertypes: [XTEXT],
    construct: (args, call) => new XCData(String(arg(args, 0, "new XCData", call) ?? "")),
  });
  registry.define({
    key: XCOMMENT,
    supertypes: [XNODE],
    construct: (args, call) => new XComment(String(arg(args, 0, "new XComment", call) ?? "")),
    instance: { Value: valueProperty() },
  });
  registry.define({
    key: XPI,
    supertypes: [XNODE],
    instance: {
      Target: getter((p: XProcessingInstruction) => p.target),
      Data: getter((p: XProcessingInstruction) => p.data),
    },
  });
  registry.define({
    key: "System.Xml.Linq.SaveOptions",
    supertypes: ["System.Enum"],
    static: {
      None: getter(() => new NetEnum("System.Xml.Linq.SaveOptions", "None", 0)),
      DisableFormatting: getter(() => new NetEnum("System.Xml.Linq.SaveOptions", "DisableFormatting", 1)),
    },
  });
}

function located<T>(fn: () => T, call: CallInfo): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NetException && e.at === undefined) throw new NetException(e.type, e.message, call.at, e.bases);
    if (e instanceof NotEmulated && e.at === undefined) throw new NotEmulated(e.construct, call.at);
    throw e;
  }
}
