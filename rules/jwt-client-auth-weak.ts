// jwt-client-auth-weak: app-only validation that accepts a public client (0) or a shared secret (1).
import { claimNamed, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule } from "../src/lint/types.js";

const WEAK: Record<string, string> = { "0": "a public client (no client authentication)", "1": "a client secret" };

export const jwtClientAuthWeak: Rule = {
  id: "jwt-client-auth-weak",
  meta: {
    severity: "warn",
    category: "token-validation",
    description: "App-only validation allows appidacr/azpacr 0 (public client) or 1 (shared secret)",
    docs: "rules/jwt-client-auth-weak.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      if (!claimNamed(v, "roles")) return;
      for (const name of ["appidacr", "azpacr"]) {
        const claim = claimNamed(v, name);
        if (!claim) continue;
        for (const value of claim.values) {
          const what = WEAK[value.text];
          if (!what) continue;
          context.report({
            node: value.element,
            message: `${claim.name} ${value.text} lets ${what} call this app-only API; allow only 2 (certificate or federated assertion)`,
          });
        }
      }
    });
  },
};
