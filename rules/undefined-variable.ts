// undefined-variable: context.Variables["x"] read, but no policy in the document sets "x".

import { attributeText } from "../src/lint/analysis/nodes.js";
import { type FlowSetter, type ScopeFlow, whereIs } from "../src/lint/analysis/scope-flow.js";
import type { ReadSite } from "../src/lint/analysis/variables.js";
import type { DocumentScopes } from "../src/lint/composition.js";
import type { Rule } from "../src/lint/types.js";
import { suggestName } from "../src/util/did-you-mean.js";

export const undefinedVariable: Rule = {
  id: "undefined-variable",
  meta: {
    severity: "warn",
    strictSeverity: "error",
    category: "structure",
    description: "A context.Variables read of a variable that no policy in the document sets",
    docs: "rules/undefined-variable.md",
    schema: {
      type: "object",
      properties: {
        variables: {
          type: "array",
          items: { type: "string" },
          description: "Variables set elsewhere (a broader scope, the policy including this fragment)",
        },
      },
      additionalProperties: false,
    },
  },
  create(context) {
    const { doc } = context.sourceCode;
    // Only whole policies and fragments: a lone element (an editor snippet) has no variable flow to judge.
    if (doc.kind !== "policies" && doc.kind !== "fragment") return {};
    return {
      Document() {
        const vars = context.sourceCode.variables();
        // Nothing read, or a setter with a computed name (it may set anything): nothing to judge.
        if (vars.reads.length === 0 || vars.dynamicWrites.length > 0) return;
        const set = new Set<string>();
        for (const w of vars.writes) set.add(w.name!);
        // Variables set by broader scopes or by the policies that include this fragment can be declared.
        for (const name of (context.options.variables as string[] | undefined) ?? []) set.add(name);
        // Composed only when some read is not set here (most documents set all they read).
        if (allSet(vars.reads, set)) return;
        const fragment = context.scope === "fragment" || doc.root?.name === "fragment";
        // With the parents and fragments composed, a read is judged against the setters that run before it.
        const scopes = fragment ? undefined : context.sourceCode.scopes();
        const flow = scopes?.flow();
        // An included fragment may set variables this document cannot see: then a missing set is only a hint
        // (unless the composition inlined every fragment: then their setters are in the flow).
        const withIncludes = vars.includes.length > 0 && !(flow && scopes?.clean);
        let fragments: string | undefined; // their ids, for the message: made once, when a read needs it
        for (const read of vars.reads) {
          if (set.has(read.name)) continue;
          let later: FlowSetter | undefined;
          if (flow && scopes) {
            const judged = judgeAcrossScopes(read, flow, doc);
            if (judged === "set") continue;
            later = judged;
            // A parent or fragment the composition could not read cleanly may set it: only a hint then.
            if (!later && !scopes.clean) {
              context.report({
                node: { range: read.range },
                message: `variable "${read.name}" is ${verb(read)} but no policy in this document or the scopes composed with it sets it; some of them could not be read or inlined, so it may be set there`,
                severity: "info",
              });
              continue;
            }
          }
          // With included fragments the variable most likely comes from them: a did-you-mean would mislead.
          const suggestion = withIncludes ? undefined : suggestName(read.name, set);
          const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
          let message: string;
          if (later) {
            message = `variable "${read.name}" is ${verb(read)} before it is set: <${later.element.name}> at ${whereIs(later.document, later.element)} sets it, but runs after this read in the composed pipeline (${order(scopes!)}), so ${consequence(read)}`;
          } else if (flow && scopes?.parentsKnown) {
            message = `variable "${read.name}" is ${verb(read)} but neither this document nor the scopes it inherits from (${scopes.parentFiles.join(", ")}) set it${hint}: ${consequence(read)}`;
          } else if (fragment) {
            message = `variable "${read.name}" is ${verb(read)} but not set in this fragment: it must come from the policy that includes the fragment${hint}`;
          } else if (withIncludes) {
            fragments ??= vars.includes.map((el) => `"${attributeText(el, "fragment-id") ?? "?"}"`).join(", ");
            message = `variable "${read.name}" is ${verb(read)} but not set in this document${hint}: it must come from the included fragment${vars.includes.length > 1 ? "s" : ""} ${fragments} or a broader scope, else ${consequence(read)}`;
          } else {
            message = `variable "${read.name}" is ${verb(read)} but no policy in this document sets it${hint}: ${consequence(read)}. Set it (set-variable), or list it in the rule's "variables" option if a broader scope sets it`;
          }
          context.report({
            node: { range: read.range },
            message,
            // In a fragment (or with included fragments) another document usually sets the variable: a hint only.
            severity: fragment || withIncludes ? "info" : undefined,
          });
        }
      },
    };
  },
};

function allSet(reads: readonly ReadSite[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < reads.length; i++) if (!set.has(reads[i]!.name)) return false;
  return true;
}

/**
 * "set" when a setter of another document of the composition (a parent before its `<base />` reaches this one, a
 * fragment) runs before the read, or a setter with a computed name does; else the first setter that runs after it.
 */
function judgeAcrossScopes(read: ReadSite, flow: ScopeFlow, doc: unknown): "set" | FlowSetter | undefined {
  const at = flow.lastPosition(read.element);
  if (at === undefined) return undefined;
  if (flow.firstDynamicSetter < at) return "set";
  let later: FlowSetter | undefined;
  for (const s of flow.settersOf(read.name)) {
    if (s.document === doc) continue;
    if (s.position < at) return "set";
    if (!later || s.position < later.position) later = s;
  }
  return later;
}

/** How the pipeline is ordered, for a message about order. */
function order(scopes: DocumentScopes): string {
  return scopes.parentsKnown
    ? "a parent's section runs where <base /> stands; later sections run after earlier ones"
    : "a fragment runs where it is included";
}

function verb(read: ReadSite): string {
  const m = read.access?.method;
  return m === "ContainsKey" || m === "TryGetValue" ? "checked" : "read";
}

/** What happens at run time when the variable is missing, by the way it is read. */
function consequence(read: ReadSite): string {
  switch (read.access?.method) {
    case undefined:
      return read.source === "attribute"
        ? `<${read.element.name}> fails at run time`
        : "the read throws at run time (the key is not in context.Variables)";
    case "ContainsKey":
    case "TryGetValue":
      return "the check is always false";
    case "GetValueOrDefault":
      return "the read always yields the default";
    default:
      return "the read finds nothing";
  }
}
