// Where an element sits in a policy document: root, section, policy statement, child of a policy, or free
// content (markup inside a body or a stylesheet, as the catalogue marks them opaque). Rules that judge placement need this; it sees through
// the control elements whose children are statements of the enclosing section (choose/when/otherwise, retry,
// limit-concurrency, wait).

import { isOpaque } from "../../policy/catalogue.js";
import type { ElementNode, PolicyDocument } from "../../policy/model.js";
import type { SectionName } from "../../policy/query.js";

export type { SectionName };
export const SECTION_NAMES: readonly SectionName[] = ["inbound", "backend", "outbound", "on-error"];

const SECTION_SET: ReadonlySet<string> = new Set(SECTION_NAMES);

export function isSectionName(name: string): name is SectionName {
  return SECTION_SET.has(name);
}

/** Elements whose children are policy statements (of the section they are in). `choose` holds when/otherwise. */
export const STATEMENT_CONTAINERS: ReadonlySet<string> = new Set([
  "when",
  "otherwise",
  "retry",
  "limit-concurrency",
  "wait",
]);

export type ElementRole =
  /** The document's root (`policies`, `fragment` or anything else). */
  | { kind: "root" }
  /** A child of `<policies>`: a section if its name is one (else an unknown element there). */
  | { kind: "section-slot" }
  /** A policy statement: directly in a section, in a fragment, or in a statement container. */
  | { kind: "statement"; section?: SectionName; container: ElementNode }
  /** A child element of a policy (set-header in send-request, when in choose, audience in audiences ...). */
  | { kind: "child"; parent: ElementNode }
  /** Markup inside free content (a body, a stylesheet). */
  | { kind: "free" };

/** The role of `el` in its document. Cost: one walk up the ancestors (iterative). */
export function elementRole(el: ElementNode): ElementRole {
  const parent = el.parent;
  if (!parent) return { kind: "root" };
  if (isInsideFreeContent(el)) return { kind: "free" };
  if (!parent.parent && parent.name === "policies") return { kind: "section-slot" };
  // Climb from the parent through statement containers until a section or the fragment root is reached.
  let p: ElementNode | undefined = parent;
  while (p) {
    if (isSection(p)) return { kind: "statement", section: p.name as SectionName, container: parent };
    if (!p.parent && p.name === "fragment") return { kind: "statement", container: parent };
    if (!STATEMENT_CONTAINERS.has(p.name)) break;
    if (p.name === "when" || p.name === "otherwise") {
      // A branch: its choose must itself be a statement.
      if (p.parent?.name !== "choose") break;
      p = p.parent.parent;
    } else {
      p = p.parent;
    }
  }
  return { kind: "child", parent };
}

/** True for a section element of a `<policies>` root. */
function isSection(el: ElementNode): boolean {
  return isSectionName(el.name) && el.parent !== undefined && !el.parent.parent && el.parent.name === "policies";
}

/** The section (inbound, backend, outbound, on-error) an element is in, if it is inside a `<policies>` section. */
export function enclosingSection(el: ElementNode): SectionName | undefined {
  for (let e: ElementNode | undefined = el; e; e = e.parent) {
    if (isSectionName(e.name) && e.parent && !e.parent.parent && e.parent.name === "policies") return e.name;
  }
  return undefined;
}

/**
 * True when `el` is data rather than policy markup: inside an element whose content the catalogue calls opaque
 * (set-body's literal XML or Liquid template, xsl-transform's stylesheet, ...), or a namespaced element.
 */
export function isInsideFreeContent(el: ElementNode): boolean {
  if (el.name.includes(":")) return true;
  for (let e = el.parent; e; e = e.parent) if (isOpaque(e.name, e.parent?.name)) return true;
  return false;
}

/** The section elements of a `<policies>` document, in order (empty for fragments and other roots). */
export function sectionElements(doc: PolicyDocument): ElementNode[] {
  const root = doc.root;
  if (root?.name !== "policies") return [];
  const out: ElementNode[] = [];
  for (const c of root.children) if (c.type === "element" && isSectionName(c.name)) out.push(c);
  return out;
}

/**
 * The statements in a section, fragment or container, depth first in document order, seeing through
 * choose/when/otherwise and the other statement containers (the containers themselves are yielded too).
 */
export function* statementsIn(container: ElementNode): Generator<ElementNode> {
  const stack: ElementNode[] = [];
  pushChildren(stack, container);
  while (stack.length > 0) {
    const el = stack.pop()!;
    yield el;
    if (el.name === "choose") {
      for (let i = el.children.length - 1; i >= 0; i--) {
        const c = el.children[i]!;
        if (c.type === "element" && (c.name === "when" || c.name === "otherwise")) pushChildren(stack, c);
      }
    } else if (STATEMENT_CONTAINERS.has(el.name)) {
      pushChildren(stack, el);
    }
  }
}

function pushChildren(stack: ElementNode[], el: ElementNode): void {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i]!;
    if (c.type === "element") stack.push(c);
  }
}
