// Test helper: a document model without positions, parents or raw source text, for comparing two parses
// of different text that must mean the same (the serializer round trip).
import type { ChildNode, ElementNode, PolicyDocument, PolicyValue } from "../../src/policy/model.js";

export function shapeOf(doc: PolicyDocument): unknown {
  return {
    kind: doc.kind,
    bom: doc.bom,
    topLevelComments: doc.topLevelComments.map((c) => c.text),
    root: doc.root ? element(doc.root) : undefined,
  };
}

function value(v: PolicyValue): unknown {
  return {
    kind: v.kind,
    text: v.text,
    expression: v.expression ? { form: v.expression.form, code: v.expression.code } : undefined,
    namedValues: v.namedValues.map((n) => n.name),
  };
}

function element(el: ElementNode): unknown {
  return {
    name: el.name,
    selfClosing: el.selfClosing,
    attributes: el.attributes.map((a) => ({ name: a.name, quote: a.quote, value: value(a.value) })),
    children: el.children.map(child),
  };
}

function child(k: ChildNode): unknown {
  if (k.type === "element") return element(k);
  if (k.type === "comment") return { comment: k.text };
  return { text: value(k.value), cdata: k.cdata };
}
