// section-placement: a policy in a section where APIM rejects it (validate-jwt in outbound, forward-request in
// inbound, ...), seen through choose/when/otherwise and the other statement containers.

import type { Rule } from "../src/lint/types.js";
import { allowedSections, isKnownPolicy } from "../src/policy/catalogue.js";
import type { ElementNode } from "../src/policy/model.js";

export const sectionPlacement: Rule = {
  id: "section-placement",
  meta: {
    severity: "error",
    category: "structure",
    description: "A policy in a section where APIM does not allow it, or outside any section",
    docs: "rules/section-placement.md",
  },
  create(context) {
    const { sourceCode } = context;
    // Fragments have no section: their policies are judged where they are included.
    if (sourceCode.root?.name !== "policies") return {};
    return {
      Document() {
        for (const { element: el, role } of sourceCode.placedElements()) {
          if (role.kind === "section-slot") {
            if (isKnownPolicy(el.name)) {
              context.report({
                node: { range: el.startTagRange },
                message: `<${el.name}> is outside any section: put it in <inbound>, <backend>, <outbound> or <on-error>`,
              });
            }
            continue;
          }
          // Children of send-request, return-response, ... are not section statements.
          if (role.kind !== "statement" || !role.section) continue;
          const sections = allowedSections(el.name);
          if (!sections || sections.includes(role.section)) continue;
          context.report({
            node: { range: el.startTagRange },
            message: `<${el.name}> is not allowed in <${role.section}>${nesting(el)}: APIM accepts it only in ${sections.map((s) => `<${s}>`).join(", ")}`,
          });
        }
      },
    };
  },
};

/** " (inside <when>)" when the statement is nested in control flow, to explain where the section comes from. */
function nesting(el: ElementNode): string {
  const p = el.parent;
  if (!p || p.name === "inbound" || p.name === "backend" || p.name === "outbound" || p.name === "on-error") return "";
  return ` (inside <${p.name}>)`;
}
