// Real RS256 keys and tokens for the token tests (jose), no fakes of the code under test.
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import { type Explanation, explainToken } from "../../src/token/evaluate.js";
import { specFromPolicy } from "../../src/token/explain.js";
import type { KeySet } from "../../src/token/keys.js";

export const T2 = "22222222-2222-4222-8222-222222222222";
export const API_APP = "33333333-3333-4333-8333-333333333333";
export const BRIDGE = "44444444-4444-4444-8444-444444444444";
export const NOW = new Date("2026-03-01T12:00:00Z");
export const nowSec = Math.floor(NOW.getTime() / 1000);

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" } };
}

export function sign(key: SigningKey, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid, ...header })
    .sign(key.privateKey);
}

export function keySet(...keys: SigningKey[]): KeySet {
  return { keys: keys.map((k) => k.jwk), source: "test-jwks.json", unusable: [] };
}

/** A v1 app-only token as Entra issues it for the tenant2 API app. */
export function v1Claims(over: JWTPayload = {}): JWTPayload {
  return {
    aud: "api://partner-api",
    iss: `https://sts.windows.net/${T2}/`,
    iat: nowSec - 60,
    nbf: nowSec - 60,
    exp: nowSec + 3600,
    appid: BRIDGE,
    appidacr: "2",
    oid: "55555555-5555-4555-8555-555555555555",
    sub: "55555555-5555-4555-8555-555555555555",
    roles: ["access_as_app"],
    tid: T2,
    ver: "1.0",
    ...over,
  };
}

export const V1_POLICY = `<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized" output-token-variable-name="jwt">
      <openid-config url="https://login.microsoftonline.com/{{t2-tenant-id}}/.well-known/openid-configuration" />
      <audiences>
        <audience>{{t2-api-app-id-uri}}</audience>
        <audience>{{t2-api-client-id}}</audience>
      </audiences>
      <issuers>
        <issuer>https://sts.windows.net/{{t2-tenant-id}}/</issuer>
      </issuers>
      <required-claims>
        <claim name="roles" match="any"><value>access_as_app</value></claim>
        <claim name="appid" match="all"><value>{{bridge-app-client-id}}</value></claim>
        <claim name="appidacr" match="any"><value>2</value></claim>
      </required-claims>
    </validate-jwt>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

export const NAMED = new Map([
  ["t2-tenant-id", T2],
  ["t2-api-app-id-uri", "api://partner-api"],
  ["t2-api-client-id", API_APP],
  ["bridge-app-client-id", BRIDGE],
]);

export async function explain(
  policy: string,
  token: string,
  opts: { keys?: KeySet; named?: ReadonlyMap<string, string>; at?: Date } = {},
): Promise<Explanation> {
  const { spec } = specFromPolicy(policy, "provider.xml", opts.named ?? NAMED);
  return explainToken({ spec, token, keys: opts.keys, at: opts.at ?? NOW });
}

export function check(e: Explanation, name: string) {
  const c = e.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name} in ${e.checks.map((x) => x.name).join(", ")}`);
  return c;
}
