// --restore: a publish's backup put back, through the same plan / ETag / backup machinery.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { FakeArm } from "../support/fake-arm/server.js";
import {
  CALLER_A,
  CALLER_B,
  CALLER_SCOPE,
  OLD_POLICY,
  PROVIDER,
  PROVIDER_POLICY,
  PROVIDER_SCOPE,
  runPublish,
  runRestore,
  SECRET,
  startFake,
  workDir,
} from "./harness.js";

let fake: FakeArm;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(async () => {
  await fake.close();
});

test("--restore round trip: publish, then the backup puts every target back as it was", async () => {
  const providerBefore = `${OLD_POLICY}<!-- provider before -->\n`;
  const callerABefore = `${OLD_POLICY}<!-- caller A before -->\n`;
  fake.setPolicy(PROVIDER, PROVIDER_SCOPE, providerBefore);
  fake.setPolicy(CALLER_A, CALLER_SCOPE, callerABefore);
  // caller B has no policy yet; the provider has an old plain named value; caller A an old secret one.
  fake.setNamedValue(PROVIDER, {
    id: "provider-tenant",
    displayName: "ProviderTenantId",
    value: "old-tenant",
    secret: false,
  });
  fake.setNamedValue(CALLER_A, {
    id: "PartnerKey",
    displayName: "PartnerKey",
    value: "old-secret-value",
    secret: true,
  });

  const dir = workDir();
  const published = await runPublish(fake, dir);
  expect(published.exitCode).toBe(0);
  expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(PROVIDER_POLICY);
  const backupDir = published.report.backupDir ?? "";
  const manifest = JSON.parse(readFileSync(join(backupDir, "manifest.json"), "utf8"));
  expect(manifest.format).toBe("apimkit-backup/1");
  expect(manifest.entries).toHaveLength(6);
  // The secret's value is not on disk; the plain one is.
  const secretEntry = manifest.entries.find(
    (e: { target: { key: string } }) => e.target.key === "named-value:tenant1-apim/PartnerKey",
  );
  expect(secretEntry.valueOmitted).toBe(true);
  expect(JSON.stringify(manifest)).not.toContain("old-secret-value");
  expect(JSON.stringify(manifest)).toContain("old-tenant");

  fake.clearLog();
  const restored = await runRestore(fake, dir, backupDir);
  expect(restored.exitCode).toBe(0);
  expect(fake.policy(PROVIDER, PROVIDER_SCOPE)?.value).toBe(providerBefore);
  expect(fake.policy(CALLER_A, CALLER_SCOPE)?.value).toBe(callerABefore);
  expect(fake.policy(CALLER_B, CALLER_SCOPE)).toBeUndefined();
  expect(fake.namedValue(PROVIDER, "provider-tenant")?.value).toBe("old-tenant");
  // Created by the publish, so removed by the restore (after the policy that used it).
  expect(fake.namedValue(CALLER_B, "PartnerKey")).toBeUndefined();
  // A secret cannot be put back from a backup: left as published, and the run says so.
  expect(fake.namedValue(CALLER_A, "PartnerKey")?.value).toBe(SECRET);
  expect(restored.stderr).toContain("named value PartnerKey on tenant1-apim: secret value is not kept in backups");
  // Every update and delete was conditional on the ETag read just before.
  for (const w of fake.writes()) expect(w.ifMatch, `${w.method} ${w.path}`).toMatch(/^".+"$/);
  // Callers first, the provider next, named values last.
  const order = fake.writes().map((w) => w.path.replace(/^.*\/service\//, ""));
  expect(order.indexOf("tenant3-apim/apis/partner-proxy/policies/policy")).toBeLessThan(
    order.indexOf("tenant2-apim/apis/partner-api/operations/validate/policies/policy"),
  );
  expect(order.at(-1)).toMatch(/namedValues/);
  expect(restored.stdout + restored.stderr).not.toContain(SECRET);

  // A restore is itself backed up, and restoring twice changes nothing more.
  expect(restored.report.backupDir).toBeDefined();
  fake.clearLog();
  const again = await runRestore(fake, dir, backupDir);
  expect(again.exitCode).toBe(0);
  expect(fake.writes()).toEqual([]);
});

test("--restore of a folder without a manifest is a usage error", async () => {
  const dir = workDir();
  await expect(runRestore(fake, dir, join(dir, "out"))).rejects.toThrow(/no manifest\.json here/);
});

test("--restore --dry-run shows what would be put back and writes nothing", async () => {
  fake.setPolicy(PROVIDER, PROVIDER_SCOPE, OLD_POLICY);
  const dir = workDir();
  const published = await runPublish(fake, dir);
  fake.clearLog();
  const r = await runRestore(fake, dir, published.report.backupDir ?? "", { dryRun: true });
  expect(r.exitCode).toBe(0);
  expect(fake.writes()).toEqual([]);
  expect(r.stdout).toContain(
    '+      <value>@(context.Request.Headers.GetValueOrDefault("x-legacy","") + "<old>")</value>',
  );
});

test("--restore of a damaged manifest names the entry and what was expected", async () => {
  fake.setPolicy(PROVIDER, PROVIDER_SCOPE, OLD_POLICY);
  const dir = workDir();
  const published = await runPublish(fake, dir);
  const path = join(published.report.backupDir ?? "", "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  manifest.entries[1].target.service.subscriptionId = 42;
  writeFileSync(path, JSON.stringify(manifest));
  fake.clearLog();
  await expect(runRestore(fake, dir, published.report.backupDir ?? "")).rejects.toThrow(
    /manifest\.json: entries\[1\]: target\.service\.subscriptionId: expected a string$/,
  );
  expect(fake.log).toEqual([]);
});
