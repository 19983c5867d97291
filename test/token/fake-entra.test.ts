// The lab itself: it must behave like Entra where the matrix relies on it, or the matrix proves nothing.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { directoryFromConfig, type Misconfiguration } from "../support/fake-entra/scenario.js";
import { type FakeEntra, startFakeEntra } from "../support/fake-entra/server.js";
import {
  API_APP_ID,
  BRIDGE_APP_ID,
  exchangeInLab,
  IDENTIFIER_URI,
  labConfig,
  MI_CLIENT_ID,
  MI_PRINCIPAL_ID,
  T1,
  T2,
} from "./lab-config.js";

let lab: FakeEntra | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function start(version: 1 | 2 = 1, mis: Misconfiguration = {}) {
  lab = await startFakeEntra(await directoryFromConfig(labConfig(version), mis));
  return lab;
}

const exchange = exchangeInLab;

describe("fake Entra: metadata", () => {
  it("serves v1 and v2 OpenID configurations with their issuers and a JWKS of real RS256 keys", async () => {
    const l = await start();
    const v1 = (await (await fetch(l.openidConfigUrl(T2, 1))).json()) as Record<string, string>;
    const v2 = (await (await fetch(l.openidConfigUrl(T2, 2))).json()) as Record<string, string>;
    expect(v1.issuer).toBe(`https://sts.windows.net/${T2}/`);
    expect(v2.issuer).toBe(`https://login.microsoftonline.com/${T2}/v2.0`);
    const jwks = (await (await fetch(v2.jwks_uri!)).json()) as { keys: { kty: string; n: string; kid: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA" });
    expect(Buffer.from(jwks.keys[0]!.n, "base64url").length).toBeGreaterThanOrEqual(256);
    const t1Keys = (await (await fetch(`${l.url}/${T1}/discovery/keys`)).json()) as { keys: { kid: string }[] };
    expect(t1Keys.keys[0]!.kid).not.toBe(jwks.keys[0]!.kid);
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const l = await start();
    const res = await fetch(l.openidConfigUrl("99999999-9999-4999-8999-999999999999", 2));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });
});

describe("fake Entra: the exchange", () => {
  it("issues the managed-identity assertion with iss v2 of tenant1, sub = oid = principalId, aud = exchange audience", async () => {
    const l = await start();
    const r = await exchange(l);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(decodeJwt(r.assertion)).toMatchObject({
      iss: `https://login.microsoftonline.com/${T1}/v2.0`,
      sub: MI_PRINCIPAL_ID,
      oid: MI_PRINCIPAL_ID,
      aud: "api://AzureADTokenExchange",
    });
  });

  it("issues a v1 token with the audience in the form requested, appid/appidacr and the assigned role", async () => {
    const l = await start(1);
    const byUri = await exchange(l);
    const byId = await exchange(l, { scope: `${API_APP_ID}/.default` });
    if (!byUri.ok || !byId.ok) throw new Error("exchange failed");
    const claims = decodeJwt(byUri.accessToken);
    expect(claims).toMatchObject({
      ver: "1.0",
      iss: `https://sts.windows.net/${T2}/`,
      aud: IDENTIFIER_URI,
      appid: BRIDGE_APP_ID,
      appidacr: "2",
      roles: ["access_as_app"],
      tid: T2,
    });
    expect(claims.azp).toBeUndefined();
    expect(decodeJwt(byId.accessToken).aud).toBe(API_APP_ID);
    expect(decodeProtectedHeader(byUri.accessToken)).toMatchObject({
      alg: "RS256",
      kid: expect.any(String),
      x5t: expect.any(String),
    });
  });

  it("issues a v2 token when the API app asks for v2: aud is always the client id, azp/azpacr", async () => {
    const l = await start(2);
    const r = await exchange(l);
    if (!r.ok) throw new Error(JSON.stringify(r.body));
    const claims = decodeJwt(r.accessToken);
    expect(claims).toMatchObject({
      ver: "2.0",
      iss: `https://login.microsoftonline.com/${T2}/v2.0`,
      aud: API_APP_ID,
      azp: BRIDGE_APP_ID,
      azpacr: "2",
    });
    expect(claims.appid).toBeUndefined();
  });

  it("issues a token without roles when no app role is assigned", async () => {
    const l = await start(1, { noRoleAssignment: true });
    const r = await exchange(l);
    if (!r.ok) throw new Error("exchange failed");
    expect(decodeJwt(r.accessToken).roles).toBeUndefined();
  });

  const failures: [string, number, number, Misconfiguration, { scope?: string; tenant?: string; client?: string }][] = [
    ["FIC subject = clientId", 400, 700213, { ficSubjectIsClientId: true }, {}],
    [
      "FIC issuer with a trailing space",
      400,
      700211,
      { ficIssuer: `https://login.microsoftonline.com/${T1}/v2.0 ` },
      {},
    ],
    ["FIC audience of another cloud", 400, 7002121, { ficAudience: "api://AzureADTokenExchangeUSGov" }, {}],
    ["bridge app without a service principal in tenant2", 400, 700016, { noBridgeServicePrincipal: true }, {}],
    ["bridge app registered in tenant2 (cross-tenant FIC)", 400, 700236, { bridgeAppInProviderTenant: true }, {}],
    ["exchange sent to the caller tenant", 400, 500011, {}, { tenant: T1 }],
    ["scope without /.default", 400, 70011, {}, { scope: IDENTIFIER_URI }],
    ["scope of an unknown resource", 400, 500011, {}, { scope: "api://nope/.default" }],
    ["unknown tenant", 400, 90002, {}, { tenant: "99999999-9999-4999-8999-999999999999" }],
    ["unknown client id", 400, 700016, {}, { client: "99999999-9999-4999-8999-999999999999" }],
  ];
  it.each(failures)("%s -> HTTP %i AADSTS%i with Entra's error body", async (_name, status, code, mis, over) => {
    const l = await start(1, mis);
    const r = await exchange(l, over);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.stage).toBe("exchange");
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({
      error: expect.any(String),
      error_codes: [code],
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
    });
    expect(String(r.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it("refuses an expired assertion (AADSTS500133), using the lab's clock", async () => {
    let clock = new Date("2026-03-01T12:00:00Z");
    lab = await startFakeEntra(await directoryFromConfig(labConfig(1)), { now: () => clock });
    const mi = await fetch(`${lab.managedIdentityUrl}?resource=api://AzureADTokenExchange&client_id=${MI_CLIENT_ID}`, {
      headers: { Metadata: "true" },
    });
    const assertion = ((await mi.json()) as { access_token: string }).access_token;
    clock = new Date("2026-03-03T12:00:00Z");
    const form = new URLSearchParams({
      client_id: BRIDGE_APP_ID,
      scope: `${IDENTIFIER_URI}/.default`,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      grant_type: "client_credentials",
    });
    const res = await fetch(lab.tokenEndpoint(T2), { method: "POST", body: form });
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([500133]);
  });

  it("refuses a managed-identity request without the Metadata header, as IMDS does", async () => {
    const l = await start();
    const res = await fetch(`${l.managedIdentityUrl}?resource=api://AzureADTokenExchange&client_id=${MI_CLIENT_ID}`);
    expect(res.status).toBe(400);
  });

  it("refuses an assertion signed by a key tenant1 does not publish (AADSTS50013)", async () => {
    const l = await start();
    const form = new URLSearchParams({
      client_id: BRIDGE_APP_ID,
      scope: `${IDENTIFIER_URI}/.default`,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      grant_type: "client_credentials",
    });
    const t1 = l.directory.tenants.find((t) => t.id === T1)!;
    const { newSigningKey } = await import("../support/fake-entra/directory.js");
    t1.keys.push(await newSigningKey("rogue", false));
    const now = Math.floor(Date.now() / 1000);
    form.set(
      "client_assertion",
      await l.sign(
        T1,
        {
          iss: `https://login.microsoftonline.com/${T1}/v2.0`,
          sub: MI_PRINCIPAL_ID,
          aud: "api://AzureADTokenExchange",
          exp: now + 600,
        },
        "rogue",
      ),
    );
    const res = await fetch(l.tokenEndpoint(T2), {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([50013]);
  });
});
