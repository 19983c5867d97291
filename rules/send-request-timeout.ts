// send-request-timeout: the default timeout is 60 s, which holds a gateway connection for a minute.

import { elementsOf } from "../src/lint/analysis/index.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

const MAX = 60;

export const sendRequestTimeout: Rule = {
  id: "send-request-timeout",
  appliesTo: ["send-request"],
  meta: {
    severity: "info",
    category: "token-acquisition",
    description: "send-request without a timeout (60 s default) or with one above 60 s",
    docs: "rules/send-request-timeout.md",
  },
  check(doc, context) {
    for (const el of elementsOf(doc)) {
      if (el.name !== "send-request") continue;
      const t = attribute(el, "timeout");
      if (!t) {
        context.report({
          node: el,
          message: `send-request has no timeout, so it waits up to ${MAX} s (the default) before failing; set timeout to what the call needs (e.g. 10-20 s for a token endpoint)`,
        });
        continue;
      }
      if (t.value.kind !== "literal") continue;
      const seconds = Number(t.value.text.trim());
      if (Number.isFinite(seconds) && seconds > MAX) {
        context.report({
          node: t,
          message: `send-request timeout="${t.value.text.trim()}" is above ${MAX} s: a hanging dependency holds each request that long; keep it at ${MAX} or less`,
        });
      }
    }
  },
};
