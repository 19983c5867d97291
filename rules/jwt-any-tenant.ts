// jwt-any-tenant: a validation against multi-tenant Entra metadata (common / organizations) that names no tenant
// (no <issuers> of real tenants, no `tid` or `iss` claim), so nothing in the policy says whose tokens it accepts.
import { tenantKind } from "../src/lint/analysis/entra.js";
import { claimNamed, type JwtValidation, validationVisitors } from "../src/lint/analysis/jwt.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";
import type { Attribute } from "../src/policy/model.js";

/** `consumers` is one tenant (personal Microsoft accounts): only these two stand for "any organisation". */
const ANY_TENANT = new Set(["common", "organizations"]);

/** Where the validation points at multi-tenant metadata: the openid-config url or the tenant-id, with its tenant. */
export function anyTenantSource(v: JwtValidation): { node: Attribute; tenant: string } | undefined {
  if (v.kind === "validate-azure-ad-token") {
    const tid = attribute(v.element, "tenant-id");
    const t = tid && tid.value.kind !== "expression" ? tid.value.text.trim() : "";
    return tid && ANY_TENANT.has(t.toLowerCase()) ? { node: tid, tenant: t } : undefined;
  }
  for (const m of v.openidConfigs) {
    if (m.url && m.entra && ANY_TENANT.has(m.entra.tenant.toLowerCase()))
      return { node: m.url, tenant: m.entra.tenant };
  }
  return undefined;
}

/** Does the validation restrict the tenant: an issuer of a real tenant, or a required tid / iss claim with values? */
function restrictsTenant(v: JwtValidation): boolean {
  const realIssuer = v.issuers.some((i) => i.text !== "" && i.entra?.tenantKind !== "multi-tenant");
  if (realIssuer) return true;
  for (const name of ["tid", "iss"]) {
    const c = claimNamed(v, name);
    if (c?.values.some((x) => x.text !== "" && tenantKind(x.text) !== "multi-tenant")) return true;
  }
  return false;
}

export const jwtAnyTenant: Rule = {
  id: "jwt-any-tenant",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Multi-tenant metadata (common, organizations) with no issuer or tid restriction: any tenant's tokens",
    docs: "rules/jwt-any-tenant.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      const source = anyTenantSource(v);
      if (!source || restrictsTenant(v)) return;
      const where =
        v.kind === "validate-azure-ad-token" ? `tenant-id "${source.tenant}"` : `"${source.tenant}" metadata`;
      context.report({
        node: source.node,
        message: `${v.kind} with ${where} and no <issuers> of a real tenant nor a required tid claim: nothing says whose tokens are accepted, so a token from any Entra tenant with a matching audience can pass; list each accepted tenant's issuer in <issuers> or require <claim name="tid"> with their tenant IDs`,
      });
    });
  },
};
