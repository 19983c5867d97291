// What publish writes: policies at service / product / API / operation scope, and named values, each on one
// APIM service of one tenant. Built from the config and the generated layout under --from DIR.

export interface ServiceCoordinates {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
}

export type PolicyScopeKind = "service" | "product" | "api" | "operation";

/** Who a target belongs to: the provider or one caller (what --only selects). */
export type Owner = "provider" | `caller:${string}`;

export interface PolicyTarget {
  kind: "policy";
  /** Stable identity within a run and a backup, e.g. "provider", "caller:tenant1". */
  key: string;
  owner: Owner;
  service: ServiceCoordinates;
  scope: PolicyScopeKind;
  productId?: string;
  apiId?: string;
  operationId?: string;
  /** The local file the desired policy came from (messages point at it). */
  file?: string;
}

export interface NamedValueTarget {
  kind: "named-value";
  /** e.g. "named-value:provider:TokenAudience". */
  key: string;
  owner: Owner;
  service: ServiceCoordinates;
  /** The display name policies reference as {{displayName}}. */
  displayName: string;
  /** The resource id; the existing one when the service already has this display name. */
  id?: string;
  file?: string;
}

export type Target = PolicyTarget | NamedValueTarget;

/** The subset of apimkit.json publish reads (src/config's Config is assignable to it). */
export interface PublishConfig {
  cloud?: string;
  provider: ServiceCoordinates & { apiId: string; operationId?: string };
  callers: Array<ServiceCoordinates & { name: string; apiId: string }>;
}

export function serviceLabel(service: ServiceCoordinates): string {
  return `${service.serviceName} (${service.resourceGroup})`;
}

/** "provider api partner-api on tenant2-apim" */
export function describeTarget(target: Target): string {
  if (target.kind === "named-value") return `named value ${target.displayName} on ${target.service.serviceName}`;
  const where =
    target.scope === "service"
      ? "service policy"
      : target.scope === "product"
        ? `product ${target.productId} policy`
        : target.scope === "api"
          ? `api ${target.apiId} policy`
          : `operation ${target.apiId}/${target.operationId} policy`;
  return `${target.key}: ${where} on ${target.service.serviceName}`;
}

/** The ARM resource path of a target below the service, for messages and JSON output. */
export function targetPath(target: Target): string {
  if (target.kind === "named-value") return `namedValues/${target.id ?? target.displayName}`;
  switch (target.scope) {
    case "service":
      return "policies/policy";
    case "product":
      return `products/${target.productId}/policies/policy`;
    case "api":
      return `apis/${target.apiId}/policies/policy`;
    case "operation":
      return `apis/${target.apiId}/operations/${target.operationId}/policies/policy`;
  }
}

export function sameService(a: ServiceCoordinates, b: ServiceCoordinates): boolean {
  return (
    a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() &&
    a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() &&
    a.serviceName.toLowerCase() === b.serviceName.toLowerCase()
  );
}
