// `apimkit parse` through the real CLI entry (main), capturing what it writes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "apimkit-parse-"));
const good = join(dir, "good.xml");
writeFileSync(
  good,
  '<policies>\n  <inbound>\n    <base />\n    <set-variable name="who" value="@(context.User?.Email ?? "anonymous")" />\n  </inbound>\n</policies>\n',
);
const bad = join(dir, "bad.xml");
writeFileSync(
  bad,
  '<policies>\n  <inbound>\n    <set-variable name="a" value="@(foo(" />\n  </inbound>\n</policies>\n',
);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, out: stdout, err: stderr };
}

afterEach(() => vi.restoreAllMocks());

describe("apimkit parse", () => {
  it("prints the outline with line numbers and exits 0", async () => {
    const r = await run("parse", good);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain(`${good} (policies)`);
    expect(r.out).toContain("2:3 <inbound>");
    expect(r.out).toContain('4:5 <set-variable name="who" value="@(context.User?.Email ?? \\"anonymous\\")" />');
  });

  it("prints the model as JSON without parent cycles", async () => {
    const r = await run("parse", "--json", good);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.out);
    expect(docs).toHaveLength(1);
    const sv = docs[0].root.children[0].children[1];
    expect(sv.name).toBe("set-variable");
    expect(sv.attributes[1].value.expression.code).toBe('context.User?.Email ?? "anonymous"');
    expect(sv.parent).toBeUndefined();
  });

  it("reports each problem as FILE:LINE:COL: error: MESSAGE and exits 1", async () => {
    const r = await run("parse", good, bad);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${bad.replace(/[.\\\\/]/g, "\\$&")}:3:35: error: C# expression is never closed`),
    );
  });

  it("exits 2 with one clear line for a missing file, printing nothing else", async () => {
    const missing = join(dir, "nope.xml");
    const r = await run("parse", good, missing);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(`apimkit: ${missing}: no such file\n`);
  });

  it("exits 2 for a directory and for no file at all", async () => {
    expect((await run("parse", dir)).code).toBe(2);
    const none = await run("parse");
    expect(none.code).toBe(2);
    expect(none.err).toContain("Not enough non-option arguments");
  });

  it("never prints a JWT literal of the policy, not even its first characters in the outline", async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = `${b64({ alg: "RS256", kid: "k1", typ: "JWT" })}.${b64({ aud: "api://x", roles: ["a"] })}.c2lnbmF0dXJl`;
    const file = join(dir, "jwt.xml");
    writeFileSync(
      file,
      `<policies>\n  <inbound>\n    <set-header name="Authorization" exists-action="override"><value>Bearer ${jwt}</value></set-header>\n    <set-variable name="t" value="@(&quot;${jwt}&quot;)" />\n  </inbound>\n</policies>\n`,
    );
    for (const argv of [
      ["parse", file],
      ["parse", "--json", file],
    ]) {
      const r = await run(...argv);
      expect(r.out).toContain("Authorization");
      expect(r.out + r.err).not.toContain(jwt.slice(0, 12));
    }
  });
});
