// The real CLI (bin/apimkit.js runs dist/, built by the tests' global setup) in a child process, against the fake
// ARM: the certificate is trusted through NODE_EXTRA_CA_CERTS (read when a process starts), the token comes from
// AZURE_BEARER_TOKEN. Runs that stop before any request (usage mistakes) and `generate` go through main()
// in-process.
import { spawn } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { FakeArm } from "../support/fake-arm/server.js";
import { runCli } from "../support/run-cli.js";
import {
  CALLER_A,
  CALLER_POLICY,
  CALLER_SCOPE,
  PROVIDER,
  PROVIDER_POLICY,
  PROVIDER_SCOPE,
  startFake,
  TOKEN,
  workDir,
} from "./harness.js";

const repo = resolve(import.meta.dirname, "../..");
const bin = join(repo, "bin/apimkit.js");

let fake: FakeArm;
let caFile: string;
beforeAll(async () => {
  fake = await startFake();
  caFile = join(workDir(), "fake-arm-ca.pem");
  writeFileSync(caFile, fake.ca);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.clearLog();
});

/** A work folder with the flagship example config (its ids are the harness's provider and caller A). */
function project(): string {
  const dir = workDir({ callers: { tenant1: CALLER_POLICY } });
  copyFileSync(join(repo, "examples/cross-tenant/apimkit.json"), join(dir, "apimkit.json"));
  return dir;
}

// Async spawn: the fake ARM answers from this process, so it must not be blocked.
function apimkit(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [bin, "publish", ...args], {
      cwd,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, AZURE_BEARER_TOKEN: TOKEN, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** `apimkit publish ...` in-process, with the environment apimkit() gives its child. */
async function publishInProcess(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const r = await runCli(["publish", ...args], { cwd, env: { AZURE_BEARER_TOKEN: TOKEN, NO_COLOR: "1", ...env } });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

const arm = () => ["--auth", "token", "--arm-endpoint", fake.url];

describe("apimkit publish (CLI)", () => {
  test("in CI (no terminal) it refuses to write without --yes: exit 2, one line, nothing written", async () => {
    const r = await apimkit(arm(), project());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^apimkit: refusing to write 4 change\(s\) without confirmation: no terminal to ask on; pass --yes/m,
    );
    expect(fake.writes()).toEqual([]);
  });

  test("--dry-run --json prints the plan on stdout and writes nothing", async () => {
    const r = await apimkit([...arm(), "--dry-run", "--json"], project());
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.targets.map((t: { key: string; action: string }) => `${t.key}:${t.action}`)).toEqual([
      "named-value:tenant2-apim/ProviderTenantId:create",
      "named-value:tenant1-apim/PartnerKey:create",
      "provider:create",
      "caller:tenant1:create",
    ]);
    expect(r.stderr).toContain("plan: 4 to change, 0 unchanged");
    expect(fake.writes()).toEqual([]);
  });

  test("--yes publishes; progress on stderr, the summary table on stdout; the token is never printed", async () => {
    const r = await apimkit([...arm(), "--yes"], project());
    expect(r.stderr).not.toContain("FAILED");
    expect(r.code).toBe(0);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(CALLER_POLICY);
    expect(r.stderr).toMatch(/^apply: provider: operation partner-api\/validate policy on tenant2-apim: created$/m);
    expect(r.stderr).toMatch(/^backup: .*\.apimkit\/backups\/\d{4}-\d\d-\d\dT/m);
    expect(r.stdout).toMatch(
      /^caller:tenant1\s+tenant1-apim\s+apis\/partner-proxy\/policies\/policy\s+create\s+created$/m,
    );
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  test("what `apimkit generate` writes publishes as is; the second publish writes nothing", async () => {
    const fresh = await startFake();
    try {
      const dir = workDir();
      copyFileSync(join(repo, "examples/cross-tenant/apimkit.json"), join(dir, "apimkit.json"));
      const gen = await runCli(["generate", "-c", "apimkit.json", "-o", "generated"], { cwd: dir });
      expect(gen.code, gen.stderr).toBe(0);
      const args = ["--auth", "token", "--arm-endpoint", fresh.url, "--from", "generated", "--yes"];
      const ca = { NODE_EXTRA_CA_CERTS: join(dir, "fresh-ca.pem") };
      writeFileSync(ca.NODE_EXTRA_CA_CERTS, fresh.ca);
      const first = await apimkit(args, dir, ca);
      expect(first.code, first.stderr).toBe(0);
      expect(fresh.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(
        readFileSync(join(dir, "generated/provider/policy.xml"), "utf8"),
      );
      expect(fresh.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(
        readFileSync(join(dir, "generated/callers/tenant1/policy.xml"), "utf8"),
      );
      // Every named value generate listed landed on each service whose policy uses it, before that policy.
      const generated = JSON.parse(readFileSync(join(dir, "generated/named-values.json"), "utf8")) as Array<{
        name: string;
        value: string;
      }>;
      for (const nv of generated) {
        const uses = [PROVIDER, CALLER_A].filter((s) =>
          (fresh.policy(s, s === PROVIDER ? PROVIDER_SCOPE : CALLER_SCOPE)?.value ?? "").includes(`{{${nv.name}}}`),
        );
        for (const s of uses)
          expect(fresh.namedValue(s, nv.name)?.value, `${nv.name} on ${s.serviceName}`).toBe(nv.value);
      }
      const writes = fresh.writes().length;
      const second = await apimkit(args, dir, ca);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain("publish: nothing to publish");
      expect(fresh.writes().length).toBe(writes);
    } finally {
      await fresh.close();
    }
  });

  test("usage mistakes exit 2 with one line", async () => {
    const dir = project();
    const http = await publishInProcess(["--auth", "token", "--arm-endpoint", "http://127.0.0.1:1", "--yes"], dir);
    expect(http).toMatchObject({
      code: 2,
      stderr:
        "apimkit: --arm-endpoint http://127.0.0.1:1: must be https (ARM bearer tokens are never sent over http)\n",
    });
    const noToken = await publishInProcess([...arm(), "--yes"], dir, { AZURE_BEARER_TOKEN: undefined });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^apimkit: --auth token needs a bearer token for tenant .*: set AZURE_BEARER_TOKEN/);
    const noLayout = await publishInProcess([...arm(), "--from", "nowhere"], dir);
    expect(noLayout).toMatchObject({
      code: 2,
      stderr:
        "apimkit: nowhere/provider/policy.xml: not found (run 'apimkit generate' first, or point --from at the generated folder)\n",
    });
    const fromFile = await publishInProcess([...arm(), "--from", "apimkit.json"], dir);
    expect(fromFile).toMatchObject({
      code: 2,
      stderr: "apimkit: --from apimkit.json: is a file; expected the folder 'apimkit generate' wrote\n",
    });
    const badConfig = await publishInProcess([...arm(), "-c", "missing.json"], dir);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("missing.json");
    expect(fake.writes()).toEqual([]);
  });
});
