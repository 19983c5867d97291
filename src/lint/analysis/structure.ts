// Where an element sits in a policy document: root, section, policy statement, child of a policy, or free
// content (markup inside a body or a stylesheet, as the catalogue marks them opaque). Rules that judge placement need this; it sees through
// the control elements whose children are statements of the enclosing section (choose/when/otherwise, retry,
// limit-concurrency, wait).

import { isOpaque } from "../../policy/catalogue.js";
import type { ElementNode, PolicyDocument } from "../../policy/model.js";
import type { SectionName } from "../../policy/query.js";
import { isOpaqueCached } from "./catalogue-memo.js";

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
 * The first statement in a section, fragment or container for which `test` holds, depth first in document order,
 * seeing through choose/when/otherwise and the other statement containers (the containers themselves are tested
 * too). A plain loop, not a generator: rules call it for every section of every document.
 */
export function findStatement(container: ElementNode, test: (el: ElementNode) => boolean): ElementNode | undefined {
  const stack: ElementNode[] = [];
  pushChildren(stack, container);
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (test(el)) return el;
    if (el.name === "choose") {
      for (let i = el.children.length - 1; i >= 0; i--) {
        const c = el.children[i]!;
        if (c.type === "element" && (c.name === "when" || c.name === "otherwise")) pushChildren(stack, c);
      }
    } else if (STATEMENT_CONTAINERS.has(el.name)) {
      pushChildren(stack, el);
    }
  }
  return undefined;
}

/** Every statement findStatement looks at, in its order. */
export function statementsIn(container: ElementNode): ElementNode[] {
  const out: ElementNode[] = [];
  findStatement(container, (el) => {
    out.push(el);
    return false;
  });
  return out;
}

function pushChildren(stack: ElementNode[], el: ElementNode): void {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i]!;
    if (c.type === "element") stack.push(c);
  }
}

/** An element with its role, as computed for a whole document by `placeElements`. */
export interface PlacedElement {
  element: ElementNode;
  role: ElementRole;
}

/** What the children of an element are. */
type ChildContext =
  | { kind: "sections" }
  | { kind: "statements"; section?: SectionName }
  | { kind: "branches"; section?: SectionName }
  | { kind: "children" }
  | { kind: "free" };

const ROOT_ROLE: ElementRole = { kind: "root" };
const FREE_ROLE: ElementRole = { kind: "free" };
const SLOT_ROLE: ElementRole = { kind: "section-slot" };
const CHILDREN: ChildContext = { kind: "children" };
const FREE: ChildContext = { kind: "free" };
// One context object per section (and for "no section"), so placing an element allocates no context.
const STATEMENTS = new Map<SectionName | undefined, ChildContext>();
const BRANCHES = new Map<SectionName | undefined, ChildContext>();
for (const section of [undefined, ...SECTION_NAMES]) {
  STATEMENTS.set(section, { kind: "statements", section });
  BRANCHES.set(section, { kind: "branches", section });
}

function opaque(name: string, parentName: string): boolean {
  return isOpaqueCached(name, parentName);
}

/**
 * Every element of the document in document order, with its role (the same as `elementRole` gives), computed
 * top-down in one pass (the per-document object keeps it: the rules that judge placement share it).
 */
export function placeElements(doc: PolicyDocument): PlacedElement[] {
  const out: PlacedElement[] = [];
  const root = doc.root;
  if (root) {
    const rootContext: ChildContext =
      root.name === "policies"
        ? { kind: "sections" }
        : root.name === "fragment"
          ? { kind: "statements" }
          : isOpaque(root.name)
            ? FREE
            : CHILDREN;
    const stack: { element: ElementNode; role: ElementRole; context: ChildContext }[] = [
      { element: root, role: ROOT_ROLE, context: rootContext },
    ];
    while (stack.length > 0) {
      const { element, role, context } = stack.pop()!;
      out.push({ element, role });
      const kids = element.children;
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i]!;
        if (c.type === "element") stack.push(place(c, element, context));
      }
    }
  }
  return out;
}

function place(
  el: ElementNode,
  parent: ElementNode,
  context: ChildContext,
): { element: ElementNode; role: ElementRole; context: ChildContext } {
  if (context.kind === "free" || el.name.includes(":")) return { element: el, role: FREE_ROLE, context: FREE };
  switch (context.kind) {
    case "sections":
      return {
        element: el,
        role: SLOT_ROLE,
        context: isSectionName(el.name) ? STATEMENTS.get(el.name)! : CHILDREN,
      };
    case "statements": {
      const role: ElementRole = { kind: "statement", section: context.section, container: parent };
      let next: ChildContext = CHILDREN;
      if (opaque(el.name, parent.name)) next = FREE;
      else if (el.name === "choose") next = BRANCHES.get(context.section)!;
      else if (STATEMENT_CONTAINERS.has(el.name) && el.name !== "when" && el.name !== "otherwise") {
        next = STATEMENTS.get(context.section)!;
      }
      return { element: el, role, context: next };
    }
    case "branches": {
      const isBranch = el.name === "when" || el.name === "otherwise";
      return {
        element: el,
        role: { kind: "child", parent },
        context: isBranch ? STATEMENTS.get(context.section)! : childContext(el, parent),
      };
    }
    default:
      return { element: el, role: { kind: "child", parent }, context: childContext(el, parent) };
  }
}

function childContext(el: ElementNode, parent: ElementNode): ChildContext {
  return opaque(el.name, parent.name) ? FREE : CHILDREN;
}
