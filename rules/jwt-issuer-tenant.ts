// jwt-issuer-tenant: the issuer names one tenant, the metadata (signing keys, issuer) another.
import { validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";

export const jwtIssuerTenant: Rule = {
  id: "jwt-issuer-tenant",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "The issuer's tenant differs from the openid-config tenant",
    docs: "rules/jwt-issuer-tenant.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      const metas = v.openidConfigs.filter((m) => m.entra);
      if (metas.length === 0) return;
      for (const issuer of v.issuers) {
        const e = issuer.entra;
        if (!e || (e.tenantKind !== "guid" && e.tenantKind !== "domain")) continue;
        // Comparable only when both name the tenant the same way (a GUID and a domain may be the same tenant).
        const comparable = metas.filter((m) => m.entra!.tenantKind === e.tenantKind);
        if (comparable.length === 0) continue;
        if (comparable.some((m) => m.entra!.tenant.toLowerCase() === e.tenant.toLowerCase())) continue;
        context.report({
          node: issuer.element,
          message: `issuer tenant ${e.tenant} differs from the openid-config tenant ${comparable[0]!.entra!.tenant}: the metadata of one tenant validates tokens of another; use the API app's tenant in both`,
        });
      }
    });
  },
};
