// The security, identity, cache and traffic handlers, registered in the handler table (handlers/index.ts).
import { authenticationBasic, authenticationManagedIdentity } from "./authentication.js";
import { cacheLookup, cacheStore } from "./cache-response.js";
import { cacheLookupValue, cacheRemoveValue, cacheStoreValue } from "./cache-value.js";
import { checkHeader } from "./check-header.js";
import { cors } from "./cors.js";
import type { Handler } from "./handler.js";
import { ipFilter } from "./ip-filter.js";
import { quota, quotaByKey } from "./quota.js";
import { rateLimit, rateLimitByKey } from "./rate-limit.js";
import { validateAzureAdToken, validateJwt } from "./validate-token.js";

export function defineSecurityHandlers(table: Map<string, Handler>): void {
  const entries: Array<[string, Handler]> = [
    ["authentication-managed-identity", authenticationManagedIdentity],
    ["authentication-basic", authenticationBasic],
    ["cache-lookup-value", cacheLookupValue],
    ["cache-store-value", cacheStoreValue],
    ["cache-remove-value", cacheRemoveValue],
    ["cache-lookup", cacheLookup],
    ["cache-store", cacheStore],
    ["validate-jwt", validateJwt],
    ["validate-azure-ad-token", validateAzureAdToken],
    ["check-header", checkHeader],
    ["ip-filter", ipFilter],
    ["cors", cors],
    ["rate-limit", rateLimit],
    ["rate-limit-by-key", rateLimitByKey],
    ["quota", quota],
    ["quota-by-key", quotaByKey],
  ];
  for (const [name, h] of entries) {
    if (table.has(name)) throw new Error(`policy handler ${name} defined twice`);
    table.set(name, h);
  }
}
