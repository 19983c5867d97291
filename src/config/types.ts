// The apimkit.json config. The key names are a public interface: extend them, never rename them.
// schema.ts types the JSON Schema against these interfaces (ajv's JSONSchemaType), so the two cannot drift.
import type { CloudName } from "./clouds.js";

export type { CloudName };
export type TokenVersion = 1 | 2;
export type ValidatorKind = "validate-jwt" | "validate-azure-ad-token";
export type BackendKind = "forward" | "echo";

/** The tenant2 API app registration the exchanged token is issued for. */
export interface ApiAppConfig {
  appId: string;
  /** Its Application ID URI, e.g. api://<guid>. */
  identifierUri: string;
  /** The app's api.requestedAccessTokenVersion: decides the token's issuer and claims, not the endpoint used. */
  tokenVersion: TokenVersion;
  /** The app roles the API app defines. */
  roles: string[];
}

export interface ProviderConfig {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  /** When set, the provider policy is operation-scoped instead of API-scoped. */
  operationId?: string;
  apiApp: ApiAppConfig;
  /** Defaults to validate-jwt. */
  validator?: ValidatorKind;
  /** forward (default) or echo (answers with the caller identity, for a first end-to-end test). */
  backend?: BackendKind;
}

export interface ManagedIdentityConfig {
  /** The client (application) id: what authentication-managed-identity's client-id takes. */
  clientId: string;
  /** The object (principal) id: the federated credential's subject. */
  principalId: string;
  /** The identity's resource name; lets setup.sh create it when it does not exist yet. */
  name?: string;
  /** Its resource group when it differs from the caller's. */
  resourceGroup?: string;
}

export interface BridgeAppConfig {
  /** The multi-tenant app in the caller tenant that carries the federated credential. */
  appId: string;
}

export interface TokenCacheConfig {
  /** Defaults to true. */
  enabled?: boolean;
  /** The token is dropped from the cache this many seconds before it expires (default 300). */
  marginSeconds?: number;
}

export interface ProviderSubscriptionKeyConfig {
  /** A secret named value on the caller APIM holding the provider subscription key (you set its value). */
  namedValue: string;
  /** Defaults to Ocp-Apim-Subscription-Key. */
  header?: string;
}

export interface CallerConfig {
  /** Unique, lower-case: used for directories, named values and cache keys. */
  name: string;
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  managedIdentity: ManagedIdentityConfig;
  bridgeApp: BridgeAppConfig;
  /** The provider API app role this caller is assigned and the provider requires. */
  role: string;
  /** The path on the provider gateway the calls go to, e.g. /partner/validate. */
  providerPath: string;
  /** Defaults to https://{provider.serviceName}.{cloud gateway suffix}. */
  providerBaseUrl?: string;
  providerSubscriptionKey?: ProviderSubscriptionKeyConfig;
  /** Timeout of the token exchange request (default 20). */
  timeoutSeconds?: number;
  tokenCache?: TokenCacheConfig;
}

export interface Config {
  $schema?: string;
  /** Defaults to AzureCloud. */
  cloud?: CloudName;
  /** Reference ids through APIM named values (default true) instead of inlining them. */
  namedValues?: boolean;
  provider: ProviderConfig;
  callers: CallerConfig[];
}
