// What is at an offset of a policy document: an element's name, an attribute's name or value, text, a
// `{{named value}}`, or a node of a C# expression (with the expression's site, for its types).
import type { ExpressionSite } from "../lint/types.js";
import type { Node } from "../policy/csharp/ast.js";
import { walk } from "../policy/csharp/walk.js";
import type { Attribute, ElementNode, NamedValueRef, PolicyValue, TextNode } from "../policy/model.js";
import type { Analysis } from "./document.js";

export type Target =
  | { kind: "element"; element: ElementNode /** on the end tag's name */; endTag: boolean }
  | { kind: "attribute-name"; element: ElementNode; attribute: Attribute }
  | { kind: "attribute-value"; element: ElementNode; attribute: Attribute; value: PolicyValue }
  | { kind: "text"; element: ElementNode; text: TextNode; value: PolicyValue }
  | { kind: "named-value"; element: ElementNode; ref: NamedValueRef; value: PolicyValue }
  | { kind: "expression"; element: ElementNode; site: ExpressionSite; node: Node | undefined; path: readonly Node[] };

/** Offsets `[start, end]` both included: a cursor right after a name is still on it. */
function within(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

/** The innermost element whose range holds the offset (the root when none deeper does). */
export function elementAt(a: Analysis, offset: number): ElementNode | undefined {
  let el = a.doc.root;
  if (!el || !within(offset, el.range.start.offset, el.range.end.offset)) return undefined;
  for (;;) {
    let next: ElementNode | undefined;
    for (const c of el.children) {
      if (c.type !== "element") continue;
      // A start tag the parser had to cut short can end before the cursor that is still typing in it.
      if (within(offset, c.range.start.offset, Math.max(c.range.end.offset, c.startTagRange.end.offset))) {
        next = c;
        break;
      }
    }
    if (!next) return el;
    el = next;
  }
}

export function locate(a: Analysis, offset: number): Target | undefined {
  const element = elementAt(a, offset);
  if (!element) return undefined;
  const nameStart = element.startTagRange.start.offset + 1;
  if (within(offset, nameStart, nameStart + element.name.length)) return { kind: "element", element, endTag: false };
  if (element.endTagRange) {
    const endName = element.endTagRange.start.offset + 2;
    if (within(offset, endName, endName + element.name.length)) return { kind: "element", element, endTag: true };
  }
  for (const attribute of element.attributes) {
    if (within(offset, attribute.nameRange.start.offset, attribute.nameRange.end.offset))
      return { kind: "attribute-name", element, attribute };
    const value = attribute.value;
    if (within(offset, value.range.start.offset, value.range.end.offset))
      return inValue(a, offset, element, value) ?? { kind: "attribute-value", element, attribute, value };
  }
  for (const c of element.children) {
    if (c.type !== "text" || !within(offset, c.range.start.offset, c.range.end.offset)) continue;
    return inValue(a, offset, element, c.value) ?? { kind: "text", element, text: c, value: c.value };
  }
  return undefined;
}

function inValue(a: Analysis, offset: number, element: ElementNode, value: PolicyValue): Target | undefined {
  for (const ref of value.namedValues)
    if (within(offset, ref.range.start.offset, ref.range.end.offset))
      return { kind: "named-value", element, ref, value };
  const expression = value.expression;
  if (!expression || !within(offset, expression.range.start.offset, expression.range.end.offset)) return undefined;
  const site: ExpressionSite = { element, value, expression };
  const path = nodePath(a.source.expressionTree(expression).body, offset);
  return { kind: "expression", element, site, node: path[path.length - 1], path };
}

/** The nodes from the body down to the innermost one that holds the offset. */
export function nodePath(body: Node, offset: number): Node[] {
  const path: Node[] = [];
  walk(body, (node, parent) => {
    // Neighbours can share an end point: follow one chain, the first that holds the offset.
    if (parent !== path[path.length - 1] || !within(offset, node.start, node.end)) return false;
    path.push(node);
    return true;
  });
  return path;
}
