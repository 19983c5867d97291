// The real binary in a child process (dist/, built by `npm test`'s pretest): the token piped on stdin, exit codes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { check, keySet, newKey, sign, V1_POLICY, v1Claims } from "./support.js";

const BIN = resolve("bin/apimkit.js");
let dir: string;
let jwks: string;
let policy: string;
let token: string;

beforeAll(async () => {
  if (!existsSync(resolve("dist/src/cli/main.js")))
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it)");
  const key = await newKey("k1");
  dir = mkdtempSync(join(tmpdir(), "apimkit-bin-"));
  jwks = join(dir, "jwks.json");
  writeFileSync(jwks, JSON.stringify({ keys: keySet(key).keys }));
  policy = join(dir, "policy.xml");
  // Literal values in the policy, so no named values file is needed.
  writeFileSync(
    policy,
    V1_POLICY.replace(/\{\{t2-tenant-id\}\}/g, "22222222-2222-4222-8222-222222222222")
      .replace("{{t2-api-app-id-uri}}", "api://partner-api")
      .replace("{{t2-api-client-id}}", "33333333-3333-4333-8333-333333333333")
      .replace("{{bridge-app-client-id}}", "44444444-4444-4444-8444-444444444444"),
  );
  token = await sign(
    key,
    v1Claims({ exp: Math.floor(Date.now() / 1000) + 3600, nbf: Math.floor(Date.now() / 1000) - 60 }),
  );
});

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it("reads the token piped on stdin with -, exit 0 when valid", () => {
  const r = run(["explain-token", "-", "--policy", policy, "--jwks", jwks, "--json"], `Bearer ${token}\n`);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const body = JSON.parse(r.stdout);
  expect(body.valid).toBe(true);
  expect(check(body, "signature").ok).toBe(true);
  expect(r.stdout).not.toContain(token);
});

it("exit 1 for an invalid token and exit 2 for a missing policy, without a stack", () => {
  expect(
    run(["explain-token", "-", "--policy", policy, "--jwks", jwks, "--at", "2099-01-01T00:00:00Z"], token).code,
  ).toBe(1);
  const bad = run(["explain-token", "-", "--policy", join(dir, "missing.xml")], token);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/missing\.xml: cannot read \(no such file or folder\)/);
  expect(bad.stderr).not.toMatch(/\n\s+at /);
});

it("doctor takes the token on stdin with --token -, and refuses a stray argument", async () => {
  const config = join(dir, "apimkit.json");
  const { labConfig } = await import("./lab-config.js");
  writeFileSync(config, JSON.stringify(labConfig(1)));
  const r = run(["doctor", "-c", config, "--token", "-", "--policy", policy, "--jwks", jwks], token);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/^pass {2}token against .*policy\.xml: VALID/m);
  expect(r.code).toBe(0);
  const stray = run(["doctor", "-c", config, "stray"]);
  expect(stray.code).toBe(2);
  expect(stray.stderr).toMatch(/^apimkit: Unknown argument: stray\n/);
});
