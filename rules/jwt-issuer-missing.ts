// jwt-issuer-missing: no <issuers>, so the metadata's issuer (or nothing) decides which tokens pass.
import { claimNamed, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";
import { anyTenantSource } from "./jwt-any-tenant.js";

export const jwtIssuerMissing: Rule = {
  id: "jwt-issuer-missing",
  meta: {
    severity: "warn",
    category: "token-validation",
    description: "validate-jwt without issuers: the openid-config issuer is used, or none is checked",
    docs: "rules/jwt-issuer-missing.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      if (v.kind !== "validate-jwt" || v.issuers.length > 0 || claimNamed(v, "iss")) return;
      // Multi-tenant metadata has no one issuer to fall back on: what it accepts is jwt-any-tenant's finding.
      if (anyTenantSource(v)) return;
      let message: string;
      if (v.openidConfigs.length === 0) {
        message =
          "validate-jwt has no <issuers> and no openid-config: the issuer is not checked at all, any token signed with these keys passes; add <issuers><issuer>...</issuer></issuers>";
      } else if (v.metadataVersions.size === 1) {
        const version = [...v.metadataVersions][0];
        const tenant = v.openidConfigs.find((m) => m.entra)?.entra?.tenant ?? "{tenant}";
        message =
          version === 2
            ? `validate-jwt has no <issuers>: the v2 metadata's issuer is used, so v1 tokens (iss https://sts.windows.net/${tenant}/) are rejected; list the issuer of the tokens your API app receives in <issuers>`
            : `validate-jwt has no <issuers>: the v1 metadata's issuer is used, so v2 tokens (iss https://login.microsoftonline.com/${tenant}/v2.0) are rejected; list the issuer of the tokens your API app receives in <issuers>`;
      } else {
        message =
          "validate-jwt has no <issuers>: whatever issuer the openid-config metadata names is accepted; list the expected issuer in <issuers> so the policy says what it trusts";
      }
      context.report({ node: v.element, message });
    });
  },
};
