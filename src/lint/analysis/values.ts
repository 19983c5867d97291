// Every value (attribute value or text) of a document, with the element it belongs to.
import type { Attribute, ElementNode, PolicyValue, TextNode } from "../../policy/model.js";

export interface ValueSite {
  value: PolicyValue;
  element: ElementNode;
  /** Set for an attribute value. */
  attribute?: Attribute;
  /** Set for element text. */
  text?: TextNode;
}

/** All attribute values and text runs of `elements` (in document order), in document order. */
export function valueSites(elements: readonly ElementNode[]): ValueSite[] {
  const out: ValueSite[] = [];
  for (const element of elements) {
    for (const attribute of element.attributes) out.push({ value: attribute.value, element, attribute });
    for (const c of element.children) if (c.type === "text") out.push({ value: c.value, element, text: c });
  }
  return out;
}
