// The project runs its own policies for real: the generated caller policy in the emulator, its managed-identity
// assertion and token exchange going over HTTP to the local fake Entra lab, its forward-request running the
// generated provider policy in a second emulated gateway, whose validate-jwt fetches the lab's metadata and keys.
// The correct setup gets 200 with the roles; each misconfiguration gets the status and reason APIM gives.
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/types.js";
import { type EmulateResult, emulate, type OutboundRequest } from "../../src/emulator/index.js";
import { generatedPolicies, managedIdentityAssertion, runCaller, toLab } from "../support/fake-entra/caller.js";
import { newSigningKey } from "../support/fake-entra/directory.js";
import { directoryFromConfig, type Misconfiguration } from "../support/fake-entra/scenario.js";
import { type FakeEntra, LOGIN, startFakeEntra } from "../support/fake-entra/server.js";
import { API_APP_ID, labConfig, MI_CLIENT_ID, T2 } from "../token/lab-config.js";

let lab: FakeEntra | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

interface Case {
  config: Config;
  /** How Entra is really set up (by default: as the config says). */
  world?: { config?: Config; mis?: Misconfiguration };
  /** Edits a generated policy's text (hand edits users make). */
  editCaller?: (xml: string) => string;
  editProvider?: (xml: string) => string;
  tamper?: (lab: FakeEntra) => Promise<void>;
  /** The emulated clock of both gateways (default: now). */
  at?: string;
  /** Requests sent through the caller one after another, sharing its cache and clock (default 1). */
  requests?: number;
  /** Emulated minutes between two of them. */
  minutesApart?: number;
}

interface Run {
  caller: EmulateResult;
  provider: EmulateResult | undefined;
  /** Calls that left the caller gateway for Entra (the exchange). */
  exchanges: OutboundRequest[];
}

async function runCase(c: Case): Promise<Run> {
  lab = await startFakeEntra(await directoryFromConfig(c.world?.config ?? c.config, c.world?.mis));
  await c.tamper?.(lab);
  const generated = generatedPolicies(c.config);
  const providerPolicy = (c.editProvider ?? ((x) => x))(generated.provider);
  // Both gateways' clocks follow the real one (the lab issues tokens on it), shifted by `at` and the pauses.
  let offset = c.at ? Date.parse(c.at) - Date.now() : 0;
  const clock = () => Date.now() + offset;
  const mi = await managedIdentityAssertion(lab, c.config.callers[0]!.managedIdentity.clientId);

  const exchanges: OutboundRequest[] = [];
  let provider: EmulateResult | undefined;
  const state = { now: clock(), cache: new Map(), counters: new Map() };
  const send = async () => {
    const run = await runCaller(
      {
        lab: lab!,
        config: c.config,
        state,
        editCaller: c.editCaller,
        // The caller's backend is the provider gateway: its policy runs on the request the caller forwarded.
        backend: async (req) => {
          provider = await emulate({
            policy: { file: "provider/policy.xml", text: providerPolicy },
            namedValues: generated.namedValues,
            state: { now: clock(), cache: new Map(), counters: new Map() },
            request: { method: req.method, url: req.url, headers: req.headers, body: req.body },
            outbound: async (inner, kind) => {
              if (kind === "backend") throw new Error("the echo provider answers itself: no backend call expected");
              return toLab(lab!, inner);
            },
          });
          return provider.response;
        },
      },
      mi.ok ? mi.token : undefined,
    );
    exchanges.push(...run.exchanges.map((e) => e.request));
    return run.result;
  };
  let caller = await send();
  for (let i = 1; i < (c.requests ?? 1); i++) {
    offset += (c.minutesApart ?? 1) * 60_000;
    state.now = clock();
    caller = await send();
  }
  return { caller, provider, exchanges };
}

const json = (r: EmulateResult) => JSON.parse(r.response.body ?? "null");

const v1 = labConfig(1);
const v2 = labConfig(2);
const aad: Config = { ...v1, provider: { ...v1.provider, validator: "validate-azure-ad-token" } };

describe("cross-tenant in the emulator: the correct setup", () => {
  it.each([
    ["v1 API app", v1, "1.0", "appid"],
    ["v2 API app", v2, "2.0", "azp"],
    ["validate-azure-ad-token provider", aad, "1.0", "appid"],
  ])("%s -> 200 with the roles the token proved", async (_n, config, ver, clientClaim) => {
    const run = await runCase({ config });
    expect(run.caller.response.status).toBe(200);
    expect(json(run.caller)).toMatchObject({
      roles: ["access_as_app"],
      [clientClaim]: config.callers[0]!.bridgeApp.appId,
      ver,
    });
    // One exchange at the provider tenant's token endpoint, with the assertion and no secret.
    expect(run.exchanges).toHaveLength(1);
    expect(run.exchanges[0]!.url).toBe(`${LOGIN}/${T2}/oauth2/v2.0/token`);
    expect(run.exchanges[0]!.body).toContain(
      "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
    );
    expect(run.exchanges[0]!.body).not.toContain("client_secret");
    // The caller's own subscription key never reaches the provider, in the header or in the query.
    expect(run.caller.backend?.headers).not.toHaveProperty("Ocp-Apim-Subscription-Key");
    expect(run.caller.backend?.url).toBe("https://tenant2-apim.azure-api.net/partner/validate");
    expect(run.caller.backend?.headers.Authorization).toMatch(/^Bearer eyJ/);
  });

  it("the token is cached: later requests within its life make no exchange, one after it expires does", async () => {
    // The lab's tokens live 3599 s; the caller keeps one until 300 s before it expires.
    const within = await runCase({ config: v1, requests: 3, minutesApart: 20 });
    expect(within.caller.response.status).toBe(200);
    expect(within.exchanges).toHaveLength(1);
    await lab?.close();
    const after = await runCase({ config: v1, requests: 2, minutesApart: 56 });
    expect(after.caller.response.status).toBe(200);
    expect(after.exchanges).toHaveLength(2);
  });
});

