// `apimkit publish` and `apimkit publish --restore`: preflight -> plan -> confirm -> backup -> apply (-> rollback).
// Progress goes to stderr one line per step; diffs and the summary table (or --json) go to stdout.
import { resolve } from "node:path";
import { UsageError } from "../cli/command.js";
import { WriteError } from "../util/atomic-write.js";
import { applySteps } from "./apply.js";
import { checkService, listNamedValues, missingParent } from "./arm-ops.js";
import { readBackup, writeBackup } from "./backup.js";
import { ArmClients, type ClientOptions } from "./clients.js";
import { describeArmFailure, SecretMask } from "./errors.js";
import { readInputs, selectOwners } from "./inputs.js";
import { placeNamedValues, serviceId } from "./named-value-placement.js";
import { type PlanEntry, planStep, type Step } from "./plan.js";
import { checkPolicies, formatProblem } from "./preflight.js";
import { type PublishReport, summaryTable, targetReport } from "./report.js";
import {
  describeTarget,
  type Owner,
  type PublishConfig,
  type ServiceCoordinates,
  sameService,
  serviceLabel,
} from "./targets.js";

export interface PublishIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when a person can answer a question (stdin and stderr are TTYs). */
  interactive: boolean;
  confirm: (question: string) => Promise<boolean>;
}

export interface CommonOptions {
  client: ClientOptions;
  dryRun: boolean;
  yes: boolean;
  rollback: boolean;
  json: boolean;
  /** Aborting (the CLI does on Ctrl-C) stops the apply after the step under way and rolls back. */
  signal?: AbortSignal;
  /** Where .apimkit/backups lives and paths are shown relative to (default: process.cwd()). */
  workDir?: string;
  now?: () => Date;
}

export interface PublishOptions extends CommonOptions {
  config: PublishConfig;
  fromDir: string;
  only?: string;
}

export interface RestoreOptions extends CommonOptions {
  backupDir: string;
}

export interface RunResult {
  exitCode: number;
  report: PublishReport;
}

/** Raised inside a run to stop it with a report (preflight/plan problems); never for usage mistakes. */
class Stop extends Error {}

export async function publish(opts: PublishOptions, io: PublishIO): Promise<RunResult> {
  const cwd = opts.workDir ?? process.cwd();
  const report = emptyReport("apply", opts.dryRun);
  const mask = new SecretMask();
  const log = (line: string) => io.stderr(`${mask.apply(line)}\n`);

  const owners = selectOwners(opts.config, opts.only);
  const inputs = readInputs(opts.config, resolve(cwd, opts.fromDir), owners, cwd);
  for (const nv of inputs.namedValues) if (nv.secret) mask.add(nv.value);
  // Credentials first: a missing token or a bad --auth is a usage mistake, reported before any work.
  const clients = new ArmClients(opts.client);
  for (const p of inputs.policies) clients.credentialFor(p.target.service.tenantId);

  try {
    // Preflight 1 (local): every policy parses and lints clean.
    const { problems, uses, ignored } = checkPolicies(inputs.policies, cwd);
    for (const f of ignored) log(`preflight: ${f}: not linted (ignored by the lint config)`);
    report.problems.push(...problems);
    for (const p of problems) log(formatProblem(p));
    const errors = problems.filter((p) => p.severity === "error").length;
    log(
      `preflight: ${inputs.policies.length} ${plural(inputs.policies.length, "policy", "policies")} linted: ${errors} ${plural(errors, "error", "errors")}, ${problems.length - errors} other ${plural(problems.length - errors, "finding", "findings")}`,
    );
    if (errors > 0) throw new Stop("preflight: lint errors; nothing was written");

    // Preflight 2 (read-only ARM): services answer, named values resolve.
    const services = distinctServices(inputs.policies.map((p) => p.target.service));
    const existing = new Map<string, Map<string, string>>();
    for (const s of services) {
      try {
        await checkService(clients.clientFor(s), s);
        existing.set(serviceId(s), await listNamedValues(clients.clientFor(s), s));
        log(`preflight: ${serviceLabel(s)} in tenant ${s.tenantId}: answers`);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        const f = describeArmFailure(err, undefined, mask, s.tenantId);
        const refused = f.credential || f.statusCode === 401 || f.statusCode === 403;
        throw new Stop(
          refused
            ? `preflight: ${serviceLabel(s)}: ${f.message}`
            : `preflight: ${serviceLabel(s)} in tenant ${s.tenantId} does not answer: ${f.message}`,
        );
      }
    }

    const orphans: string[] = [];
    for (const p of inputs.policies) {
      const missingWhat = await missingParent(clients.clientFor(p.target.service), p.target).catch((err) => {
        throw new Stop(`preflight: ${describeArmFailure(err, p.target, mask).message}`);
      });
      if (missingWhat)
        orphans.push(
          `${p.target.key}: ${missingWhat} does not exist on ${serviceLabel(p.target.service)}; create it first (apimkit publishes policies, not APIs)`,
        );
    }
    for (const o of orphans) log(`preflight: ${o}`);
    if (orphans.length > 0) throw new Stop("preflight: policy targets missing; nothing was written");

    const placement = placeNamedValues(inputs, uses, existing, owners);
    const namedValueEntries = placement.entries;
    const missing = placement.missing;
    report.warnings.push(...placement.warnings);
    for (const w of report.warnings) log(`warning: ${w}`);
    report.problems.push(...missing);
    for (const m of missing) log(formatProblem(m));
    if (missing.length > 0) throw new Stop("preflight: missing named values; nothing was written");

    // Dependency order: named values, then the provider, then the callers.
    const entries: PlanEntry[] = [
      ...namedValueEntries,
      ...inputs.policies.filter((p) => p.target.owner === "provider").map((p) => policyEntry(p)),
      ...inputs.policies.filter((p) => p.target.owner !== "provider").map((p) => policyEntry(p)),
    ];
    return await planAndApply(entries, opts, io, report, clients, mask, log, "publish");
  } catch (err) {
    if (err instanceof Stop) return finish(report, io, opts.json, err.message, "preflight");
    throw err;
  }
}

