// token-response-unchecked: access_token read from a token response whose status code nobody checked. The token
// requests' case of send-request-unchecked (which leaves them to this rule), with the token-specific consequence.
import { stringLiterals } from "../src/lint/analysis/expressions.js";
import type { Rule } from "../src/lint/types.js";
import { statusChecked } from "./send-request-unchecked.js";

export const tokenResponseUnchecked: Rule = {
  id: "token-response-unchecked",
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: "access_token read from a token response without a StatusCode check",
    docs: "rules/token-response-unchecked.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "send-request"(el) {
        const tokenFlow = sourceCode.tokenFlow();
        const r = tokenFlow.requestByElement.get(el);
        const name = r?.responseVariable;
        if (!r || !name) return;
        if (statusChecked(sourceCode, name)) return;
        const flow = sourceCode.variables();
        const carriers = flow.derivedFrom([name], (read) => tokenFlow.carriesToken(read));
        // An indexer's key is one of the string literals: `x["access_token"]` is found among them (one walk, not two).
        const reader = flow.codeReads.find(
          (read) => carriers.has(read.name) && stringLiterals(sourceCode, read.expr).includes("access_token"),
        );
        if (!reader) return;
        context.report({
          node: reader.element,
          message: `access_token is read from "${name}" (send-request line ${r.element.range.start.line}) without checking its StatusCode: an Entra error (400 with AADSTS code) becomes a null token and a confusing 401 further on; check ((IResponse)context.Variables["${name}"]).StatusCode == 200 first and return 502 otherwise`,
        });
      },
    };
  },
};
