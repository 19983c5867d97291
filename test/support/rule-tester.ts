// Runs rules over policy text the way ESLint's RuleTester does, through the engine's own walk (create, then the
// visitors): findings with 1-based line and column. A rule that throws fails the test (the engine would turn it
// into an internal-error finding).

import { ruleOptionsProblem } from "../../src/lint/config/rule-options.js";
import { runRules } from "../../src/lint/run-rules.js";
import { PolicySourceCode } from "../../src/lint/source-code.js";
import type { PolicyScope, Report, Rule } from "../../src/lint/types.js";
import type { PolicyDocument } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { Placeholders } from "../../src/policy/placeholders.js";

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
  /** The lint config's `placeholders` patterns (deploy-time placeholders). */
  placeholders?: string[];
}

export function runRule(rule: Rule, source: string, opts: RunRuleOptions = {}): RuleFinding[] {
  const doc = parsePolicy(source, opts.file ?? "test.xml");
  return reportsOf(doc, [rule], opts).map(({ rule: r, report }) => {
    const start = report.node.range.start;
    return { ruleId: r.id, line: start.line, column: start.column, message: report.message, report };
  });
}

/**
 * Every report of `rules` on a parsed document (also one with parse errors: the engine's lintDocument would stop
 * at those, the rules themselves must still cope), in the order the rules made them.
 */
export function reportsOf(
  doc: PolicyDocument,
  rules: readonly Rule[],
  opts: Omit<RunRuleOptions, "file"> = {},
): { rule: Rule; report: Report }[] {
  const options = opts.options ?? {};
  const enabled = rules.map((rule) => {
    // Options a test passes must be what a config could pass: the rule's schema accepts them.
    const problem = opts.options ? ruleOptionsProblem(rule.meta, options) : undefined;
    if (problem) throw new Error(`${rule.id}: ${problem}`);
    return { rule, severity: "error" as const, options };
  });
  const out: { rule: Rule; report: Report }[] = [];
  runRules(
    new PolicySourceCode(doc, { placeholders: opts.placeholders ? new Placeholders(opts.placeholders) : undefined }),
    enabled,
    { scope: opts.scope ?? "api", namedValues: opts.namedValues ? new Set(opts.namedValues) : undefined },
    {
      report: (e, report) => out.push({ rule: e.rule, report }),
      crash: (e, err) => {
        throw new Error(`rule ${e.rule.id} crashed`, { cause: err });
      },
    },
  );
  return out;
}

/** Applies a report's fix to the source (edits must not overlap). */
export function applyFix(source: string, report: Report): string {
  if (!report.fix) throw new Error("report has no fix");
  const edits = [...report.fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = source;
  for (const e of edits) out = out.slice(0, e.range.start.offset) + e.text + out.slice(e.range.end.offset);
  return out;
}
