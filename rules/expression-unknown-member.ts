// expression-unknown-member: a member or simple name a policy expression uses that does not exist (C# CS1061 /
// CS0103): `context.Reqest`, `"x".Lenght`, a misspelt local. The C# checker decides (only on types whose members it
// knows in full); this rule reports its findings at the member's name.

import { typeFindingVisitors } from "../src/lint/analysis/type-finding-visitors.js";
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
    return typeFindingVisitors(context, ["unknown-member", "unknown-name"], (f) => ({
      message: `${f.message}; the expression does not compile`,
    }));
  },
};
