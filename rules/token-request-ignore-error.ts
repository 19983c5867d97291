// token-request-ignore-error: a failed token call must fail loudly, not as a null reference later.
import { attribute, attributeText, childElements } from "../src/lint/analysis/nodes.js";
import { isTrue } from "../src/lint/analysis/token-flow.js";
import type { Fix, Rule } from "../src/lint/types.js";
import type { Attribute } from "../src/policy/model.js";

export const tokenRequestIgnoreError: Rule = {
  id: "token-request-ignore-error",
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: 'ignore-error="true" on authentication-managed-identity or on a send-request that fetches a token',
    docs: "rules/token-request-ignore-error.md",
    fixable: true,
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "authentication-managed-identity"(el) {
        if (!isTrue(el, "ignore-error")) return;
        const a = attribute(el, "ignore-error")!;
        const v = attributeText(el, "output-token-variable-name");
        context.report({
          node: a,
          message: `ignore-error="true" on authentication-managed-identity: when the token cannot be acquired ${v ? `"${v}" stays unset` : "no Authorization header is set"} and the failure surfaces later as a null reference or a 401; remove it (default false)`,
          fix: fix(a),
        });
      },
      "send-request"(request) {
        const r = sourceCode.tokenFlow().requestByElement.get(request);
        if (r && isTrue(request, "ignore-error")) {
          const a = attribute(request, "ignore-error")!;
          context.report({
            node: a,
            message: `ignore-error="true" on the send-request that fetches a token: a failed call leaves "${r.responseVariable ?? "the response"}" null and the failure surfaces later as a null reference (500); set ignore-error="false"`,
            fix: fix(a),
          });
          return;
        }
        // A send-request made only to get a managed-identity token: no fix, its dummy call would then fail the request.
        if (!isTrue(request, "ignore-error")) return;
        const mi = childElements(request, "authentication-managed-identity").find((m) =>
          attribute(m, "output-token-variable-name"),
        );
        if (mi) {
          context.report({
            node: attribute(request, "ignore-error")!,
            message: `ignore-error="true" hides a failure to get the managed-identity token "${attributeText(mi, "output-token-variable-name")}" (the send-request exists only to obtain it); acquire the token with authentication-managed-identity directly in inbound and drop this send-request`,
          });
        }
      },
    };
  },
};

function fix(a: Attribute): Fix {
  return { description: 'set ignore-error="false"', edits: [{ range: a.value.range, text: "false" }] };
}
