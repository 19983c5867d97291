// token-request-ignore-error: a failed token call must fail loudly, not as a null reference later.
import { elementsOf, tokenFlowOf } from "../src/lint/analysis/index.js";
import { attribute, attributeText } from "../src/lint/analysis/nodes.js";
import { isTrue, sendRequestsWithManagedIdentity } from "../src/lint/analysis/token-flow.js";
import type { Rule } from "../src/lint/types.js";
import type { Attribute } from "../src/policy/model.js";

export const tokenRequestIgnoreError: Rule = {
  id: "token-request-ignore-error",
  appliesTo: ["send-request", "authentication-managed-identity"],
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: 'ignore-error="true" on authentication-managed-identity or on a send-request that fetches a token',
    docs: "rules/token-request-ignore-error.md",
    fixable: true,
  },
  check(doc, context) {
    const elements = elementsOf(doc);
    const fix = (a: Attribute) => ({
      description: 'set ignore-error="false"',
      edits: [{ range: a.value.range, text: "false" }],
    });
    for (const el of elements) {
      if (el.name !== "authentication-managed-identity" || !isTrue(el, "ignore-error")) continue;
      const a = attribute(el, "ignore-error")!;
      const v = attributeText(el, "output-token-variable-name");
      context.report({
        node: a,
        message: `ignore-error="true" on authentication-managed-identity: when the token cannot be acquired ${v ? `"${v}" stays unset` : "no Authorization header is set"} and the failure surfaces later as a null reference or a 401; remove it (default false)`,
        fix: fix(a),
      });
    }
    const reported = new Set<unknown>();
    for (const r of tokenFlowOf(doc).requests) {
      if (!isTrue(r.element, "ignore-error")) continue;
      const a = attribute(r.element, "ignore-error")!;
      reported.add(r.element);
      context.report({
        node: a,
        message: `ignore-error="true" on the send-request that fetches a token: a failed call leaves "${r.responseVariable ?? "the response"}" null and the failure surfaces later as a null reference (500); set ignore-error="false"`,
        fix: fix(a),
      });
    }
    // A send-request made only to get a managed-identity token: no fix, its dummy call would then fail the request.
    for (const { request, mi } of sendRequestsWithManagedIdentity(elements)) {
      if (reported.has(request) || !isTrue(request, "ignore-error") || !attribute(mi, "output-token-variable-name"))
        continue;
      reported.add(request);
      context.report({
        node: attribute(request, "ignore-error")!,
        message: `ignore-error="true" hides a failure to get the managed-identity token "${attributeText(mi, "output-token-variable-name")}" (the send-request exists only to obtain it); acquire the token with authentication-managed-identity directly in inbound and drop this send-request`,
      });
    }
  },
};
