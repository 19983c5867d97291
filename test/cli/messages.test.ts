// The message style of issue 16: --color / --no-color, doctor --error without a config, file:line:column for
// .apimkitrc.json and --fic JSON, no errno codes, one line for one config problem, a light --version.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tmpTree } from "../lint/tmp-tree.js";
import { runCli } from "../support/run-cli.js";

const repo = resolve(import.meta.dirname, "../..");
const EXAMPLE = join(repo, "examples/cross-tenant/apimkit.json");
const ERRNO = /\bE[A-Z]{3,}\b/;
const broken =
  '<policies>\n  <inbound>\n    <set-header name="x" exists-action="override"><value>1</value></set-header>\n  </inbound>\n</policies>\n';

async function inDir<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await run();
  } finally {
    process.chdir(cwd);
  }
}

async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("--color / --no-color", () => {
  it("--no-color wins over FORCE_COLOR, --color turns colours on without a terminal; the last flag wins", async () => {
    const dir = tmpTree({ "apis/a/policy.xml": broken });
    const lint = (...flags: string[]) => runCli(["lint", join(dir, "apis/a/policy.xml"), ...flags]);
    await withEnv({ FORCE_COLOR: "1", NO_COLOR: undefined }, async () => {
      expect((await lint()).stdout).toContain("\u001b[");
      expect((await lint("--no-color")).stdout).not.toContain("\u001b[");
    });
    await withEnv({ FORCE_COLOR: undefined, NO_COLOR: "1" }, async () => {
      expect((await lint()).stdout).not.toContain("\u001b[");
      expect((await lint("--color")).stdout).toContain("\u001b[31m");
      expect((await lint("--color", "--no-color")).stdout).not.toContain("\u001b[");
    });
    // The flag applies to this run only.
    expect(process.env.FORCE_COLOR).toBe(undefined);
  });
});

describe("doctor --error without an apimkit.json", () => {
  it("explains the code without the setup's values and says so", async () => {
    const dir = tmpTree({});
    const r = await inDir(dir, () =>
      runCli([
        "doctor",
        "--error",
        "AADSTS700213: No matching federated identity record found for presented assertion subject",
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      "note: no apimkit.json here, so the codes are explained without your setup's values (give -c FILE for them)",
    );
    expect(lines[1]).toMatch(/^FAIL {2}AADSTS700213: /);
    expect(r.stdout).toMatch(/\n {6}fix: .+/);
    expect(r.stdout).toContain("0 passed, 1 failed");
  });

  it("a config named with -c that does not exist is still an error", async () => {
    const dir = tmpTree({});
    const r = await inDir(dir, () => runCli(["doctor", "-c", "other.json", "--error", "AADSTS700213: x"]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^apimkit: other\.json: file not found/);
  });
});

describe("file:line:column for JSON inputs", () => {
  it("--fic JSON errors name file:line:column, not V8's position", async () => {
    const dir = tmpTree({
      "fic.json": '[\n  { "issuer": "https://login.microsoftonline.com/x/v2.0",\n    "subject": 12 } ]\n',
    });
    const r = await runCli(["doctor", "-c", EXAMPLE, "--fic", join(dir, "fic.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`apimkit: ${join(dir, "fic.json")}:3:16: [0].subject: expected a string\n`);
    writeFileSync(join(dir, "fic.json"), '[\n  { "issuer": "i", }\n]\n');
    const syntax = await runCli(["doctor", "-c", EXAMPLE, "--fic", join(dir, "fic.json")]);
    expect(syntax.stderr).toBe(
      `apimkit: ${join(dir, "fic.json")}:2:20: invalid JSON: expected a property name in double quotes, found "}"\n`,
    );
    expect(syntax.stderr).not.toContain("position");
  });
});

describe("no errno codes in messages", () => {
  it.each([
    [
      "a lint config that is a folder",
      (d: string) => ["lint", d, "--config", d],
      "cannot read the lint config (is a folder)",
    ],
    [
      "a policy name too long",
      (d: string) => ["parse", join(d, "x".repeat(300))],
      "the path or a name in it is too long",
    ],
    ["parse given a folder", (d: string) => ["parse", d], "is a folder (give policy files)"],
    ["init into /proc", () => ["init", "--out", "/proc/apimkit-nope/apimkit.json"], "no such folder"],
    ["an apimkit.json that is a folder", (d: string) => ["generate", "-c", d, "-o", join(d, "out")], "is a folder"],
  ])("%s", async (_name, args, words) => {
    const dir = tmpTree({ "a.xml": broken });
    const r = await runCli(args(dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(ERRNO);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("one config problem, one line", () => {
  it("apimkit.json with a single problem: file:line:column: path: message", async () => {
    const dir = tmpTree({});
    const config = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "apimkit.json"), JSON.stringify({ ...config, cloud: "Mars" }, null, 2));
    const r = await runCli(["generate", "-c", join(dir, "apimkit.json"), "-o", join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^apimkit: ${join(dir, "apimkit.json")}:\\d+:\\d+: cloud: .+\\n$`));
  });
});

describe("apimkit --version", () => {
  it("prints the version without loading any command module", () => {
    const dir = tmpTree({
      "hook.mjs": `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes("/cli/commands/")) process.stderr.write("loaded " + r.url + "\\n");
  return r;
}`,
      "register.mjs": 'import { register } from "node:module"; register("./hook.mjs", import.meta.url);',
    });
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", join(dir, "register.mjs"), join(repo, "bin/apimkit.js"), ...args], {
        encoding: "utf8",
      });
    const version = run("--version");
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version}\n`);
    expect(version.stderr).toBe("");
    // The hook sees command modules when they load (so the check above can fail).
    expect(run("rules", "--json").stderr).toContain("/cli/commands/rules.js");
  });
});
