// Checks the JSON Schema cannot express. They read the raw value defensively, so they run (and report)
// even when the schema found problems elsewhere: the user sees every problem in one go.

export interface SemanticProblem {
  path: string;
  message: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function semanticChecks(value: unknown): { errors: SemanticProblem[]; warnings: SemanticProblem[] } {
  const errors: SemanticProblem[] = [];
  const warnings: SemanticProblem[] = [];
  const root = obj(value);
  const provider = obj(root.provider);
  const apiApp = obj(provider.apiApp);
  const roles = Array.isArray(apiApp.roles)
    ? apiApp.roles.filter((r): r is string => typeof r === "string")
    : undefined;
  const callers = Array.isArray(root.callers) ? root.callers.map(obj) : [];
  const names = new Map<string, number>();
  const apis = new Map<string, number>();

  callers.forEach((caller, i) => {
    const at = `callers[${i}]`;
    const mi = obj(caller.managedIdentity);
    if (same(str(mi.clientId), str(mi.principalId))) {
      errors.push({
        path: `${at}.managedIdentity.principalId`,
        message:
          "equals managedIdentity.clientId: the principal (object) id is a different GUID, and it is the federated credential's subject (az identity show --query principalId)",
      });
    }
    const bridge = str(obj(caller.bridgeApp).appId);
    if (same(bridge, str(mi.clientId))) {
      errors.push({
        path: `${at}.bridgeApp.appId`,
        message: "equals managedIdentity.clientId: the bridge app is an app registration, not the managed identity",
      });
    }
    if (same(bridge, str(apiApp.appId))) {
      errors.push({
        path: `${at}.bridgeApp.appId`,
        message: "equals provider.apiApp.appId: the bridge app is a separate multi-tenant app in the caller tenant",
      });
    }
    const role = str(caller.role);
    if (role !== undefined && roles && roles.length > 0 && !roles.includes(role)) {
      errors.push({
        path: `${at}.role`,
        message: `"${role}" is not a role of provider.apiApp (it defines: ${roles.join(", ")})`,
      });
    }
    const name = str(caller.name);
    if (name !== undefined) {
      const first = names.get(name);
      if (first !== undefined) {
        errors.push({ path: `${at}.name`, message: `duplicate caller name "${name}" (also callers[${first}].name)` });
      } else names.set(name, i);
    }
    const service = str(caller.serviceName);
    const apiId = str(caller.apiId);
    if (service !== undefined && apiId !== undefined) {
      const key = `${service.toLowerCase()}/${apiId.toLowerCase()}`;
      if (key === `${str(provider.serviceName)?.toLowerCase()}/${str(provider.apiId)?.toLowerCase()}`) {
        errors.push({
          path: `${at}.apiId`,
          message: `is the provider's own API on "${service}": the caller policy needs an API of its own`,
        });
      }
      const first = apis.get(key);
      if (first !== undefined) {
        errors.push({
          path: `${at}.apiId`,
          message: `callers[${first}] already owns the policy of API "${apiId}" on "${service}": one API policy cannot serve two callers`,
        });
      } else apis.set(key, i);
    }
    if (same(str(caller.tenantId), str(provider.tenantId))) {
      warnings.push({
        path: `${at}.tenantId`,
        message:
          "is the provider's tenant: a same-tenant call does not need the cross-tenant token exchange (a managed identity token for the API app is enough)",
      });
    }
  });
  return { errors, warnings };
}
