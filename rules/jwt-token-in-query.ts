// jwt-token-in-query: tokens in URLs end up in logs, history and Referer headers.
import { validationsOf } from "../src/lint/analysis/index.js";
import { VALIDATION_POLICIES } from "../src/lint/analysis/jwt.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const jwtTokenInQuery: Rule = {
  id: "jwt-token-in-query",
  appliesTo: VALIDATION_POLICIES,
  meta: {
    severity: "warn",
    category: "token-validation",
    description: "Token read from a query parameter",
    docs: "rules/jwt-token-in-query.md",
  },
  check(doc, context) {
    for (const v of validationsOf(doc)) {
      const a = attribute(v.element, "query-parameter-name");
      if (!a) continue;
      context.report({
        node: a,
        message: `the token is read from query parameter "${a.value.text.trim()}": URLs are written to access logs, browser history and Referer headers; send it in the Authorization header (header-name)`,
      });
    }
  },
};
