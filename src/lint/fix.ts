// Applies the safe fixes of a lint pass to the original text: edits at the reported ranges, nothing else moves.
import type { Finding, TextEdit } from "./types.js";

export interface FixOutcome {
  output: string;
  /** Findings whose fix was applied in this pass. */
  applied: number;
  /** The rules whose fixes were applied, for blame when a fix breaks the document. */
  rules: string[];
}

/**
 * Applies every fix that does not overlap an earlier one (in source order). Fixes that collide are left for
 * the next pass, after a re-lint (like ESLint). Every edit of a fix is applied or none is.
 */
export function applyFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const fixes = findings
    .filter((f) => f.fix && f.fix.edits.length > 0)
    .map((f) => ({ rule: f.ruleId, edits: f.fix!.edits }))
    .sort((a, b) => firstStart(a.edits) - firstStart(b.edits));
  const accepted: TextEdit[] = [];
  const rules = new Set<string>();
  let applied = 0;
  for (const { rule, edits } of fixes) {
    if (edits.some((e) => !inBounds(e, text.length) || accepted.some((a) => overlaps(a, e)))) continue;
    if (edits.some((e, i) => edits.some((o, j) => i !== j && overlaps(e, o)))) continue;
    accepted.push(...edits);
    rules.add(rule);
    applied++;
  }
  if (applied === 0) return { output: text, applied, rules: [] };
  accepted.sort((a, b) => a.range.start.offset - b.range.start.offset);
  let output = "";
  let last = 0;
  for (const e of accepted) {
    output += text.slice(last, e.range.start.offset) + e.text;
    last = e.range.end.offset;
  }
  output += text.slice(last);
  return { output, applied, rules: [...rules] };
}

function firstStart(edits: TextEdit[]): number {
  return Math.min(...edits.map((e) => e.range.start.offset));
}

function inBounds(e: TextEdit, length: number): boolean {
  return e.range.start.offset >= 0 && e.range.start.offset <= e.range.end.offset && e.range.end.offset <= length;
}

/** Two edits collide when their spans intersect, or both insert at the same point (order would be a guess). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  const [as, ae, bs, be] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  return (as < be && bs < ae) || as === bs;
}
