// validate-jwt through a test file: the openid-config and JWKS fetches are answered by the file's http mocks
// (the "metadata" calls), and a token signed here is validated with real signatures in the real emulator.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "apimtest-jwt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ISSUER = "https://login.example/tenant/v2.0";
const NOW = Date.UTC(2026, 5, 1, 12) / 1000;

const POLICY = `<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401">
      <openid-config url="${ISSUER}/.well-known/openid-configuration" />
      <audiences><audience>api://orders</audience></audiences>
      <issuers><issuer>${ISSUER}</issuer></issuers>
    </validate-jwt>
    <return-response>
      <set-status code="200" reason="OK" />
    </return-response>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", use: "sig", alg: "RS256" };
  const sign = (aud: string, exp: number) =>
    new SignJWT({ roles: ["Orders.Read"] })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(aud)
      .setIssuedAt(NOW - 60)
      .setNotBefore(NOW - 60)
      .setExpirationTime(exp)
      .sign(privateKey);
  const good = await sign("api://orders", NOW + 3600);
  const otherAudience = await sign("api://other", NOW + 3600);
  const expired = await sign("api://orders", NOW - 30);
  writeFileSync(join(dir, "policy.xml"), POLICY);
  const file = {
    policy: "policy.xml",
    mocks: {
      http: [
        {
          method: "GET",
          url: `${ISSUER}/.well-known/openid-configuration`,
          response: { body: { issuer: ISSUER, jwks_uri: "https://login.example/tenant/discovery/v2.0/keys" } },
        },
        { method: "GET", url: "https://login.example/*/keys", response: { body: { keys: [jwk] } } },
      ],
    },
    tests: [
      { name: "a valid token passes", token: good, status: 200 },
      { name: "another audience is refused", token: otherAudience, status: 401 },
      { name: "an expired token is refused", token: expired, status: 401 },
    ].map((t) => ({
      name: t.name,
      clock: "2026-06-01T12:00:00Z",
      request: { url: "https://apim.example/orders", headers: { Authorization: `Bearer ${t.token}` } },
      expect: { status: t.status, requests: 0 },
    })),
  };
  mkdirSync(join(dir, "ok"));
  mkdirSync(join(dir, "no-keys"));
  writeFileSync(join(dir, "ok/jwt.apimtest.json"), JSON.stringify({ ...file, policy: "../policy.xml" }, null, 2));
  // The same file without the JWKS mock: the key fetch has no answer.
  const noKeys = {
    ...file,
    policy: "../policy.xml",
    mocks: { http: file.mocks.http.slice(0, 1) },
    tests: file.tests.slice(0, 1),
  };
  writeFileSync(join(dir, "no-keys/jwt.apimtest.json"), JSON.stringify(noKeys, null, 2));
});

describe("apimkit test with validate-jwt", () => {
  it("answers the metadata fetches from the http mocks and validates real signatures", async () => {
    const run = await runCli(["test", join(dir, "ok")]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Tests  3 passed (3)");
    expect(run.code).toBe(0);
  });

  it("never prints the token, not even in the trace", async () => {
    const run = await runCli(["test", join(dir, "ok"), "--filter", "valid token", "--trace"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("trace ");
    expect(run.output).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/);
  });

  it("a metadata fetch no mock answers fails the test and names the call", async () => {
    const run = await runCli(["test", join(dir, "no-keys")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "→ no mock answers the metadata call GET https://login.example/tenant/discovery/v2.0/keys (add a mock for it)",
    );
  });
});
