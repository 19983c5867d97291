// validate-jwt and validate-azure-ad-token through the real emulate(): tokens signed here with jose, the JWKS and
// the OpenID configuration served through the outbound handler (kind "metadata").
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { OutboundKind, OutboundRequest } from "../../../src/emulator/api.js";
import { freshState } from "../../../src/emulator/gateway/emulate.js";
import { policies, run } from "./helpers.js";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const ISS = "https://issuer.example.com/";
const CONFIG = "https://issuer.example.com/.well-known/openid-configuration";
let key: CryptoKey;
let otherKey: CryptoKey;
let jwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  key = pair.privateKey as CryptoKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", use: "sig" };
  otherKey = (await generateKeyPair("RS256")).privateKey as CryptoKey;
});

async function token(
  claims: Record<string, unknown> = {},
  opts: { exp?: number; signer?: CryptoKey; kid?: string } = {},
) {
  const s = NOW / 1000;
  return new SignJWT({ aud: "api://x", iss: ISS, roles: ["read"], ...claims })
    .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "k1" })
    .setIssuedAt(s - 60)
    .setExpirationTime(opts.exp ?? s + 3600)
    .sign(opts.signer ?? key);
}

const metadata = (request: OutboundRequest, kind: OutboundKind) => {
  if (kind !== "metadata") return { status: 200, body: "backend" };
  if (request.url === CONFIG)
    return { status: 200, body: JSON.stringify({ issuer: ISS, jwks_uri: "https://issuer.example.com/keys" }) };
  if (request.url === "https://issuer.example.com/keys") return { status: 200, body: JSON.stringify({ keys: [jwk] }) };
  return { status: 404, body: "" };
};

const validator = (attrs = "", inner = "") =>
  policies({
    inbound: `<validate-jwt header-name="Authorization" output-token-variable-name="jwt"${attrs}>
      <openid-config url="${CONFIG}" />
      <audiences><audience>api://x</audience></audiences>
      ${inner}
      <required-claims><claim name="roles" match="any"><value>read</value></claim></required-claims>
    </validate-jwt>
    <set-variable name="sub" value="@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", ""))" />`,
  });

const bearer = (t: string, scheme = "Bearer") => ({
  request: { method: "GET", url: "https://apim.example.com/api/items", headers: { Authorization: `${scheme} ${t}` } },
});

