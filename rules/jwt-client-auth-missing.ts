// jwt-client-auth-missing: app-only validation that does not check how the calling app authenticated.
import { clientAuthClaim } from "../src/lint/analysis/entra.js";
import { addClaimFix } from "../src/lint/analysis/fixes.js";
import { claimNamed, type JwtValidation, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";

export const jwtClientAuthMissing: Rule = {
  id: "jwt-client-auth-missing",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "App-only token validation without an appidacr/azpacr required claim",
    docs: "rules/jwt-client-auth-missing.md",
    fixable: true,
  },
  create(context) {
    const { doc } = context.sourceCode;
    return validationVisitors(context.sourceCode, (v) => {
      if (!v.entra || claimNamed(v, "appidacr") || claimNamed(v, "azpacr")) return;
      const version = v.impliedVersion;
      const claim = version ? clientAuthClaim(version) : "appidacr (v1 tokens) or azpacr (v2 tokens)";
      if (claimNamed(v, "roles")) {
        context.report({
          node: v.element,
          message: `app-only validation (roles required) does not check how the calling app authenticated: a leaked client secret is enough to call; require ${claim} with value 2 (certificate or federated assertion)`,
          fix: version ? addClaimFix(doc, v, clientAuthClaim(version), "2") : undefined,
        });
      } else if (!claimNamed(v, "scp") && !restrictsCallers(v)) {
        context.report({
          node: v.element,
          severity: "warn",
          message: `neither roles nor scp is required, and ${claim} is not checked: any client of this tenant, authenticated any way, passes; for app-only calls require roles and ${claim} 2`,
          fix: version ? addClaimFix(doc, v, clientAuthClaim(version), "2") : undefined,
        });
      }
    });
  },
};

/** appid / azp or client-application-ids name the calling apps: the policy then knows who calls and how. */
function restrictsCallers(v: JwtValidation): boolean {
  return (
    claimNamed(v, "appid") !== undefined || claimNamed(v, "azp") !== undefined || v.clientApplicationIds.length > 0
  );
}