/** The LastError.Reason validate-jwt gives for each (the reasons explain-token names, apim-reference §2). */
const REASONS: Record<string, string> = {
  "v2 token against a v1-issuer policy": "TokenIssuerNotAllowed",
  "the other audience form missing": "TokenAudienceNotAllowed",
  "no role assignment": "TokenClaimNotFound",
  "token signed by an unknown key": "TokenSignatureKeyNotFound",
  "expired token": "TokenExpired",
};

describe("cross-tenant in the emulator: misconfigurations the provider rejects", () => {
  const wrongTenant: Config = { ...v1, provider: { ...v1.provider, tenantId: "99999999-9999-4999-8999-999999999999" } };
  it.each([
    ["v2 token against a v1-issuer policy", { config: v1, world: { mis: { actualTokenVersion: 2 } } }],
    [
      "the other audience form missing",
      {
        config: v1,
        editCaller: (x: string) => x.replace("{{t2-api-scope}}", `${API_APP_ID}/.default`),
        editProvider: (x: string) => x.replace(/\s*<audience>\{\{t2-api-client-id\}\}<\/audience>/, ""),
      },
    ],
    ["no role assignment", { config: v1, world: { mis: { noRoleAssignment: true } } }],
    [
      "token signed by an unknown key",
      {
        config: v1,
        tamper: async (l: FakeEntra) => {
          const t2 = l.directory.tenants.find((t) => t.id === T2)!;
          const rogue = await newSigningKey("rogue-key", false);
          t2.keys.push(rogue);
          t2.activeKid = rogue.kid;
        },
      },
    ],
    ["expired token", { config: v1, at: "2099-01-01T00:00:00Z" }],
  ] as [string, Case][])("%s -> 401 from the provider, passed through by the caller", async (n, c) => {
    const run = await runCase(c);
    expect(run.exchanges).toHaveLength(1);
    expect(run.provider?.response.status).toBe(401);
    expect(run.provider?.lastError).toMatchObject({ Source: "validate-jwt", Reason: REASONS[n] });
    expect(run.caller.response.status).toBe(401);
  });

  it("wrong tenant in the config: the exchange goes to a tenant Entra does not know", async () => {
    const run = await runCase({ config: wrongTenant, world: { config: v1 } });
    expect(run.provider).toBeUndefined();
    expect(run.caller.response.status).toBe(502);
    expect(json(run.caller)).toMatchObject({ aadstsCode: "AADSTS90002" });
  });
});

describe("cross-tenant in the emulator: misconfigurations Entra rejects at the exchange", () => {
  it.each([
    ["FIC subject = clientId", { config: v1, world: { mis: { ficSubjectIsClientId: true } } }, "AADSTS700213"],
    [
      "bridge app without a service principal in tenant2",
      { config: v1, world: { mis: { noBridgeServicePrincipal: true } } },
      "AADSTS700016",
    ],
  ] as [string, Case, string][])("%s -> 502 naming the code, the backend never called", async (_n, c, code) => {
    const run = await runCase(c);
    expect(run.caller.response.status).toBe(502);
    expect(run.caller.response.headers?.["Content-Type"]).toBe("application/problem+json");
    expect(json(run.caller)).toMatchObject({ aadstsCode: code, title: "Token exchange failed" });
    expect(run.caller.backend).toBeNull();
    // The exchange's response body (it may quote the assertion) never reaches the client.
    expect(run.caller.response.body).not.toContain("eyJ");
  });

  it("a managed identity the platform does not know -> 502 at authentication-managed-identity", async () => {
    const run = await runCase({
      world: { config: v1 },
      config: {
        ...v1,
        callers: [
          {
            ...v1.callers[0]!,
            managedIdentity: { ...v1.callers[0]!.managedIdentity, clientId: MI_CLIENT_ID.replace("5555", "9999") },
          },
        ],
      },
    });
    expect(run.exchanges).toHaveLength(0);
    expect(run.caller.response.status).toBe(502);
    expect(json(run.caller).detail).toContain("authentication-managed-identity");
  });
});
