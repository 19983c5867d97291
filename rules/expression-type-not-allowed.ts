// expression-type-not-allowed: a .NET type or member a policy expression uses that APIM's allow-list does not have
// (runtime reference §2: System.IO.File, HttpClient, Environment, XDocument.Load, DateTime.TryParse, ...).

import { typeFindingVisitors } from "../src/lint/analysis/type-finding-visitors.js";
import type { Rule } from "../src/lint/types.js";

export const expressionTypeNotAllowed: Rule = {
  id: "expression-type-not-allowed",
  meta: {
    severity: "error",
    category: "correctness",
    description:
      "A policy expression uses a .NET type or member outside APIM's allow-list (System.IO.File, HttpClient, DateTime.TryParse)",
    docs: "rules/expression-type-not-allowed.md",
  },
  create(context) {
    return typeFindingVisitors(context, ["type-not-allowed", "member-not-allowed"], (f) => ({
      message: `${f.message}: it is outside the allow-list of .NET types and members of APIM's expression language, so APIM rejects the policy when it is saved`,
    }));
  },
};
