// base-missing: a section without <base /> below global scope drops everything the broader scopes put there.
// With the file's parents composed (APIOps tree, inherits), it names what is dropped, and says when nothing is;
// a backend or outbound that cannot run (every path of inbound returns) is not judged.

import { insertChildFix } from "../src/lint/analysis/fixes.js";
import { alwaysEnds } from "../src/lint/analysis/reachability.js";
import { findStatement, sectionElements } from "../src/lint/analysis/structure.js";
import type { DocumentScopes } from "../src/lint/composition.js";
import { scopeWithReason } from "../src/lint/scope.js";
import type { Rule } from "../src/lint/types.js";
import type { EffectiveChild, EffectiveElement } from "../src/policy/compose.js";
import type { ElementNode } from "../src/policy/model.js";
import type { SectionName } from "../src/policy/query.js";

/** Scopes that inherit from a broader scope through <base />. */
const INHERITING_SCOPES = new Set(["workspace", "product", "api", "operation"]);

/** How many dropped policies a message names before "and N more". */
const NAMED = 4;

export const baseMissing: Rule = {
  id: "base-missing",
  meta: {
    severity: "error",
    category: "structure",
    description:
      "A section at product, API or operation scope has no <base />, so the broader scopes' policies are dropped",
    docs: "rules/base-missing.md",
    fixable: true,
  },
  create(context) {
    if (!INHERITING_SCOPES.has(context.scope)) return {};
    const { doc } = context.sourceCode;
    const where = scopeWithReason(context.scope, context.scopeReason);
    return {
      Document() {
        let unreachable: boolean | undefined; // computed on the first section that needs it
        // Composed on the first section without <base />: most documents have <base /> everywhere, and composing
        // a document with its parents costs more than the rest of this rule.
        let scopes: DocumentScopes | undefined;
        let composed = false;
        for (const section of sectionElements(doc)) {
          if (findStatement(section, (st) => st.name === "base")) continue;
          const name = section.name as SectionName;
          if (name === "backend" && section.children.some((c) => c.type === "element")) {
            // The backend holds one policy: its own forward-request (or a replacement) instead of <base /> is a choice.
            continue;
          }
          if (!composed) {
            scopes = context.sourceCode.scopes();
            composed = true;
          }
          if (name === "backend" || name === "outbound") {
            unreachable ??= inboundAlwaysEnds(doc.root, scopes);
            if (unreachable) continue;
          }
          const fix = insertChildFix(doc, section, "<base />", "add <base /> as the first statement");
          const lost = scopes?.parentsKnown ? droppedPolicies(scopes, name) : undefined;
          if (lost && lost.length === 0 && scopes?.chainComplete) {
            // Nothing is lost today: the parents have nothing in this section. Kept as a hint (a policy added to a
            // parent later would silently not apply here), not an error.
            context.report({
              node: { range: section.startTagRange },
              message: `<${name}> has no <base />: nothing is dropped today (the broader scopes ${scopes.parentFiles.join(", ")} have no ${name} policies), but a policy added there later would not apply at this ${where}`,
              severity: "info",
              fix,
            });
            continue;
          }
          const dropped =
            lost && lost.length > 0 ? `: ${describe(lost)} ${lost.length === 1 ? "is" : "are"} dropped` : "";
          if (name === "backend") {
            context.report({
              node: { range: section.startTagRange },
              message: `<backend> is empty and has no <base />: the request is not forwarded to the backend at this ${where}${dropped}. Add <base /> (to inherit the forward-request) or <forward-request />`,
              fix,
            });
            continue;
          }
          const what = dropped
            ? `the broader scopes' ${name} policies are not applied at this ${where}${dropped}`
            : lost && scopes
              ? `the known broader scopes (${scopes.parentFiles.join(", ")}) have no ${name} policies, but the chain above is not fully known (no global policy file, or a product whose policy may apply), and what it puts in ${name} is not applied at this ${where}`
              : `the ${name} policies of the broader scopes (global, product, API) are not applied at this ${where}`;
          context.report({
            node: { range: section.startTagRange },
            message: `<${name}> has no <base />: ${what}. Add <base /> where they should run (usually first)`,
            fix,
          });
        }
      },
    };
  },
};

/**
 * True when every path of inbound ends in return-response or mock-response, so backend and outbound never run
 * (runtime reference §5.3, [U]: see src/lint/analysis/reachability.ts). With the parents composed, the effective
 * inbound is judged (a parent that always returns ends this scope's pipeline too).
 */
function inboundAlwaysEnds(root: ElementNode | undefined, scopes: DocumentScopes | undefined): boolean {
  const effective = scopes?.effective;
  if (effective && scopes.clean) return alwaysEnds(effective.section("inbound").children);
  const inbound = root?.children.find((c) => c.type === "element" && c.name === "inbound") as ElementNode | undefined;
  return inbound !== undefined && alwaysEnds(inbound.children);
}

/** The statements `<base />` would bring into `section` (undefined when the composition cannot say). */
function droppedPolicies(scopes: DocumentScopes, section: SectionName): EffectiveElement[] | undefined {
  if (!scopes.clean) return undefined;
  const inherited = scopes.inherited(section);
  if (!inherited) return undefined;
  return inherited.children.filter((c: EffectiveChild): c is EffectiveElement => c.type === "element");
}

function describe(lost: readonly EffectiveElement[]): string {
  const named = lost.slice(0, NAMED).map((el) => `<${el.name}> (${el.origin.file}:${el.origin.line})`);
  const more = lost.length > NAMED ? ` and ${lost.length - NAMED} more` : "";
  return `${named.join(", ")}${more}`;
}
