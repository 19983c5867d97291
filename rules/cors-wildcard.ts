// cors-wildcard: `*` in CORS lists; with allow-credentials any site can make credentialed calls.

import { attribute, childElements, textValue } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

const LISTS: [string, string][] = [
  ["allowed-origins", "origin"],
  ["allowed-methods", "method"],
  ["allowed-headers", "header"],
];

export const corsWildcard: Rule = {
  id: "cors-wildcard",
  meta: {
    severity: "error",
    category: "security",
    description: "* in CORS allowed origins (error with allow-credentials), methods or headers (warn)",
    docs: "rules/cors-wildcard.md",
  },
  create(context) {
    return {
      cors(cors) {
        const credentials = attribute(cors, "allow-credentials")?.value.text.trim().toLowerCase() === "true";
        for (const [list, item] of LISTS) {
          for (const l of childElements(cors, list)) {
            for (const i of childElements(l, item)) {
              if (textValue(i)?.text.trim() !== "*") continue;
              if (item === "origin" && credentials) {
                context.report({
                  node: i,
                  message:
                    'allowed origin "*" with allow-credentials="true": any website can make credentialed calls with your users\' cookies; list the exact origins',
                });
              } else {
                context.report({
                  node: i,
                  severity: "warn",
                  message:
                    item === "origin"
                      ? 'allowed origin "*": any website can call this API from a browser; list the origins that need it'
                      : `"*" in <${list}>: every ${item} is allowed; list the ${item}s the API uses`,
                });
              }
            }
          }
        }
      },
    };
  },
};
