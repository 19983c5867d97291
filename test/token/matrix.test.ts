// The acceptance matrix of issue 7: config -> the generated caller policy in the emulator (real HTTP exchange with the
// lab) -> its token -> explain-token against the generated provider policy.
// The correct setup gets 200; each misconfiguration gets the failure Entra or APIM would give.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/types.js";
import { type ExchangeResult, exchangeOverrides, exchangeThroughCaller } from "../support/fake-entra/caller.js";
import { newSigningKey } from "../support/fake-entra/directory.js";
import { directoryFromConfig, type Misconfiguration } from "../support/fake-entra/scenario.js";
import { type FakeEntra, startFakeEntra } from "../support/fake-entra/server.js";
import { runCli } from "../support/run-cli.js";
import { API_APP_ID, labConfig, T1, T2 } from "./lab-config.js";
import { providerFor } from "./provider-source.js";

let lab: FakeEntra | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

interface Case {
  /** The config the policies are generated from (what the user wrote). */
  config: Config;
  /** How Entra is really set up (by default: as the config says). */
  world?: { config?: Config; mis?: Misconfiguration };
  /** Scope the caller requests (default: the config's <identifierUri>/.default). */
  scope?: string;
  /** Tenant the caller sends the exchange to (default: the config's provider tenant). */
  exchangeTenant?: string;
  /** Edits the provider policy text (for hand-edited policies). */
  editPolicy?: (xml: string) => string;
  /** Changes the lab after it started (e.g. rotate to an unpublished key). */
  tamper?: (lab: FakeEntra) => Promise<void>;
  at?: string;
}

async function runCase(c: Case) {
  const world = c.world?.config ?? c.config;
  lab = await startFakeEntra(await directoryFromConfig(world, c.world?.mis));
  await c.tamper?.(lab);
  // The generated caller policy, run in the emulator, makes the exchange (with the named values the user set).
  const exchange: ExchangeResult = await exchangeThroughCaller({
    lab,
    config: c.config,
    namedValues: exchangeOverrides(c.config, { scope: c.scope, tenant: c.exchangeTenant }),
  });
  if (!exchange.ok) return { exchange, explained: undefined };
  const provider = await providerFor(c.config);
  const dir = mkdtempSync(join(tmpdir(), "apimkit-matrix-"));
  const policyFile = join(dir, "policy.xml");
  writeFileSync(policyFile, c.editPolicy ? c.editPolicy(provider.source) : provider.source);
  const namedFile = join(dir, "named-values.json");
  writeFileSync(namedFile, JSON.stringify([...provider.namedValues].map(([name, value]) => ({ name, value }))));
  const tokenFile = join(dir, "token.jwt");
  writeFileSync(tokenFile, exchange.accessToken);
  // The lab serves the metadata of the token version the POLICY reads, as APIM would fetch it.
  const version = /\/v2\.0\/\.well-known/.test(provider.source) ? 2 : 1;
  const args = [
    "explain-token",
    tokenFile,
    "--policy",
    policyFile,
    "--named-values",
    namedFile,
    "--openid-config",
    lab.openidConfigUrl(world.provider.tenantId, version),
    "--json",
  ];
  if (c.at) args.push("--at", c.at);
  const r = await runCli(args);
  expect(r.stderr).toBe("");
  return { exchange, explained: { code: r.code, body: JSON.parse(r.stdout) } };
}

const v1 = labConfig(1);
const v2 = labConfig(2);
const aad: Config = { ...v1, provider: { ...v1.provider, validator: "validate-azure-ad-token" } };

describe("matrix: the correct setup", () => {
  it.each([
    ["v1 API app, scope = App ID URI", { config: v1 }],
    ["v1 API app, scope = client id", { config: v1, scope: `${API_APP_ID}/.default` }],
    ["v2 API app", { config: v2 }],
    ["validate-azure-ad-token provider", { config: aad }],
  ] as [string, Case][])("%s -> 200", async (_n, c) => {
    const { explained } = await runCase(c);
    expect(explained?.body).toMatchObject({ valid: true, status: 200, reason: null });
    expect(explained?.code).toBe(0);
  });
});

describe("matrix: misconfigurations APIM rejects", () => {
  const wrongTenant: Config = { ...v1, provider: { ...v1.provider, tenantId: "99999999-9999-4999-8999-999999999999" } };
  it.each([
    [
      "v2 token against a v1-issuer policy",
      { config: v1, world: { mis: { actualTokenVersion: 2 } } },
      "TokenIssuerNotAllowed",
      /v2\.0 token/,
    ],
    [
      "the other audience form missing",
      {
        config: v1,
        scope: `${API_APP_ID}/.default`,
        editPolicy: (x: string) => x.replace(/\s*<audience>[^<]*t2-api-client-id[^<]*<\/audience>/, ""),
      },
      "TokenAudienceNotAllowed",
      /the policy accepts only the other form: add <audience>/,
    ],
    [
      "no role assignment",
      { config: v1, world: { mis: { noRoleAssignment: true } } },
      "TokenClaimNotFound",
      /assign the API app's app role/,
    ],
    [
      "wrong tenant in the config",
      { config: wrongTenant, world: { config: v1 }, exchangeTenant: T2 },
      "TokenIssuerNotAllowed",
      new RegExp(`comes from tenant ${T2}`),
    ],
    ["expired token", { config: v1, at: "2099-01-01T00:00:00Z" }, "TokenExpired", /request a new token/],
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
      "TokenSignatureKeyNotFound",
      /no key with kid "rogue-key"/,
    ],
  ] as [string, Case, string, RegExp][])("%s -> 401", async (_n, c, reason, detail) => {
    const { exchange, explained } = await runCase(c);
    expect(exchange.ok).toBe(true);
    expect(explained?.code).toBe(1);
    expect(explained?.body).toMatchObject({ valid: false, status: 401, reason });
    const failed = explained!.body.checks.filter((k: { ok: boolean; status: string }) => k.status === "fail");
    expect(failed.map((k: { detail?: string }) => k.detail ?? "").join("\n")).toMatch(detail);
  });
});

describe("matrix: misconfigurations Entra rejects at the exchange", () => {
  it.each([
    ["FIC subject = clientId", { config: v1, world: { mis: { ficSubjectIsClientId: true } } }, 700213],
    [
      "bridge app without a service principal in tenant2",
      { config: v1, world: { mis: { noBridgeServicePrincipal: true } } },
      700016,
    ],
    ["exchange sent to the caller tenant (wrong tenant)", { config: v1, exchangeTenant: T1 }, 500011],
  ] as [string, Case, number][])("%s -> Entra refuses the exchange, and doctor explains it", async (_n, c, code) => {
    const { exchange } = await runCase(c);
    expect(exchange.ok).toBe(false);
    if (exchange.ok) return;
    expect(exchange.status).toBe(400);
    expect(exchange.body.error_codes).toEqual([code]);
    const dir = mkdtempSync(join(tmpdir(), "apimkit-matrix-"));
    const configFile = join(dir, "apimkit.json");
    writeFileSync(configFile, JSON.stringify(c.config));
    const errorFile = join(dir, "error.json");
    writeFileSync(errorFile, JSON.stringify(exchange.body));
    const r = await runCli(["doctor", "-c", configFile, "--error", errorFile]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL  AADSTS${code}: `);
  });
});
