// Fix output as ESLint users expect it: --fix-dry-run shows a unified diff, --fix ends with a line per fixed file,
// --stdin --fix prints the fixed document.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

const repo = resolve(import.meta.dirname, "../..");
const fixable = readFileSync(join(repo, "test/fixtures/lint/cli/fixable/policy.xml"), "utf8");
const clean = fixable.replace("<inbound>\n", "<inbound>\n        <base />\n");

function fixableTree(): string {
  const dir = tmpTree({ "a/policy.xml": fixable, "b/policy.xml": fixable, "c/policy.xml": clean });
  return dir;
}

async function inDir<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await run();
  } finally {
    process.chdir(cwd);
  }
}

describe("--fix-dry-run", () => {
  it("prints a unified diff per file that --fix would change, and writes nothing", async () => {
    const dir = fixableTree();
    const r = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "."]));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "--- a/a/policy.xml",
        "+++ b/a/policy.xml",
        "@@ -1,5 +1,6 @@",
        " <policies>",
        "     <inbound>",
        "+        <base />",
        '         <set-header name="x-request-id" exists-action="skip">',
        "             <value>@(context.RequestId.ToString())</value>",
        "         </set-header>",
        "--- a/b/policy.xml",
        "+++ b/b/policy.xml",
        "@@ -1,5 +1,6 @@",
        " <policies>",
        "     <inbound>",
        "+        <base />",
        '         <set-header name="x-request-id" exists-action="skip">',
        "             <value>@(context.RequestId.ToString())</value>",
        "         </set-header>",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toBe("would fix 1 problem in a/policy.xml\nwould fix 1 problem in b/policy.xml\n");
    expect(readFileSync(join(dir, "a/policy.xml"), "utf8")).toBe(fixable);
  });

  it("the diff applies to the file and gives what --fix writes", async () => {
    const dir = fixableTree();
    const dry = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "a"]));
    const patched = applyPatch(fixable, dry.stdout);
    await inDir(dir, () => runCli(["lint", "--fix", "a"]));
    expect(patched).toBe(readFileSync(join(dir, "a/policy.xml"), "utf8"));
    expect(patched).toBe(clean);
  });

  it("beside a machine format on stdout the diff goes to stderr; -f json keeps the fixed text in output", async () => {
    const dir = fixableTree();
    const sarif = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "a", "-f", "sarif"]));
    expect(() => JSON.parse(sarif.stdout)).not.toThrow();
    expect(sarif.stderr).toContain("+++ b/a/policy.xml\n");
    const json = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "a", "-f", "json"]));
    expect(JSON.parse(json.stdout)[0].output).toBe(clean);
    expect(json.stderr).toBe("would fix 1 problem in a/policy.xml\n");
  });

  it("colours the diff only when colours are on", async () => {
    const dir = fixableTree();
    const plain = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "a"]));
    expect(plain.stdout).not.toContain("\u001b[");
    const prev = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = "1";
    try {
      const coloured = await inDir(dir, () => runCli(["lint", "--fix-dry-run", "a"]));
      expect(coloured.stdout).toContain("\u001b[32m+        <base />\u001b[0m");
    } finally {
      if (prev === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = prev;
    }
  });
});

describe("--fix", () => {
  it("ends with a line per file saying how many fixes it applied", async () => {
    const dir = fixableTree();
    writeFileSync(join(dir, "b/policy.xml"), fixable.replace("<outbound>\n        <base />\n", "<outbound>\n"));
    const r = await inDir(dir, () => runCli(["lint", "--fix", "."]));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("fixed 1 problem in a/policy.xml\nfixed 2 problems in b/policy.xml\n");
    expect(readFileSync(join(dir, "a/policy.xml"), "utf8")).toBe(clean);
  });
});

describe("--stdin --fix", () => {
  const bin = join(repo, "bin/apimkit.js");
  const run = (args: string[], input: string, cwd: string) =>
    spawnSync(process.execPath, [bin, "lint", "--stdin", ...args], { input, cwd, encoding: "utf8" });

  it("prints the fixed document on stdout and the report on stderr", () => {
    const dir = tmpTree({});
    const r = run(["--fix", "--stdin-filename", "apis/x/policy.xml"], fixable, dir);
    expect(r.stdout).toBe(clean);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("a document with nothing to fix comes back as it was; remaining findings are reported on stderr", () => {
    const dir = tmpTree({});
    const broken = '<policies><inbound><base /><set-variable name="x" value="@(1" /></inbound></policies>\n';
    const r = run(["--fix"], broken, dir);
    expect(r.stdout).toBe(broken);
    expect(r.stderr).toContain("1:58  error");
    expect(r.status).toBe(1);
  });

  it("with --fix-dry-run (stylish) it shows the diff of standard input", () => {
    const dir = tmpTree({});
    const r = run(["--fix-dry-run"], fixable, dir);
    expect(r.stdout).toContain("--- a/<stdin>\n+++ b/<stdin>\n");
    expect(r.stdout).toContain("+        <base />\n");
  });
});
