// unused-variable: a variable set in the document that nothing in it reads.

import type { ScopeFlow } from "../src/lint/analysis/scope-flow.js";
import type { VariableWrite } from "../src/lint/analysis/variables.js";
import type { Rule } from "../src/lint/types.js";
import type { PolicyDocument } from "../src/policy/model.js";

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
        // Nothing set (most documents), or a computed key that may read anything.
        if (vars.writes.length === 0 || vars.dynamicReads.length > 0) return;
        const read = new Set(vars.reads.map((r) => r.name));
        for (const name of (context.options.ignore as string[] | undefined) ?? []) read.add(name);
        // Composed only when some variable is unread here (most documents read all they set).
        if (vars.writes.every((w) => read.has(w.name!))) return;
        const scopes = context.sourceCode.scopes();
        const own = scopes?.flow();
        // An included fragment may read variables set here (unless the composition inlined every fragment: then
        // their reads are in the flow); a computed key anywhere in the composition may read anything.
        if (vars.includes.length > 0 && !(own && scopes?.clean)) return;
        if (own?.dynamicRead) return;
        const seen = new Set<string>();
        let children: readonly ScopeFlow[] | undefined; // asked for only when a variable is unread here
        for (const w of vars.writes) {
          const name = w.name!;
          if (read.has(name) || seen.has(name)) continue;
          seen.add(name);
          // Read after it is set by another document of this composition (a parent reading what this scope set
          // before its <base />, a fragment), or by a policy that inherits from this one.
          if (own && readAfter(own, w, doc)) continue;
          children ??= scopes?.childFlows() ?? [];
          if (children.some((f) => f.dynamicRead || readAfter(f, w, doc))) continue;
          const below =
            children.length > 0
              ? ` nor in the ${children.length === 1 ? "1 policy that inherits" : `${children.length} policies that inherit`} from it`
              : "";
          context.report({
            node: { range: w.attribute.value.range },
            message: `variable "${name}" is set by <${w.element.name}> ${w.attribute.name} but never read in this document${below}`,
          });
        }
      },
    };
  },
};

/** True when some other document of the flow reads the variable `w` sets, after `w` runs. */
function readAfter(flow: ScopeFlow, w: VariableWrite, doc: PolicyDocument): boolean {
  const at = flow.firstPosition(w.element);
  if (at === undefined) return false;
  return flow.readsOf(w.name!).some((r) => r.document !== doc && r.position > at);
}
