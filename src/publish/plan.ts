// The plan: read each target's current state (policies as rawxml), compare it with what is wanted, and say
// create / update / delete / unchanged with a unified diff. Unchanged targets are never written.
import type { ApiManagementClient } from "@azure/arm-apimanagement";
import { type NamedValueProps, type NamedValueState, type PolicyState, readNamedValue, readPolicy } from "./arm-ops.js";
import { samePolicy, unifiedDiff } from "./compare.js";
import type { SecretMask } from "./errors.js";
import { type Target, targetPath } from "./targets.js";

export type Desired =
  | { kind: "policy"; value: string }
  | { kind: "named-value"; props: NamedValueProps }
  | { kind: "absent" };

export type Action = "create" | "update" | "delete" | "unchanged";

export interface Step {
  target: Target;
  desired: Desired;
  current: PolicyState | NamedValueState;
  action: Action;
  /** Unified diff (secret values never appear in it). */
  diff?: string;
}

export interface PlanEntry {
  target: Target;
  desired: Desired;
}

export async function planStep(client: ApiManagementClient, entry: PlanEntry, mask: SecretMask): Promise<Step> {
  const { target, desired } = entry;
  if (target.kind === "policy") {
    const current = await readPolicy(client, target);
    const wanted = desired.kind === "policy" ? desired.value : undefined;
    const action = decide(current.exists, wanted !== undefined, () => samePolicy(current.value ?? "", wanted ?? ""));
    // From what the service holds now to the local file (or the backup, for a restore).
    const labels = { from: `${target.service.serviceName}/${targetPath(target)}`, to: target.file ?? "backup" };
    return {
      target,
      desired,
      current,
      action,
      ...(action === "unchanged" ? {} : { diff: mask.apply(unifiedDiff(labels, current.value, wanted)) }),
    };
  }
  const current = await readNamedValue(client, target);
  if (current.secret) mask.add(current.value);
  const wanted = desired.kind === "named-value" ? desired.props : undefined;
  if (wanted?.secret) mask.add(wanted.value);
  const action = decide(
    current.exists,
    wanted !== undefined,
    () =>
      current.displayName === wanted?.displayName && current.secret === wanted.secret && current.value === wanted.value,
  );
  return {
    target,
    desired,
    current,
    action,
    ...(action === "unchanged"
      ? {}
      : {
          diff: mask.apply(
            unifiedDiff(
              { from: `${target.service.serviceName}/namedValues/${target.displayName}`, to: target.file ?? "backup" },
              current.exists ? renderNamedValue(current, false) : undefined,
              wanted ? renderNamedValue(wanted, current.exists && current.value !== wanted.value) : undefined,
            ),
          ),
        }),
  };
}

function decide(exists: boolean, wanted: boolean, same: () => boolean): Action {
  if (!wanted) return exists ? "delete" : "unchanged";
  if (!exists) return "create";
  return same() ? "unchanged" : "update";
}

/** A named value as diff lines; a secret's value is replaced by a marker that only says whether it changes. */
function renderNamedValue(
  nv: { displayName: string; value?: string; secret: boolean },
  changedSecret: boolean,
): string {
  const value = nv.secret ? (changedSecret ? "[secret, new value]" : "[secret]") : (nv.value ?? "");
  return `displayName: ${nv.displayName}\nsecret: ${nv.secret}\nvalue: ${value}\n`;
}
