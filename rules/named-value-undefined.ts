// named-value-undefined: a {{name}} that is not among the configured named values; APIM rejects the save.

import { isInsideLiquidBody } from "../src/lint/analysis/variables.js";
import type { Rule } from "../src/lint/types.js";
import { closestName } from "../src/util/did-you-mean.js";

export const namedValueUndefined: Rule = {
  id: "named-value-undefined",
  meta: {
    severity: "error",
    category: "structure",
    description:
      "A {{named value}} reference that is not among the known named values (checked only when they are configured)",
    docs: "rules/named-value-undefined.md",
  },
  create(context) {
    const known = context.namedValues;
    if (!known) return {}; // unknown set: stay silent rather than guess
    return {
      Document() {
        // Display names are matched as written; a difference only in case is still reported, with the right spelling.
        const byLower = new Map<string, string>();
        for (const k of known) byLower.set(k.toLowerCase(), k);
        for (const { value, element } of context.sourceCode.values()) {
          if (value.namedValues.length === 0) continue;
          // {{ ... }} in a Liquid template is Liquid output markup, not a named value.
          if (isInsideLiquidBody(element)) continue;
          for (const ref of value.namedValues) {
            if (known.has(ref.name)) continue;
            const suggestion = byLower.get(ref.name.toLowerCase()) ?? closestName(ref.name, known);
            context.report({
              node: { range: ref.range },
              message: `named value {{${ref.name}}} is not defined${suggestion ? ` (did you mean {{${suggestion}}}?)` : ""}: APIM rejects a policy that references a missing named value ("Cannot find a property '${ref.name}'"). Create it before publishing, or add it to namedValues`,
            });
          }
        }
      },
    };
  },
};
