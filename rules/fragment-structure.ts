// fragment-structure: a policy fragment holds policies only: no sections, no <base />, no nested fragments.

import { isSectionName } from "../src/lint/analysis/structure.js";
import { reasonSuffix } from "../src/lint/scope.js";
import type { Rule } from "../src/lint/types.js";
import type { ElementNode } from "../src/policy/model.js";

export const fragmentStructure: Rule = {
  id: "fragment-structure",
  meta: {
    severity: "error",
    category: "structure",
    description: "A policy fragment containing sections, <base /> or include-fragment, or not rooted at <fragment>",
    docs: "rules/fragment-structure.md",
  },
  create(context) {
    const { sourceCode } = context;
    const root = sourceCode.root;
    if (!root) return {};
    if (root.name !== "fragment") {
      // A file at a fragment path (or linted with --scope fragment) must be a <fragment> document.
      if (context.scope !== "fragment") return {};
      return {
        Document() {
          context.report({
            node: { range: root.startTagRange },
            message: `a policy fragment${reasonSuffix(context.scopeReason)} must have the root element <fragment>, found <${root.name}>`,
          });
        },
      };
    }
    return {
      Document() {
        for (const { element, role } of sourceCode.placedElements()) {
          if (role.kind === "root" || role.kind === "free") continue;
          const message = problem(element);
          if (message) context.report({ node: { range: element.startTagRange }, message });
        }
      },
    };
  },
};

function problem(el: ElementNode): string | undefined {
  if (isSectionName(el.name) || el.name === "policies") {
    return `<${el.name}> inside a fragment: a fragment holds policies only and is inserted into the section that includes it; remove the <${el.name}> wrapper`;
  }
  if (el.name === "base") {
    return "<base /> inside a fragment: APIM rejects it; put <base /> in the policy that includes the fragment";
  }
  if (el.name === "include-fragment") {
    return "include-fragment inside a fragment: fragments cannot include other fragments; include both from the policy instead";
  }
  return undefined;
}
