// jwt-token-in-query: tokens in URLs end up in logs, history and Referer headers.
import { validationVisitors } from "../src/lint/analysis/jwt.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const jwtTokenInQuery: Rule = {
  id: "jwt-token-in-query",
  meta: {
    severity: "warn",
    category: "token-validation",
    description: "Token read from a query parameter",
    docs: "rules/jwt-token-in-query.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      const a = attribute(v.element, "query-parameter-name");
      if (!a) return;
      context.report({
        node: a,
        message: `the token is read from query parameter "${a.value.text.trim()}": URLs are written to access logs, browser history and Referer headers; send it in the Authorization header (header-name)`,
      });
    });
  },
};
