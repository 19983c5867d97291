// Where signing keys come from: a JWKS file, an OpenID configuration URL (fetched with a timeout), or the
// policy's own <issuer-signing-keys>. Failures here are bad input (exit 2) and name the file or URL.
import { readFileSync } from "node:fs";
import type { JWK } from "jose";
import { fsErrorReason } from "../util/fs-reason.js";
import type { PolicySigningKey } from "./validator-spec.js";

export class KeySourceError extends Error {}

export interface KeySet {
  keys: JWK[];
  /** Where the keys came from, for the report ("jwks.json", "https://.../discovery/keys", "the policy"). */
  source: string;
  /** The issuer the OpenID configuration declares, when keys came from one. */
  issuer?: string;
  /** Keys the policy names but that cannot be used offline (certificate-id). */
  unusable: string[];
}

function asJwks(data: unknown, where: string): JWK[] {
  const keys = (data as { keys?: unknown } | null)?.keys;
  if (typeof data !== "object" || data === null || !Array.isArray(keys)) {
    throw new KeySourceError(`${where}: expected a JWKS document: { "keys": [ ... ] }`);
  }
  keys.forEach((k, i) => {
    if (typeof k !== "object" || k === null || typeof (k as JWK).kty !== "string") {
      throw new KeySourceError(`${where}: keys[${i}]: expected a JSON Web Key with "kty"`);
    }
  });
  return keys as JWK[];
}

export function loadJwksFile(file: string): KeySet {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new KeySourceError(`${file}: cannot read (${fsErrorReason(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new KeySourceError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return { keys: asJwks(data, file), source: file, unusable: [] };
}

async function getJson(url: string, timeoutMs: number, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  } catch (err) {
    const e = err as Error;
    const why =
      e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (e.cause as Error)?.message || e.message;
    throw new KeySourceError(`${what} ${url}: cannot fetch (${why})`);
  }
  if (!res.ok) throw new KeySourceError(`${what} ${url}: HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new KeySourceError(`${what} ${url}: the answer is not JSON`);
  }
}

/** Reads an OpenID configuration document and the JWKS its jwks_uri points to. */
export async function fetchOpenIdKeys(url: string, timeoutMs = 10_000): Promise<KeySet> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KeySourceError(`--openid-config ${url}: not a URL (expected http:// or https://)`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new KeySourceError(`--openid-config ${url}: expected an http:// or https:// URL`);
  }
  const config = (await getJson(url, timeoutMs, "OpenID configuration")) as {
    jwks_uri?: unknown;
    issuer?: unknown;
    keys?: unknown;
  };
  // Given the JWKS URL itself (…/discovery/keys): use it as it is.
  if (typeof config === "object" && config !== null && Array.isArray(config.keys)) {
    return { keys: asJwks(config, `JWKS ${url}`), source: url, unusable: [] };
  }
  if (typeof config !== "object" || config === null || typeof config.jwks_uri !== "string") {
    throw new KeySourceError(`OpenID configuration ${url}: has no "jwks_uri"`);
  }
  const jwks = await getJson(config.jwks_uri, timeoutMs, "JWKS");
  return {
    keys: asJwks(jwks, `JWKS ${config.jwks_uri}`),
    source: url,
    issuer: typeof config.issuer === "string" ? config.issuer : undefined,
    unusable: [],
  };
}

/** The keys written in the policy, as JWKs. Certificates live in APIM and cannot be checked offline. */
export function policyKeys(keys: readonly PolicySigningKey[]): KeySet | undefined {
  if (keys.length === 0) return undefined;
  const out: JWK[] = [];
  const unusable: string[] = [];
  for (const k of keys) {
    if (k.form === "rsa") out.push({ kty: "RSA", n: k.n, e: k.e, ...(k.id ? { kid: k.id } : {}) });
    else if (k.form === "symmetric" && k.base64.ok) {
      const bytes = Buffer.from(k.base64.value.trim(), "base64");
      out.push({ kty: "oct", k: bytes.toString("base64url"), ...(k.id ? { kid: k.id } : {}) });
    } else if (k.form === "certificate") unusable.push(`certificate-id "${k.certificateId}"`);
    else unusable.push("a key whose value is not resolved");
  }
  return { keys: out, source: "the policy's issuer-signing-keys", unusable };
}
