// The fault matrix of issue 6, all through the real @azure/arm-apimanagement SDK over HTTPS to the fake ARM.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { FakeArm } from "../support/fake-arm/server.js";
import {
  CALLER_A,
  CALLER_B,
  CALLER_POLICY,
  CALLER_SCOPE,
  OLD_POLICY,
  PROVIDER,
  PROVIDER_POLICY,
  PROVIDER_SCOPE,
  runPublish,
  SECRET,
  startFake,
  workDir,
  writeSummary,
} from "./harness.js";

let fake: FakeArm;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(async () => {
  await fake.close();
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Existing state: old policies everywhere, an old plain named value on the provider. */
function seedExisting(): { provider: string; callerA: string; callerB: string } {
  const provider = `${OLD_POLICY}<!-- provider -->\n`;
  const callerA = `${OLD_POLICY}<!-- caller A -->\n`;
  const callerB = `${OLD_POLICY}<!-- caller B -->\n`;
  fake.setPolicy(PROVIDER, PROVIDER_SCOPE, provider);
  fake.setPolicy(CALLER_A, CALLER_SCOPE, callerA);
  fake.setPolicy(CALLER_B, CALLER_SCOPE, callerB);
  fake.setNamedValue(PROVIDER, {
    id: "provider-tenant",
    displayName: "ProviderTenantId",
    value: "old-tenant",
    secret: false,
  });
  return { provider, callerA, callerB };
}

describe("publish", () => {
  test("clean publish: named values, then the provider, then the callers; rawxml stored byte for byte", async () => {
    const dir = workDir();
    const r = await runPublish(fake, dir);
    expect(r.stderr).not.toContain("FAILED");
    expect(r.exitCode).toBe(0);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.format).toBe("rawxml");
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(CALLER_POLICY);
    expect(fake.policy(CALLER_B, CALLER_SCOPE)?.value).toBe(CALLER_POLICY);
    expect(fake.namedValue(PROVIDER, "ProviderTenantId")).toMatchObject({ value: PROVIDER.tenantId, secret: false });
    expect(fake.namedValue(CALLER_A, "PartnerKey")).toMatchObject({ value: SECRET, secret: true });
    expect(fake.namedValue(CALLER_B, "PartnerKey")).toMatchObject({ value: SECRET, secret: true });
    // Only named values the service's policy references go to that service.
    expect(fake.namedValue(PROVIDER, "PartnerKey")).toBeUndefined();

    const order = writeSummary(fake);
    expect(order).toEqual([
      "PUT tenant2-apim/namedValues/ProviderTenantId 202",
      "PUT tenant1-apim/namedValues/PartnerKey 202",
      "PUT tenant3-apim/namedValues/PartnerKey 202",
      "PUT tenant2-apim/apis/partner-api/operations/validate/policies/policy 201",
      "PUT tenant1-apim/apis/partner-proxy/policies/policy 201",
      "PUT tenant3-apim/apis/partner-proxy/policies/policy 201",
    ]);
    expect(r.report.targets.map((t) => t.state)).toEqual(Array(6).fill("created"));
    expect(r.stdout).toMatch(/TARGET\s+SERVICE\s+RESOURCE\s+PLAN\s+STATE/);
    // The secret never reaches the output, the report or the backup.
    expect(r.stdout + r.stderr + JSON.stringify(r.report)).not.toContain(SECRET);
    expect(r.report.backupDir).toBeDefined();
    for (const f of allFiles(r.report.backupDir ?? "")) expect(readFileSync(f, "utf8")).not.toContain(SECRET);
  });

  test("a policy file saved with a BOM and CRLF is sent without the BOM, line endings as written", async () => {
    const crlf = CALLER_POLICY.replace(/\n/g, "\r\n");
    const r = await runPublish(
      fake,
      workDir({ provider: `\uFEFF${PROVIDER_POLICY}`, callers: { tenant1: crlf, tenant3: CALLER_POLICY } }),
    );
    expect(r.exitCode).toBe(0);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(crlf);
  });

  test("updates send If-Match with the ETag the plan read", async () => {
    seedExisting();
    const before = fake.policy(PROVIDER, PROVIDER_SCOPE)?.etag;
    const r = await runPublish(fake, workDir());
    expect(r.exitCode).toBe(0);
    const providerPut = fake.writes().find((w) => w.path.endsWith("operations/validate/policies/policy"));
    expect(providerPut?.ifMatch).toBe(before);
    const nvPut = fake.writes().find((w) => w.path.endsWith("namedValues/provider-tenant"));
    expect(nvPut?.ifMatch).toBeDefined();
    // The existing named value is updated under its own id, not duplicated under the display name.
    expect(fake.namedValue(PROVIDER, "ProviderTenantId")).toBeUndefined();
    expect(fake.namedValue(PROVIDER, "provider-tenant")?.value).toBe(PROVIDER.tenantId);
  });

  test("second publish writes nothing, also when APIM hands the policy back re-indented with CRLF", async () => {
    const dir = workDir();
    expect((await runPublish(fake, dir)).exitCode).toBe(0);
    // APIM re-indents what it stores; that is not a change.
    const stored = fake.policy(PROVIDER, PROVIDER_SCOPE)?.value ?? "";
    fake.setPolicy(
      PROVIDER,
      PROVIDER_SCOPE,
      stored.replace(/^ +/gm, (s) => "\t".repeat(s.length / 2)).replace(/\n/g, "\r\n"),
    );
    fake.clearLog();
    const again = await runPublish(fake, dir);
    expect(again.exitCode).toBe(0);
    expect(fake.writes()).toEqual([]);
    expect(again.report.targets.map((t) => t.action)).toEqual(Array(6).fill("unchanged"));
    expect(again.report.backupDir).toBeUndefined();
    expect(again.stderr).toContain("nothing to publish");
  });

  test("dry run writes nothing and shows a unified diff per changed target", async () => {
    const seeded = seedExisting();
    const dir = workDir();
    const r = await runPublish(fake, dir, { dryRun: true });
    expect(r.exitCode).toBe(0);
    expect(fake.writes()).toEqual([]);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(seeded.provider);
    expect(r.stdout).toContain(
      "--- tenant2-apim/apis/partner-api/operations/validate/policies/policy\n+++ out/provider/policy.xml\n",
    );
    expect(r.stdout).toContain("-<!-- provider -->");
    expect(r.stdout).toContain("+      <required-claims>");
    expect(r.stdout).toContain("-value: old-tenant");
    expect(r.report.mode).toBe("plan");
    expect(existsSync(join(dir, ".apimkit"))).toBe(false);
    // The policy GETs asked for rawxml.
    const gets = fake.log.filter((l) => l.method === "GET" && l.path.endsWith("/policies/policy"));
    expect(gets.length).toBe(3);
    expect(gets.every((g) => g.format === "rawxml")).toBe(true);
  });

  test("dry run --json prints the plan as JSON with diffs and no secret", async () => {
    fake.setNamedValue(CALLER_A, {
      id: "PartnerKey",
      displayName: "PartnerKey",
      value: "previous-secret-value",
      secret: true,
    });
    const r = await runPublish(fake, workDir(), { dryRun: true, json: true });
    const plan = JSON.parse(r.stdout);
    expect(plan.mode).toBe("plan");
    expect(plan.targets.find((t: { key: string }) => t.key === "provider").action).toBe("create");
    const key = plan.targets.find((t: { key: string }) => t.key === "named-value:tenant1-apim/PartnerKey");
    expect(key.action).toBe("update");
    expect(key.diff).toContain("+value: [secret, new value]");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain("previous-secret-value");
  });

  test("412 mid-run: the changed target is not overwritten, nothing after it is written, earlier writes are rolled back", async () => {
    const seeded = seedExisting();
    const someoneElse = `${OLD_POLICY}<!-- edited in the portal meanwhile -->\n`;
    fake.beforeRequest = (req, f) => {
      if (req.write && req.path.endsWith("operations/validate/policies/policy") && req.method === "PUT") {
        f.beforeRequest = undefined;
        f.setPolicy(CALLER_A, CALLER_SCOPE, someoneElse);
      }
    };
    const r = await runPublish(fake, workDir());
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("was changed by someone else after the plan read it (412 Precondition Failed");
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(someoneElse);
    expect(fake.policy(CALLER_B, CALLER_SCOPE)?.value).toBe(seeded.callerB);
    // Nothing after the 412 was written: caller B's policy was never touched (its named value, written before
    // the provider in dependency order, was rolled back like the others).
    expect(fake.writes().some((w) => w.path.includes("tenant3-apim/apis/"))).toBe(false);
    // Rolled back: the provider's policy byte for byte, its named value to the old value, created ones removed.
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(seeded.provider);
    expect(fake.namedValue(PROVIDER, "provider-tenant")?.value).toBe("old-tenant");
    expect(fake.namedValue(CALLER_A, "PartnerKey")).toBeUndefined();
    const states = Object.fromEntries(r.report.targets.map((t) => [t.key, t.state]));
    expect(states).toEqual({
      "named-value:tenant2-apim/ProviderTenantId": "rolled-back",
      "named-value:tenant1-apim/PartnerKey": "rolled-back",
      "named-value:tenant3-apim/PartnerKey": "rolled-back",
      provider: "rolled-back",
      "caller:tenant1": "failed",
      "caller:tenant3": "not-attempted",
    });
    expect(fake.namedValue(CALLER_B, "PartnerKey")).toBeUndefined();
  });

  test("caller PUT fails after the provider succeeded: the provider is restored byte for byte", async () => {
    const seeded = seedExisting();
    fake.addFault({
      match: { method: "PUT", path: "tenant1-apim/apis/partner-proxy/policies/policy" },
      action: {
        status: 400,
        code: "ValidationError",
        message: "Error in element 'set-header' on line 4, column 6: injected by the test",
      },
    });
    const r = await runPublish(fake, workDir());
    expect(r.exitCode).toBe(1);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(seeded.provider);
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(seeded.callerA);
    // APIM's position next to the policy file's path.
    expect(r.stderr).toContain("out/callers/tenant1/policy.xml:4:6: Error in element 'set-header' on line 4, column 6");
    // A 400 is not retried: exactly one attempt.
    expect(fake.log.filter((l) => l.method === "PUT" && l.path.includes("tenant1-apim/apis")).length).toBe(1);
    const provider = r.report.targets.find((t) => t.key === "provider");
    expect(provider?.state).toBe("rolled-back");
    expect(r.stdout).toMatch(
      /provider\s+tenant2-apim\s+apis\/partner-api\/operations\/validate\/policies\/policy\s+update\s+rolled-back/,
    );
  });

  test("--no-rollback leaves applied steps in place and says so", async () => {
    seedExisting();
    fake.addFault({
      match: { method: "PUT", path: "tenant1-apim/apis/" },
      action: { status: 409, code: "Conflict", message: "injected" },
    });
    const r = await runPublish(fake, workDir(), { rollback: false });
    expect(r.exitCode).toBe(1);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
    expect(r.report.targets.find((t) => t.key === "provider")?.state).toBe("updated");
    expect(r.stderr).toContain("--no-rollback");
  });

  test("a write whose answer is lost: the SDK's retry meets 412, and a second look shows our write landed", async () => {
    seedExisting();
    fake.addFault({
      match: { method: "PUT", path: "operations/validate/policies/policy" },
      action: { drop: true, after: true },
    });
    const r = await runPublish(fake, workDir());
    expect(r.stderr).not.toContain("FAILED");
    expect(r.exitCode).toBe(0);
    const attempts = fake.log.filter(
      (l) => l.method === "PUT" && l.path.endsWith("operations/validate/policies/policy"),
    );
    expect(attempts.map((a) => a.fault ?? String(a.status))).toEqual(["drop-after", "412"]);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
    expect(r.report.targets.find((t) => t.key === "provider")?.state).toBe("updated");
  });

  test("a rollback never overwrites a change made after our write: that target is reported rollback-failed", async () => {
    seedExisting();
    const meanwhile = `${OLD_POLICY}<!-- hot fix from the portal -->\n`;
    fake.beforeRequest = (req, f) => {
      if (req.method === "PUT" && req.path.includes("tenant1-apim/apis/")) {
        f.beforeRequest = undefined;
        f.setPolicy(PROVIDER, PROVIDER_SCOPE, meanwhile);
      }
    };
    fake.addFault({
      match: { method: "PUT", path: "tenant1-apim/apis/" },
      action: { status: 409, code: "Conflict", message: "injected" },
    });
    const r = await runPublish(fake, workDir());
    expect(r.exitCode).toBe(1);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(meanwhile);
    const provider = r.report.targets.find((t) => t.key === "provider");
    expect(provider?.state).toBe("rollback-failed");
    expect(provider?.detail).toMatch(/^changed by someone else after our write; their change was kept/);
    // The named values before it were still rolled back.
    expect(fake.namedValue(PROVIDER, "provider-tenant")?.value).toBe("old-tenant");
  });

  test("interrupted (Ctrl-C) during apply: the step under way finishes, nothing more is written, all is rolled back", async () => {
    const seeded = seedExisting();
    const interrupt = new AbortController();
    fake.beforeRequest = (req) => {
      if (req.method === "PUT" && req.path.endsWith("operations/validate/policies/policy")) interrupt.abort();
    };
    const r = await runPublish(fake, workDir(), { signal: interrupt.signal });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "apply: interrupted; caller:tenant1: api partner-proxy policy on tenant1-apim and the steps after it were not written",
    );
    expect(fake.writes().some((w) => w.path.includes("/apis/partner-proxy/"))).toBe(false);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(seeded.provider);
    expect(r.report.targets.find((t) => t.key === "provider")?.state).toBe("rolled-back");
    expect(r.report.targets.find((t) => t.key === "caller:tenant1")?.state).toBe("not-attempted");
    expect(r.report.error).toMatch(/^publish interrupted; applied steps were rolled back/);
  });

  test("429 twice then success: the SDK retries honouring Retry-After (3 attempts on the server)", async () => {
    fake.addFault({
      match: { method: "PUT", path: "operations/validate/policies/policy" },
      action: { status: 429, retryAfterSeconds: 1 },
      times: 2,
    });
    const r = await runPublish(fake, workDir());
    expect(r.exitCode).toBe(0);
    const attempts = fake.log.filter(
      (l) => l.method === "PUT" && l.path.endsWith("operations/validate/policies/policy"),
    );
    expect(attempts.map((a) => a.status)).toEqual([429, 429, 201]);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
  });

  test("malformed policy: stopped in preflight with file:line:column, zero requests", async () => {
    const broken = CALLER_POLICY.replace(
      '<rewrite-uri template="/partner/validate" />',
      '<rewrite-uri template="/partner/validate">',
    );
    const r = await runPublish(fake, workDir({ callers: { tenant1: broken, tenant3: CALLER_POLICY } }));
    expect(r.exitCode).toBe(1);
    expect(r.report.stoppedIn).toBe("preflight");
    expect(r.stderr).toMatch(/out\/callers\/tenant1\/policy\.xml:\d+:\d+: error: /);
    expect(fake.log).toEqual([]);
  });

  test("preflight lints under the project's .apimkitrc.json, like `apimkit lint` in CI", async () => {
    const leaky = PROVIDER_POLICY.replace(
      "context.RequestId.ToString()",
      'context.Request.Headers.GetValueOrDefault("Authorization", "")',
    );
    const dir = workDir({ provider: leaky });
    const stopped = await runPublish(fake, dir);
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stderr).toMatch(/out\/provider\/policy\.xml:\d+:\d+: error: .*\(secret-leak\)/);
    expect(fake.writes()).toEqual([]);

    writeFileSync(join(dir, ".apimkitrc.json"), JSON.stringify({ rules: { "secret-leak": "off" } }));
    const allowed = await runPublish(fake, dir);
    expect(allowed.exitCode).toBe(0);
    expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(leaky);

    writeFileSync(join(dir, ".apimkitrc.json"), JSON.stringify({ rules: { "secret-leek": "off" } }));
    await expect(runPublish(fake, dir)).rejects.toThrow(/secret-leek/);
  });

  test("missing named value: stopped in preflight, pointing at the reference, zero writes", async () => {
    const missing = CALLER_POLICY.replace("{{PartnerKey}}", "{{PartnerKeyTypo}}");
    const r = await runPublish(fake, workDir({ callers: { tenant1: missing, tenant3: CALLER_POLICY } }));
    expect(r.exitCode).toBe(1);
    expect(r.report.stoppedIn).toBe("preflight");
    expect(r.stderr).toContain(
      "out/callers/tenant1/policy.xml:5:14: error: named value '{{PartnerKeyTypo}}' is neither in named-values.json nor on tenant1-apim",
    );
    expect(fake.writes()).toEqual([]);
  });

  test("a named value that already exists on the service satisfies the reference", async () => {
    fake.setNamedValue(CALLER_A, {
      id: "partner-key-kv",
      displayName: "PartnerKeyFromVault",
      value: "x",
      secret: true,
    });
    const policy = CALLER_POLICY.replace("{{PartnerKey}}", "{{PartnerKeyFromVault}}");
    const r = await runPublish(fake, workDir({ callers: { tenant1: policy, tenant3: CALLER_POLICY } }));
    expect(r.exitCode).toBe(0);
    expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(policy);
    expect(fake.namedValue(CALLER_A, "PartnerKey")).toBeUndefined();
  });

  test("usedBy (as generate records it) places a named value even where no policy references it yet", async () => {
    const namedValues = [
      { name: "ProviderTenantId", value: PROVIDER.tenantId, secret: false },
      { name: "PartnerKey", value: SECRET, secret: true },
      { name: "Spare", value: "for-later", secret: false, usedBy: ["caller:tenant3"] },
      { name: "Orphan", value: "nobody", secret: false },
    ];
    const r = await runPublish(fake, workDir({ namedValues }));
    expect(r.exitCode).toBe(0);
    expect(fake.namedValue(CALLER_B, "Spare")?.value).toBe("for-later");
    expect(fake.namedValue(CALLER_A, "Spare")).toBeUndefined();
    expect(r.report.warnings).toEqual([
      "named value Orphan (out/named-values.json) is not referenced by any policy being published; not published",
    ]);
    const only = await runPublish(fake, workDir({ namedValues }), { only: "provider" });
    // Spare belongs to a caller --only left out: no warning for it.
    expect(only.report.warnings.map((w) => w.split(" ")[2])).toEqual(["PartnerKey", "Orphan"]);
  });

  test("--only caller:NAME publishes that caller and its named values only", async () => {
    const r = await runPublish(fake, workDir(), { only: "caller:tenant3" });
    expect(r.exitCode).toBe(0);
    expect(writeSummary(fake)).toEqual([
      "PUT tenant3-apim/namedValues/PartnerKey 202",
      "PUT tenant3-apim/apis/partner-proxy/policies/policy 201",
    ]);
    await expect(runPublish(fake, workDir(), { only: "caller:nobody" })).rejects.toThrow(
      "--only caller:nobody: expected one of provider, caller:tenant1, caller:tenant3",
    );
  });

  test("without --yes and without a terminal: refuses to write; with a terminal: asks", async () => {
    const dir = workDir();
    await expect(runPublish(fake, dir, { yes: false })).rejects.toThrow(/no terminal to ask on; pass --yes/);
    expect(fake.writes()).toEqual([]);
    const declined = await runPublish(fake, dir, { yes: false, interactive: true, answer: false });
    expect(declined.exitCode).toBe(1);
    expect(fake.writes()).toEqual([]);
    const accepted = await runPublish(fake, dir, { yes: false, interactive: true, answer: true });
    expect(accepted.exitCode).toBe(0);
    expect(fake.writes().length).toBe(6);
  });

  test("a policy target whose API or operation does not exist stops the preflight before any write", async () => {
    const { CONFIG } = await import("./harness.js");
    const config = { ...CONFIG, provider: { ...CONFIG.provider, operationId: "no-such-op" } };
    const r = await runPublish(fake, workDir(), { config });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "preflight: provider: operation no-such-op of API partner-api does not exist on tenant2-apim (tenant2-rg); create it first",
    );
    expect(r.report.stoppedIn).toBe("preflight");
    expect(fake.writes()).toEqual([]);
  });

  test("a token ARM refuses: stopped in preflight, the 401 explained, the token never printed", async () => {
    const badToken = "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.c2ln"; // a JWT without tid: sent as is
    const dir = workDir();
    const { common } = await import("./harness.js");
    const client = { ...common(fake, dir).client, env: { AZURE_BEARER_TOKEN: badToken } };
    const r = await runPublish(fake, dir, { client });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "apimkit: preflight: tenant2-apim (tenant2-rg): ARM refused the credential for tenant 22222222-2222-4222-8222-222222222222 (401 InvalidAuthenticationToken): The access token is invalid. Check the login",
    );
    expect(r.stdout + r.stderr + JSON.stringify(r.report)).not.toContain(badToken);
    expect(fake.writes()).toEqual([]);
  });

  test("a backup that cannot be written stops the run before any write: exit 1, one line naming the path", async () => {
    const dir = workDir();
    writeFileSync(join(dir, ".apimkit"), "a file where the backup folder goes\n");
    const r = await runPublish(fake, dir);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^apimkit: backup: .*\.apimkit\/backups\/.*: cannot write \(a part of the path is a file, not a folder\); nothing was published \(the backup comes first\)$/m,
    );
    expect(r.report.stoppedIn).toBe("backup");
    expect(fake.writes()).toEqual([]);
  });

  test("a service that does not answer stops the preflight before any write", async () => {
    const config = { ...(await import("./harness.js")).CONFIG };
    config.callers = [{ ...CALLER_A, serviceName: "no-such-apim", name: "tenant1", apiId: "partner-proxy" }];
    const r = await runPublish(fake, workDir({ callers: { tenant1: CALLER_POLICY } }), { config });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "no-such-apim (tenant1-rg) in tenant 11111111-1111-4111-8111-111111111111 does not answer",
    );
    expect(fake.writes()).toEqual([]);
  });
});
