// Apply the plan in order, each write conditional on the ETag the plan read; on the first failure stop, and
// (unless told not to) put back every step already applied, newest first, each conditional on the ETag our own
// write produced, so a change someone else made meanwhile is never overwritten by the rollback either.
import type { ApiManagementClient } from "@azure/arm-apimanagement";
import {
  deleteNamedValue,
  deletePolicy,
  type NamedValueProps,
  type NamedValueState,
  type PolicyState,
  writeNamedValue,
  writePolicy,
} from "./arm-ops.js";
import { type ArmFailure, describeArmFailure, type SecretMask } from "./errors.js";
import { type Desired, planStep, type Step } from "./plan.js";
import { describeTarget, type ServiceCoordinates } from "./targets.js";

export type FinalState =
  | "unchanged"
  | "created"
  | "updated"
  | "deleted"
  | "failed"
  | "not-attempted"
  | "rolled-back"
  | "rollback-failed";

export interface Outcome {
  step: Step;
  state: FinalState;
  /** Why it failed, or what the rollback could not do (redacted). */
  detail?: string;
}

export interface ApplyOptions {
  rollback: boolean;
  mask: SecretMask;
  clientFor: (service: ServiceCoordinates) => ApiManagementClient;
  progress: (line: string) => void;
  /** Aborted (Ctrl-C): finish the step under way, write nothing more, roll back like a failure. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  ok: boolean;
  /** Stopped by the signal, not by a failure. */
  interrupted?: boolean;
  outcomes: Outcome[];
  failure?: ArmFailure;
}

const DONE: Record<"create" | "update" | "delete", FinalState> = {
  create: "created",
  update: "updated",
  delete: "deleted",
};

/** Writes `desired` over a target whose state is `current` (If-Match: its ETag); returns the new ETag. */
async function put(
  client: ApiManagementClient,
  step: Step,
  desired: Desired,
  current: PolicyState | NamedValueState,
  ifMatch: string | undefined,
): Promise<string | undefined> {
  const t = step.target;
  if (desired.kind === "absent") {
    if (!ifMatch) throw new Error(`internal: delete of ${t.key} without an ETag`);
    if (t.kind === "policy") await deletePolicy(client, t, ifMatch);
    else await deleteNamedValue(client, t, t.id ?? t.displayName, ifMatch);
    return undefined;
  }
  if (t.kind === "policy") {
    if (desired.kind !== "policy") throw new Error(`internal: ${t.key} wants a policy`);
    return writePolicy(client, t, desired.value, current.exists ? ifMatch : undefined);
  }
  if (desired.kind !== "named-value") throw new Error(`internal: ${t.key} wants a named value`);
  return writeNamedValue(client, t, t.id ?? t.displayName, desired.props, current.exists ? ifMatch : undefined);
}

/**
 * put(), and when ARM answers 412, a second look: if the target already is what we wanted, our own write landed
 * and only its answer was lost (the SDK then retried with the old ETag). Anything else stays a conflict.
 */
async function putChecked(
  client: ApiManagementClient,
  step: Step,
  desired: Desired,
  current: PolicyState | NamedValueState,
  ifMatch: string | undefined,
  mask: SecretMask,
): Promise<string | undefined> {
  try {
    return await put(client, step, desired, current, ifMatch);
  } catch (err) {
    if ((err as { statusCode?: number })?.statusCode !== 412) throw err;
    const now = await planStep(client, { target: step.target, desired }, mask).catch(() => undefined);
    if (now?.action !== "unchanged") throw err;
    return now.current.etag;
  }
}

/** What the target looked like before the step, as something put() can write back. */
function previousOf(step: Step): Desired {
  const c = step.current;
  if (!c.exists) return { kind: "absent" };
  if (step.target.kind === "policy") return { kind: "policy", value: (c as PolicyState).value ?? "" };
  const nv = c as NamedValueState;
  const props: NamedValueProps = {
    displayName: nv.displayName,
    value: nv.value ?? "",
    secret: nv.secret,
    tags: nv.tags,
  };
  return { kind: "named-value", props };
}

export async function applySteps(steps: Step[], opts: ApplyOptions): Promise<ApplyResult> {
  const outcomes: Outcome[] = steps.map((step) => ({
    step,
    state: step.action === "unchanged" ? "unchanged" : "not-attempted",
  }));
  const applied: Array<{ outcome: Outcome; etag: string | undefined }> = [];
  let failure: ArmFailure | undefined;
  let interrupted = false;
  for (const outcome of outcomes) {
    const step = outcome.step;
    if (step.action === "unchanged") continue;
    const what = describeTarget(step.target);
    if (opts.signal?.aborted) {
      failure = { message: "interrupted before this step; nothing more was written", conflict: false };
      interrupted = true;
      opts.progress(`apply: interrupted; ${what} and the steps after it were not written`);
      break;
    }
    try {
      const etag = await putChecked(
        opts.clientFor(step.target.service),
        step,
        step.desired,
        step.current,
        step.current.etag,
        opts.mask,
      );
      outcome.state = DONE[step.action];
      applied.push({ outcome, etag });
      opts.progress(`apply: ${what}: ${outcome.state}`);
    } catch (err) {
      failure = describeArmFailure(err, step.target, opts.mask);
      outcome.state = "failed";
      outcome.detail = failure.message;
      opts.progress(`apply: ${what}: FAILED\n${indent(failure.message)}`);
      break;
    }
  }
  if (!failure) return { ok: true, outcomes };
  if (!opts.rollback) {
    if (applied.length > 0) opts.progress(`rollback: skipped (--no-rollback): ${applied.length} step(s) stay applied`);
    return { ok: false, interrupted, outcomes, failure };
  }
  for (const { outcome, etag } of applied.reverse()) {
    const step = outcome.step;
    const what = describeTarget(step.target);
    const previous = previousOf(step);
    // Our write's ETag guards the rollback; a created-then-rolled-back target is deleted with it.
    const afterOurWrite = { ...step.current, exists: step.action !== "delete", etag } as PolicyState | NamedValueState;
    try {
      const client = opts.clientFor(step.target.service);
      if (step.action === "delete") {
        await putChecked(client, step, previous, { ...afterOurWrite, exists: false }, undefined, opts.mask);
      } else {
        await putChecked(client, step, previous, afterOurWrite, etag, opts.mask);
      }
      outcome.state = "rolled-back";
      opts.progress(
        `rollback: ${what}: ${previous.kind === "absent" ? "removed (it did not exist before)" : "restored"}`,
      );
    } catch (err) {
      const f = describeArmFailure(err, step.target, opts.mask);
      outcome.state = "rollback-failed";
      // A 412 here means someone changed the target after our write: their change is kept, not overwritten.
      const left = f.conflict
        ? "changed by someone else after our write; their change was kept"
        : "left in the new state";
      outcome.detail = `${left}; rollback failed: ${f.message}`;
      opts.progress(`rollback: ${what}: FAILED, ${left}\n${indent(f.message)}`);
    }
  }
  return { ok: false, interrupted, outcomes, failure };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
