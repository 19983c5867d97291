import type { TestResult } from "../runner.js";

export interface ReportInput {
  results: readonly TestResult[];
  /** Wall time of the whole run. */
  durationMs: number;
  /** File names are shown relative to it. */
  cwd: string;
}

export interface Counts {
  passed: number;
  failed: number;
  total: number;
}

export function countResults(results: readonly TestResult[]): Counts {
  const failed = results.filter((r) => r.status === "failed").length;
  return { passed: results.length - failed, failed, total: results.length };
}
