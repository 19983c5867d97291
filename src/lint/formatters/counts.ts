import type { FileResult } from "../lint-files.js";

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export function countFindings(results: readonly FileResult[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === "error") c.errors++;
      else if (f.severity === "warn") c.warnings++;
      else c.infos++;
      if (f.fix) c.fixable++;
    }
  }
  return c;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
