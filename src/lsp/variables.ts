// Variables for the editor: the read under the cursor, and where a name is set (the lint's variable analysis).
import type { VariableWrite } from "../lint/analysis/variables.js";
import type { Analysis } from "./document.js";

export interface VariableRead {
  name: string;
  /** The access, from `context` to the closing `]` or the end of the key string. */
  start: number;
  end: number;
}

/**
 * The constant-name variable read that holds the offset, the innermost when reads nest: context.Variables in an
 * expression, a Liquid template's `context.Variables["x"]`, return-response's response-variable-name.
 */
export function variableAt(a: Analysis, offset: number): VariableRead | undefined {
  let best: VariableRead | undefined;
  for (const read of a.source.variables().reads) {
    // A read in code knows its offsets; the range object of the others is made already.
    const start = read.access ? read.access.start : read.range.start.offset;
    const end = read.access ? read.access.end : read.range.end.offset;
    if (offset < start || offset > end) continue;
    if (!best || end - start < best.end - best.start) best = { name: read.name, start, end };
  }
  return best;
}

/** The reads of a variable name in this document (code, Liquid, reading attributes), in document order. */
export function readsOf(a: Analysis, name: string): { line: number; where: string }[] {
  return a.source
    .variables()
    .reads.filter((r) => r.name === name)
    .map((r) => ({
      line: r.range.start.line,
      where: `<${r.element.name}>${r.source === "expression" ? "" : ` (${r.source})`}`,
    }))
    .sort((x, y) => x.line - y.line);
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
