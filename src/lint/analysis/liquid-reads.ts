// Reads of `context.Variables` in a Liquid template (set-body template="liquid"): Liquid is not C#, so these are
// found in its text, with offsets into that text.
import type { VariableUses } from "../../policy/csharp/queries.js";

// {{context.Variables["x"]}}, {{context.Variables.x}}, {% assign v = context.Variables['x'] %}.
const LIQUID_READ = /context\.Variables(?:\[\s*"([^"]*)"\s*\]|\[\s*'([^']*)'\s*\]|\.([A-Za-z_][\w-]*))?/g;

/** The reads (and dynamic uses) of `context.Variables` in the text of a Liquid template. */
export function variableReadsInLiquid(text: string): VariableUses {
  const result: VariableUses = { reads: [], dynamic: [] };
  if (!text.includes("Variables")) return result;
  for (const m of text.matchAll(LIQUID_READ)) {
    const name = m[1] ?? m[2] ?? m[3];
    const start = m.index ?? 0;
    if (name === undefined) result.dynamic.push({ start, end: start + m[0].length });
    else result.reads.push({ name, kind: "indexer", method: undefined, start, end: start + m[0].length });
  }
  return result;
}
