// Every value (attribute value or text) of a document, with the element it belongs to.
import type { Attribute, ElementNode, PolicyDocument, PolicyValue, TextNode } from "../../policy/model.js";
import { walkElements } from "../../policy/query.js";

export interface ValueSite {
  value: PolicyValue;
  element: ElementNode;
  /** Set for an attribute value. */
  attribute?: Attribute;
  /** Set for element text. */
  text?: TextNode;
}

/** All attribute values and text runs of the document, in document order. */
export function* valuesOf(doc: PolicyDocument): Generator<ValueSite> {
  if (!doc.root) return;
  for (const element of walkElements(doc.root)) {
    for (const attribute of element.attributes) yield { value: attribute.value, element, attribute };
    for (const c of element.children) if (c.type === "text") yield { value: c.value, element, text: c };
  }
}
