// Backups: before anything is overwritten, the current state of every target about to change is saved under
// .apimkit/backups/<timestamp>/: one rawxml file per policy and manifest.json. Secret named-value values are
// never written to disk; the manifest marks them as not restorable from the backup.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../cli/command.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { NamedValueState, PolicyState } from "./arm-ops.js";
import type { PlanEntry, Step } from "./plan.js";
import type { NamedValueTarget, Target } from "./targets.js";

export const MANIFEST_FORMAT = "apimkit-backup/1";

export interface BackupEntry {
  target: Target;
  existed: boolean;
  /** The ETag the target had when it was saved. */
  etag?: string;
  /** Policy text file, relative to the backup folder. */
  file?: string;
  namedValue?: { id?: string; displayName: string; secret: boolean; tags: string[]; value?: string };
  /** True for a secret named value: its value is not in the backup. */
  valueOmitted?: boolean;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  /** What wrote it: a publish, or a restore (which backs up what it replaces, too). */
  reason: "publish" | "restore";
  /** In the order they were applied; a restore goes through them backwards. */
  entries: BackupEntry[];
}

export function timestampFolder(now: Date): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

/** Saves the current state of every changing step; returns the folder. Files first, manifest last. */
export function writeBackup(rootDir: string, steps: Step[], now: Date, reason: BackupManifest["reason"]): string {
  let dir = join(rootDir, timestampFolder(now));
  for (let n = 2; existsSync(dir); n++) dir = join(rootDir, `${timestampFolder(now)}-${n}`);
  const entries: BackupEntry[] = [];
  steps.forEach((step, i) => {
    if (step.action === "unchanged") return;
    const t = step.target;
    const entry: BackupEntry = {
      target: t,
      existed: step.current.exists,
      ...(step.current.etag ? { etag: step.current.etag } : {}),
    };
    if (t.kind === "policy") {
      const current = step.current as PolicyState;
      if (current.exists) {
        entry.file = `${String(i + 1).padStart(2, "0")}-${t.key.replace(/[^A-Za-z0-9._-]/g, "_")}.policy.xml`;
        writeFileAtomic(join(dir, entry.file), current.value ?? "");
      }
    } else {
      const current = step.current as NamedValueState;
      if (current.exists) {
        entry.namedValue = {
          id: current.id,
          displayName: current.displayName,
          secret: current.secret,
          tags: current.tags,
          ...(current.secret ? {} : { value: current.value }),
        };
        if (current.secret) entry.valueOmitted = true;
      }
    }
    entries.push(entry);
  });
  const manifest: BackupManifest = { format: MANIFEST_FORMAT, createdAt: now.toISOString(), reason, entries };
  writeFileAtomic(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

export interface RestorePlan {
  entries: PlanEntry[];
  /** Targets the backup cannot put back (secret values), with the reason. */
  skipped: Array<{ target: Target; reason: string }>;
}

/** Reads a backup folder into the states to put back, newest change first (callers, provider, named values). */
export function readBackup(dirArg: string): RestorePlan {
  const dir = resolve(dirArg);
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath))
    throw new UsageError(`${dirArg}: no manifest.json here; expected a folder under .apimkit/backups/`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (err) {
    throw new UsageError(`${manifestPath}: not valid JSON: ${(err as Error).message}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT || !Array.isArray(manifest.entries)) {
    throw new UsageError(`${manifestPath}: not an apimkit backup manifest (expected format "${MANIFEST_FORMAT}")`);
  }
  manifest.entries.forEach((e, i) => {
    const problem = entryProblem(e);
    if (problem) throw new UsageError(`${manifestPath}: entries[${i}]: ${problem}`);
  });
  const entries: PlanEntry[] = [];
  const skipped: RestorePlan["skipped"] = [];
  for (const e of [...manifest.entries].reverse()) {
    const t = e.target;
    if (!e.existed) {
      entries.push({ target: { ...t, file: join(dirArg, "manifest.json") }, desired: { kind: "absent" } });
    } else if (t.kind === "policy") {
      const file = join(dir, e.file ?? "");
      if (!e.file || !existsSync(file))
        throw new UsageError(`${manifestPath}: ${t.key}: policy file ${e.file ?? "(none)"} is missing`);
      // Messages (and the diff) now point at the backup's copy, which is what gets written.
      entries.push({
        target: { ...t, file: join(dirArg, e.file) },
        desired: { kind: "policy", value: readFileSync(file, "utf8") },
      });
    } else if (e.valueOmitted || e.namedValue?.value === undefined) {
      skipped.push({ target: t, reason: "secret value is not kept in backups; left as it is" });
    } else {
      const nv = e.namedValue;
      entries.push({
        target: { ...t, id: nv.id ?? t.id, file: join(dirArg, "manifest.json") },
        desired: {
          kind: "named-value",
          props: { displayName: nv.displayName, value: nv.value ?? "", secret: false, tags: nv.tags },
        },
      });
    }
  }
  return { entries, skipped };
}

const SCOPES = new Set(["service", "product", "api", "operation"]);

/** What is wrong with a manifest entry (hand-edited or truncated), or undefined. */
function entryProblem(e: BackupEntry): string | undefined {
  const t = e?.target as Partial<Target> | undefined;
  if (!t || (t.kind !== "policy" && t.kind !== "named-value")) return 'target.kind: expected "policy" or "named-value"';
  if (typeof t.key !== "string") return "target.key: expected a string";
  const s = t.service;
  for (const field of ["tenantId", "subscriptionId", "resourceGroup", "serviceName"] as const) {
    if (typeof s?.[field] !== "string" || s[field] === "") return `target.service.${field}: expected a string`;
  }
  if (typeof e.existed !== "boolean") return "existed: expected true or false";
  if (t.kind === "policy") {
    if (!SCOPES.has(t.scope ?? "")) return "target.scope: expected service, product, api or operation";
    if (e.existed && typeof e.file !== "string") return "file: expected the policy file name";
  } else if (typeof (t as Partial<NamedValueTarget>).displayName !== "string") {
    return "target.displayName: expected a string";
  }
  return undefined;
}
