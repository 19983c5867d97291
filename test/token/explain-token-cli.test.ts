// apimkit explain-token end to end: files on disk, keys from the lab's OpenID configuration over real HTTP.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAt, readTokenArgument, TokenArgumentError } from "../../src/token/token-input.js";
import { directoryFromConfig } from "../support/fake-entra/scenario.js";
import { type FakeEntra, startFakeEntra } from "../support/fake-entra/server.js";
import { runCli } from "../support/run-cli.js";
import { API_APP_ID, BRIDGE_APP_ID, exchangeInLab, IDENTIFIER_URI, labConfig, T2 } from "./lab-config.js";
import { V1_POLICY } from "./support.js";

let lab: FakeEntra;
let dir: string;
let token: string;
let policy: string;
let named: string;

beforeAll(async () => {
  lab = await startFakeEntra(await directoryFromConfig(labConfig(1)));
  const r = await exchangeInLab(lab);
  if (!r.ok) throw new Error(JSON.stringify(r.body));
  token = r.accessToken;
  dir = mkdtempSync(join(tmpdir(), "apimkit-explain-"));
  policy = join(dir, "provider.xml");
  writeFileSync(policy, V1_POLICY);
  named = join(dir, "named-values.json");
  writeFileSync(
    named,
    JSON.stringify([
      { name: "t2-tenant-id", value: T2 },
      { name: "t2-api-app-id-uri", value: IDENTIFIER_URI },
      { name: "t2-api-client-id", value: API_APP_ID },
      { name: "bridge-app-client-id", value: BRIDGE_APP_ID, secret: false },
    ]),
  );
  writeFileSync(join(dir, "token.txt"), `${token}\n`);
});
afterAll(() => lab.close());

