// token-exchange-workaround: a send-request to some URL made only to get a managed-identity token.
import { attributeText, childElements, firstChild, textValue } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

export const tokenExchangeWorkaround: Rule = {
  id: "token-exchange-workaround",
  meta: {
    severity: "info",
    category: "token-acquisition",
    description: "authentication-managed-identity inside a send-request made only to get a token",
    docs: "rules/token-exchange-workaround.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "send-request"(request) {
        for (const mi of childElements(request, "authentication-managed-identity")) {
          const output = attributeText(mi, "output-token-variable-name");
          if (!output) continue;
          const response = attributeText(request, "response-variable-name");
          const used =
            response !== undefined &&
            sourceCode
              .variables()
              .codeReadsOf(response)
              .some((r) => r.kind !== "contains");
          if (used) continue;
          const urlEl = firstChild(request, "set-url");
          const url = urlEl ? textValue(urlEl)?.text.trim() : undefined;
          context.report({
            node: mi,
            message: `authentication-managed-identity sits in a send-request${url ? ` to ${url}` : ""} whose response is never used, only to fill "${output}": put it directly in inbound with output-token-variable-name="${output}" (APIM caches the token) and drop the extra call`,
          });
        }
      },
    };
  },
};
