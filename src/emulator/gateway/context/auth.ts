// The policy helpers on strings: AsJwt / TryParseJwt and AsBasic / TryParseBasic (runtime reference §3, extension
// methods), with the Jwt and BasicAuthCredentials types they return. The JWT is decoded, never verified (as APIM's
// AsJwt does: validate-jwt verifies).
import { K, STRING } from "../../../policy/csharp/types/type-ref.js";
import { decodeToken, looksLikeJwt } from "../../../token/jwt.js";
import type { Arg, CallInfo, ExtensionImpl, RuntimeRegistry, RuntimeType } from "../../runtime-types.js";
import { NetArray, type NetObject, type NetValue } from "../../values.js";
import { ReadOnlyDictionary } from "./dictionary.js";
import { ctxKey, dateTime, prop, stringArray } from "./host.js";

export class JwtHost implements NetObject {
  readonly $type = ctxKey("Jwt");
  constructor(
    readonly header: Record<string, unknown>,
    readonly payload: Record<string, unknown>,
  ) {}
}

export class BasicHost implements NetObject {
  readonly $type = ctxKey("BasicAuthCredentials");
  constructor(
    readonly user: string,
    readonly password: string,
  ) {}
}

function claimStrings(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
}

function optionalTime(registry: RuntimeRegistry, v: unknown, call: CallInfo): NetValue {
  return typeof v === "number" ? dateTime(registry, v * 1000, call) : null;
}

function optionalString(v: unknown): NetValue {
  return typeof v === "string" ? v : null;
}

/** `Bearer ` is stripped (toolkit JwtParser.cs); anything that does not decode gives null. */
export function parseJwt(text: string): JwtHost | null {
  const raw = text.startsWith("Bearer ") ? text.slice(7).trim() : text.trim();
  if (!looksLikeJwt(raw)) return null;
  const d = decodeToken(raw);
  if (!d.ok) return null;
  return new JwtHost(d.header as Record<string, unknown>, d.payload as Record<string, unknown>);
}

/**
 * `Basic <base64(user:password)>`: the scheme exactly `Basic` (toolkit), ISO-8859-1 (toolkit), split at the FIRST
 * colon as RFC 7617 says (a user-id cannot hold one; the toolkit splits at the last) [U] (docs/emulator.md).
 */
export function parseBasic(text: string): BasicHost | null {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1] as string, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return new BasicHost(decoded.slice(0, colon), decoded.slice(colon + 1));
}

export function authTypes(registry: RuntimeRegistry): RuntimeType[] {
  const jwt: RuntimeType = {
    key: ctxKey("Jwt"),
    supertypes: [K.object],
    instance: {
      Algorithm: prop<JwtHost>((j) => optionalString(j.header.alg)),
      Audiences: prop<JwtHost>((j) =>
        j.payload.aud === undefined ? new NetArray(STRING, []) : stringArray(claimStrings(j.payload.aud)),
      ),
      Claims: prop<JwtHost>(
        (j) =>
          new ReadOnlyDictionary("claims", {
            keys: () => Object.keys(j.payload),
            get: (k) => (k in j.payload ? stringArray(claimStrings(j.payload[k])) : undefined),
          }),
      ),
      ExpirationTime: prop<JwtHost>((j, call) => optionalTime(registry, j.payload.exp, call)),
      Id: prop<JwtHost>((j) => optionalString(j.payload.jti)),
      IssuedAt: prop<JwtHost>((j, call) => optionalTime(registry, j.payload.iat, call)),
      Issuer: prop<JwtHost>((j) => optionalString(j.payload.iss)),
      NotBefore: prop<JwtHost>((j, call) => optionalTime(registry, j.payload.nbf, call)),
      Subject: prop<JwtHost>((j) => optionalString(j.payload.sub)),
      Type: prop<JwtHost>((j) => optionalString(j.header.typ)),
    },
  };
  const basic: RuntimeType = {
    key: ctxKey("BasicAuthCredentials"),
    supertypes: [K.object],
    instance: {
      UserId: prop<BasicHost>((b) => b.user),
      Username: prop<BasicHost>((b) => b.user),
      Password: prop<BasicHost>((b) => b.password),
    },
  };
  return [jwt, basic];
}

const onString = (self: NetValue) => typeof self === "string" || self === null;

function tryParse(parse: (s: string) => NetValue) {
  return (self: NetValue, args: readonly Arg[]): NetValue => {
    const v = typeof self === "string" ? parse(self) : null;
    args[0]?.ref?.set(v);
    return v !== null;
  };
}

export const AUTH_EXTENSIONS: readonly ExtensionImpl[] = [
  { name: "AsJwt", appliesTo: onString, call: (self) => (typeof self === "string" ? parseJwt(self) : null) },
  { name: "TryParseJwt", appliesTo: onString, call: tryParse(parseJwt) },
  { name: "AsBasic", appliesTo: onString, call: (self) => (typeof self === "string" ? parseBasic(self) : null) },
  { name: "TryParseBasic", appliesTo: onString, call: tryParse(parseBasic) },
];
