// Test helper: the C# expressions of a policy document, as the model gives them.
import type { Expression, PolicyDocument } from "../../../src/policy/model.js";
import { walkElements } from "../../../src/policy/query.js";

/** Every expression of a document: attribute values and element text, in document order. */
export function expressionsOf(doc: PolicyDocument): Expression[] {
  const out: Expression[] = [];
  for (const el of walkElements(doc.root)) {
    for (const a of el.attributes) if (a.value.expression) out.push(a.value.expression);
    for (const c of el.children) if (c.type === "text" && c.value.expression) out.push(c.value.expression);
  }
  return out;
}
