// The expression type rules all report the C# checker's findings of some codes, each at its own range: one loop
// over every expression of every element, the rule saying which codes and how to word them.
import type { TypeDiagnosticCode } from "../../policy/csharp/checker.js";
import type { ElementNode } from "../../policy/model.js";
import type { Report, RuleContext, Visitors } from "../types.js";
import type { ExpressionTypes, TypeFinding } from "./expression-types.js";

/** What a rule makes of a finding: the report without its node. */
export type Describe = (finding: TypeFinding, types: ExpressionTypes, element: ElementNode) => Omit<Report, "node">;

export function typeFindingVisitors(
  context: RuleContext,
  codes: readonly TypeDiagnosticCode[],
  describe: Describe,
): Visitors {
  const { sourceCode } = context;
  return {
    // Over the document's expression list, not a "*" visitor: most elements hold no expression, and three rules
    // asking each element for its expressions was most of their cost.
    Document() {
      const sites = sourceCode.expressionSites();
      for (let i = 0; i < sites.length; i++) {
        const site = sites[i]!;
        const types = sourceCode.expressionTypes(site);
        const findings = types.findings;
        for (let j = 0; j < findings.length; j++) {
          const f = findings[j]!;
          if (!codes.includes(f.code)) continue;
          context.report({ node: { range: sourceCode.rangeOf(f) }, ...describe(f, types, site.element) });
        }
      }
    },
  };
}
