// Variables for the editor: the read under the cursor, and where a name is set (the lint's variable analysis).
import type { VariableWrite } from "../lint/analysis/variables.js";
import type { Expression } from "../policy/model.js";
import type { Analysis } from "./document.js";

export interface VariableRead {
  name: string;
  /** The access, from `context` to the closing `]` or the end of the key string. */
  start: number;
  end: number;
}

/** The constant-name read of context.Variables in `expression` that holds the offset. */
export function variableAt(a: Analysis, expression: Expression, offset: number): VariableRead | undefined {
  for (const read of a.source.variables().codeReads) {
    if (read.expr !== expression) continue;
    const { start, end } = read.access;
    if (offset >= start && offset <= end) return { name: read.name, start, end };
  }
  return undefined;
}

/** The setters of a variable name in this document, in document order. */
export function writesOf(a: Analysis, name: string): VariableWrite[] {
  return a.source
    .variables()
    .writes.filter((w) => w.name === name)
    .sort((x, y) => x.attribute.range.start.offset - y.attribute.range.start.offset);
}

/** Every variable name this document sets, sorted. */
export function variableNames(a: Analysis): string[] {
  const names = new Set<string>();
  for (const w of a.source.variables().writes) if (w.name) names.add(w.name);
  return [...names].sort();
}
