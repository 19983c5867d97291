// Runs one rule over policy text, the way ESLint's RuleTester does: findings with 1-based line and column.

import { hasAnyOf } from "../../src/lint/analysis/index.js";
import type { PolicyScope, Report, Rule } from "../../src/lint/types.js";
import { parsePolicy } from "../../src/policy/parser.js";

export interface RuleFinding {
  ruleId: string;
  line: number;
  column: number;
  message: string;
  report: Report;
}

export interface RunRuleOptions {
  scope?: PolicyScope;
  options?: Record<string, unknown>;
  namedValues?: string[];
  file?: string;
}

export function runRule(rule: Rule, source: string, opts: RunRuleOptions = {}): RuleFinding[] {
  const doc = parsePolicy(source, opts.file ?? "test.xml");
  const findings: RuleFinding[] = [];
  // As the engine does: a rule's failing cases then also check that its appliesTo lets them through.
  if (rule.appliesTo && !hasAnyOf(doc, rule.appliesTo)) return findings;
  rule.check(doc, {
    scope: opts.scope ?? "api",
    options: opts.options ?? {},
    namedValues: opts.namedValues ? new Set(opts.namedValues) : undefined,
    report(report) {
      const start = report.node.range.start;
      findings.push({ ruleId: rule.id, line: start.line, column: start.column, message: report.message, report });
    },
  });
  return findings;
}

/** Applies a report's fix to the source (edits must not overlap). */
export function applyFix(source: string, report: Report): string {
  if (!report.fix) throw new Error("report has no fix");
  const edits = [...report.fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = source;
  for (const e of edits) out = out.slice(0, e.range.start.offset) + e.text + out.slice(e.range.end.offset);
  return out;
}
