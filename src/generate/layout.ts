// Where the generated files go. plain: what `apimkit publish` reads. apiops: the APIOps artifact tree, per service.
import type { GeneratedFile, GeneratedTarget, Layout, RenderedPolicy } from "./index.js";
import type { NamedValue, Owner } from "./named-values.js";

export function layoutFiles(
  layout: Layout,
  policies: RenderedPolicy[],
  namedValues: NamedValue[],
  setup: string,
): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: "setup.sh", content: setup, kind: "script" }];
  if (layout === "plain") {
    for (const p of policies) {
      const path =
        p.owner === "provider" ? "provider/policy.xml" : `callers/${p.owner.slice("caller:".length)}/policy.xml`;
      files.push({ path, content: p.content, kind: "policy", target: p.target });
    }
    if (namedValues.length > 0) {
      const entries = namedValues.map((v) => ({
        name: v.name,
        value: v.value,
        secret: v.secret,
        tags: v.tags,
        usedBy: v.usedBy,
      }));
      files.push({ path: "named-values.json", content: `${JSON.stringify(entries, null, 2)}\n`, kind: "named-values" });
    }
    return files;
  }
  if (layout !== "apiops") throw new Error(`unknown layout ${String(layout)}`);
  const serviceOf = new Map<Owner, GeneratedTarget>(policies.map((p) => [p.owner, p.target]));
  for (const p of policies) {
    const t = p.target;
    const api = `${t.serviceName}/apis/${t.apiId}`;
    const path = t.operationId ? `${api}/operations/${t.operationId}/policy.xml` : `${api}/policy.xml`;
    files.push({ path, content: p.content, kind: "policy", target: t });
  }
  const written = new Set<string>();
  for (const v of namedValues) {
    for (const owner of v.usedBy) {
      const service = serviceOf.get(owner);
      if (!service) continue;
      const path = `${service.serviceName}/named values/${v.name}/namedValueInformation.json`;
      if (written.has(path)) continue;
      written.add(path);
      const info = { properties: { displayName: v.name, value: v.value, secret: v.secret, tags: v.tags } };
      files.push({
        path,
        content: `${JSON.stringify(info, null, 2)}\n`,
        kind: "named-values",
        target: {
          owner,
          tenantId: service.tenantId,
          subscriptionId: service.subscriptionId,
          resourceGroup: service.resourceGroup,
          serviceName: service.serviceName,
          namedValue: v.name,
        },
      });
    }
  }
  return files;
}
