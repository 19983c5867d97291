// What the generated caller policy does, over real HTTP: a managed-identity assertion for the exchange audience,
// then client_credentials with that assertion at the provider tenant's token endpoint.
import { JWT_BEARER } from "./server.js";

export interface ExchangeRequest {
  /** The lab (or IMDS-shaped) managed-identity endpoint. */
  managedIdentityUrl: string;
  miClientId: string;
  exchangeAudience: string;
  /** The token endpoint the caller sends the exchange to. */
  tokenEndpoint: string;
  bridgeAppId: string;
  /** e.g. api://partner-api/.default */
  scope: string;
}

export type ExchangeResult =
  | { ok: true; accessToken: string; expiresIn: number; assertion: string }
  | { ok: false; status: number; body: Record<string, unknown>; stage: "managed-identity" | "exchange" };

export async function exchangeLikeCaller(r: ExchangeRequest): Promise<ExchangeResult> {
  const mi = new URL(r.managedIdentityUrl);
  mi.searchParams.set("api-version", "2018-02-01");
  mi.searchParams.set("resource", r.exchangeAudience);
  mi.searchParams.set("client_id", r.miClientId);
  const miRes = await fetch(mi, { headers: { Metadata: "true" } });
  const miBody = (await miRes.json()) as Record<string, unknown>;
  if (miRes.status !== 200) return { ok: false, status: miRes.status, body: miBody, stage: "managed-identity" };
  const assertion = String(miBody.access_token);
  const form = new URLSearchParams({
    client_id: r.bridgeAppId,
    scope: r.scope,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    grant_type: "client_credentials",
  });
  const res = await fetch(r.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) return { ok: false, status: res.status, body, stage: "exchange" };
  return { ok: true, accessToken: String(body.access_token), expiresIn: Number(body.expires_in), assertion };
}
