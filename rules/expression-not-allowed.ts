// expression-not-allowed: a policy expression in an attribute (or element text) that APIM takes literally.

import { attributeSpecCached, textExpressionsAllowedCached } from "../src/lint/analysis/catalogue-memo.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { AttributeSpec } from "../src/policy/catalogue.js";
import type { ElementNode, PolicyValue } from "../src/policy/model.js";
import { elementText } from "../src/policy/query.js";

export const expressionNotAllowed: Rule = {
  id: "expression-not-allowed",
  meta: {
    severity: "error",
    category: "structure",
    description: "A policy expression where APIM allows none (client-id, output-token-variable-name, fragment-id, ...)",
    docs: "rules/expression-not-allowed.md",
  },
  create(context) {
    return {
      Document() {
        for (const { element, role } of context.sourceCode.placedElements()) {
          if (role.kind !== "root" && role.kind !== "free") checkElement(context, element);
        }
      },
    };
  },
};

function checkElement(context: RuleContext, el: ElementNode): void {
  const parentName = el.parent?.name;
  for (const attr of el.attributes) {
    if (attr.value.kind !== "expression") continue;
    const spec = attributeSpecCached(el.name, attr.name, parentName);
    if (!spec || spec.expressions) continue;
    context.report({
      node: { range: attr.value.range },
      message: `${attr.name} of <${el.name}> does not accept policy expressions: APIM uses the text as written. ${advice(spec)}`,
    });
  }
  const text = expressionText(el);
  if (text && textExpressionsAllowedCached(el.name, parentName) === false) {
    context.report({
      node: { range: text.range },
      message: `the text of <${el.name}>${parentName ? ` inside <${parentName}>` : ""} does not accept policy expressions: ${advice()}`,
    });
  }
}

/** The element's text when it is an expression (cheap check first: most elements have no expression text). */
function expressionText(el: ElementNode): PolicyValue | undefined {
  let any = false;
  for (const c of el.children) if (c.type === "text" && c.value.kind === "expression") any = true;
  if (!any) return undefined;
  const t = elementText(el);
  return t?.kind === "expression" ? t : undefined;
}

function advice(spec?: AttributeSpec): string {
  const type = spec?.type ?? "string";
  if (type === "boolean") return "Write true or false";
  if (spec?.values?.length) return `Write one of ${spec.values.join(", ")}`;
  if (type === "integer" || type === "number") return "Write a number, or a {{named value}}";
  return "Write a literal, or a {{named value}} (named values are resolved before the policy runs)";
}
