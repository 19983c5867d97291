// The expression type rules all report the C# checker's findings of some codes, each at its own range: one loop
// over every expression of every element, the rule saying which codes and how to word them.
import type { TypeDiagnosticCode } from "../../policy/csharp/checker.js";
import type { ElementNode } from "../../policy/model.js";
import type { Report, RuleContext, Visitors } from "../types.js";
import { type ExpressionTypes, expressionSites, type TypeFinding } from "./expression-types.js";

/** What a rule makes of a finding: the report without its node. */
export type Describe = (finding: TypeFinding, types: ExpressionTypes, element: ElementNode) => Omit<Report, "node">;

export function typeFindingVisitors(
  context: RuleContext,
  codes: readonly TypeDiagnosticCode[],
  describe: Describe,
): Visitors {
  const { sourceCode } = context;
  return {
    "*"(element) {
      for (const site of expressionSites(element)) {
        const types = sourceCode.expressionTypes(site);
        for (const f of types.findings) {
          if (!codes.includes(f.code)) continue;
          context.report({ node: { range: sourceCode.rangeOf(f) }, ...describe(f, types, element) });
        }
      }
    },
  };
}
