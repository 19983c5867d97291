// unknown-element: an element APIM does not know where it stands: a misspelt policy, a child under the
// wrong parent, or a section name that is not one of the four.

import { hasEntryCached, isKnownChildCached } from "../src/lint/analysis/catalogue-memo.js";
import { type ElementRole, SECTION_NAMES } from "../src/lint/analysis/structure.js";
import type { Rule } from "../src/lint/types.js";
import {
  elementNames,
  isKnownElement,
  isKnownPolicy,
  knownChildren,
  policyElement,
  suggestElement,
} from "../src/policy/catalogue.js";
import type { ElementNode } from "../src/policy/model.js";

const ROOTS = ["policies", "fragment"];

export const unknownElement: Rule = {
  id: "unknown-element",
  meta: {
    severity: "error",
    category: "structure",
    description: "An element that is not a known policy, section or child of its parent",
    docs: "rules/unknown-element.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      // Every element with its role, from one top-down pass the placement rules share.
      Document() {
        for (const { element, role } of sourceCode.placedElements()) {
          const message = problem(element, role);
          if (message) context.report({ node: { range: element.startTagRange }, message });
        }
      },
    };
  },
};

function problem(el: ElementNode, role: ElementRole): string | undefined {
  switch (role.kind) {
    case "free":
      return undefined;
    case "root":
      if (policyElement(el.name)?.kind === "root") return undefined;
      if (isKnownPolicy(el.name) || el.name === "base") {
        // An editor snippet or a pasted policy: right element, but not a document APIM accepts.
        return `<${el.name}> alone is not a policy document: put it in a section of <policies> (<policies><inbound>...</inbound></policies>), or in a <fragment>`;
      }
      return `<${el.name}> is not a policy document root${rootSuggestion(el.name)}: a policy document is <policies> with sections, or a <fragment>`;
    case "section-slot":
      // A known policy outside the sections is section-placement's finding.
      if ((SECTION_NAMES as readonly string[]).includes(el.name) || isKnownPolicy(el.name)) return undefined;
      return `<${el.name}> is not a section${didYouMean(el.name, SECTION_NAMES)}: <policies> holds <inbound>, <backend>, <outbound> and <on-error>`;
    case "statement": {
      if (isKnownPolicy(el.name) || el.name === "base") return undefined;
      if (isKnownElement(el.name)) {
        return `<${el.name}> is not a policy statement: it is only valid inside ${parentsOf(el.name)}`;
      }
      return `unknown policy <${el.name}>${didYouMean(el.name)}`;
    }
    case "child": {
      const parent = role.parent;
      // The common case first: a known child needs no question about its parent.
      if (isKnownChildCached(parent.name, el.name)) return undefined;
      // An unknown parent is reported itself; its content is not judged again.
      if (!hasEntryCached(parent.name, parent.parent?.name)) return undefined;
      const known = knownChildren(parent.name, parent.parent?.name).map((c) => c.name);
      if (known.length === 0) return `<${parent.name}> takes no child elements, found <${el.name}>`;
      return `<${el.name}> is not a known child of <${parent.name}>${didYouMean(el.name, known)} (expected: ${known.map((k) => `<${k}>`).join(", ")})`;
    }
  }
}

function didYouMean(name: string, candidates?: Iterable<string>): string {
  const s = suggestElement(name, candidates);
  return s ? ` (did you mean <${s}>?)` : "";
}

/** did-you-mean for a root, also for the common `<policy>` (too far from "policies" by edit distance alone). */
function rootSuggestion(name: string): string {
  const lower = name.toLowerCase();
  const s =
    suggestElement(name, ROOTS) ??
    ROOTS.find((r) => lower !== r && (lower.startsWith(r.slice(0, 5)) || r.startsWith(lower)));
  return s ? ` (did you mean <${s}>?)` : "";
}

/** Where a child-only element belongs, for the message. */
function parentsOf(name: string): string {
  const parents = parentIndex().get(name) ?? [];
  return parents.length > 0 ? parents.map((p) => `<${p}>`).join(", ") : "another element";
}

let parentsByChild: Map<string, string[]> | undefined;

/** child name -> the elements that list it as a child (built once from the catalogue). */
function parentIndex(): Map<string, string[]> {
  if (parentsByChild) return parentsByChild;
  const index = new Map<string, Set<string>>();
  for (const parent of elementNames()) {
    for (const child of knownChildren(parent)) {
      const set = index.get(child.name) ?? new Set<string>();
      set.add(parent);
      index.set(child.name, set);
    }
  }
  parentsByChild = new Map([...index].map(([k, v]) => [k, [...v].sort()]));
  return parentsByChild;
}
