// Preflight, before any write: every policy parses and lints without errors, and every {{named value}} it
// references is either published in this run or already on its service.
import { resolve } from "node:path";
import { UsageError } from "../cli/command.js";
import { LintConfigError, LintUsageError } from "../lint/config/errors.js";
import { ConfigResolver } from "../lint/config/resolver.js";
import { type Finding, lintText } from "../lint/index.js";
import { knownRuleMeta } from "../lint/presets.js";
import type { PolicyScope } from "../lint/types.js";
import { parsePolicy } from "../policy/parser.js";
import { walkElements } from "../policy/query.js";
import type { PolicyInput } from "./inputs.js";
import type { PolicyTarget } from "./targets.js";

export interface PreflightProblem {
  file: string;
  line?: number;
  column?: number;
  severity: "error" | "warn" | "info";
  message: string;
  ruleId?: string;
}

export interface NamedValueUse {
  name: string;
  line: number;
  column: number;
}

const LINT_SCOPE: Record<PolicyTarget["scope"], PolicyScope> = {
  service: "global",
  product: "product",
  api: "api",
  operation: "operation",
};

export interface PolicyCheck {
  problems: PreflightProblem[];
  /** Named-value references per policy target key. */
  uses: Map<string, NamedValueUse[]>;
  /** Files the lint config's `ignores` leaves out (not linted, still published). */
  ignored: string[];
}

/**
 * Lints each policy (parse errors arrive as findings too) under the same .apimkitrc.json cascade `apimkit lint`
 * applies, so publish and the CI lint agree; the scope is the one the policy is published at. Also collects each
 * policy's named-value references.
 */
export function checkPolicies(policies: PolicyInput[], cwd: string): PolicyCheck {
  const problems: PreflightProblem[] = [];
  const uses = new Map<string, NamedValueUse[]>();
  const ignored: string[] = [];
  const resolver = lintConfigStep(() => new ConfigResolver({ knownRules: knownRuleMeta() }));
  for (const p of policies) {
    const abs = resolve(cwd, p.file);
    let findings: Finding[] = [];
    if (lintConfigStep(() => resolver.isIgnored(abs))) ignored.push(p.file);
    else {
      const config = lintConfigStep(() => resolver.resolve(abs));
      findings = lintText(p.source, {
        file: p.file,
        scope: LINT_SCOPE[p.target.scope],
        scopeReason: "the publish target",
        config,
      }).findings;
    }
    for (const f of findings) {
      problems.push({
        file: f.file,
        line: f.line,
        column: f.column,
        severity: f.severity,
        message: f.message,
        ruleId: f.ruleId,
      });
    }
    uses.set(p.target.key, namedValueUses(p));
  }
  return { problems, uses, ignored };
}

function namedValueUses(p: PolicyInput): NamedValueUse[] {
  const doc = parsePolicy(p.source, p.file);
  const refs: NamedValueUse[] = [];
  const seen = new Set<string>();
  for (const el of walkElements(doc)) {
    const values = [
      ...el.attributes.map((a) => a.value),
      ...el.children.flatMap((c) => (c.type === "text" ? [c.value] : [])),
    ];
    for (const v of values) {
      for (const r of v.namedValues) {
        const key = `${r.name}@${r.range.start.offset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        refs.push({ name: r.name, line: r.range.start.line, column: r.range.start.column });
      }
    }
  }
  return refs;
}

/** A broken lint config is the user's to fix: exit 2 with its message. */
function lintConfigStep<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof LintConfigError || err instanceof LintUsageError) throw new UsageError(err.message);
    throw err;
  }
}

export function formatProblem(p: PreflightProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.severity}: ${p.message}${p.ruleId ? ` (${p.ruleId})` : ""}`;
}
