// token-response-unchecked: access_token read from a token response whose status code nobody checked.
import { identifiers, stringIndexers, stringLiterals } from "../src/lint/analysis/expressions.js";
import { tokenFlowOf, variableFlowOf } from "../src/lint/analysis/index.js";
import { readCarriesToken } from "../src/lint/analysis/token-flow.js";
import type { Rule } from "../src/lint/types.js";

const STATUS = new Set(["StatusCode", "IsSuccessStatusCode"]);

export const tokenResponseUnchecked: Rule = {
  id: "token-response-unchecked",
  appliesTo: ["send-request"],
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: "access_token read from a token response without a StatusCode check",
    docs: "rules/token-response-unchecked.md",
  },
  check(doc, context) {
    const flow = variableFlowOf(doc);
    const tokenFlow = tokenFlowOf(doc);
    for (const r of tokenFlow.requests) {
      const name = r.responseVariable;
      if (!name) continue;
      const checked = flow.readsOf(name).some((read) => [...identifiers(read.code)].some((id) => STATUS.has(id)));
      if (checked) continue;
      const carriers = flow.derivedFrom([name], (read) => readCarriesToken(read, tokenFlow.responseVariables));
      const reader = flow.reads.find(
        (read) =>
          carriers.has(read.name) &&
          (stringIndexers(read.code).includes("access_token") || stringLiterals(read.code).includes("access_token")),
      );
      if (!reader) continue;
      context.report({
        node: reader.element,
        message: `access_token is read from "${name}" (send-request line ${r.element.range.start.line}) without checking its StatusCode: an Entra error (400 with AADSTS code) becomes a null token and a confusing 401 further on; check ((IResponse)context.Variables["${name}"]).StatusCode == 200 first and return 502 otherwise`,
      });
    }
  },
};
