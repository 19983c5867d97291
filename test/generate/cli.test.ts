// apimkit generate and apimkit init through the CLI's entry point, in-process (test/support/run-cli.ts); the
// README's first command also as a real process (node bin/apimkit.js), as a user runs it.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import { runCli as runBin } from "../config/cli-helpers.js";
import { runCli } from "../support/run-cli.js";
import { GOOD_CONFIGS, goodConfig, listFiles } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "apimkit-generate-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const EXAMPLE = resolve(GOOD_CONFIGS.flagship);

describe("apimkit generate", () => {
  it("the README's first command works on the example (relative paths, from the repo root)", () => {
    const out = join(work, "readme");
    const r = runBin(["generate", "-c", "examples/cross-tenant/apimkit.json", "-o", out]);
    expect(r.code).toBe(0);
    expect(listFiles(out)).toEqual([
      "callers/tenant1/policy.xml",
      "named-values.json",
      "provider/policy.xml",
      "setup.sh",
    ]);
    expect(r.stdout.trim().split("\n")).toEqual(listFiles(out).map((p) => `${out}/${p}`));
    expect(r.stderr).toBe(`apimkit: wrote 4 files to ${out}\n`);
    for (const f of generate(goodConfig("flagship"), { layout: "plain" })) {
      expect(readFileSync(join(out, f.path), "utf8"), f.path).toBe(f.content);
    }
    expect(statSync(join(out, "setup.sh")).mode & 0o111, "setup.sh is executable").not.toBe(0);
  });

  it("defaults to ./apimkit.json and ./out", async () => {
    const dir = join(work, "defaults");
    const r0 = await runCli(["generate"], { cwd: work });
    expect(r0.code).toBe(2);
    expect(r0.stderr).toContain("apimkit.json: file not found (create one with 'apimkit init')");
    await runCli(["init", "-o", join(dir, "ignored.json")]);
    writeFileSync(join(work, "apimkit.json"), readFileSync(EXAMPLE, "utf8"));
    const r = await runCli(["generate"], { cwd: work });
    expect(r.code).toBe(0);
    expect(existsSync(join(work, "out/provider/policy.xml"))).toBe(true);
    expect(r.stderr).toBe("apimkit: wrote 4 files to out\n");
  });

  it("--layout apiops writes the APIOps tree per service", async () => {
    const out = join(work, "apiops");
    const r = await runCli(["generate", "-c", GOOD_CONFIGS["usgov-v2-aad-token"], "-o", out, "--layout", "apiops"]);
    expect(r.code).toBe(0);
    expect(listFiles(out)).toEqual([
      "agency-apim/apis/records-proxy/policy.xml",
      "agency-apim/named values/agency-bridge-app-client-id/namedValueInformation.json",
      "agency-apim/named values/agency-uami-client-id/namedValueInformation.json",
      "agency-apim/named values/t2-api-client-id/namedValueInformation.json",
      "agency-apim/named values/t2-api-scope/namedValueInformation.json",
      "agency-apim/named values/t2-tenant-id/namedValueInformation.json",
      "gov-provider-apim/apis/records-api/operations/get-record/policy.xml",
      "gov-provider-apim/named values/agency-bridge-app-client-id/namedValueInformation.json",
      "gov-provider-apim/named values/t2-api-client-id/namedValueInformation.json",
      "gov-provider-apim/named values/t2-tenant-id/namedValueInformation.json",
      "setup.sh",
    ]);
    const info = JSON.parse(
      readFileSync(join(out, "gov-provider-apim/named values/t2-tenant-id/namedValueInformation.json"), "utf8"),
    );
    expect(info).toEqual({
      properties: {
        displayName: "t2-tenant-id",
        value: "22222222-2222-4222-8222-222222222222",
        secret: false,
        tags: ["apimkit"],
      },
    });
  });

  it("an output folder that cannot be written is a one-line usage error, nothing half written", async () => {
    const blocker = join(work, "blocker");
    writeFileSync(blocker, "a file, not a folder\n");
    const r = await runCli(["generate", "-c", EXAMPLE, "-o", blocker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^apimkit: cannot write to ${blocker}: a part of the path is a file, not a folder \\(nothing was written\\)\n$`,
      ),
    );
    expect(readFileSync(blocker, "utf8")).toBe("a file, not a folder\n");
  });

  it("a caller in the provider's tenant is a warning with its position; generation goes on", async () => {
    const config = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    config.callers[0].tenantId = config.provider.tenantId;
    const file = join(work, "same-tenant.json");
    writeFileSync(file, JSON.stringify(config, null, 2));
    const r = await runCli(["generate", "-c", file, "-o", join(work, "same-tenant-out")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^warning: ${file}:\\d+:\\d+: callers\\[0\\]\\.tenantId: is the provider's tenant: a same-tenant call does not need`,
      ),
    );
  });

  it("rejects an unknown layout as a usage error", async () => {
    const r = await runCli(["generate", "-c", EXAMPLE, "-o", join(work, "bad-layout"), "--layout", "tree"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/layout/);
    expect(existsSync(join(work, "bad-layout"))).toBe(false);
  });
});

describe("apimkit generate --check", () => {
  it("exits 0 when the folder is up to date, 1 with a unified diff on drift, and never writes", async () => {
    const out = join(work, "check");
    expect((await runCli(["generate", "-c", EXAMPLE, "-o", out])).code).toBe(0);
    const clean = await runCli(["generate", "-c", EXAMPLE, "-o", out, "--check"]);
    expect([clean.code, clean.stdout]).toEqual([0, ""]);
    expect(clean.stderr).toContain("up to date (4 files)");

    const provider = join(out, "provider/policy.xml");
    const original = readFileSync(provider, "utf8");
    const edited = original.replace(
      'match="any">\n          <value>2</value>',
      'match="any">\n          <value>1</value>',
    );
    expect(edited).not.toBe(original);
    writeFileSync(provider, edited);
    rmSync(join(out, "named-values.json"));

    const drift = await runCli(["generate", "-c", EXAMPLE, "-o", out, "--check"]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain("--- a/provider/policy.xml\ton disk\n+++ b/provider/policy.xml\tgenerated\n");
    expect(drift.stdout).toMatch(/\n-\s+<value>1<\/value>\n\+\s+<value>2<\/value>\n/);
    expect(drift.stdout).toContain("--- /dev/null\tmissing\n+++ b/named-values.json\tgenerated\n");
    expect(drift.stderr).toContain(
      `${out}: out of date (named-values.json missing, provider/policy.xml changed); run apimkit generate`,
    );
    expect(readFileSync(provider, "utf8"), "--check wrote nothing").toBe(edited);
    expect(existsSync(join(out, "named-values.json"))).toBe(false);
  });

  it("reports a removed caller's policy as stale (check: exit 1; write: a warning, the file is kept)", async () => {
    const out = join(work, "stale");
    await runCli(["generate", "-c", EXAMPLE, "-o", out]);
    writeFileSync(
      join(work, "renamed.json"),
      readFileSync(EXAMPLE, "utf8").replace('"name": "tenant1"', '"name": "partner1"'),
    );
    const check = await runCli(["generate", "-c", join(work, "renamed.json"), "-o", out, "--check"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("callers/tenant1/policy.xml stale");
    expect(check.stdout).toContain("--- a/callers/tenant1/policy.xml\ton disk\n+++ /dev/null\tnot generated\n");
    const write = await runCli(["generate", "-c", join(work, "renamed.json"), "-o", out]);
    expect(write.code).toBe(0);
    expect(write.stderr).toContain(
      `warning: ${out}/callers/tenant1/policy.xml is no longer generated (removed from the config?): delete it`,
    );
    expect(existsSync(join(out, "callers/tenant1/policy.xml"))).toBe(true);
  });

  it("checks the apiops layout too", async () => {
    const out = join(work, "check-apiops");
    await runCli(["generate", "-c", EXAMPLE, "-o", out, "--layout", "apiops"]);
    expect((await runCli(["generate", "-c", EXAMPLE, "-o", out, "--layout", "apiops", "--check"])).code).toBe(0);
    expect(
      (await runCli(["generate", "-c", EXAMPLE, "-o", out, "--check"])).code,
      "plain files are missing there",
    ).toBe(1);
  });
});

describe("apimkit init", () => {
  it("writes a starter with $schema; generate then lists exactly the placeholders left to fill", async () => {
    const file = join(work, "init", "apimkit.json");
    const r = await runCli(["init", "--out", file], { cwd: work });
    expect(r.code).toBe(0);
    const starter = JSON.parse(readFileSync(file, "utf8"));
    expect(starter.$schema).toBe("../node_modules/apimkit/schemas/apimkit.schema.json");
    const g = await runCli(["generate", "-c", file, "-o", join(work, "init-out")]);
    expect(g.code).toBe(2);
    const problems = g.stderr.split("\n").slice(1).filter(Boolean);
    expect(problems.length).toBe(9);
    for (const p of problems)
      expect(p).toMatch(
        /: must be a GUID \(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\), got "<[^>]+>"$|: must be an Application ID URI/,
      );
    expect(existsSync(join(work, "init-out"))).toBe(false);
  });

  it("points $schema at ./node_modules from the project root", async () => {
    const dir = join(work, "init-root");
    await runCli(["init", "-o", join(dir, "x.json")], { cwd: work });
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "apimkit.json"), "utf8")).$schema).toBe(
      "./node_modules/apimkit/schemas/apimkit.schema.json",
    );
  });

  it("refuses to overwrite without --force, and overwrites with it", async () => {
    const file = join(work, "keep.json");
    writeFileSync(file, "mine\n");
    const r = await runCli(["init", "-o", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`apimkit: ${file} already exists (use --force to overwrite it)\n`);
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    expect((await runCli(["init", "-o", file, "--force"])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).callers[0].name).toBe("tenant1");
  });
});
