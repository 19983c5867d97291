// jwt-audience-missing: a validation that accepts a token issued for any API.
import { validationsOf } from "../src/lint/analysis/index.js";
import { claimNamed, VALIDATION_POLICIES } from "../src/lint/analysis/jwt.js";
import { childElements } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const jwtAudienceMissing: Rule = {
  id: "jwt-audience-missing",
  appliesTo: VALIDATION_POLICIES,
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Token validation without audiences and without an aud required claim",
    docs: "rules/jwt-audience-missing.md",
  },
  check(doc, context) {
    for (const v of validationsOf(doc)) {
      if (v.audiences.length > 0 || claimNamed(v, "aud")) continue;
      if (v.kind === "validate-azure-ad-token") {
        if (childElements(v.element, "backend-application-ids").length > 0) continue;
        // Whether validate-azure-ad-token checks aud by itself is not documented (apim-reference §3): warn only.
        context.report({
          node: v.element,
          severity: "warn",
          message:
            "validate-azure-ad-token checks no audience: unless APIM checks aud itself (undocumented), a token the tenant issued for any other API is accepted; add <audiences><audience>{this API's App ID URI or client ID}</audience></audiences>",
        });
        continue;
      }
      context.report({
        node: v.element,
        message:
          "validate-jwt checks no audience (no <audiences>, no aud required claim): a token issued for any other API of the same issuer is accepted; add <audiences> with this API's App ID URI and client ID",
      });
    }
  },
};
