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
  // Index loops: this runs once per document, mostly before V8 optimises it, where for-of allocates.
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    const { attributes, children } = element;
    for (let j = 0; j < attributes.length; j++) {
      const attribute = attributes[j]!;
      out.push({ value: attribute.value, element, attribute });
    }
    for (let j = 0; j < children.length; j++) {
      const c = children[j]!;
      if (c.type === "text") out.push({ value: c.value, element, text: c });
    }
  }
  return out;
}
