// Reads what publish pushes from the generated plain layout under --from DIR:
// DIR/provider/policy.xml, DIR/callers/<name>/policy.xml, DIR/named-values.json ([{name, value, secret}]).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { UsageError } from "../cli/command.js";
import type { Owner, PolicyTarget, PublishConfig } from "./targets.js";

export interface PolicyInput {
  target: PolicyTarget;
  /** Path as shown to the user (relative to the working directory when inside it). */
  file: string;
  source: string;
}

export interface NamedValueInput {
  name: string;
  value: string;
  secret: boolean;
  tags?: string[];
  /** Owners whose policies use it, as generate records it ("provider", "caller:NAME"); publish also looks at references. */
  usedBy?: string[];
  file: string;
}

export interface PublishInputs {
  policies: PolicyInput[];
  namedValues: NamedValueInput[];
}

const DISPLAY_NAME = /^[A-Za-z0-9-._]+$/;

/** Which owners --only selects; validates the selector against the config. */
export function selectOwners(config: PublishConfig, only: string | undefined): Set<Owner> {
  const all: Owner[] = ["provider", ...config.callers.map((c) => `caller:${c.name}` as Owner)];
  if (only === undefined) return new Set(all);
  const wanted = all.find((o) => o === only);
  if (!wanted) throw new UsageError(`--only ${only}: expected one of ${all.join(", ")}`);
  return new Set([wanted]);
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function readPolicyFile(path: string, cwd: string): { file: string; source: string } {
  const file = shown(path, cwd);
  if (!existsSync(path)) {
    throw new UsageError(`${file}: not found (run 'apimkit generate' first, or point --from at the generated folder)`);
  }
  // A BOM is an editor's artefact, not part of the policy APIM should store.
  return { file, source: readFileSync(path, "utf8").replace(/^\uFEFF/, "") };
}

export function readInputs(config: PublishConfig, fromDir: string, owners: Set<Owner>, cwd: string): PublishInputs {
  if (existsSync(fromDir) && !statSync(fromDir).isDirectory()) {
    throw new UsageError(`--from ${shown(fromDir, cwd)}: is a file; expected the folder 'apimkit generate' wrote`);
  }
  const policies: PolicyInput[] = [];
  if (owners.has("provider")) {
    const p = config.provider;
    const { file, source } = readPolicyFile(join(fromDir, "provider", "policy.xml"), cwd);
    const service = {
      tenantId: p.tenantId,
      subscriptionId: p.subscriptionId,
      resourceGroup: p.resourceGroup,
      serviceName: p.serviceName,
    };
    const target: PolicyTarget = p.operationId
      ? {
          kind: "policy",
          key: "provider",
          owner: "provider",
          service,
          scope: "operation",
          apiId: p.apiId,
          operationId: p.operationId,
          file,
        }
      : { kind: "policy", key: "provider", owner: "provider", service, scope: "api", apiId: p.apiId, file };
    policies.push({ target, file, source });
  }
  for (const c of config.callers) {
    const owner: Owner = `caller:${c.name}`;
    if (!owners.has(owner)) continue;
    const { file, source } = readPolicyFile(join(fromDir, "callers", c.name, "policy.xml"), cwd);
    const service = {
      tenantId: c.tenantId,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      serviceName: c.serviceName,
    };
    policies.push({
      target: { kind: "policy", key: owner, owner, service, scope: "api", apiId: c.apiId, file },
      file,
      source,
    });
  }
  return { policies, namedValues: readNamedValues(join(fromDir, "named-values.json"), cwd) };
}

/** named-values.json is optional (generate writes it only when namedValues is on). */
export function readNamedValues(path: string, cwd: string): NamedValueInput[] {
  if (!existsSync(path)) return [];
  const file = shown(path, cwd);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file}: expected an array of {name, value, secret}`);
  const seen = new Set<string>();
  return data.map((entry, i): NamedValueInput => {
    const where = `${file}: [${i}]`;
    if (typeof entry !== "object" || entry === null)
      throw new UsageError(`${where}: expected an object {name, value, secret}`);
    const { name, value, secret, tags, usedBy } = entry as Record<string, unknown>;
    if (typeof name !== "string" || !DISPLAY_NAME.test(name) || name.length > 256) {
      throw new UsageError(`${where}.name: expected 1-256 characters of A-Z a-z 0-9 - . _`);
    }
    if (seen.has(name.toLowerCase())) throw new UsageError(`${where}.name: duplicate named value '${name}'`);
    seen.add(name.toLowerCase());
    if (typeof value !== "string" || value.length === 0 || value.length > 4096) {
      throw new UsageError(`${where}.value: expected a string of 1-4096 characters (named value '${name}')`);
    }
    if (secret !== undefined && typeof secret !== "boolean")
      throw new UsageError(`${where}.secret: expected true or false`);
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== "string"))) {
      throw new UsageError(`${where}.tags: expected an array of strings`);
    }
    if (
      usedBy !== undefined &&
      (!Array.isArray(usedBy) || usedBy.some((o) => typeof o !== "string" || !/^(provider|caller:.+)$/.test(o)))
    ) {
      throw new UsageError(`${where}.usedBy: expected an array of "provider" or "caller:NAME"`);
    }
    return {
      name,
      value,
      secret: secret === true,
      ...(tags ? { tags: tags as string[] } : {}),
      ...(usedBy ? { usedBy: usedBy as string[] } : {}),
      file,
    };
  });
}
