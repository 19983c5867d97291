// apimkit doctor end to end: config file, az-style FIC JSON, a token from the lab's exchange, Entra error texts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directoryFromConfig } from "../support/fake-entra/scenario.js";
import { type FakeEntra, startFakeEntra } from "../support/fake-entra/server.js";
import { runCli } from "../support/run-cli.js";
import { BRIDGE_APP_ID, exchangeInLab, labConfig, MI_CLIENT_ID, MI_PRINCIPAL_ID, T1, T2 } from "./lab-config.js";

let lab: FakeEntra;
let dir: string;
let configFile: string;
let tokenFile: string;

/** What `az ad app federated-credential list --id <bridge app>` prints. */
function azFicList(subject: string) {
  return JSON.stringify([
    {
      audiences: ["api://AzureADTokenExchange"],
      description: "tenant1 APIM managed identity",
      id: "0b6c3ac0-0000-4000-8000-000000000000",
      issuer: `https://login.microsoftonline.com/${T1}/v2.0`,
      name: "tenant1-uami",
      subject,
    },
  ]);
}

beforeAll(async () => {
  lab = await startFakeEntra(await directoryFromConfig(labConfig(1)));
  dir = mkdtempSync(join(tmpdir(), "apimkit-doctor-"));
  configFile = join(dir, "apimkit.json");
  writeFileSync(configFile, JSON.stringify(labConfig(1), null, 2));
  const r = await exchangeInLab(lab);
  if (!r.ok) throw new Error(JSON.stringify(r.body));
  tokenFile = join(dir, "token.jwt");
  writeFileSync(tokenFile, r.accessToken);
});
afterAll(() => lab.close());

describe("apimkit doctor", () => {
  it("passes a correct FIC list and a correct token (against the generated provider policy)", async () => {
    const fic = join(dir, "fic-good.json");
    writeFileSync(fic, azFicList(MI_PRINCIPAL_ID));
    const r = await runCli([
      "doctor",
      "-c",
      configFile,
      "--fic",
      fic,
      "--token",
      tokenFile,
      "--openid-config",
      lab.openidConfigUrl(T2, 1),
    ]);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.stdout).toMatch(/^pass {2}caller tenant1: credential "tenant1-uami" matches/m);
    expect(r.stdout).toMatch(/^pass {2}token against \(generated\) provider\/policy\.xml: VALID/m);
    expect(r.code).toBe(0);
  });

  it("fails a FIC whose subject is the clientId, saying so and giving the fix", async () => {
    const fic = join(dir, "fic-client.json");
    writeFileSync(fic, azFicList(MI_CLIENT_ID));
    const r = await runCli(["doctor", "-c", configFile, "--fic", fic]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL {2}caller tenant1: credential "tenant1-uami": subject .* is the managed identity's clientId/m,
    );
    expect(r.stdout).toMatch(new RegExp(`fix: the credential must have .*subject ${MI_PRINCIPAL_ID}`));
  });

  it("fails a token checked at a later time, with APIM's answer", async () => {
    const r = await runCli([
      "doctor",
      "-c",
      configFile,
      "--token",
      tokenFile,
      "--openid-config",
      lab.openidConfigUrl(T2, 1),
      "--at",
      "2099-01-01T00:00:00Z",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}token expiration: /m);
    expect(r.stdout).toContain("APIM answers 401");
    expect(r.stdout).not.toContain("eyJ");
  });

  it("marks what cannot be checked offline as n/v, not as a failure, and does not call it valid", async () => {
    const r = await runCli(["doctor", "-c", configFile, "--token", tokenFile]);
    expect(r.stdout).toMatch(/^n\/v {3}token signature: /m);
    expect(r.stdout).toMatch(/pass --jwks FILE or --openid-config URL/);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.stdout).toMatch(/0 failed, 2 not verified/);
    expect(r.code).toBe(1);
  });

  it("explains an AADSTS error text given inline", async () => {
    const r = await runCli([
      "doctor",
      "-c",
      configFile,
      "--error",
      `AADSTS700016: Application with identifier '${BRIDGE_APP_ID}' was not found in the directory '${T2}'.`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}AADSTS700016: Application not found/m);
    expect(r.stdout).toContain("az ad sp create");
  });

  it.each([
    ["nothing to check", ["doctor", "-c", "CONFIG"], /say what to check: --fic FILE, --token FILE/],
    [
      "missing config",
      ["doctor", "-c", "/nonexistent/apimkit.json", "--error", "AADSTS70011"],
      /\/nonexistent\/apimkit\.json: .*file not found/,
    ],
    [
      "unknown caller",
      ["doctor", "-c", "CONFIG", "--caller", "nope", "--error", "AADSTS70011"],
      /--caller nope: no such caller in the config \(callers: tenant1\)/,
    ],
    [
      "missing FIC file",
      ["doctor", "-c", "CONFIG", "--fic", "/nonexistent/fic.json"],
      /--fic \/nonexistent\/fic\.json: file not found/,
    ],
    [
      "error text without a code",
      ["doctor", "-c", "CONFIG", "--error", "401 Unauthorized"],
      /no AADSTS code in the text/,
    ],
  ])("exit 2 with one clear line: %s", async (_n, args, message) => {
    const r = await runCli(args.map((a) => (a === "CONFIG" ? configFile : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("reports a broken config with its position", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{\n  "provider": 1\n}\n');
    const r = await runCli(["doctor", "-c", bad, "--error", "AADSTS70011"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
  });
});
