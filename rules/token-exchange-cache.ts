// token-exchange-cache: a token endpoint called on every request (no cache-lookup-value before, no store after).
import { elementsOf, tokenFlowOf } from "../src/lint/analysis/index.js";
import { isBefore } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const tokenExchangeCache: Rule = {
  id: "token-exchange-cache",
  appliesTo: ["send-request"],
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: "Token endpoint called without cache-lookup-value before and cache-store-value after it",
    docs: "rules/token-exchange-cache.md",
  },
  check(doc, context) {
    const requests = tokenFlowOf(doc).requests;
    if (requests.length === 0) return;
    const elements = elementsOf(doc);
    const lookups = elements.filter((el) => el.name === "cache-lookup-value");
    const stores = elements.filter((el) => el.name === "cache-store-value");
    for (const r of requests) {
      const lookup = lookups.some((l) => isBefore(l, r.element));
      const store = stores.some((s) => isBefore(r.element, s));
      if (lookup && store) continue;
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
    }
  },
};
