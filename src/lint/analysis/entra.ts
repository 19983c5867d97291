// What an Entra ID issuer or OpenID metadata URL says about the token it stands for (apim-reference §4):
// v1 tokens: iss https://sts.windows.net/{tid}/ (trailing slash), metadata {login}/{tid}/.well-known/openid-configuration
// v2 tokens: iss {login}/{tid}/v2.0, metadata {login}/{tid}/v2.0/.well-known/openid-configuration
// Named values are kept as `{{name}}`, so `https://sts.windows.net/{{t2-tenant-id}}/` still reads as a v1 issuer.
// A deploy-time placeholder (`{tenant-id}`, filled by a Bicep replace()) is a tenant of kind "placeholder": unknown
// at lint time, neither good nor bad.
import { CLOUDS } from "../../config/clouds.js";
import { Placeholders } from "../../policy/placeholders.js";
import { NAMED_VALUE } from "../../policy/values.js";

export type TokenVersion = 1 | 2;
export type TenantKind = "guid" | "domain" | "named-value" | "placeholder" | "multi-tenant" | "invalid";

/** Hosts that issue v2 tokens and serve metadata (per cloud, plus the legacy aliases). */
export const LOGIN_HOSTS: ReadonlySet<string> = new Set([
  ...Object.values(CLOUDS).map((c) => new URL(c.loginHost).host),
  "login.windows.net",
  "login.microsoft.com",
]);
/** Hosts in v1 issuers. */
export const STS_HOSTS: ReadonlySet<string> = new Set(["sts.windows.net", "sts.chinacloudapi.cn"]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
/** A tenant that is one `{{named value}}`. */
const WHOLE_NAMED_VALUE = new RegExp(`^${NAMED_VALUE.source}$`);
export const MULTI_TENANT = new Set(["common", "organizations", "consumers"]);

export function tenantKind(tenant: string, placeholders: Placeholders = Placeholders.NONE): TenantKind {
  if (GUID.test(tenant)) return "guid";
  if (WHOLE_NAMED_VALUE.test(tenant)) return "named-value";
  if (placeholders.holds(tenant)) return "placeholder";
  if (MULTI_TENANT.has(tenant.toLowerCase())) return "multi-tenant";
  if (DOMAIN.test(tenant)) return "domain";
  return "invalid";
}

export interface EntraIssuer {
  /** The version the issuer's host stands for (sts.* = v1, login.* = v2), even when its form is wrong. */
  version: TokenVersion;
  host: string;
  tenant: string;
  tenantKind: TenantKind;
  /** What follows the tenant, e.g. "/" (v1), "/v2.0" (v2). */
  rest: string;
  /** `rest` holds a deploy-time placeholder: its form is not known at lint time. */
  restUnknown: boolean;
  /** The exact issuer Entra puts in tokens for this host, tenant and version. */
  canonical: string;
}

const URL_PARTS = /^(https?):\/\/([^/?#\s]+)\/([^/?#]+)([^?#]*)/i;

/** Reads an Entra issuer; undefined when the text is not an Entra issuer at all (another IdP, an expression). */
export function parseEntraIssuer(
  text: string,
  placeholders: Placeholders = Placeholders.NONE,
): EntraIssuer | undefined {
  const m = URL_PARTS.exec(text.trim());
  if (!m) return undefined;
  const host = m[2]!.toLowerCase();
  const tenant = m[3]!;
  const rest = m[4]!;
  const kind = tenantKind(tenant, placeholders);
  const restUnknown = placeholders.holds(rest);
  if (STS_HOSTS.has(host)) {
    return { version: 1, host, tenant, tenantKind: kind, rest, restUnknown, canonical: `https://${host}/${tenant}/` };
  }
  if (LOGIN_HOSTS.has(host)) {
    return {
      version: 2,
      host,
      tenant,
      tenantKind: kind,
      rest,
      restUnknown,
      canonical: `https://${host}/${tenant}/v2.0`,
    };
  }
  return undefined;
}

export interface EntraMetadata {
  version: TokenVersion;
  host: string;
  tenant: string;
  tenantKind: TenantKind;
}

/** Reads an Entra OpenID configuration URL; undefined for other identity providers. */
export function parseEntraMetadata(
  text: string,
  placeholders: Placeholders = Placeholders.NONE,
): EntraMetadata | undefined {
  const m = URL_PARTS.exec(text.trim());
  if (!m) return undefined;
  const host = m[2]!.toLowerCase();
  if (!LOGIN_HOSTS.has(host) && !STS_HOSTS.has(host)) return undefined;
  const rest = m[4]!.toLowerCase();
  if (!rest.endsWith("/.well-known/openid-configuration")) return undefined;
  const tenant = m[3]!;
  const version: TokenVersion = rest.startsWith("/v2.0/") ? 2 : 1;
  return { version, host, tenant, tenantKind: tenantKind(tenant, placeholders) };
}

/** The metadata URL matching a token version (for messages). */
export function metadataUrlFor(version: TokenVersion, tenant: string, host = "login.microsoftonline.com"): string {
  return version === 2
    ? `https://${host}/${tenant}/v2.0/.well-known/openid-configuration`
    : `https://${host}/${tenant}/.well-known/openid-configuration`;
}

/** v1 / v2 issuer example for messages. */
export function issuerFor(version: TokenVersion, tenant: string): string {
  return version === 2 ? `https://login.microsoftonline.com/${tenant}/v2.0` : `https://sts.windows.net/${tenant}/`;
}

/** Claim names that exist only in one token version (apim-reference §4 table). */
export const CLAIM_VERSION: Readonly<Record<string, TokenVersion>> = {
  appid: 1,
  appidacr: 1,
  azp: 2,
  azpacr: 2,
};

/** The claim carrying the client's authentication method in each version. */
export function clientAuthClaim(version: TokenVersion): "appidacr" | "azpacr" {
  return version === 1 ? "appidacr" : "azpacr";
}

export function clientIdClaim(version: TokenVersion): "appid" | "azp" {
  return version === 1 ? "appid" : "azp";
}
