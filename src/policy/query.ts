// Read-only helpers rules use to ask the document model questions. No parsing here, no copies of the tree:
// iteration is lazy and stack-based (no recursion), so very deep or very large documents are cheap to walk.
import type { Attribute, ChildNode, CommentNode, ElementNode, PolicyDocument, PolicyValue, TextNode } from "./model.js";

/** The four sections of a `<policies>` document. */
export type SectionName = "inbound" | "backend" | "outbound" | "on-error";

const SECTIONS: ReadonlySet<string> = new Set(["inbound", "backend", "outbound", "on-error"]);

/** Every element under (and including) `root`, in document order. Accepts a document for convenience. */
export function* walkElements(root: ElementNode | PolicyDocument | undefined): Generator<ElementNode> {
  const start = root && "type" in root ? root : root?.root;
  if (!start) return;
  const stack: ElementNode[] = [start];
  while (stack.length > 0) {
    const el = stack.pop() as ElementNode;
    yield el;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i] as ChildNode;
      if (k.type === "element") stack.push(k);
    }
  }
}

/** Every element, in document order, as an array (when a rule needs indexes or several passes). */
export function allElements(root: ElementNode | PolicyDocument | undefined): ElementNode[] {
  return [...walkElements(root)];
}

/** All elements named `name` under (and including) `root`, in document order. */
export function findElements(root: ElementNode | PolicyDocument | undefined, name: string): ElementNode[] {
  const out: ElementNode[] = [];
  for (const el of walkElements(root)) if (el.name === name) out.push(el);
  return out;
}

/** The first element named `name` in document order, or undefined. */
export function findElement(root: ElementNode | PolicyDocument | undefined, name: string): ElementNode | undefined {
  for (const el of walkElements(root)) if (el.name === name) return el;
  return undefined;
}

/** Direct element children, optionally only those named `name`. */
export function childElements(el: ElementNode, name?: string): ElementNode[] {
  const out: ElementNode[] = [];
  for (const k of el.children) if (k.type === "element" && (name === undefined || k.name === name)) out.push(k);
  return out;
}

/** The first direct child element named `name`. */
export function childElement(el: ElementNode, name: string): ElementNode | undefined {
  for (const k of el.children) if (k.type === "element" && k.name === name) return k;
  return undefined;
}

/** Comments directly inside `el`. */
export function childComments(el: ElementNode): CommentNode[] {
  return el.children.filter((k): k is CommentNode => k.type === "comment");
}

/** Text nodes directly inside `el` (whitespace between elements is not kept as text). */
export function childTexts(el: ElementNode): TextNode[] {
  return el.children.filter((k): k is TextNode => k.type === "text");
}

/** The attribute named `name` (attribute names are case-sensitive, as in XML and APIM). */
export function attr(el: ElementNode, name: string): Attribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

/** The decoded text of attribute `name` (for an expression, the whole `@(...)` text), or undefined. */
export function attrText(el: ElementNode, name: string): string | undefined {
  return attr(el, name)?.value.text;
}

/** True when attribute `name` is present. */
export function hasAttr(el: ElementNode, name: string): boolean {
  return attr(el, name) !== undefined;
}

/**
 * The element's text content as one PolicyValue: the single text node's value, or (text split by comments or
 * CDATA) the pieces joined, spanning from the first to the last. Undefined when the element has no text.
 */
export function elementText(el: ElementNode): PolicyValue | undefined {
  let first: TextNode | undefined;
  let count = 0;
  for (const k of el.children) {
    if (k.type === "text") {
      if (!first) first = k;
      count++;
    }
  }
  if (!first) return undefined;
  if (count === 1) return first.value;
  const texts = childTexts(el);
  const last = texts[texts.length - 1] as TextNode;
  const values = texts.map((t) => t.value);
  const expressions = values.filter((v) => v.kind === "expression");
  const namedValues = values.flatMap((v) => v.namedValues);
  const text = values.map((v) => v.text).join("");
  const raw = values.map((v) => v.raw).join("");
  const range = { start: first.value.range.start, end: last.value.range.end };
  // Joined pieces are one expression only if exactly one piece is an expression and the rest is whitespace.
  const onlyExpression =
    expressions.length === 1 && values.every((v) => v.kind === "expression" || v.text.trim() === "");
  if (onlyExpression) {
    const e = expressions[0] as PolicyValue;
    return { kind: "expression", text, raw, expression: e.expression, namedValues, range };
  }
  return { kind: namedValues.length > 0 ? "template" : "literal", text, raw, namedValues, range };
}

/** Ancestors from the parent up to the root. */
export function ancestors(el: ElementNode): ElementNode[] {
  const out: ElementNode[] = [];
  for (let p = el.parent; p; p = p.parent) out.push(p);
  return out;
}

/** True when some ancestor of `el` is named `name`. */
export function isInside(el: ElementNode, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.name === name) return true;
  return false;
}

/** The nearest ancestor named `name`. */
export function closest(el: ElementNode, name: string): ElementNode | undefined {
  for (let p = el.parent; p; p = p.parent) if (p.name === name) return p;
  return undefined;
}

/**
 * The section (`inbound`, `backend`, `outbound`, `on-error`) an element belongs to: the section directly under
 * `<policies>` that contains it (or is it). Undefined for the root, for fragments and outside any section.
 */
export function sectionOf(el: ElementNode): SectionName | undefined {
  let section: SectionName | undefined;
  for (let p: ElementNode | undefined = el; p; p = p.parent) {
    if (SECTIONS.has(p.name) && p.parent?.name === "policies" && p.parent.parent === undefined) {
      section = p.name as SectionName;
    }
  }
  return section;
}

/** The section elements of a `<policies>` document, by name. */
export function sections(doc: PolicyDocument): Partial<Record<SectionName, ElementNode>> {
  const out: Partial<Record<SectionName, ElementNode>> = {};
  if (doc.kind !== "policies" || !doc.root) return out;
  for (const k of childElements(doc.root)) if (SECTIONS.has(k.name)) out[k.name as SectionName] ??= k;
  return out;
}

/** Every `{{name}}` reference in the document (attributes and text, including inside expressions). */
export function namedValueRefs(doc: PolicyDocument): { name: string; value: PolicyValue; element: ElementNode }[] {
  const out: { name: string; value: PolicyValue; element: ElementNode }[] = [];
  for (const el of walkElements(doc)) {
    for (const a of el.attributes)
      for (const r of a.value.namedValues) out.push({ name: r.name, value: a.value, element: el });
    for (const k of el.children) {
      if (k.type === "text")
        for (const r of k.value.namedValues) out.push({ name: r.name, value: k.value, element: el });
    }
  }
  return out;
}

/** 1-based line where the element starts. */
export function lineOf(node: { range: { start: { line: number } } }): number {
  return node.range.start.line;
}
