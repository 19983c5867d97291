// Reading a rule's docs page for its examples: the failing example's policy and the findings it shows, so a
// test can run the rule on it and compare (the docs cannot drift from what the rule reports).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Rule, Severity, SeverityOrOff } from "../../src/lint/types.js";
import { repoRoot } from "../policy/corpus-files.js";
import { type RunRuleOptions, runRule } from "../support/rule-tester.js";

const LEVEL: Record<string, Severity> = { error: "error", warning: "warn", info: "info" };

export function docsPage(rule: Rule): string {
  return readFileSync(join(repoRoot, rule.meta.docs), "utf8");
}

/** The fenced blocks after a `## heading`, up to the next heading. */
export function blocks(md: string, heading: string): string[] {
  const start = md.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const rest = md.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

type Row = [line: number, column: number, severity: SeverityOrOff | undefined, message: string, ruleId: string];

/** The findings the failing example's output block shows ("L:C  level  message  rule" lines). */
export function documentedFindings(rule: Rule, output: string): Row[] {
  return output
    .trim()
    .split("\n")
    .map((line) => {
      const m = /^(\d+):(\d+)\s+(error|warning|info)\s+(.*?)\s{2,}([a-z-]+)$/.exec(line);
      if (!m) throw new Error(`${rule.meta.docs}: output line not in "L:C  level  message  rule" form: ${line}`);
      return [Number(m[1]), Number(m[2]), LEVEL[m[3]!], m[4]!, m[5]!];
    });
}

/** What the rule reports on `xml`, in the same form. */
export function reportedFindings(rule: Rule, xml: string, options?: RunRuleOptions): Row[] {
  return runRule(rule, xml, options).map((f) => [
    f.line,
    f.column,
    f.report.severity ?? rule.meta.severity,
    f.message,
    f.ruleId,
  ]);
}

/**
 * For each rule: its docs page has a what, a why, its severity, category and fixability, a failing example whose
 * findings are exactly those the rule reports, and a passing example the rule is silent on.
 */
export function describeDocsPages(rules: readonly Rule[]): void {
  describe.each(rules.map((r) => [r.id, r] as const))("docs of %s", (id, rule) => {
    const md = docsPage(rule);

    it("has a what, a why, the severity, a failing and a passing example", () => {
      expect(rule.meta.docs).toBe(`rules/${id}.md`);
      expect(md.startsWith(`# ${id}\n`)).toBe(true);
      expect(md).toContain("\n## Why\n");
      expect(md).toContain(`- Severity in \`apimkit:recommended\`: **${rule.meta.severity}**`);
      expect(md).toContain(`- Category: ${rule.meta.category}\n`);
      expect(md).toContain(`- Fixable: ${rule.meta.fixable ? "yes" : "no"}`);
      expect(blocks(md, "Failing example").length).toBe(2);
      expect(blocks(md, "Passing example").length).toBe(1);
    });

    it("reports exactly the findings shown for the failing example", () => {
      const [xml, output] = blocks(md, "Failing example");
      expect(reportedFindings(rule, xml!)).toEqual(documentedFindings(rule, output!));
    });

    it("reports nothing for the passing example", () => {
      const [xml] = blocks(md, "Passing example");
      expect(runRule(rule, xml!)).toEqual([]);
    });
  });
}
