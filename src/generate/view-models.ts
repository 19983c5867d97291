// Config -> the plain data each template renders. Every decision lives here (typed, testable); the templates
// only lay the text out. Every field is always present (handlebars runs in strict mode).
import { cloudByName } from "../config/clouds.js";
import type { CallerConfig, Config } from "../config/types.js";
import { apiScope, NAMED_VALUE_NAMES as NV, refOrValue } from "./named-values.js";

export const DEFAULT_TIMEOUT_SECONDS = 20;
export const DEFAULT_CACHE_MARGIN_SECONDS = 300;
/** The shortest time a token is cached (the floor): below it, caching saves nothing. */
export const MIN_CACHE_SECONDS = 60;

export interface CallerView {
  name: string;
  exchangeAudience: string;
  uamiClientId: string;
  tokenUrl: string;
  bridgeAppId: string;
  scope: string;
  timeoutSeconds: number;
  cache: { key: string; marginSeconds: number; minSeconds: number } | false;
  backendBaseUrl: string;
  providerPath: string;
  subscriptionKey: { header: string; ref: string } | false;
}

export interface ProviderView {
  scope: "api" | "operation";
  validateJwt: boolean;
  tokenVersion: 1 | 2;
  tenant: string;
  openIdConfigUrl: string;
  issuer: string;
  authenticationEndpoint: string | false;
  audiences: string[];
  roles: string[];
  clientClaim: "appid" | "azp";
  clientAuthClaim: "appidacr" | "azpacr";
  bridgeAppIds: string[];
  echo: boolean;
}

export function gatewayBaseUrl(config: Config, caller: CallerConfig): string {
  const cloud = cloudByName(config.cloud);
  return (caller.providerBaseUrl ?? `https://${config.provider.serviceName}.${cloud.apimGatewaySuffix}`).replace(
    /\/+$/,
    "",
  );
}

export function callerView(config: Config, caller: CallerConfig): CallerView {
  const cloud = cloudByName(config.cloud);
  const ref = (name: string, value: string) => refOrValue(config, name, value);
  const tenant = ref(NV.providerTenantId, config.provider.tenantId);
  const bridgeAppId = ref(NV.bridgeAppClientId(caller.name), caller.bridgeApp.appId);
  const cacheOn = caller.tokenCache?.enabled ?? true;
  const keyHeader = caller.providerSubscriptionKey?.header ?? "Ocp-Apim-Subscription-Key";
  return {
    name: caller.name,
    exchangeAudience: cloud.exchangeAudience,
    uamiClientId: ref(NV.uamiClientId(caller.name), caller.managedIdentity.clientId),
    tokenUrl: `${cloud.loginHost}/${tenant}/oauth2/v2.0/token`,
    bridgeAppId,
    scope: ref(NV.apiScope, apiScope(config)),
    timeoutSeconds: caller.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    // The key names everything the token depends on, so two callers (or two configs) on one APIM never share one.
    cache: cacheOn
      ? {
          key: `apimkit-token-${caller.name}-${tenant}-${bridgeAppId}-${ref(NV.apiClientId, config.provider.apiApp.appId)}`,
          marginSeconds: caller.tokenCache?.marginSeconds ?? DEFAULT_CACHE_MARGIN_SECONDS,
          minSeconds: MIN_CACHE_SECONDS,
        }
      : false,
    backendBaseUrl: gatewayBaseUrl(config, caller),
    providerPath: caller.providerPath,
    subscriptionKey: caller.providerSubscriptionKey
      ? { header: keyHeader, ref: `{{${caller.providerSubscriptionKey.namedValue}}}` }
      : false,
  };
}

