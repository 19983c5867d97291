// unused-variable: a variable set in the document that nothing in it reads.

import type { Rule } from "../src/lint/types.js";

export const unusedVariable: Rule = {
  id: "unused-variable",
  meta: {
    severity: "info",
    strictSeverity: "warn",
    category: "structure",
    description: "A variable is set but never read in the document",
    docs: "rules/unused-variable.md",
    schema: {
      type: "object",
      properties: {
        ignore: {
          type: "array",
          items: { type: "string" },
          description: "Variables set for other documents to read, never reported",
        },
      },
      additionalProperties: false,
    },
  },
  create(context) {
    const { doc } = context.sourceCode;
    // Only whole policies and fragments: a lone element (an editor snippet) has no variable flow to judge.
    if (doc.kind !== "policies" && doc.kind !== "fragment") return {};
    // Fragments set variables for the policies that include them to read.
    if (context.scope === "fragment" || doc.root?.name === "fragment") return {};
    return {
      Document() {
        const vars = context.sourceCode.variables();
        // A computed key may read anything; an included fragment may read variables set here.
        if (vars.dynamicReads.length > 0 || vars.includes.length > 0) return;
        const read = new Set(vars.reads.map((r) => r.name));
        for (const name of (context.options.ignore as string[] | undefined) ?? []) read.add(name);
        const seen = new Set<string>();
        for (const w of vars.writes) {
          const name = w.name!;
          if (read.has(name) || seen.has(name)) continue;
          seen.add(name);
          context.report({
            node: { range: w.attribute.value.range },
            message: `variable "${name}" is set by <${w.element.name}> ${w.attribute.name} but never read in this document`,
          });
        }
      },
    };
  },
};
