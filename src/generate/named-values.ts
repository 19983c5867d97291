// The APIM named values the generated policies reference. The names are stable and documented (README):
// renaming one would orphan what users already published.
import type { CallerConfig, Config } from "../config/types.js";

/** An owner in publish's terms: "provider" or "caller:<name>". */
export type Owner = "provider" | `caller:${string}`;

export interface NamedValue {
  name: string;
  value: string;
  /** Always false: this pattern has no secrets (a provider subscription key is created by you, see setup.sh). */
  secret: boolean;
  tags: string[];
  /** Which generated policies reference it (so publish knows where to create it). */
  usedBy: Owner[];
}

export const NAMED_VALUE_NAMES = {
  /** The provider (tenant2) tenant id. */
  providerTenantId: "t2-tenant-id",
  /** The API app's Application ID URI (provider audience). */
  apiAppIdUri: "t2-api-app-id-uri",
  /** The API app's client id (provider audience, v2 tokens' aud). */
  apiClientId: "t2-api-client-id",
  /** The scope the caller requests: <identifierUri>/.default. */
  apiScope: "t2-api-scope",
  /** Per caller: its user-assigned managed identity's client id. */
  uamiClientId: (caller: string) => `${caller}-uami-client-id`,
  /** Per caller: its bridge app's client id (also required by the provider as appid/azp). */
  bridgeAppClientId: (caller: string) => `${caller}-bridge-app-client-id`,
} as const;

export function apiScope(config: Config): string {
  return `${config.provider.apiApp.identifierUri}/.default`;
}

/** Every named value apimkit may reference, sorted by name (stable output), before anyone uses it. */
export function namedValueCatalogue(config: Config): Omit<NamedValue, "usedBy">[] {
  const n = NAMED_VALUE_NAMES;
  const p = config.provider;
  const entries: { name: string; value: string }[] = [
    { name: n.providerTenantId, value: p.tenantId },
    { name: n.apiAppIdUri, value: p.apiApp.identifierUri },
    { name: n.apiClientId, value: p.apiApp.appId },
    { name: n.apiScope, value: apiScope(config) },
    ...config.callers.flatMap((c: CallerConfig) => [
      { name: n.uamiClientId(c.name), value: c.managedIdentity.clientId },
      { name: n.bridgeAppClientId(c.name), value: c.bridgeApp.appId },
    ]),
  ];
  return entries
    .map((v) => ({ ...v, secret: false, tags: ["apimkit"] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The named values the rendered policies reference, each with the owners whose text holds `{{name}}`.
 * usedBy is read from the policies themselves, not declared beside them: a declared list drifted once (the
 * caller's cache key used the API client id, usedBy said provider only, so publish would not create it there
 * and APIM refuses a policy naming a missing value). A value no policy references is left out.
 */
export function namedValuesOf(config: Config, policies: { owner: Owner; content: string }[]): NamedValue[] {
  return namedValueCatalogue(config)
    .map((v) => ({ ...v, usedBy: policies.filter((p) => p.content.includes(`{{${v.name}}}`)).map((p) => p.owner) }))
    .filter((v) => v.usedBy.length > 0);
}

/** `{{name}}` when named values are on, else the literal value. */
export function refOrValue(config: Config, name: string, value: string): string {
  return config.namedValues === false ? value : `{{${name}}}`;
}