describe("apimkit explain-token", () => {
  it("exit 0 and every check passing for the lab's token, keys from --openid-config", async () => {
    const r = await runCli([
      "explain-token",
      join(dir, "token.txt"),
      "--policy",
      policy,
      "--named-values",
      named,
      "--openid-config",
      lab.openidConfigUrl(T2, 1),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^VALID: /m);
    expect(r.stdout).toMatch(/pass\s+signature/);
    expect(r.stdout).not.toContain(token.split(".")[2]);
    expect(r.stdout).not.toContain(token.split(".")[1]);
  });

  it("--json prints the public shape", async () => {
    const r = await runCli([
      "explain-token",
      token,
      "-p",
      policy,
      "--named-values",
      named,
      "--openid-config",
      lab.openidConfigUrl(T2, 1),
      "--json",
    ]);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({
      valid: true,
      status: 200,
      reason: null,
      claims: { ver: "1.0", appid: BRIDGE_APP_ID, roles: ["access_as_app"] },
    });
    for (const c of body.checks)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(["name", "ok", "expected", "actual"]));
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        "location",
        "format",
        "signature",
        "expiration",
        "audience",
        "issuer",
        "claim roles",
        "claim appid",
        "claim appidacr",
      ]),
    );
    expect(body.claims.exp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("exit 1 with APIM's answer for an expired token (--at)", async () => {
    const r = await runCli([
      "explain-token",
      token,
      "-p",
      policy,
      "--named-values",
      named,
      "--openid-config",
      lab.openidConfigUrl(T2, 1),
      "--at",
      "2099-01-01T00:00:00Z",
      "--json",
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, status: 401, reason: "TokenExpired" });
  });

  it("exit 1 and 'not verified' without keys; unresolved named values are reported", async () => {
    const r = await runCli(["explain-token", token, "-p", policy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not verified\s+signature/);
    expect(r.stdout).toContain(
      "unresolved named values: {{bridge-app-client-id}}, {{t2-api-app-id-uri}}, {{t2-api-client-id}}, {{t2-tenant-id}} (pass --named-values FILE)",
    );
    expect(r.stdout).toMatch(/^NOT VERIFIED: /m);
  });

  it.each([
    [
      "no such policy",
      ["explain-token", "TOKEN", "-p", "/nonexistent/p.xml"],
      /\/nonexistent\/p\.xml: cannot read \(no such file or folder\)/,
    ],
    [
      "token neither JWT nor file",
      ["explain-token", "not-a-token", "-p", "POLICY"],
      /neither a JWT nor a readable file/,
    ],
    [
      "bad --at",
      ["explain-token", "TOKEN", "-p", "POLICY", "--at", "yesterday"],
      /--at yesterday: not a date and time; expected an ISO 8601 time/,
    ],
    ["bad named values", ["explain-token", "TOKEN", "-p", "POLICY", "--named-values", "POLICY"], /not valid JSON/],
    [
      "no key server",
      ["explain-token", "TOKEN", "-p", "POLICY", "--openid-config", "http://127.0.0.1:1/x", "--timeout", "2"],
      /OpenID configuration http:\/\/127\.0\.0\.1:1\/x: cannot fetch/,
    ],
    [
      "ftp openid config",
      ["explain-token", "TOKEN", "-p", "POLICY", "--openid-config", "ftp://x/y"],
      /expected an http:\/\/ or https:\/\/ URL/,
    ],
    [
      "both key sources",
      ["explain-token", "TOKEN", "-p", "POLICY", "--jwks", "a", "--openid-config", "http://x"],
      /mutually exclusive/,
    ],
  ])("exit 2 with one clear line: %s", async (_n, args, message) => {
    const r = await runCli(args.map((a) => (a === "TOKEN" ? token : a === "POLICY" ? policy : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain(token.split(".")[1]);
    expect(r.stdout).toBe("");
  });

  it("exit 2 naming file:line:column for a policy without a token source", async () => {
    const p = join(dir, "nosource.xml");
    writeFileSync(p, "<policies>\n  <inbound>\n    <validate-jwt>\n    </validate-jwt>\n  </inbound>\n</policies>\n");
    const r = await runCli(["explain-token", token, "-p", p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${p}:3:5: validate-jwt needs exactly one of header-name, query-parameter-name, token-value`,
    );
  });

  it("exit 2 for a policy without a validator, and for a broken policy with its position", async () => {
    const none = join(dir, "none.xml");
    writeFileSync(none, "<policies><inbound><base /></inbound></policies>");
    expect((await runCli(["explain-token", token, "-p", none])).stderr).toMatch(
      /no <validate-jwt> or <validate-azure-ad-token> element/,
    );
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, '<policies>\n<inbound>\n<validate-jwt header-name="Authorization">\n</inbound>');
    const r = await runCli(["explain-token", token, "-p", broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.]/g, "\\.")}:\\d+:\\d+: `));
  });

  it("accepts the JWKS URL itself as --openid-config", async () => {
    const r = await runCli([
      "explain-token",
      token,
      "-p",
      policy,
      "--named-values",
      named,
      "--openid-config",
      `${lab.url}/${T2}/discovery/keys`,
    ]);
    expect(r.code).toBe(0);
  });

  it("reads the keys from a JWKS file too", async () => {
    const jwks = join(dir, "jwks.json");
    writeFileSync(jwks, JSON.stringify(await (await fetch(`${lab.url}/${T2}/discovery/keys`)).json()));
    const r = await runCli(["explain-token", token, "-p", policy, "--named-values", named, "--jwks", jwks]);
    expect(r.code).toBe(0);
  });
});

describe("parseAt", () => {
  it.each([
    ["2026-01-31T12:00:00Z", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31T12:00:00.5Z", "2026-01-31T12:00:00.500Z"],
    ["2026-01-31T13:00:00+01:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31T12:00Z", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31", "2026-01-31T00:00:00.000Z"],
  ])("%s is %s", (value, iso) => {
    expect(parseAt(value).toISOString()).toBe(iso);
  });

  it.each([
    ["2026-02-30T00:00:00Z", "no such date"],
    ["2026-13-01T00:00:00Z", "no such date"],
    ["2026-01-31T24:00:00Z", "no such time"],
    ["2026-01-31T12:00:00", "no time zone (add Z for UTC, or an offset such as +01:00)"],
    ["1795769052", "not a date and time"],
    ["yesterday", "not a date and time"],
  ])("%s is refused: %s", (value, why) => {
    expect(() => parseAt(value)).toThrow(
      `--at ${value}: ${why}; expected an ISO 8601 time such as 2026-01-31T12:00:00Z`,
    );
  });
});

describe("readTokenArgument", () => {
  it("reads stdin for -, and accepts a header value with its scheme", async () => {
    expect(await readTokenArgument("-", Readable.from([`Bearer ${token}\n`]))).toBe(`Bearer ${token}`);
  });
  it("refuses empty stdin and non-JWT text without echoing it", async () => {
    await expect(readTokenArgument("-", Readable.from([""]))).rejects.toThrow(/stdin: empty/);
    await expect(readTokenArgument("-", Readable.from(["eyJhbGciOiJSU0EifQ.a.b.c.d"]))).rejects.toThrow(
      /encrypted token \(JWE/,
    );
    await expect(readTokenArgument("-", Readable.from(["secret-ish value"]))).rejects.toThrow(TokenArgumentError);
    await expect(readTokenArgument("-", Readable.from(["secret-ish value"]))).rejects.not.toThrow(/secret-ish/);
  });
  it("names a folder given as TOKEN (a path, not a token)", async () => {
    const folder = tmpdir();
    await expect(readTokenArgument(folder)).rejects.toThrow(
      `${folder}: is a folder; expected a JWT, a file holding one, or - for stdin`,
    );
  });
});

describe("terminal safety", () => {
  it("control characters in a token's header and claims are shown escaped by explain-token and doctor", async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const evil = `${b64({ alg: "RS256", kid: "k\u001b[2J" })}.${b64({
      iss: "https://sts.windows.net/x/\u001b[1m",
      aud: "api://x",
      roles: ["a\u001b]0;title\u0007", "b\rX"],
      exp: 4_102_444_800,
    })}.c2ln`;
    const dir = mkdtempSync(join(tmpdir(), "apimkit-evil-"));
    const tokenFile = join(dir, "evil.jwt");
    writeFileSync(tokenFile, evil);
    const policyFile = join(dir, "policy.xml");
    writeFileSync(
      policyFile,
      '<policies><inbound><validate-jwt header-name="Authorization"><audiences><audience>api://x</audience></audiences><required-claims><claim name="roles" match="any"><value>r</value></claim></required-claims></validate-jwt></inbound></policies>',
    );
    const r = await runCli(["explain-token", tokenFile, "-p", policyFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("a\\x1b]0;title\\x07, b\\x0dX");
    expect(r.stdout).toContain("kid k\\x1b[2J");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);

    const config = join(dir, "apimkit.json");
    writeFileSync(config, JSON.stringify(labConfig(1)));
    const d = await runCli(["doctor", "-c", config, "--token", tokenFile, "--policy", policyFile]);
    expect(d.code).toBe(1);
    expect(d.stdout).toContain("a\\x1b]0;title\\x07, b\\x0dX");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(d.stdout + d.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
