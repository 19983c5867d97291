// jwt-audience-missing: a validation that accepts a token issued for any API.
import { claimNamed, validationVisitors } from "../src/lint/analysis/jwt.js";
import { childElements } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const jwtAudienceMissing: Rule = {
  id: "jwt-audience-missing",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Token validation without audiences and without an aud required claim",
    docs: "rules/jwt-audience-missing.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      if (v.audiences.length > 0 || claimNamed(v, "aud")) return;
      if (v.kind === "validate-azure-ad-token") {
        if (childElements(v.element, "backend-application-ids").length > 0) return;
        // Whether validate-azure-ad-token checks aud by itself is not documented (apim-reference §3): warn only.
        context.report({
          node: v.element,
          severity: "warn",
          message:
            "validate-azure-ad-token checks no audience: unless APIM checks aud itself (undocumented), a token the tenant issued for any other API is accepted; add <audiences><audience>{this API's App ID URI or client ID}</audience></audiences>",
        });
        return;
      }
      context.report({
        node: v.element,
        message:
          "validate-jwt checks no audience (no <audiences>, no aud required claim): a token issued for any other API of the same issuer is accepted; add <audiences> with this API's App ID URI and client ID",
      });
    });
  },
};
