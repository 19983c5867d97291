// Preflight, before any write: every policy parses and lints without errors, and every {{named value}} it
// references is either published in this run or already on its service.
import { lintText } from "../lint/index.js";
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

/** Lints each policy (parse errors arrive as findings too) and collects its named-value references. */
export function checkPolicies(policies: PolicyInput[]): {
  problems: PreflightProblem[];
  uses: Map<string, NamedValueUse[]>;
} {
  const problems: PreflightProblem[] = [];
  const uses = new Map<string, NamedValueUse[]>();
  for (const p of policies) {
    const { findings } = lintText(p.source, { file: p.file, scope: LINT_SCOPE[p.target.scope] });
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
    uses.set(p.target.key, refs);
  }
  return { problems, uses };
}

export function formatProblem(p: PreflightProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.severity}: ${p.message}${p.ruleId ? ` (${p.ruleId})` : ""}`;
}
