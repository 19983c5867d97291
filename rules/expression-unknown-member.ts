// expression-unknown-member: a member or simple name a policy expression uses that does not exist (C# CS1061 /
// CS0103): `context.Reqest`, `"x".Lenght`, a misspelt local. The C# checker decides (only on types whose members it
// knows in full); this rule reports its findings at the member's name.

import { expressionSites } from "../src/lint/analysis/expression-types.js";
import type { Rule } from "../src/lint/types.js";

export const expressionUnknownMember: Rule = {
  id: "expression-unknown-member",
  meta: {
    severity: "error",
    category: "correctness",
    description: "A policy expression uses a member or name that does not exist (context.Reqest, a misspelt local)",
    docs: "rules/expression-unknown-member.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "*"(element) {
        for (const site of expressionSites(element)) {
          for (const f of sourceCode.expressionTypes(site).findings) {
            if (f.code !== "unknown-member" && f.code !== "unknown-name") continue;
            context.report({
              node: { range: sourceCode.rangeOf(f) },
              message: `${f.message}; the expression does not compile`,
            });
          }
        }
      },
    };
  },
};
