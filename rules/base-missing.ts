// base-missing: a section without <base /> below global scope drops everything the broader scopes put there.

import { insertChildFix } from "../src/lint/analysis/fixes.js";
import { findStatement, sectionElements } from "../src/lint/analysis/structure.js";
import { scopeWithReason } from "../src/lint/scope.js";
import type { Rule } from "../src/lint/types.js";

/** Scopes that inherit from a broader scope through <base />. */
const INHERITING_SCOPES = new Set(["workspace", "product", "api", "operation"]);

export const baseMissing: Rule = {
  id: "base-missing",
  meta: {
    severity: "error",
    category: "structure",
    description:
      "A section at product, API or operation scope has no <base />, so the broader scopes' policies are dropped",
    docs: "rules/base-missing.md",
    fixable: true,
  },
  create(context) {
    if (!INHERITING_SCOPES.has(context.scope)) return {};
    const { doc } = context.sourceCode;
    return {
      Document() {
        for (const section of sectionElements(doc)) {
          if (findStatement(section, (st) => st.name === "base")) continue;
          const fix = insertChildFix(doc, section, "<base />", "add <base /> as the first statement");
          if (section.name === "backend") {
            // The backend holds one policy: its own forward-request (or a replacement) instead of <base /> is a choice.
            if (section.children.some((c) => c.type === "element")) continue;
            context.report({
              node: { range: section.startTagRange },
              message: `<backend> is empty and has no <base />: the request is not forwarded to the backend at this ${scopeWithReason(context.scope, context.scopeReason)}. Add <base /> (to inherit the forward-request) or <forward-request />`,
              fix,
            });
            continue;
          }
          context.report({
            node: { range: section.startTagRange },
            message: `<${section.name}> has no <base />: the ${section.name} policies of the broader scopes (global, product, API) are not applied at this ${scopeWithReason(context.scope, context.scopeReason)}. Add <base /> where they should run (usually first)`,
            fix,
          });
        }
      },
    };
  },
};
