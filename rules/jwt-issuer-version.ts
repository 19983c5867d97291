// jwt-issuer-version: issuer, metadata and claim names must all describe the same token version (v1 or v2).
import { clientAuthClaim, clientIdClaim, metadataUrlFor, type TokenVersion } from "../src/lint/analysis/entra.js";
import { claimVersionOf, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";

const V = (v: TokenVersion) => (v === 1 ? "v1" : "v2");

export const jwtIssuerVersion: Rule = {
  id: "jwt-issuer-version",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Issuer, openid-config and claim names belong to different token versions",
    docs: "rules/jwt-issuer-version.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      // Issuer vs metadata: only when each side names one version (listing both issuers on purpose is fine).
      if (v.issuerVersions.size === 1 && v.metadataVersions.size === 1) {
        const iv = [...v.issuerVersions][0]!;
        const mv = [...v.metadataVersions][0]!;
        if (iv !== mv) {
          for (const issuer of v.issuers) {
            if (!issuer.entra || issuer.entra.version !== iv) continue;
            const meta = v.openidConfigs.find((m) => m.entra)!;
            context.report({
              node: issuer.element,
              message: `issuer ${issuer.text} is a ${V(iv)} issuer but the openid-config is ${V(mv)} metadata: Entra metadata must match the token version, so ${V(iv)} tokens will be rejected; use ${metadataUrlFor(iv, meta.entra!.tenant, meta.entra!.host)} (or the ${V(mv)} issuer, if the API app issues ${V(mv)} tokens)`,
            });
          }
        }
      }
      const accepted = v.acceptedVersion;
      if (!accepted) return;
      const from = v.issuers.length > 0 ? "issuer" : "openid-config";
      for (const claim of v.claims) {
        const cv = claimVersionOf(claim);
        if (!cv || cv === accepted) continue;
        const lower = claim.name.toLowerCase();
        const replacement = lower.endsWith("acr") ? clientAuthClaim(accepted) : clientIdClaim(accepted);
        context.report({
          node: claim.element,
          message: `${claim.name} is a ${V(cv)} claim but the ${from} accepts only ${V(accepted)} tokens, which carry ${replacement} instead: every call fails with TokenClaimNotFound; require ${replacement}`,
        });
      }
    });
  },
};
