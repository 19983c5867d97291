// send-request-timeout: the default timeout is 60 s, which holds a gateway connection for a minute.

import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

const MAX = 60;

export const sendRequestTimeout: Rule = {
  id: "send-request-timeout",
  meta: {
    severity: "info",
    category: "token-acquisition",
    description: "send-request without a timeout (60 s default) or with one above 60 s",
    docs: "rules/send-request-timeout.md",
  },
  create(context) {
    return {
      "send-request"(el) {
        const t = attribute(el, "timeout");
        if (!t) {
          context.report({
            node: el,
            message: `send-request has no timeout, so it waits up to ${MAX} s (the default) before failing; set timeout to what the call needs (e.g. 10-20 s for a token endpoint)`,
          });
          return;
        }
        if (t.value.kind !== "literal") return;
        const seconds = Number(t.value.text.trim());
        if (Number.isFinite(seconds) && seconds > MAX) {
          context.report({
            node: t,
            message: `send-request timeout="${t.value.text.trim()}" is above ${MAX} s: a hanging dependency holds each request that long; keep it at ${MAX} or less`,
          });
        }
      },
    };
  },
};
