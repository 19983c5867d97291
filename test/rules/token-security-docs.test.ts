// Each token/security rule's docs page shows a failing example with the exact findings and a passing example:
// run the rule on both, so the docs cannot drift from what the rule reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import type { Severity } from "../../src/lint/types.js";
import { repoRoot } from "../policy/corpus-files.js";
import { runRule } from "../support/rule-tester.js";

const CATEGORIES = new Set(["token-validation", "token-acquisition", "security"]);
const rules = allRules.filter((r) => CATEGORIES.has(r.meta.category));
const LEVEL: Record<string, Severity> = { error: "error", warning: "warn", info: "info" };

/** The fenced blocks after a `## heading`, up to the next heading. */
function blocks(md: string, heading: string): string[] {
  const start = md.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const rest = md.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("token and security rules", () => {
  it("are all registered (22 rules of issue 5)", () => {
    expect(rules.map((r) => r.id).sort()).toEqual(
      [
        "jwt-audience-missing",
        "jwt-issuer-missing",
        "jwt-issuer-format",
        "jwt-issuer-version",
        "jwt-issuer-tenant",
        "jwt-client-auth-missing",
        "jwt-client-auth-weak",
        "jwt-claims-conflict",
        "jwt-caller-unchecked",
        "jwt-unsafe-settings",
        "jwt-token-in-query",
        "jwt-not-first",
        "token-exchange-audience",
        "token-exchange-cache",
        "token-request-ignore-error",
        "token-response-unchecked",
        "token-exchange-workaround",
        "send-request-timeout",
        "hardcoded-secret",
        "secret-leak",
        "http-url",
        "cors-wildcard",
      ].sort(),
    );
  });
});

describe.each(rules.map((r) => [r.id, r] as const))("docs of %s", (id, rule) => {
  const md = readFileSync(join(repoRoot, rule.meta.docs), "utf8");

  it("has a what, a why, the severity, a failing and a passing example", () => {
    expect(rule.meta.docs).toBe(`rules/${id}.md`);
    expect(md.startsWith(`# ${id}\n`)).toBe(true);
    expect(md).toContain("\n## Why\n");
    expect(md).toContain(`- Severity in \`apimkit:recommended\`: **${rule.meta.severity}**`);
    expect(md).toContain(`- Fixable: ${rule.meta.fixable ? "yes" : "no"}`);
    expect(blocks(md, "Failing example").length).toBe(2);
    expect(blocks(md, "Passing example").length).toBe(1);
  });

  it("reports exactly the findings shown for the failing example", () => {
    const [xml, output] = blocks(md, "Failing example");
    const expected = output!
      .trim()
      .split("\n")
      .map((line) => {
        const m = /^(\d+):(\d+)\s+(error|warning|info)\s+(.*?)\s{2,}([a-z-]+)$/.exec(line);
        if (!m) throw new Error(`${rule.meta.docs}: output line not in "L:C  level  message  rule" form: ${line}`);
        return [Number(m[1]), Number(m[2]), LEVEL[m[3]!], m[4], m[5]];
      });
    const actual = runRule(rule, xml!).map((f) => [
      f.line,
      f.column,
      f.report.severity ?? rule.meta.severity,
      f.message,
      f.ruleId,
    ]);
    expect(actual).toEqual(expected);
  });

  it("reports nothing for the passing example", () => {
    const [xml] = blocks(md, "Passing example");
    expect(runRule(rule, xml!)).toEqual([]);
  });
});
