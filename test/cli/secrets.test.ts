// A token passed by mistake where a path or a name goes must not come back in any output or error message.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/run-cli.js";

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const JWT = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ aud: "api://x", tid: "t", roles: ["r"] })}.c2lnbmF0dXJlLXBhcnQ`;
const HEAD = JWT.slice(0, 12);
const EXAMPLE = resolve("examples/cross-tenant/apimkit.json");
const dir = mkdtempSync(join(tmpdir(), "apimkit-secrets-"));
const policy = join(dir, "policy.xml");
writeFileSync(policy, "<policies>\n  <inbound>\n    <base />\n  </inbound>\n</policies>\n");

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const { code, output } = await runCli(argv);
  return { code, text: output };
}

afterEach(() => vi.restoreAllMocks());

describe("a JWT given as a path or a value is never printed", () => {
  it.each([
    ["lint --print-config TOKEN", ["lint", "--print-config", JWT]],
    ["lint TOKEN", ["lint", JWT]],
    ["parse TOKEN", ["parse", JWT]],
    ["generate -c TOKEN", ["generate", "-c", JWT]],
    ["generate -c apimkit.json -o dir/TOKEN --check", ["generate", "-c", EXAMPLE, "-o", join(dir, JWT), "--check"]],
    ["publish -c TOKEN", ["publish", "-c", JWT]],
    ["publish -c apimkit.json --from TOKEN --dry-run", ["publish", "-c", EXAMPLE, "--from", JWT, "--dry-run"]],
    ["explain-token x.y.z -p TOKEN", ["explain-token", "x.y.z", "-p", JWT]],
    ["explain-token TOKEN -p policy.xml --jwks TOKEN", ["explain-token", JWT, "-p", policy, "--jwks", JWT]],
    ["doctor -c TOKEN --error AADSTS50013", ["doctor", "-c", JWT, "--error", "AADSTS50013"]],
    ["doctor -c apimkit.json --fic TOKEN", ["doctor", "-c", EXAMPLE, "--fic", JWT]],
  ])("%s", async (_label, argv) => {
    const r = await run(...argv);
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.text).not.toContain(HEAD);
  });

  describe("through the binary, with the policy on stdin", () => {
    beforeAll(() => {
      if (!existsSync(resolve("dist/src/cli/main.js")))
        throw new Error("dist/ is missing: run `npm run build` first (npm test does it)");
    });

    it.each(["stylish", "json", "sarif", "github", "junit"])("lint --stdin --stdin-filename JWT -f %s", (format) => {
      const r = spawnSync(
        process.execPath,
        [resolve("bin/apimkit.js"), "lint", "--stdin", "--stdin-filename", JWT, "-f", format],
        { input: "<policies><inbound><set-header name='a' /></inbound></policies>", encoding: "utf8", cwd: dir },
      );
      expect(r.status).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout + r.stderr).not.toContain(HEAD);
    });
  });
});
