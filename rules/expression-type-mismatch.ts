// expression-type-mismatch: a value of a policy expression that can never be the type it must be: a cast that can
// never succeed, a condition that is not a bool, a number or bool attribute given a value no conversion turns into
// one, a variable read as a type the policy never stored in it. Only what is certain: the level is lowered to warn
// where the fact rests on an unverified item of the runtime reference ([U]).

import type { ExpressionTypes, TypeFinding } from "../src/lint/analysis/expression-types.js";
import { typeFindingVisitors } from "../src/lint/analysis/type-finding-visitors.js";
import type { Rule } from "../src/lint/types.js";
import { formatType } from "../src/policy/csharp/types/type-ref.js";
import type { ElementNode } from "../src/policy/model.js";

export const expressionTypeMismatch: Rule = {
  id: "expression-type-mismatch",
  meta: {
    severity: "error",
    category: "correctness",
    description:
      "A policy expression gives a value that can never be the type needed (an impossible cast, a condition that is not a bool)",
    docs: "rules/expression-type-mismatch.md",
  },
  create(context) {
    return typeFindingVisitors(context, ["type-mismatch"], (f, types, element) => ({
      message: message(f, types, element),
      // Lowered where the fact is unverified ([U]); never raised.
      severity: f.severity === "warn" ? "warn" : undefined,
    }));
  },
};

function message(f: TypeFinding, types: ExpressionTypes, element: ElementNode): string {
  const expected = types.expected;
  if (!f.result || !expected || !f.actual) return f.message;
  const actual = formatType(f.actual);
  const where = `${expected.attribute} of <${element.name}>`;
  switch (expected.kind) {
    case "condition":
      return f.severity === "warn"
        ? `the ${where} is ${actual}, not bool: C# does not convert it, and whether APIM converts the result is unverified; write a Boolean expression`
        : `the ${where} is ${actual}, which can never be a bool: write a Boolean expression`;
    case "boolean":
      return `${where} takes true or false, and the expression gives ${actual}, which can never be one`;
    case "number":
      return `${where} takes a number, and the expression gives ${actual}, which can never be one`;
  }
}
