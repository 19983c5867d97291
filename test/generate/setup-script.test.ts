// setup.sh: shellcheck-clean, and idempotent against a fake Azure CLI (test/support/fake-az) that keeps a small
// Entra/ARM world: the first run creates what is missing, the second changes nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/types.js";
import { generate } from "../../src/generate/index.js";
import { type FakeAz, startFakeAz, type World } from "../support/fake-az/server.js";
import { GOOD_CONFIGS, type GoodConfigName, goodConfig } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "apimkit-setup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let az: FakeAz;
beforeAll(async () => {
  az = await startFakeAz();
});
afterAll(() => az.close());

const shellcheck = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
const hasShellcheck = shellcheck.status === 0;
if (!hasShellcheck) {
  console.warn(
    "setup.sh shellcheck test skipped: shellcheck is not installed here (.ci/run installs it: apt-get install shellcheck)",
  );
}

function setupScript(config: Config): string {
  const path = join(work, `setup-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(path, generate(config, { layout: "plain" }).find((f) => f.path === "setup.sh")!.content, {
    mode: 0o755,
  });
  return path;
}

describe("setup.sh is clean bash", () => {
  for (const name of Object.keys(GOOD_CONFIGS) as GoodConfigName[]) {
    it.skipIf(!hasShellcheck)(`${name}: shellcheck reports nothing (all severities)`, () => {
      const r = spawnSync("shellcheck", ["--severity=style", "--shell=bash", setupScript(goodConfig(name))], {
        encoding: "utf8",
      });
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    });
    it(`${name}: bash -n parses it and it starts with set -euo pipefail`, () => {
      const path = setupScript(goodConfig(name));
      expect(spawnSync("bash", ["-n", path]).status).toBe(0);
      expect(readFileSync(path, "utf8")).toMatch(/^#!\/usr\/bin\/env bash\n(#.*\n)+set -euo pipefail\n/);
    });
  }
});

/** The world before setup: identity and APIM exist, the apps exist bare (single-tenant, no URI, no role). */
function freshWorld(config: Config): World {
  const p = config.provider;
  const world: World = {
    cloud: config.cloud ?? "AzureCloud",
    current: "",
    subscriptions: { [p.subscriptionId]: p.tenantId },
    logins: [p.tenantId],
    identities: [],
    apims: {},
    apps: { [p.tenantId]: {} },
    sps: {},
    assignments: {},
    namedValues: {},
    writes: [],
    commandLines: [],
  };
  world.apps[p.tenantId]![p.apiApp.appId] = {
    tenant: p.tenantId,
    signInAudience: "AzureADMyOrg",
    identifierUris: [],
    requestedAccessTokenVersion: null,
    appRoles: [],
    fics: [],
  };
  for (const c of config.callers) {
    world.subscriptions[c.subscriptionId] = c.tenantId;
    if (!world.logins.includes(c.tenantId)) world.logins.push(c.tenantId);
    const rg = c.managedIdentity.resourceGroup ?? c.resourceGroup;
    const name = c.managedIdentity.name ?? `${c.name}-uami`;
    world.identities.push({
      id: `/subscriptions/${c.subscriptionId}/resourcegroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
      sub: c.subscriptionId,
      rg,
      name,
      clientId: c.managedIdentity.clientId,
      principalId: c.managedIdentity.principalId,
    });
    world.apims[`${c.subscriptionId}/${c.resourceGroup}/${c.serviceName}`] = { identity: { type: "SystemAssigned" } };
    world.apps[c.tenantId] = world.apps[c.tenantId] ?? {};
    world.apps[c.tenantId]![c.bridgeApp.appId] = {
      tenant: c.tenantId,
      signInAudience: "AzureADMyOrg",
      identifierUris: [],
      requestedAccessTokenVersion: null,
      appRoles: [],
      fics: [],
    };
  }
  return world;
}

/** Runs setup.sh (a real bash) with the fake az first on PATH; its calls change `world`'s copy, returned after. */
function runSetup(script: string, world: World, args: string[] = [], env: Record<string, string> = {}) {
  return az.bash([script, ...args], world, env);
}

