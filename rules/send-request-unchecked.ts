// send-request-unchecked: the body or headers of an auxiliary send-request's response used while no expression
// checks its StatusCode. Token requests are token-response-unchecked's (one finding per problem).
import { mayName } from "../src/lint/analysis/code-words.js";
import { identifiers } from "../src/lint/analysis/expressions.js";
import type { CodeRead } from "../src/lint/analysis/variables.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule } from "../src/lint/types.js";
import { literalHost } from "./security-sinks.js";

const STATUS = new Set(["StatusCode", "IsSuccessStatusCode"]);
const CONTENT = new Set(["Body", "Headers"]);

/** Does some expression read the response variable's status (directly or in the same expression)? */
export function statusChecked(sourceCode: PolicySourceCode, name: string): boolean {
  // The names are words of the code (IsSuccessStatusCode holds StatusCode): code without the word has no tree to ask.
  return sourceCode
    .variables()
    .codeReadsOf(name)
    .some((read) => mayName(read.expr.code, "StatusCode") && hasAny(identifiers(sourceCode, read.expr), STATUS));
}

/** The first read of the response's content (Body or Headers). */
function contentRead(sourceCode: PolicySourceCode, name: string): CodeRead | undefined {
  return sourceCode
    .variables()
    .codeReadsOf(name)
    .find(
      (read) =>
        (mayName(read.expr.code, "Body") || mayName(read.expr.code, "Headers")) &&
        hasAny(identifiers(sourceCode, read.expr), CONTENT),
    );
}

function hasAny(names: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const w of wanted) if (names.has(w)) return true;
  return false;
}

export const sendRequestUnchecked: Rule = {
  id: "send-request-unchecked",
  meta: {
    severity: "warn",
    category: "security",
    description: "The body or headers of a send-request response used without a StatusCode check",
    docs: "rules/send-request-unchecked.md",
  },
  create(context) {
    const { sourceCode } = context;
    return {
      "send-request"(el) {
        const a = el.attributes.find((x) => x.name === "response-variable-name");
        const name = a && a.value.kind === "literal" ? a.value.text.trim() : "";
        if (!name) return;
        // Token requests: token-response-unchecked says it with the token-specific consequence.
        if (sourceCode.tokenFlow().requestByElement.has(el) || statusChecked(sourceCode, name)) return;
        const reader = contentRead(sourceCode, name);
        if (!reader) return;
        const host = literalHost(el);
        context.report({
          node: reader.element,
          message: `the response in "${name}" (send-request line ${el.range.start.line}${host ? `, ${host}` : ""}) is used without checking its StatusCode: a 4xx or 5xx answer is stored as a normal response, so its error body is read as if it were the data; check ((IResponse)context.Variables["${name}"]).StatusCode first`,
        });
      },
    };
  },
};
