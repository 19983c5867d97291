// The ARM calls publish makes, one function per verb and target kind, through @azure/arm-apimanagement.
// Policy GETs read the raw response body (onResponse): SDK 10's apiPolicy.get loses `value` (apim-reference §6),
// and reading all scopes the same way keeps them alike. GETs always ask for format=rawxml.
import type { ApiManagementClient, ApiPolicyGetOptionalParams } from "@azure/arm-apimanagement";
import type { NamedValueTarget, PolicyTarget, ServiceCoordinates } from "./targets.js";

export interface PolicyState {
  exists: boolean;
  /** The rawxml text as the service returns it. */
  value?: string;
  etag?: string;
}

export interface NamedValueState {
  exists: boolean;
  id?: string;
  displayName: string;
  /** Present for secrets too (read with listValue, kept in memory only, never printed or backed up). */
  value?: string;
  secret: boolean;
  tags: string[];
  etag?: string;
}

export interface NamedValueProps {
  displayName: string;
  value: string;
  secret: boolean;
  tags?: string[];
}

type OnResponse = NonNullable<ApiPolicyGetOptionalParams["onResponse"]>;
type FullOperationResponse = Parameters<OnResponse>[0];

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number })?.statusCode === 404;
}

/** Captures the raw response of one SDK call. */
function capture(): { options: { onResponse: OnResponse }; last: () => FullOperationResponse | undefined } {
  let last: FullOperationResponse | undefined;
  return {
    options: {
      onResponse: (raw) => {
        last = raw;
      },
    },
    last: () => last,
  };
}

export async function checkService(client: ApiManagementClient, s: ServiceCoordinates): Promise<void> {
  await client.apiManagementService.get(s.resourceGroup, s.serviceName);
}

/**
 * The entity a policy hangs on (API, operation, product) exists? Returns what is missing, e.g.
 * "API partner-api", so a missing API is a preflight message and not a failed write halfway through.
 */
export async function missingParent(client: ApiManagementClient, t: PolicyTarget): Promise<string | undefined> {
  const { resourceGroup: rg, serviceName: svc } = t.service;
  try {
    if (t.scope === "product") await client.product.get(rg, svc, need(t.productId, "productId"));
    if (t.scope === "api" || t.scope === "operation") await client.api.get(rg, svc, need(t.apiId, "apiId"));
  } catch (err) {
    if (isNotFound(err)) return t.scope === "product" ? `product ${t.productId}` : `API ${t.apiId}`;
    throw err;
  }
  if (t.scope !== "operation") return undefined;
  try {
    await client.apiOperation.get(rg, svc, need(t.apiId, "apiId"), need(t.operationId, "operationId"));
  } catch (err) {
    if (isNotFound(err)) return `operation ${t.operationId} of API ${t.apiId}`;
    throw err;
  }
  return undefined;
}

export async function readPolicy(client: ApiManagementClient, t: PolicyTarget): Promise<PolicyState> {
  const c = capture();
  const options = { ...c.options, format: "rawxml" as const };
  const { resourceGroup: rg, serviceName: svc } = t.service;
  try {
    switch (t.scope) {
      case "service":
        await client.policy.get(rg, svc, "policy", options);
        break;
      case "product":
        await client.productPolicy.get(rg, svc, need(t.productId, "productId"), "policy", options);
        break;
      case "api":
        await client.apiPolicy.get(rg, svc, need(t.apiId, "apiId"), "policy", options);
        break;
      case "operation":
        await client.apiOperationPolicy.get(
          rg,
          svc,
          need(t.apiId, "apiId"),
          need(t.operationId, "operationId"),
          "policy",
          options,
        );
        break;
    }
  } catch (err) {
    if (isNotFound(err)) return { exists: false };
    throw err;
  }
  const raw = c.last();
  const body = raw?.bodyAsText ? JSON.parse(raw.bodyAsText) : undefined;
  const value = body?.properties?.value;
  if (typeof value !== "string") throw new Error(`ARM returned no policy text for ${t.key}`);
  return { exists: true, value, etag: raw?.headers.get("etag") ?? undefined };
}

