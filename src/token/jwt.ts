// Reading a JWT without trusting it: shape, header and payload. Verification lives in signature.ts.
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from "jose";

/** Three base64url parts (the third may be empty for an unsigned token). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(text: string): boolean {
  return JWT_SHAPE.test(text);
}

export interface TokenText {
  /** The compact JWT itself. */
  jwt: string;
  /** The scheme written before it ("Bearer"), when the input was a header value such as `Bearer eyJ...`. */
  scheme?: string;
}

/**
 * Splits what the user gave into an optional scheme and the JWT. Returns undefined when the text is not a JWT at
 * all (then the caller reports bad input; the text itself is never echoed).
 */
export function splitTokenText(input: string): TokenText | undefined {
  const text = input.trim();
  const m = /^([A-Za-z][A-Za-z0-9_-]*)\s+(\S+)$/.exec(text);
  if (m && looksLikeJwt(m[2]!)) return { scheme: m[1]!, jwt: m[2]! };
  if (looksLikeJwt(text)) return { jwt: text };
  return undefined;
}

export type DecodedJwt =
  | { ok: true; header: ProtectedHeaderParameters; payload: JWTPayload }
  | { ok: false; error: string };

/** Decodes header and payload; a failure is what APIM reports as JwtInvalid. */
export function decodeToken(jwt: string): DecodedJwt {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { ok: false, error: "the header is not base64url-encoded JSON" };
  }
  try {
    return { ok: true, header, payload: decodeJwt(jwt) };
  } catch {
    return { ok: false, error: "the payload is not base64url-encoded JSON" };
  }
}

/** A claim's values as APIM's required-claims compares them: arrays as they are, strings split on the separator. */
export function claimValues(payload: JWTPayload, name: string, separator?: string): string[] | undefined {
  const raw = payload[name];
  if (raw === undefined || raw === null) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const item of list) {
    const s = typeof item === "string" ? item : JSON.stringify(item);
    if (separator && typeof item === "string") out.push(...s.split(separator));
    else out.push(s);
  }
  return out;
}

/** The claims worth showing when explaining a token (never the signature, never the whole token). */
export const SHOWN_CLAIMS = [
  "iss",
  "aud",
  "ver",
  "appid",
  "azp",
  "appidacr",
  "azpacr",
  "roles",
  "scp",
  "idtyp",
  "oid",
  "sub",
  "tid",
  "iat",
  "nbf",
  "exp",
] as const;

const TIME_CLAIMS = new Set(["iat", "nbf", "exp"]);

/** The claims that matter, times as ISO strings, plus any extra claim names the policy asks about. */
export function shownClaims(payload: JWTPayload, extra: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...SHOWN_CLAIMS, ...extra]) {
    const v = payload[name];
    if (v === undefined || name in out) continue;
    out[name] = TIME_CLAIMS.has(name) && typeof v === "number" ? isoTime(v) : v;
  }
  return out;
}

export function isoTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return Number.isNaN(d.getTime()) ? String(epochSeconds) : d.toISOString().replace(".000Z", "Z");
}
