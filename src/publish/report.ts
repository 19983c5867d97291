// The final report: a table of every target's state for people, the same facts as JSON for machines.
import type { Outcome } from "./apply.js";
import type { Step } from "./plan.js";
import type { PreflightProblem } from "./preflight.js";
import { targetPath } from "./targets.js";

export interface TargetReport {
  key: string;
  kind: "policy" | "named-value";
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
  /** The ARM path below the service, e.g. apis/partner-api/policies/policy. */
  resource: string;
  file?: string;
  action: Step["action"];
  /** Final state after apply (absent for a plan only). */
  state?: Outcome["state"];
  detail?: string;
  diff?: string;
}

export interface PublishReport {
  ok: boolean;
  mode: "plan" | "apply" | "restore";
  dryRun: boolean;
  /** The preflight stopped the run before any write. */
  stoppedIn?: "preflight" | "plan" | "confirmation" | "backup";
  problems: PreflightProblem[];
  backupDir?: string;
  targets: TargetReport[];
  warnings: string[];
  error?: string;
}

export function targetReport(step: Step, outcome?: Outcome): TargetReport {
  const t = step.target;
  return {
    key: t.key,
    kind: t.kind,
    tenantId: t.service.tenantId,
    subscriptionId: t.service.subscriptionId,
    resourceGroup: t.service.resourceGroup,
    serviceName: t.service.serviceName,
    resource: targetPath(t),
    ...(t.file ? { file: t.file } : {}),
    action: step.action,
    ...(outcome ? { state: outcome.state } : {}),
    ...(outcome?.detail ? { detail: outcome.detail } : {}),
    ...(step.diff ? { diff: step.diff } : {}),
  };
}

/** A plain-text table: TARGET, SERVICE, RESOURCE, PLAN, STATE. */
export function summaryTable(targets: TargetReport[]): string {
  const rows = [
    ["TARGET", "SERVICE", "RESOURCE", "PLAN", "STATE"],
    ...targets.map((t) => [t.key, t.serviceName, t.resource, t.action, t.state ?? "-"]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "))
    .join("\n");
}