describe("validate-jwt", () => {
  it("passes a good token: keys from the openid-config's JWKS, the issuer it declares; the Jwt in the variable", async () => {
    const { result, calls } = await run(validator(), {
      ...bearer(await token()),
      answer: metadata,
      state: freshState(NOW),
    });
    expect(result.response.status).toBe(200);
    expect(result.backend).not.toBeNull();
    expect(result.variables.sub).toBe("read");
    expect(calls.filter((c) => c.kind === "metadata").map((c) => c.request.url)).toEqual([
      CONFIG,
      "https://issuer.example.com/keys",
    ]);
  });

  it("keeps the metadata for the test state: the second request fetches nothing", async () => {
    const state = freshState(NOW);
    await run(validator(), { ...bearer(await token()), answer: metadata, state });
    const again = await run(validator(), { ...bearer(await token()), answer: metadata, state });
    expect(again.calls.filter((c) => c.kind === "metadata")).toHaveLength(0);
  });

  it.each([
    [
      "expired",
      () => token({}, { exp: NOW / 1000 - 10 }),
      "TokenExpired",
      "Lifetime validation failed. The token is expired. Access denied.",
    ],
    [
      "wrong audience",
      () => token({ aud: "api://other" }),
      "TokenAudienceNotAllowed",
      "Audience validation failed. Access denied.",
    ],
    [
      "wrong issuer",
      () => token({ iss: "https://evil.example.com/" }),
      "TokenIssuerNotAllowed",
      "Issuer validation failed. Access denied.",
    ],
    [
      "bad signature",
      () => token({}, { signer: otherKey }),
      "TokenSignatureInvalid",
      "Signature validation failed. Access denied.",
    ],
    [
      "unknown kid",
      () => token({}, { kid: "nope" }),
      "TokenSignatureKeyNotFound",
      "Signature validation failed. Unable to match key. Access denied.",
    ],
    [
      "missing claim",
      () => token({ roles: undefined }),
      "TokenClaimNotFound",
      "JWT token is missing the following claims: roles. Access denied.",
    ],
  ])("%s -> 401, the reason and the default message", async (_name, make, reason, message) => {
    const { result } = await run(validator(), { ...bearer(await make()), answer: metadata, state: freshState(NOW) });
    expect(result.response.status).toBe(401);
    expect(JSON.parse(result.response.body ?? "")).toEqual({ statusCode: 401, message });
    expect(result.lastError).toMatchObject({
      Source: "validate-jwt",
      Reason: reason,
      Message: message,
      Section: "inbound",
    });
    expect(result.backend).toBeNull();
  });

  it("no token -> TokenNotPresent; failed-validation-httpcode and -error-message replace the defaults", async () => {
    const { result } = await run(
      validator(` failed-validation-httpcode="403" failed-validation-error-message="@("no " + "entry")"`),
      {
        answer: metadata,
        state: freshState(NOW),
      },
    );
    expect(result.response.status).toBe(403);
    expect(JSON.parse(result.response.body ?? "")).toEqual({ statusCode: 403, message: "no entry" });
    expect(result.lastError?.Reason).toBe("TokenNotPresent");
  });

  it("require-scheme must match the Authorization scheme", async () => {
    const { result } = await run(validator(` require-scheme="Bearer"`), {
      ...bearer(await token(), "Token"),
      answer: metadata,
      state: freshState(NOW),
    });
    expect(result.lastError?.Reason).toBe("TokenNotPresent");
  });

  it("a custom header carries the bare token; a scheme there makes it invalid", async () => {
    const xml = policies({
      inbound: `<validate-jwt header-name="X-Token"><issuer-signing-keys><key n="${jwk.n}" e="${jwk.e}" id="k1" /></issuer-signing-keys></validate-jwt>`,
    });
    const t = await token();
    const req = (v: string) => ({
      request: { method: "GET", url: "https://apim.example.com/api/items", headers: { "X-Token": v } },
    });
    expect((await run(xml, { ...req(t), state: freshState(NOW) })).result.response.status).toBe(200);
    expect((await run(xml, { ...req(`Bearer ${t}`), state: freshState(NOW) })).result.lastError?.Reason).toBe(
      "JwtInvalid",
    );
  });

  it("token-value and query-parameter-name; a symmetric issuer-signing-key", async () => {
    const secret = Buffer.from("0123456789abcdef0123456789abcdef");
    const t = await new SignJWT({ aud: "a" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(NOW / 1000 + 60)
      .sign(secret);
    const keys = `<issuer-signing-keys><key>${secret.toString("base64")}</key></issuer-signing-keys>`;
    const viaValue = policies({
      inbound: `<validate-jwt token-value="@(context.Request.Headers.GetValueOrDefault("X-T", ""))">${keys}</validate-jwt>`,
    });
    const viaQuery = policies({ inbound: `<validate-jwt query-parameter-name="access_token">${keys}</validate-jwt>` });
    const r1 = await run(viaValue, {
      request: { method: "GET", url: "https://apim.example.com/api/items", headers: { "X-T": t } },
      state: freshState(NOW),
    });
    const r2 = await run(viaQuery, {
      request: { method: "GET", url: `https://apim.example.com/api/items?access_token=${t}` },
      state: freshState(NOW),
    });
    expect([r1.result.response.status, r2.result.response.status]).toEqual([200, 200]);
    const bad = await run(viaQuery, {
      request: { method: "GET", url: `https://apim.example.com/api/items?access_token=${t}x` },
      state: freshState(NOW),
    });
    expect(bad.result.lastError?.Reason).toBe("TokenSignatureInvalid");
  });

  it("an issuer-signing-key by certificate-id cannot be checked offline: not emulated", async () => {
    const xml = policies({
      inbound: `<validate-jwt header-name="Authorization"><issuer-signing-keys><key certificate-id="c1" /></issuer-signing-keys></validate-jwt>`,
    });
    await expect(run(xml, { ...bearer(await token()), state: freshState(NOW) })).rejects.toThrow(
      /not emulated: validate-jwt signature check/,
    );
  });
});

describe("validate-azure-ad-token", () => {
  const TENANT = "11111111-2222-3333-4444-555555555555";
  const v2Issuer = `https://login.microsoftonline.com/${TENANT}/v2.0`;
  const aad = (request: OutboundRequest, kind: OutboundKind) => {
    if (kind !== "metadata") return { status: 200, body: "" };
    if (request.url === `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`)
      return {
        status: 200,
        body: JSON.stringify({ issuer: v2Issuer, jwks_uri: "https://login.microsoftonline.com/keys" }),
      };
    if (request.url === "https://login.microsoftonline.com/keys")
      return { status: 200, body: JSON.stringify({ keys: [jwk] }) };
    return { status: 404, body: "" };
  };
  const xml = policies({
    inbound: `<validate-azure-ad-token tenant-id="${TENANT}">
      <client-application-ids><application-id>client-1</application-id></client-application-ids>
      <audiences><audience>api://x</audience></audiences>
    </validate-azure-ad-token>`,
  });
  it("[U] keys from the tenant's v2.0 metadata; appid/azp must be listed", async () => {
    const good = await run(xml, {
      ...bearer(await token({ iss: v2Issuer, azp: "client-1" })),
      answer: aad,
      state: freshState(NOW),
    });
    expect(good.result.response.status).toBe(200);
    expect(good.result.assumptions.join("\n")).toMatch(/v2\.0\/\.well-known\/openid-configuration/);
    const other = await run(xml, {
      ...bearer(await token({ iss: v2Issuer, azp: "client-2" })),
      answer: aad,
      state: freshState(NOW),
    });
    expect(other.result.response.status).toBe(401);
    expect(other.result.lastError?.Reason).toBe("TokenClaimValueNotAllowed");
  });
  it("another tenant's issuer is refused", async () => {
    const r = await run(xml, {
      ...bearer(
        await token({
          iss: "https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/v2.0",
          azp: "client-1",
        }),
      ),
      answer: aad,
      state: freshState(NOW),
    });
    expect(r.result.lastError?.Reason).toBe("TokenIssuerNotAllowed");
  });
});