/** PUT format=rawxml with If-Match (when updating); returns the new ETag. */
export async function writePolicy(
  client: ApiManagementClient,
  t: PolicyTarget,
  value: string,
  ifMatch: string | undefined,
): Promise<string | undefined> {
  const c = capture();
  const options = { ...c.options, ...(ifMatch ? { ifMatch } : {}) };
  const params = { format: "rawxml" as const, value };
  const { resourceGroup: rg, serviceName: svc } = t.service;
  let result: { eTag?: string };
  switch (t.scope) {
    case "service":
      result = await client.policy.createOrUpdate(rg, svc, "policy", params, options);
      break;
    case "product":
      result = await client.productPolicy.createOrUpdate(
        rg,
        svc,
        need(t.productId, "productId"),
        "policy",
        params,
        options,
      );
      break;
    case "api":
      result = await client.apiPolicy.createOrUpdate(rg, svc, need(t.apiId, "apiId"), "policy", params, options);
      break;
    case "operation":
      result = await client.apiOperationPolicy.createOrUpdate(
        rg,
        svc,
        need(t.apiId, "apiId"),
        need(t.operationId, "operationId"),
        "policy",
        params,
        options,
      );
      break;
  }
  return result.eTag ?? c.last()?.headers.get("etag") ?? undefined;
}

export async function deletePolicy(client: ApiManagementClient, t: PolicyTarget, ifMatch: string): Promise<void> {
  const { resourceGroup: rg, serviceName: svc } = t.service;
  switch (t.scope) {
    case "service":
      return client.policy.delete(rg, svc, "policy", ifMatch);
    case "product":
      return client.productPolicy.delete(rg, svc, need(t.productId, "productId"), "policy", ifMatch);
    case "api":
      return client.apiPolicy.delete(rg, svc, need(t.apiId, "apiId"), "policy", ifMatch);
    case "operation":
      return client.apiOperationPolicy.delete(
        rg,
        svc,
        need(t.apiId, "apiId"),
        need(t.operationId, "operationId"),
        "policy",
        ifMatch,
      );
  }
}

/** Display names of the service's named values (what {{name}} resolves against). */
export async function listNamedValues(
  client: ApiManagementClient,
  s: ServiceCoordinates,
): Promise<Map<string, string>> {
  const byDisplayName = new Map<string, string>();
  for await (const nv of client.namedValue.listByService(s.resourceGroup, s.serviceName)) {
    if (nv.displayName && nv.name) byDisplayName.set(nv.displayName.toLowerCase(), nv.name);
  }
  return byDisplayName;
}

/** Reads one named value by id; a secret's value through listValue, for comparison and rollback only. */
export async function readNamedValue(client: ApiManagementClient, t: NamedValueTarget): Promise<NamedValueState> {
  const absent: NamedValueState = { exists: false, displayName: t.displayName, secret: false, tags: [] };
  if (!t.id) return absent;
  const { resourceGroup: rg, serviceName: svc } = t.service;
  try {
    const nv = await client.namedValue.get(rg, svc, t.id);
    const secret = nv.secret === true;
    const value = secret ? (await client.namedValue.listValue(rg, svc, t.id)).value : nv.value;
    return {
      exists: true,
      id: t.id,
      displayName: nv.displayName ?? t.displayName,
      value,
      secret,
      tags: nv.tags ?? [],
      etag: nv.eTag,
    };
  } catch (err) {
    if (isNotFound(err)) return absent;
    throw err;
  }
}

/** Long-running PUT (the SDK polls it to the end); returns the new ETag. */
export async function writeNamedValue(
  client: ApiManagementClient,
  t: NamedValueTarget,
  id: string,
  props: NamedValueProps,
  ifMatch: string | undefined,
): Promise<string | undefined> {
  const { resourceGroup: rg, serviceName: svc } = t.service;
  await client.namedValue.beginCreateOrUpdateAndWait(
    rg,
    svc,
    id,
    { displayName: props.displayName, value: props.value, secret: props.secret, tags: props.tags ?? [] },
    ifMatch ? { ifMatch } : {},
  );
  // The poller's final answer does not surface the ETag reliably: ask for it.
  return (await client.namedValue.getEntityTag(rg, svc, id)).eTag;
}

export async function deleteNamedValue(
  client: ApiManagementClient,
  t: NamedValueTarget,
  id: string,
  ifMatch: string,
): Promise<void> {
  await client.namedValue.delete(t.service.resourceGroup, t.service.serviceName, id, ifMatch);
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new Error(`internal: target without ${what}`);
  return value;
}
