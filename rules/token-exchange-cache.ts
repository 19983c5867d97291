// token-exchange-cache: a token endpoint called on every request (no cache-lookup-value before, no store after).
import { isBefore } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const tokenExchangeCache: Rule = {
  id: "token-exchange-cache",
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: "Token endpoint called without cache-lookup-value before and cache-store-value after it",
    docs: "rules/token-exchange-cache.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "send-request"(el) {
        const r = sourceCode.tokenFlow().requestByElement.get(el);
        if (!r) return;
        const lookup = sourceCode.elementsNamed("cache-lookup-value").some((l) => isBefore(l, r.element));
        const store = sourceCode.elementsNamed("cache-store-value").some((s) => isBefore(r.element, s));
        if (lookup && store) return;
        const missing =
          !lookup && !store
            ? "no cache-lookup-value before it and no cache-store-value after it"
            : !lookup
              ? "no cache-lookup-value before it"
              : "no cache-store-value after it";
        context.report({
          node: r.element,
          message: `token endpoint called on every request (${missing}): each call costs a token round trip and Entra throttles; look the token up first and store it with a duration a little under expires_in`,
        });
      },
    };
  },
};