export async function restore(opts: RestoreOptions, io: PublishIO): Promise<RunResult> {
  const report = emptyReport("restore", opts.dryRun);
  const mask = new SecretMask();
  const log = (line: string) => io.stderr(`${mask.apply(line)}\n`);
  const plan = readBackup(resolve(opts.workDir ?? process.cwd(), opts.backupDir));
  for (const s of plan.skipped) {
    report.warnings.push(`${describeTarget(s.target)}: ${s.reason}`);
    log(`warning: ${describeTarget(s.target)}: ${s.reason}`);
  }
  const clients = new ArmClients(opts.client);
  for (const e of plan.entries) clients.credentialFor(e.target.service.tenantId);
  return planAndApply(plan.entries, opts, io, report, clients, mask, log, "restore");
}

function policyEntry(p: { target: PlanEntry["target"]; source: string }): PlanEntry {
  return { target: p.target, desired: { kind: "policy", value: p.source } };
}

async function planAndApply(
  entries: PlanEntry[],
  opts: CommonOptions,
  io: PublishIO,
  report: PublishReport,
  clients: ArmClients,
  mask: SecretMask,
  log: (line: string) => void,
  reason: "publish" | "restore",
): Promise<RunResult> {
  const steps: Step[] = [];
  for (const entry of entries) {
    try {
      const step = await planStep(clients.clientFor(entry.target.service), entry, mask);
      steps.push(step);
      log(`plan: ${describeTarget(step.target)}: ${step.action}`);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const f = describeArmFailure(err, entry.target, mask);
      report.targets = steps.map((s) => targetReport(s));
      return finish(
        report,
        io,
        opts.json,
        `plan: could not read ${describeTarget(entry.target)}: ${f.message}`,
        "plan",
      );
    }
  }
  report.targets = steps.map((s) => targetReport(s));
  const changes = steps.filter((s) => s.action !== "unchanged");
  if (!opts.json) for (const s of changes) if (s.diff) io.stdout(`${s.diff}\n`);
  log(`plan: ${changes.length} to change, ${steps.length - changes.length} unchanged`);
  if (opts.dryRun || changes.length === 0) {
    if (changes.length === 0)
      log(reason === "restore" ? "restore: nothing to put back" : "publish: nothing to publish");
    report.mode = opts.dryRun ? "plan" : report.mode;
    return finish(report, io, opts.json);
  }

  if (!opts.yes) {
    if (!io.interactive) {
      throw new UsageError(
        `refusing to write ${changes.length} change(s) without confirmation: no terminal to ask on; pass --yes to apply (or --dry-run to only plan)`,
      );
    }
    const ok = await io.confirm(`Apply ${changes.length} change(s) listed above? [y/N] `);
    if (!ok) return finish(report, io, opts.json, "not confirmed; nothing was written", "confirmation");
  }

  const now = (opts.now ?? (() => new Date()))();
  try {
    report.backupDir = writeBackup(resolve(opts.workDir ?? process.cwd(), ".apimkit", "backups"), steps, now, reason);
  } catch (err) {
    // No backup, no write: what is there now could not be put back.
    if (!(err instanceof WriteError)) throw err;
    const error = `backup: ${err.path}: cannot write (${err.reason}); nothing was published (the backup comes first)`;
    return finish(report, io, opts.json, error, "backup");
  }
  log(`backup: ${report.backupDir}`);

  const result = await applySteps(steps, {
    rollback: opts.rollback,
    mask,
    clientFor: (s) => clients.clientFor(s),
    progress: log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  report.targets = result.outcomes.map((o) => targetReport(o.step, o));
  if (!result.ok) {
    const how = opts.rollback
      ? "applied steps were rolled back (see STATE)"
      : "--no-rollback: applied steps stay applied";
    const what = result.interrupted ? "interrupted" : "failed";
    return finish(report, io, opts.json, `${reason} ${what}; ${how}; backup in ${report.backupDir}`);
  }
  return finish(report, io, opts.json);
}

function finish(
  report: PublishReport,
  io: PublishIO,
  json: boolean,
  error?: string,
  stoppedIn?: PublishReport["stoppedIn"],
): RunResult {
  if (error) {
    report.ok = false;
    report.error = error;
    if (stoppedIn) report.stoppedIn = stoppedIn;
    io.stderr(`apimkit: ${error}\n`);
  }
  if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.targets.length > 0) io.stdout(`${summaryTable(report.targets)}\n`);
  return { exitCode: report.ok ? 0 : 1, report };
}

function emptyReport(mode: PublishReport["mode"], dryRun: boolean): PublishReport {
  return { ok: true, mode, dryRun, problems: [], targets: [], warnings: [] };
}

function distinctServices(all: ServiceCoordinates[]): ServiceCoordinates[] {
  const out: ServiceCoordinates[] = [];
  for (const s of all) if (!out.some((o) => sameService(o, s))) out.push(s);
  return out;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export type { Owner };
