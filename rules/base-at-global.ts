// base-at-global: <base /> in the global policy has nothing to inherit and has been rejected on save.

import { removeFix } from "../src/lint/analysis/fixes.js";
import { reasonSuffix } from "../src/lint/scope.js";
import type { Rule } from "../src/lint/types.js";

export const baseAtGlobal: Rule = {
  id: "base-at-global",
  meta: {
    severity: "warn",
    strictSeverity: "error",
    category: "structure",
    description: "<base /> in a global policy: there is no broader scope to inherit from",
    docs: "rules/base-at-global.md",
    fixable: true,
  },
  create(context) {
    const { doc } = context.sourceCode;
    if (context.scope !== "global" || doc.root?.name !== "policies") return {};
    return {
      base(el) {
        context.report({
          node: el,
          message: `<base /> in the global policy${reasonSuffix(context.scopeReason)}: global is the broadest scope, so there is nothing to inherit, and saving it has been rejected with ValidationError (target "base"). Remove it`,
          fix: removeFix(doc, el.range, "remove <base />"),
        });
      },
    };
  },
};
