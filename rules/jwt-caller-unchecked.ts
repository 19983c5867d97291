// jwt-caller-unchecked: roles are required, but nothing restricts WHICH application may call.
import { claimNamed, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";

export const jwtCallerUnchecked: Rule = {
  id: "jwt-caller-unchecked",
  meta: {
    severity: "info",
    category: "token-validation",
    description: "Roles required but no appid/azp (or client-application-ids) restricting the calling applications",
    docs: "rules/jwt-caller-unchecked.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      const roles = claimNamed(v, "roles");
      if (!roles || claimNamed(v, "appid") || claimNamed(v, "azp") || v.clientApplicationIds.length > 0) return;
      const claim = v.impliedVersion === 1 ? "appid" : v.impliedVersion === 2 ? "azp" : "appid (v1) or azp (v2)";
      context.report({
        node: roles.element,
        message: `roles are required but not which applications may call: any app an admin grants the role to passes; require ${claim} listing the allowed client IDs (match="any")`,
      });
    });
  },
};
