// section-placement: a policy in a section where APIM rejects it (validate-jwt in outbound, forward-request in
// inbound, ...), seen through choose/when/otherwise and the other statement containers.

import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import { allowedSections, isKnownPolicy } from "../src/policy/catalogue.js";
import { type EffectiveChild, walkEffective } from "../src/policy/compose.js";
import type { ElementNode } from "../src/policy/model.js";

export const sectionPlacement: Rule = {
  id: "section-placement",
  meta: {
    severity: "error",
    category: "structure",
    description: "A policy in a section where APIM does not allow it, or outside any section",
    docs: "rules/section-placement.md",
  },
  create(context) {
    const { sourceCode } = context;
    // Fragments have no section: their policies are judged where they are included.
    if (sourceCode.root?.name !== "policies") return {};
    return {
      Document() {
        for (const { element: el, role } of sourceCode.placedElements()) {
          if (role.kind === "section-slot") {
            if (isKnownPolicy(el.name)) {
              context.report({
                node: { range: el.startTagRange },
                message: `<${el.name}> is outside any section: put it in <inbound>, <backend>, <outbound> or <on-error>`,
              });
            }
            continue;
          }
          // Children of send-request, return-response, ... are not section statements.
          if (role.kind !== "statement" || !role.section) continue;
          const sections = allowedSections(el.name);
          if (!sections || sections.includes(role.section)) continue;
          context.report({
            node: { range: el.startTagRange },
            message: `<${el.name}> is not allowed in <${role.section}>${nesting(el)}: APIM accepts it only in ${sections.map((s) => `<${s}>`).join(", ")}`,
          });
        }
        fragmentsWhereTheyLand(context, sourceCode);
      },
    };
  },
};

/** " (inside <when>)" when the statement is nested in control flow, to explain where the section comes from. */
function nesting(el: ElementNode): string {
  const p = el.parent;
  if (!p || p.name === "inbound" || p.name === "backend" || p.name === "outbound" || p.name === "on-error") return "";
  return ` (inside <${p.name}>)`;
}

/**
 * A fragment has no section of its own: once the composition inlines it (runtime reference §5.11: "inserted as-is
 * at that spot"), its policies are judged in the section they land in, reported at this document's
 * <include-fragment>. A parent's includes are the parent's to report.
 */
function fragmentsWhereTheyLand(context: RuleContext, sourceCode: PolicySourceCode): void {
  // Only this document's includes are judged here: without one there is nothing to compose.
  if (!sourceCode.has("include-fragment")) return;
  const scopes = sourceCode.scopes();
  const effective = scopes?.effective;
  if (!scopes || !effective) return;
  const doc = sourceCode.doc;
  const reported = new Set<string>();
  for (const section of effective.sections) {
    for (const el of walkEffective(section.children as EffectiveChild[])) {
      const included = el.origin.includedAt;
      if (el.origin.fragment === undefined || !included || included.document !== doc) continue;
      const role = scopes.sourceCodeOf(el.origin.document).roleOf(el.element);
      if (role.kind !== "statement") continue;
      const sections = allowedSections(el.name);
      if (!sections || sections.includes(section.name)) continue;
      const include = includeAt(sourceCode, included.line, included.column);
      if (!include) continue;
      const key = `${included.line}:${included.column}:${el.origin.line}:${el.origin.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      context.report({
        node: { range: include.startTagRange },
        message: `fragment '${el.origin.fragment}' puts <${el.name}> (${el.origin.file}:${el.origin.line}) in <${section.name}>, where APIM does not allow it: APIM accepts it only in ${sections.map((s) => `<${s}>`).join(", ")}`,
      });
    }
  }
}

function includeAt(sourceCode: PolicySourceCode, line: number, column: number): ElementNode | undefined {
  return sourceCode
    .elementsNamed("include-fragment")
    .find((el) => el.range.start.line === line && el.range.start.column === column);
}
