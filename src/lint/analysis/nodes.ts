// The model queries the token/security analyses share: src/policy/query.ts plus a few of their own.
// Only reads the model; never looks at the source text.
import type { ElementNode, PolicyValue } from "../../policy/model.js";
import { attr, childElement, childElements, elementText, type SectionName, sectionOf } from "../../policy/query.js";

export type Section = SectionName;

export { childElements, sectionOf };

/** The first direct child element named `name`. */
export const firstChild = childElement;

/** The attribute named `name`. */
export const attribute = attr;

/** The attribute's decoded text, trimmed (undefined when absent). */
export function attributeText(el: ElementNode, name: string): string | undefined {
  return attr(el, name)?.value.text.trim();
}

/** The element's text (`<set-url>...</set-url>`, `<value>...</value>`); undefined when absent or blank. */
export function textValue(el: ElementNode): PolicyValue | undefined {
  const v = elementText(el);
  return v && v.text.trim() !== "" ? v : undefined;
}

/** Is `a` before `b` in the document? */
export function isBefore(a: ElementNode, b: ElementNode): boolean {
  return a.range.start.offset < b.range.start.offset;
}

/** True when `a` contains `b` (or is it). */
export function contains(a: ElementNode, b: ElementNode): boolean {
  return a.range.start.offset <= b.range.start.offset && b.range.end.offset <= a.range.end.offset;
}

/**
 * True when two elements sit in different branches (`when` / `otherwise`) of one `choose`, so at most one of them
 * runs for a given request.
 */
export function inExclusiveBranches(a: ElementNode, b: ElementNode): boolean {
  const branchesOfA = new Map<ElementNode, ElementNode>(); // choose -> branch of a
  for (let p = a.parent, child: ElementNode = a; p; child = p, p = p.parent) {
    if (p.name === "choose") branchesOfA.set(p, child);
  }
  for (let p = b.parent, child: ElementNode = b; p; child = p, p = p.parent) {
    const branch = p.name === "choose" ? branchesOfA.get(p) : undefined;
    if (branch) return branch !== child;
  }
  return false;
}
