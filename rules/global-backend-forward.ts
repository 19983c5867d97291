// global-backend-forward: the global <backend> must forward the request, or no API that inherits it calls its backend.

import { findStatement, sectionElements } from "../src/lint/analysis/structure.js";
import { reasonSuffix } from "../src/lint/scope.js";
import type { Rule } from "../src/lint/types.js";
import type { ElementNode } from "../src/policy/model.js";

export const globalBackendForward: Rule = {
  id: "global-backend-forward",
  meta: {
    severity: "error",
    category: "structure",
    description: "A global policy whose <backend> does not contain <forward-request />",
    docs: "rules/global-backend-forward.md",
  },
  create(context) {
    const { doc } = context.sourceCode;
    const root = doc.root;
    if (context.scope !== "global" || root?.name !== "policies") return {};
    return {
      Document() {
        const backend = sectionElements(doc).find((s) => s.name === "backend");
        if (!backend) {
          context.report({
            node: { range: root.startTagRange },
            message: `the global policy${reasonSuffix(context.scopeReason)} has no <backend> section: requests are not forwarded to any API backend. Add <backend><forward-request /></backend>`,
          });
          return;
        }
        if (forwards(backend)) return;
        context.report({
          node: { range: backend.startTagRange },
          message: `the global <backend>${reasonSuffix(context.scopeReason)} has no <forward-request />: APIs that inherit it through <base /> never call their backend (outbound runs right after inbound). Add <forward-request /> to the global backend`,
        });
      },
    };
  },
};

/** True when the backend forwards, or may: a fragment it includes may hold the forward-request. */
function forwards(backend: ElementNode): boolean {
  return findStatement(backend, (st) => st.name === "forward-request" || st.name === "include-fragment") !== undefined;
}
