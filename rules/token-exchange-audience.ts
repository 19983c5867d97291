// token-exchange-audience: a managed-identity assertion must be issued for the cloud's exchange audience.
import { CLOUDS, EXCHANGE_AUDIENCES } from "../src/config/clouds.js";
import { valueTexts } from "../src/lint/analysis/expressions.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import { assertionUses } from "../src/lint/analysis/token-flow.js";
import type { Rule } from "../src/lint/types.js";

const AUDIENCES = new Set(EXCHANGE_AUDIENCES.map((a) => a.toLowerCase()));

/** The cloud whose login host a token endpoint URL names (undefined: not a known Entra host). */
function cloudOfEndpoint(url: string): (typeof CLOUDS)[keyof typeof CLOUDS] | undefined {
  const lower = url.trim().toLowerCase();
  return Object.values(CLOUDS).find((c) => lower.startsWith(`${c.loginHost}/`));
}

export const tokenExchangeAudience: Rule = {
  id: "token-exchange-audience",
  meta: {
    severity: "error",
    category: "token-acquisition",
    description: "Managed-identity token used as client_assertion but not acquired for the exchange audience",
    docs: "rules/token-exchange-audience.md",
  },
  create(context) {
    const { sourceCode } = context;
    const seen = new Set<unknown>();
    let uses: ReturnType<typeof assertionUses> | undefined;
    return {
      "authentication-managed-identity"(mi) {
        // Only a token request's body (a send-request) can carry the assertion.
        if (!sourceCode.has("send-request")) return;
        uses ??= assertionUses(sourceCode);
        for (const use of uses) {
          if (use.managedIdentity !== mi) continue;
          const resource = attribute(use.managedIdentity, "resource");
          if (resource?.value.kind !== "literal" || seen.has(resource)) continue;
          const text = resource.value.text.trim();
          // A deploy-time placeholder: the audience is not known at lint time.
          if (sourceCode.placeholders.holds(text)) continue;
          if (AUDIENCES.has(text.toLowerCase())) {
            // Cross-cloud exchange is not supported (reference §5): the audience must be the token endpoint's cloud's.
            const cloud = use.request.url ? cloudOfEndpoint(valueTexts(sourceCode, use.request.url)) : undefined;
            if (cloud && cloud.exchangeAudience.toLowerCase() !== text.toLowerCase()) {
              seen.add(resource);
              context.report({
                node: resource,
                message: `the assertion in "${use.variable}" is acquired for "${text}" but exchanged at ${cloud.loginHost} (${cloud.name}), whose federated credentials expect ${cloud.exchangeAudience}; cross-cloud exchange is not supported: set resource="${cloud.exchangeAudience}"`,
              });
            }
            continue;
          }
          seen.add(resource);
          context.report({
            node: resource,
            message: `the managed-identity token in "${use.variable}" is sent as client_assertion (send-request line ${use.request.element.range.start.line}) but is acquired for "${text}": a federated credential accepts only an assertion for ${EXCHANGE_AUDIENCES.join(" / ")} (per cloud), so the exchange fails (AADSTS7002121); set resource="${EXCHANGE_AUDIENCES[0]}"`,
          });
        }
      },
    };
  },
};