describe("setup.sh against a fake Azure CLI", () => {
  it("flagship: the first run does every missing step, the second run changes nothing", async () => {
    const config = goodConfig("flagship");
    const c = config.callers[0]!;
    const p = config.provider;
    const script = setupScript(config);
    const first = await runSetup(script, freshWorld(config));
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const world = first.world;
    const uami = world.identities[0]!.id;
    const bridgeSp = world.sps[p.tenantId]![c.bridgeApp.appId]!.id;
    const apiSp = world.sps[p.tenantId]![p.apiApp.appId]!.id;
    const roleId = (world.apps[p.tenantId]![p.apiApp.appId]!.appRoles as { id: string; value: string }[])[0]!.id;
    expect(world.writes).toEqual([
      `apim identity tenant1-apim SystemAssigned, UserAssigned ${uami}`,
      `app ${c.bridgeApp.appId} signInAudience=AzureADMultipleOrgs`,
      `fic apimkit-tenant1 issuer=https://login.microsoftonline.com/${c.tenantId}/v2.0 subject=${c.managedIdentity.principalId} audience=api://AzureADTokenExchange`,
      `app ${p.apiApp.appId} identifierUris=${p.apiApp.identifierUri}`,
      `app ${p.apiApp.appId} appRoles=access_as_app`,
      `sp create ${p.apiApp.appId} in ${p.tenantId}`,
      `sp create ${c.bridgeApp.appId} in ${p.tenantId}`,
      `app role assignment ${bridgeSp} -> ${apiSp} ${roleId}`,
    ]);
    expect(first.stdout).toContain("   already done: requestedAccessTokenVersion is null (v1 tokens)");
    expect(first.stdout.trimEnd().endsWith("setup.sh: all finished")).toBe(true);

    const second = await runSetup(script, { ...world, writes: [] });
    expect([second.code, second.stderr]).toEqual([0, ""]);
    expect(second.world.writes).toEqual([]);
    const steps = second.stdout.split("\n== ").slice(1);
    expect(steps.length).toBe(11); // 4 caller steps, 5 provider app steps, 2 per caller in the provider tenant
    for (const s of steps) expect(s, s).toMatch(/\n {3}already done: /);
  });

  it("three callers, v2: sets the token version, adds both roles, one assignment per caller, the secret from the environment", async () => {
    const config = goodConfig("v2-jwt-three-callers");
    const script = setupScript(config);
    const world = freshWorld(config);
    world.apps[config.provider.tenantId]![config.provider.apiApp.appId]!.identifierUris = ["api://kept"];
    const r = await runSetup(script, world, [], { APIMKIT_PROVIDER_KEY_NORTHWIND: "s3cr3t-key-value" });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const w = r.world.writes;
    expect(w).toContain(`app ${config.provider.apiApp.appId} requestedAccessTokenVersion=2`);
    expect(w, "existing identifier URIs are kept").toContain(
      `app ${config.provider.apiApp.appId} identifierUris=api://kept,${config.provider.apiApp.identifierUri}`,
    );
    expect(w).toContain(`app ${config.provider.apiApp.appId} appRoles=Orders.Read`);
    expect(w).toContain(`app ${config.provider.apiApp.appId} appRoles=Orders.Read,Orders.Write`);
    expect(w.filter((x) => x.startsWith("app role assignment")).length).toBe(3);
    expect(w).toContain("apim nv create northwind-orders-key secret=true");
    expect(Object.values(r.world.namedValues)[0]).toEqual({
      "northwind-orders-key": { secret: "true", value: "s3cr3t-key-value" },
    });
    expect(r.stdout).not.toContain("s3cr3t");
    expect(
      r.world.commandLines.filter((l) => l.includes("s3cr3t")),
      "the key on an az command line",
    ).toEqual([]);
    expect((await runSetup(script, { ...r.world, writes: [] })).world.writes).toEqual([]);
  });

  it("a role added next to an existing one: the existing role goes back without its read-only origin", async () => {
    const config = goodConfig("flagship");
    const world = freshWorld(config);
    const existing = {
      allowedMemberTypes: ["User"],
      description: "kept",
      displayName: "Reader",
      id: "0e0e0e0e-0000-4000-8000-000000000000",
      isEnabled: true,
      value: "Reader",
    };
    world.apps[config.provider.tenantId]![config.provider.apiApp.appId]!.appRoles = [existing];
    const r = await runSetup(setupScript(config), world);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.world.writes).toContain(`app ${config.provider.apiApp.appId} appRoles=Reader,access_as_app`);
    const roles = r.world.apps[config.provider.tenantId]![config.provider.apiApp.appId]!.appRoles as object[];
    expect(roles[0]).toEqual(existing);
  });

  it("a federated credential of the same name with a stale subject is updated, not created twice", async () => {
    const config = goodConfig("flagship");
    const c = config.callers[0]!;
    const world = freshWorld(config);
    world.apps[c.tenantId]![c.bridgeApp.appId]!.fics = [
      {
        name: "apimkit-tenant1",
        issuer: `https://login.microsoftonline.com/${c.tenantId}/v2.0`,
        subject: c.managedIdentity.clientId, // the classic mistake
        audiences: ["api://AzureADTokenExchange"],
      },
    ];
    const r = await runSetup(setupScript(config), world, ["caller:tenant1"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.world.writes).toContain(
      `fic update apimkit-tenant1 issuer=https://login.microsoftonline.com/${c.tenantId}/v2.0 subject=${c.managedIdentity.principalId} audience=api://AzureADTokenExchange`,
    );
    expect(r.world.apps[c.tenantId]![c.bridgeApp.appId]!.fics).toHaveLength(1);
    expect((await runSetup(setupScript(config), { ...r.world, writes: [] }, ["caller:tenant1"])).world.writes).toEqual(
      [],
    );
  });

  it("China: the federated credential names the issuer of China's v2 tokens, not the login alias", async () => {
    const config: Config = { ...goodConfig("flagship"), cloud: "AzureChinaCloud" };
    const c = config.callers[0]!;
    const r = await runSetup(setupScript(config), freshWorld(config), ["caller:tenant1"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.world.writes).toContain(
      `fic apimkit-tenant1 issuer=https://login.partner.microsoftonline.cn/${c.tenantId}/v2.0 subject=${c.managedIdentity.principalId} audience=api://AzureADTokenExchangeChina`,
    );
  });

  it("an APIM still applying an update is not patched again: a note, the other steps go on", async () => {
    const config = goodConfig("flagship");
    const c = config.callers[0]!;
    const world = freshWorld(config);
    world.apims[`${c.subscriptionId}/${c.resourceGroup}/${c.serviceName}`]!.provisioningState = "Updating";
    const r = await runSetup(setupScript(config), world, ["caller:tenant1"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(
      "   note: skipped: tenant1-apim is Updating (an update is still running): re-run when it is done",
    );
    expect(r.world.writes.filter((w) => w.startsWith("apim identity"))).toEqual([]);
    expect(r.world.writes.some((w) => w.startsWith("fic apimkit-tenant1"))).toBe(true);
  });

  it("without the key in the environment, it says how to create the secret and goes on", async () => {
    const config = goodConfig("v2-jwt-three-callers");
    const r = await runSetup(setupScript(config), freshWorld(config), ["caller:northwind"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("note: skipped: set APIMKIT_PROVIDER_KEY_NORTHWIND to the provider subscription key");
  });

  it("a principalId that does not match the identity stops with both ids", async () => {
    const config = goodConfig("flagship");
    const world = freshWorld(config);
    world.identities[0]!.principalId = "99999999-9999-4999-8999-999999999999";
    const r = await runSetup(setupScript(config), world);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `has principalId 99999999-9999-4999-8999-999999999999, apimkit.json says ${config.callers[0]!.managedIdentity.principalId}: fix managedIdentity.principalId`,
    );
    expect(r.world.writes).toEqual([]);
  });

  it("not signed in to the provider tenant: the caller steps run, then it says which az login to run", async () => {
    const config = goodConfig("flagship");
    const world = freshWorld(config);
    world.logins = [config.callers[0]!.tenantId];
    const r = await runSetup(setupScript(config), world);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `setup.sh: not signed in to tenant ${config.provider.tenantId} (subscription ${config.provider.subscriptionId}): run  az login --tenant ${config.provider.tenantId}  then re-run\n`,
    );
    expect(r.world.writes.length).toBe(3);
  });

  it("a missing identity with a name is created, then setup stops asking to put its new ids in the config", async () => {
    const config = goodConfig("flagship");
    const world = freshWorld(config);
    world.identities = [];
    const r = await runSetup(setupScript(config), world, ["caller:tenant1"]);
    expect(r.code).toBe(1);
    expect(r.world.writes).toEqual(["identity create tenant1-apim-uami"]);
    const created = r.world.identities[0]!;
    expect(r.stderr).toContain(
      `identity tenant1-apim-uami has clientId ${created.clientId} and principalId ${created.principalId}`,
    );
  });

  it("rejects an unknown step or caller", async () => {
    const script = setupScript(goodConfig("flagship"));
    const world = freshWorld(goodConfig("flagship"));
    expect((await runSetup(script, world, ["caller:nobody"])).stderr).toBe(
      "setup.sh: unknown caller 'nobody' (callers: tenant1)\n",
    );
    expect((await runSetup(script, world, ["everything"])).code).toBe(1);
  });
});
