// Which named value goes to which service: to every service whose policy (in this run) references it, or that
// generate listed in its usedBy; a reference found neither in named-values.json nor on the service is an error
// now, instead of APIM's 400 "Cannot find a property" halfway through the run.
import type { NamedValueInput, PublishInputs } from "./inputs.js";
import type { PlanEntry } from "./plan.js";
import type { NamedValueUse, PreflightProblem } from "./preflight.js";
import { type NamedValueTarget, type Owner, type ServiceCoordinates, serviceLabel } from "./targets.js";

export function serviceId(s: ServiceCoordinates): string {
  return `${s.subscriptionId}/${s.resourceGroup}/${s.serviceName}`.toLowerCase();
}

export interface Placement {
  /** One entry per (service, named value), in policy order. */
  entries: PlanEntry[];
  /** References that resolve nowhere, at their file:line:column. */
  missing: PreflightProblem[];
  warnings: string[];
}

/**
 * @param uses named-value references per policy target key
 * @param existing per service (serviceId): display name (lower case) -> named value id already there
 */
export function placeNamedValues(
  inputs: PublishInputs,
  uses: ReadonlyMap<string, NamedValueUse[]>,
  existing: ReadonlyMap<string, ReadonlyMap<string, string>>,
  owners: ReadonlySet<Owner>,
): Placement {
  const entries: PlanEntry[] = [];
  const missing: PreflightProblem[] = [];
  const placed = new Set<string>();
  const placedNames = new Set<string>();
  for (const p of inputs.policies) {
    const onService = existing.get(serviceId(p.target.service)) ?? new Map<string, string>();
    const place = (nv: NamedValueInput) => {
      const key = `${serviceId(p.target.service)}/${nv.name.toLowerCase()}`;
      if (placed.has(key)) return;
      placed.add(key);
      placedNames.add(nv.name.toLowerCase());
      const target: NamedValueTarget = {
        kind: "named-value",
        key: `named-value:${p.target.service.serviceName}/${nv.name}`,
        owner: p.target.owner,
        service: p.target.service,
        displayName: nv.name,
        // An existing named value with this display name is updated under its own id, never duplicated.
        id: onService.get(nv.name.toLowerCase()) ?? nv.name,
        file: nv.file,
      };
      const props = { displayName: nv.name, value: nv.value, secret: nv.secret, ...(nv.tags ? { tags: nv.tags } : {}) };
      entries.push({ target, desired: { kind: "named-value", props } });
    };
    for (const nv of inputs.namedValues) if (nv.usedBy?.includes(p.target.owner)) place(nv);
    for (const use of uses.get(p.target.key) ?? []) {
      const nv = inputs.namedValues.find((n) => n.name.toLowerCase() === use.name.toLowerCase());
      if (nv) place(nv);
      else if (!onService.has(use.name.toLowerCase())) {
        missing.push({
          file: p.file,
          line: use.line,
          column: use.column,
          severity: "error",
          message: `named value '{{${use.name}}}' is neither in named-values.json nor on ${serviceLabel(p.target.service)}; APIM would reject this policy ("Cannot find a property '${use.name}'")`,
        });
      }
    }
  }
  const warnings: string[] = [];
  for (const nv of inputs.namedValues) {
    // One meant for a side --only left out is expected to stay behind.
    const leftOutByOnly = nv.usedBy?.some((o) => !owners.has(o as Owner)) ?? false;
    if (!leftOutByOnly && !placedNames.has(nv.name.toLowerCase())) {
      warnings.push(
        `named value ${nv.name} (${nv.file}) is not referenced by any policy being published; not published`,
      );
    }
  }
  return { entries, missing, warnings };
}