export function providerView(config: Config): ProviderView {
  const cloud = cloudByName(config.cloud);
  const p = config.provider;
  const ref = (name: string, value: string) => refOrValue(config, name, value);
  const tenant = ref(NV.providerTenantId, p.tenantId);
  const v2 = p.apiApp.tokenVersion === 2;
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    scope: p.operationId ? "operation" : "api",
    validateJwt: (p.validator ?? "validate-jwt") === "validate-jwt",
    tokenVersion: p.apiApp.tokenVersion,
    tenant,
    // The metadata of the token's version: v1 metadata names the v1 issuer (apim-reference §4).
    openIdConfigUrl: v2
      ? `${cloud.loginHost}/${tenant}/v2.0/.well-known/openid-configuration`
      : `${cloud.loginHost}/${tenant}/.well-known/openid-configuration`,
    issuer: v2 ? `${cloud.v2IssuerHost}/${tenant}/v2.0` : `${cloud.v1IssuerHost}/${tenant}/`,
    authenticationEndpoint: cloud.name === "AzureCloud" ? false : `${cloud.loginHost}/`,
    // v1 aud is whichever form the client asked for (scope <App ID URI>/.default or <client id>/.default): both.
    // v2 aud is always the client id GUID, whatever the scope (apim-reference §4): the App ID URI would accept
    // no token Entra issues, so it is left out rather than kept as a dead line a reviewer has to reason about.
    audiences: v2
      ? [ref(NV.apiClientId, p.apiApp.appId)]
      : [ref(NV.apiAppIdUri, p.apiApp.identifierUri), ref(NV.apiClientId, p.apiApp.appId)],
    roles: unique(config.callers.map((c) => c.role)),
    clientClaim: v2 ? "azp" : "appid",
    clientAuthClaim: v2 ? "azpacr" : "appidacr",
    bridgeAppIds: unique(config.callers.map((c) => ref(NV.bridgeAppClientId(c.name), c.bridgeApp.appId))),
    echo: p.backend === "echo",
  };
}

export interface SetupView {
  cloud: string;
  armEndpoint: string;
  graphEndpoint: string;
  assertionIssuerHost: string;
  exchangeAudience: string;
  provider: {
    tenantId: string;
    subscriptionId: string;
    apiAppId: string;
    identifierUri: string;
    tokenVersion: number;
    roles: string[];
  };
  callers: {
    name: string;
    tenantId: string;
    subscriptionId: string;
    resourceGroup: string;
    serviceName: string;
    miClientId: string;
    miPrincipalId: string;
    miName: string;
    miResourceGroup: string;
    bridgeAppId: string;
    role: string;
    subscriptionKey: { namedValue: string; variable: string } | false;
  }[];
}

/** The environment variable setup.sh reads a caller's provider subscription key from. */
export function subscriptionKeyVariable(caller: string): string {
  return `APIMKIT_PROVIDER_KEY_${caller.toUpperCase().replace(/-/g, "_")}`;
}

export function setupView(config: Config): SetupView {
  const cloud = cloudByName(config.cloud);
  const p = config.provider;
  return {
    cloud: cloud.name,
    armEndpoint: cloud.armEndpoint,
    graphEndpoint: cloud.graphEndpoint,
    assertionIssuerHost: cloud.v2IssuerHost,
    exchangeAudience: cloud.exchangeAudience,
    provider: {
      tenantId: p.tenantId,
      subscriptionId: p.subscriptionId,
      apiAppId: p.apiApp.appId,
      identifierUri: p.apiApp.identifierUri,
      tokenVersion: p.apiApp.tokenVersion,
      // Only the roles the callers use: setup creates what the policies need, nothing more.
      roles: [...new Set(config.callers.map((c) => c.role))],
    },
    callers: config.callers.map((c) => ({
      name: c.name,
      tenantId: c.tenantId,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      serviceName: c.serviceName,
      miClientId: c.managedIdentity.clientId,
      miPrincipalId: c.managedIdentity.principalId,
      miName: c.managedIdentity.name ?? "",
      miResourceGroup: c.managedIdentity.resourceGroup ?? c.resourceGroup,
      bridgeAppId: c.bridgeApp.appId,
      role: c.role,
      subscriptionKey: c.providerSubscriptionKey
        ? { namedValue: c.providerSubscriptionKey.namedValue, variable: subscriptionKeyVariable(c.name) }
        : false,
    })),
  };
}
