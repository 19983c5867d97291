import { beforeAll, describe, expect, it } from "vitest";
import {
  API_APP,
  BRIDGE,
  check,
  explain,
  keySet,
  NAMED,
  NOW,
  newKey,
  nowSec,
  type SigningKey,
  sign,
  T2,
  V1_POLICY,
  v1Claims,
} from "./support.js";

let key: SigningKey;
let other: SigningKey;
beforeAll(async () => {
  key = await newKey("k1");
  other = await newKey("k2");
});

describe("explainToken on a v1 provider policy", () => {
  it("passes a correct v1 token, every check verified", async () => {
    const e = await explain(V1_POLICY, await sign(key, v1Claims()), { keys: keySet(key) });
    expect(e.checks.filter((c) => !c.ok)).toEqual([]);
    expect(e).toMatchObject({ valid: true, status: 200, reason: null, verdict: "valid" });
    expect(e.claims).toMatchObject({
      iss: `https://sts.windows.net/${T2}/`,
      appid: BRIDGE,
      exp: "2026-03-01T13:00:00Z",
    });
  });

  it("accepts the client-id audience form as well as the App ID URI", async () => {
    const e = await explain(V1_POLICY, await sign(key, v1Claims({ aud: API_APP })), { keys: keySet(key) });
    expect(e.valid).toBe(true);
  });

  it("never passes the signature without keys: not verified, exit-worthy", async () => {
    const e = await explain(V1_POLICY, await sign(key, v1Claims()));
    expect(check(e, "signature")).toMatchObject({ ok: false, status: "not-verified" });
    expect(e).toMatchObject({ valid: false, verdict: "unverified", reason: null });
  });

  it("reports a v2 token against the v1 issuer as TokenIssuerNotAllowed with the version hint", async () => {
    const token = await sign(key, {
      ...v1Claims({
        iss: `https://login.microsoftonline.com/${T2}/v2.0`,
        aud: API_APP,
        ver: "2.0",
        azp: BRIDGE,
        azpacr: "2",
      }),
      appid: undefined,
      appidacr: undefined,
    });
    const e = await explain(V1_POLICY, token, { keys: keySet(key) });
    expect(e).toMatchObject({ valid: false, status: 401, reason: "TokenIssuerNotAllowed", message: "Unauthorized" });
    expect(check(e, "issuer").detail).toMatch(/v2\.0 token .* v1\.0 issuer/);
    // the claim checks fail too, and say why (azp instead of appid)
    expect(check(e, "claim appid")).toMatchObject({ ok: false, reason: "TokenClaimNotFound" });
    expect(check(e, "claim appid").detail).toMatch(/carries azp, not appid/);
  });

  it("reports an expired token as TokenExpired, and clock-skew lets it through", async () => {
    const token = await sign(key, v1Claims({ exp: nowSec - 30 }));
    const e = await explain(V1_POLICY, token, { keys: keySet(key) });
    expect(e.reason).toBe("TokenExpired");
    expect(check(e, "expiration")).toMatchObject({ ok: false, actual: "2026-03-01T11:59:30Z" });
    const skewed = V1_POLICY.replace(
      'output-token-variable-name="jwt"',
      'output-token-variable-name="jwt" clock-skew="60"',
    );
    expect((await explain(skewed, token, { keys: keySet(key) })).valid).toBe(true);
  });

  it("requires exp unless require-expiration-time is false", async () => {
    const token = await sign(key, { ...v1Claims(), exp: undefined });
    expect((await explain(V1_POLICY, token, { keys: keySet(key) })).reason).toBe("JwtInvalid");
    const lax = V1_POLICY.replace(
      'output-token-variable-name="jwt"',
      'output-token-variable-name="jwt" require-expiration-time="false"',
    );
    expect((await explain(lax, token, { keys: keySet(key) })).valid).toBe(true);
  });

  it("reports a token not yet valid", async () => {
    const e = await explain(V1_POLICY, await sign(key, v1Claims({ nbf: nowSec + 600 })), { keys: keySet(key) });
    expect(check(e, "not-before").ok).toBe(false);
    expect(e.valid).toBe(false);
  });

  it("reports an unknown kid as TokenSignatureKeyNotFound and a forged signature as TokenSignatureInvalid", async () => {
    const unknown = await explain(V1_POLICY, await sign(other, v1Claims()), { keys: keySet(key) });
    expect(unknown.reason).toBe("TokenSignatureKeyNotFound");
    const forged = await explain(V1_POLICY, await sign(other, v1Claims(), { kid: "k1" }), { keys: keySet(key) });
    expect(forged.reason).toBe("TokenSignatureInvalid");
  });

  it("reports an audience of another resource, and the missing audience form", async () => {
    const e = await explain(V1_POLICY, await sign(key, v1Claims({ aud: "api://other" })), { keys: keySet(key) });
    expect(e.reason).toBe("TokenAudienceNotAllowed");
    const onlyUri = V1_POLICY.replace("<audience>{{t2-api-client-id}}</audience>", "");
    const guidAud = await explain(onlyUri, await sign(key, v1Claims({ aud: API_APP })), { keys: keySet(key) });
    expect(guidAud.reason).toBe("TokenAudienceNotAllowed");
    expect(check(guidAud, "audience").detail).toContain(`<audience>${API_APP}</audience>`);
  });

  it("reports a missing roles claim as TokenClaimNotFound with APIM's message", async () => {
    const token = await sign(key, { ...v1Claims(), roles: undefined });
    const e = await explain(V1_POLICY.replace(' failed-validation-error-message="Unauthorized"', ""), token, {
      keys: keySet(key),
    });
    expect(e).toMatchObject({ reason: "TokenClaimNotFound", status: 401 });
    expect(e.message).toBe("JWT token is missing the following claims: roles. Access denied.");
    expect(check(e, "claim roles").detail).toMatch(/assign the API app's app role/);
  });

  it("reports a wrong role as TokenClaimValueNotAllowed, but a missing claim wins over a wrong value", async () => {
    const wrongRole = await explain(V1_POLICY, await sign(key, v1Claims({ roles: ["reader"] })), { keys: keySet(key) });
    expect(wrongRole.reason).toBe("TokenClaimValueNotAllowed");
    const both = await explain(
      V1_POLICY,
      await sign(key, { ...v1Claims({ roles: ["reader"] }), appidacr: undefined }),
      {
        keys: keySet(key),
      },
    );
    expect(both.reason).toBe("TokenClaimNotFound");
  });

  it("applies match all / any and the separator", async () => {
    const policy = V1_POLICY.replace(
      '<claim name="roles" match="any"><value>access_as_app</value></claim>',
      '<claim name="scp" match="all" separator=" "><value>read</value><value>write</value></claim>',
    );
    const both = await explain(policy, await sign(key, v1Claims({ scp: "read write" })), { keys: keySet(key) });
    expect(check(both, "claim scp").ok).toBe(true);
    const one = await explain(policy, await sign(key, v1Claims({ scp: "read" })), { keys: keySet(key) });
    expect(check(one, "claim scp")).toMatchObject({ ok: false, reason: "TokenClaimValueNotAllowed" });
    const anyPolicy = policy.replace('match="all" separator=" "', 'match="any" separator=" "');
    expect(
      check(await explain(anyPolicy, await sign(key, v1Claims({ scp: "read" })), { keys: keySet(key) }), "claim scp")
        .ok,
    ).toBe(true);
  });

  it("leaves checks that need an unresolved named value not verified, and never passes them", async () => {
    const named = new Map(NAMED);
    named.delete("bridge-app-client-id");
    const e = await explain(V1_POLICY, await sign(key, v1Claims()), { keys: keySet(key), named });
    expect(check(e, "claim appid")).toMatchObject({ ok: false, status: "not-verified" });
    expect(check(e, "claim appid").detail).toContain("{{bridge-app-client-id}}");
    expect(e.verdict).toBe("unverified");
  });

  it("checks the scheme on Authorization, and refuses a scheme on a custom header", async () => {
    const token = await sign(key, v1Claims());
    expect((await explain(V1_POLICY, `Bearer ${token}`, { keys: keySet(key) })).valid).toBe(true);
    const basic = await explain(V1_POLICY, `Basic ${token}`, { keys: keySet(key) });
    expect(basic.reason).toBe("TokenNotPresent");
    const custom = V1_POLICY.replace('header-name="Authorization" require-scheme="Bearer"', 'header-name="X-Token"');
    expect((await explain(custom, `Bearer ${token}`, { keys: keySet(key) })).reason).toBe("JwtInvalid");
    expect((await explain(custom, token, { keys: keySet(key) })).valid).toBe(true);
  });

  it("understands a simple token-value expression and says when it cannot", async () => {
    const token = await sign(key, v1Claims());
    const simple = V1_POLICY.replace(
      'header-name="Authorization" require-scheme="Bearer"',
      `token-value="@(context.Request.Headers.GetValueOrDefault("X-Api-Token",""))"`,
    );
    const e = await explain(simple, token, { keys: keySet(key) });
    expect(check(e, "location")).toMatchObject({ ok: true, expected: 'header X-Api-Token: "<token>" (no scheme)' });
    const whole = V1_POLICY.replace(
      'header-name="Authorization" require-scheme="Bearer"',
      `token-value="@(context.Request.Headers.GetValueOrDefault("Authorization",""))"`,
    );
    const w = await explain(whole, token, { keys: keySet(key) });
    expect(w.notes.join("\n")).toMatch(/reads the whole Authorization header/);
    expect((await explain(whole, `Bearer ${token}`, { keys: keySet(key) })).reason).toBe("JwtInvalid");
    const clever = V1_POLICY.replace(
      'header-name="Authorization" require-scheme="Bearer"',
      `token-value="@(((string)context.Variables["t"]).Trim())"`,
    );
    const c = await explain(clever, token, { keys: keySet(key) });
    expect(check(c, "location")).toMatchObject({ ok: false, status: "not-verified" });
    expect(check(c, "location").expected).toMatch(/cannot evaluate/);
  });

  it("uses the status and message the policy sets", async () => {
    const policy = V1_POLICY.replace('failed-validation-httpcode="401"', 'failed-validation-httpcode="403"');
    const e = await explain(policy, await sign(key, v1Claims({ aud: "api://x" })), { keys: keySet(key) });
    expect(e).toMatchObject({ status: 403, message: "Unauthorized" });
  });

  it("shows the claims that matter and never the signature", async () => {
    const token = await sign(key, v1Claims({ secret_stuff: "x" }));
    const e = await explain(V1_POLICY, token, { keys: keySet(key) });
    expect(Object.keys(e.claims)).not.toContain("secret_stuff");
    expect(JSON.stringify(e)).not.toContain(token.split(".")[2]);
  });
});

describe("explainToken on validate-azure-ad-token", () => {
  const AAD = `<policies><inbound>
    <validate-azure-ad-token tenant-id="${T2}">
      <client-application-ids><application-id>${BRIDGE}</application-id></client-application-ids>
      <audiences><audience>api://partner-api</audience></audiences>
      <required-claims><claim name="roles" match="any"><value>access_as_app</value></claim></required-claims>
    </validate-azure-ad-token>
  </inbound></policies>`;

  it("accepts v1 and v2 issuers of the tenant and checks the client application", async () => {
    expect((await explain(AAD, await sign(key, v1Claims()), { keys: keySet(key) })).valid).toBe(true);
    const v2 = await explain(AAD, await sign(key, v1Claims({ iss: `https://login.microsoftonline.com/${T2}/v2.0` })), {
      keys: keySet(key),
    });
    expect(v2.valid).toBe(true);
    const otherApp = await explain(AAD, await sign(key, v1Claims({ appid: API_APP })), { keys: keySet(key) });
    expect(check(otherApp, "client-application").ok).toBe(false);
    const otherTenant = await explain(AAD, await sign(key, v1Claims({ iss: "https://sts.windows.net/x/" })), {
      keys: keySet(key),
    });
    expect(otherTenant.reason).toBe("TokenIssuerNotAllowed");
  });
});

it("evaluates at the given time", async () => {
  const token = await sign(key, v1Claims());
  expect(
    (await explain(V1_POLICY, token, { keys: keySet(key), at: new Date(NOW.getTime() + 2 * 3600_000) })).reason,
  ).toBe("TokenExpired");
});
