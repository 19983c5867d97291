// apimkit lint through the CLI's entry point: in-process (main, as bin/apimkit.js calls it) where the process
// boundary is not what is tested; as a real process (bin/apimkit.js runs dist/, built by the tests' global setup)
// for standard input, a FIFO, worker threads (they start from dist/ only) and the whole corpus.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

const repo = resolve(import.meta.dirname, "../..");
const bin = join(repo, "bin/apimkit.js");
const fixtures = join(repo, "test/fixtures/lint/cli");
const corpus = resolve(repo, "../shared/corpus");

interface LintOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** Colour variables of the environment the tests run in are left out unless a test sets them. */
function colourless(env: Record<string, string> = {}): Record<string, string | undefined> {
  return { FORCE_COLOR: undefined, NO_COLOR: undefined, ...env };
}

/** `apimkit lint ...` in-process. */
async function lint(args: string[], opts: LintOptions = {}) {
  const r = await runCli(["lint", ...args], { cwd: opts.cwd ?? fixtures, env: colourless(opts.env) });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** `apimkit lint ...` as a real process (node bin/apimkit.js), with `input` on its standard input. */
function lintProcess(args: string[], opts: LintOptions & { input?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...colourless(opts.env) };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [bin, "lint", ...args], {
    cwd: opts.cwd ?? fixtures,
    env,
    encoding: "utf8",
    input: opts.input ?? "",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("apimkit lint (CLI)", () => {
  it("exit 0 and no output for a clean file", async () => {
    expect(await lint(["clean/policy.xml"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("exit 1 on an error, with the stylish report on stdout", async () => {
    const r = await lint(["error"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error/policy.xml\n");
    expect(r.stdout).toMatch(/2:5 {2}error .* base-missing/);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("warnings pass unless --max-warnings is exceeded", async () => {
    expect((await lint(["warn"])).code).toBe(0);
    expect((await lint(["warn", "--max-warnings", "1"])).code).toBe(0);
    const r = await lint(["warn", "--max-warnings", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("too many warnings (1); at most 0 allowed");
  });

  it("--rule changes a level; --quiet shows errors only", async () => {
    expect((await lint(["error", "--rule", "base-missing:warn"])).code).toBe(0);
    const quiet = await lint(["warn", "error", "--quiet"]);
    expect(quiet.stdout).toContain("base-missing");
    expect(quiet.stdout).not.toContain("undefined-variable");
  });

  it("exit 2 with one clear line for usage and config errors", async () => {
    const missing = await lint(["nope/policy.xml"]);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: "apimkit: nope/policy.xml: no such file or folder\n" });
    const glob = await lint(["nothing/**/*.xml"]);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toBe('apimkit: no files match the pattern "nothing/**/*.xml"\n');
    const bad = await lint(["badconfig"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `apimkit: ${join(fixtures, "badconfig/.apimkitrc.json")}:3:5: rules: unknown rule "base-mising" (did you mean "base-missing"?)\n`,
    );
    const rule = await lint(["clean", "--rule", "base-missing=warn"]);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain('--rule "base-missing=warn": expected RULE-ID:LEVEL');
    const config = await lint(["clean", "--config", "none.json"]);
    expect(config).toEqual({
      code: 2,
      stdout: "",
      stderr: `apimkit: ${join(fixtures, "none.json")}: cannot read the lint config (no such file or folder)\n`,
    });
    const format = await lint(["clean", "-f", "xml"]);
    expect(format.code).toBe(2);
    expect(format.stderr).not.toMatch(/\n\s+at /);
  });

  it("rule options that do not fit the rule's schema are a config error naming the file, the rule and the fault", async () => {
    const dir = tmpTree({
      "wrong-type/.apimkitrc.json": { root: true, rules: { "http-url": ["error", { allowHosts: "localhost" }] } },
      "wrong-type/policy.xml": "<policies />",
      "misspelt/.apimkitrc.json": {
        root: true,
        overrides: [{ files: "*.xml", rules: { "unused-variable": ["info", { ignores: ["a"] }] } }],
      },
      "misspelt/policy.xml": "<policies />",
      "no-options/.apimkitrc.json": { root: true, rules: { "base-missing": ["warn", { strict: true }] } },
      "no-options/policy.xml": "<policies />",
      "fine/.apimkitrc.json": { root: true, rules: { "http-url": ["error", { allowHosts: ["localhost"] }] } },
      "fine/policy.xml": "<policies />",
    });
    const wrongType = await lint([join(dir, "wrong-type")]);
    expect(wrongType).toMatchObject({ code: 2, stdout: "" });
    expect(wrongType.stderr).toBe(
      `apimkit: ${join(dir, "wrong-type/.apimkitrc.json")}:4:17: rules: rule "http-url": options.allowHosts must be array\n`,
    );
    const misspelt = await lint([join(dir, "misspelt")]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toBe(
      `apimkit: ${join(dir, "misspelt/.apimkitrc.json")}:7:28: overrides[0].rules: rule "unused-variable": options: unknown option "ignores" (did you mean "ignore"?) (allowed: ignore)\n`,
    );
    const noOptions = await lint([join(dir, "no-options")]);
    expect(noOptions.code).toBe(2);
    expect(noOptions.stderr).toContain('rule "base-missing": the rule takes no options, found "strict"');
    expect((await lint([join(dir, "fine")])).code).toBe(0);
  });

  it("expands globs and lints the current folder by default", async () => {
    const json = JSON.parse((await lint(["-f", "json", "{clean,warn,error}/*.xml"])).stdout);
    expect(json.map((f: { filePath: string }) => f.filePath.slice(fixtures.length + 1))).toEqual([
      "clean/policy.xml",
      "error/policy.xml",
      "warn/policy.xml",
    ]);
    const here = await lint(["-f", "json"], { cwd: join(fixtures, "warn") });
    expect(JSON.parse(here.stdout)).toHaveLength(1);
  });

  it("a folder with no policy file is a usage error (an empty output must not pass CI), unless allowed", async () => {
    const empty = tmpTree({ "notes.txt": "no policies here" });
    const r = await lint([empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no policy files (*.xml, *.cshtml) found in ${empty}`);
    const allowed = await lint([empty, "--no-error-on-unmatched-pattern"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("no policy files");
  });

  it("-o writes the report atomically and keeps stdout empty", async () => {
    const dir = tmpTree({});
    const out = join(dir, "reports/lint.sarif");
    const r = await lint(["error", "warn", "-f", "sarif", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const log = JSON.parse(readFileSync(out, "utf8"));
    const uris = log.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(["error/policy.xml", "warn/policy.xml"]);
  });

  it("colours only when asked: FORCE_COLOR wins, NO_COLOR respected", async () => {
    expect((await lint(["error"], { env: { FORCE_COLOR: "1" } })).stdout).toContain("\u001b[31m");
    expect((await lint(["error"], { env: { FORCE_COLOR: "0" } })).stdout).not.toContain("\u001b[");
    expect((await lint(["error"], { env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
  });

  it("--fix writes the safe fixes, then reports what remains", async () => {
    const dir = tmpTree({});
    cpSync(join(fixtures, "fixable"), dir, { recursive: true });
    const before = readFileSync(join(dir, "policy.xml"), "utf8");
    const dry = await lint(["--fix-dry-run", "."], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe("would fix 1 problem in policy.xml\n");
    expect(readFileSync(join(dir, "policy.xml"), "utf8")).toBe(before);
    const r = await lint(["--fix", "."], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "fixed 1 problem in policy.xml\n" });
    const after = readFileSync(join(dir, "policy.xml"), "utf8");
    expect(after).not.toBe(before);
    expect(after.replace(/\s*<base \/>/, "")).toBe(before);
    expect((await lint(["."], { cwd: dir })).code).toBe(0);
  });

  it("worker threads give the same report as one thread, and --fix works through them", () => {
    const files: Record<string, string> = {};
    for (const d of ["clean", "warn", "error", "fixable"]) {
      const text = readFileSync(join(fixtures, d, "policy.xml"), "utf8");
      for (let i = 0; i < 5; i++) files[`t${i}/${d}/policy.xml`] = text;
    }
    const dir = tmpTree(files);
    const one = lintProcess([".", "-f", "json", "--concurrency", "1"], { cwd: dir });
    const three = lintProcess([".", "-f", "json", "--concurrency", "3"], { cwd: dir });
    expect(three).toEqual(one);
    expect(JSON.parse(one.stdout)).toHaveLength(20);
    const fixed = lintProcess([".", "--fix", "--concurrency", "2", "--rule", "undefined-variable:off"], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toBe("");
    expect(fixed.stderr.split("\n").filter(Boolean)).toHaveLength(10);
    expect(readFileSync(join(dir, "t4/error/policy.xml"), "utf8")).toContain("<base />");
  });

  it("--named-values: named-value checks run against that list, over any config", async () => {
    const policy = readFileSync(join(fixtures, "clean/policy.xml"), "utf8").replace(
      "<base />",
      '<base /><set-header name="k" exists-action="override"><value>{{backend-key}}</value></set-header>',
    );
    const dir = tmpTree({ "p.xml": policy, "nv.json": [{ name: "other" }], "ok.json": [{ name: "backend-key" }] });
    expect((await lint(["p.xml"], { cwd: dir })).code).toBe(0);
    const missing = await lint(["p.xml", "--named-values", "nv.json", "-f", "json"], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual([
      "named-value-undefined",
    ]);
    expect((await lint(["p.xml", "--named-values", "ok.json"], { cwd: dir })).code).toBe(0);
    const bad = await lint(["p.xml", "--named-values", "nope.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^apimkit: --named-values: ".*nope\.json" does not exist/);
  });

  it("--print-config shows the merged config and scope for a file", async () => {
    const dir = tmpTree({
      ".apimkitrc.json": { root: true, rules: { "base-missing": "warn" }, namedValues: ["b", "a"] },
      "apis/x/.apimkitrc.json": { rules: { "http-url": ["warn", { allowHosts: ["localhost"] }] } },
    });
    const r = await lint(["--print-config", "apis/x/policy.xml", "--rule", "cors-wildcard:off"], { cwd: dir });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ file: join(dir, "apis/x/policy.xml"), scope: "api", namedValues: ["a", "b"] });
    expect(printed.rules["base-missing"]).toBe("warn");
    expect(printed.rules["http-url"]).toEqual(["warn", { allowHosts: ["localhost"] }]);
    expect(printed.rules["cors-wildcard"]).toBe("off");
  });

  it("plain `apimkit lint` at the repository root passes: the repository's config ignores its own fixtures", async () => {
    // test/fixtures holds a deliberately broken .apimkitrc.json (exit 2 before the root config ignored it).
    const r = await lint([], { cwd: repo });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("refuses a path that is not a regular file (a FIFO would block forever) and reads - as standard input", () => {
    const dir = tmpTree({});
    const fifo = join(dir, "pipe.xml");
    spawnSync("mkfifo", [fifo]);
    // Before the fix this read the FIFO and never returned: the timeout turns a hang into a failure.
    const r = spawnSync(process.execPath, [bin, "lint", fifo], { encoding: "utf8", timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "pipe.xml: not a regular file (a named pipe); to lint standard input, give - or --stdin",
    );
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/);

    const input = readFileSync(join(fixtures, "error/policy.xml"), "utf8");
    const dash = lintProcess(["-", "-f", "json"], { input });
    expect(dash.code).toBe(1);
    expect(JSON.parse(dash.stdout)[0].filePath).toBe("<stdin>");
  });

  it("--stdin lints standard input as --stdin-filename (config, scope, ignores), never writes it", () => {
    const input = readFileSync(join(fixtures, "error/policy.xml"), "utf8");
    const asOperation = lintProcess(["--stdin", "--stdin-filename", "apis/a/operations/b/policy.xml", "-f", "json"], {
      input,
    });
    expect(asOperation.code).toBe(1);
    const [entry] = JSON.parse(asOperation.stdout);
    expect(entry.filePath).toBe(join(fixtures, "apis/a/operations/b/policy.xml"));
    expect(entry.messages[0].message).toContain("operation scope");

    const anonymous = JSON.parse(lintProcess(["--stdin", "-f", "json"], { input }).stdout);
    expect(anonymous[0].filePath).toBe("<stdin>");

    const dry = lintProcess(["--stdin", "--fix-dry-run", "-f", "json"], { input });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)[0].output).toContain("<inbound>\n        <base />");

    const dir = tmpTree({ ".apimkitrc.json": { root: true, ignores: ["skip/"] } });
    const ignored = lintProcess(["--stdin", "--stdin-filename", "skip/p.xml"], { input, cwd: dir });
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('skip/p.xml: ignored by an "ignores" pattern');

    // --stdin --fix prints the fixed document (test/lint/fix-output.test.ts).
    expect(lintProcess(["--stdin", "--fix"], { input }).stdout).toContain("<inbound>\n        <base />");
    expect(lintProcess(["--stdin", "error"], { input }).stderr).toBe(
      "apimkit: --stdin lints standard input: give no paths with it\n",
    );
    expect(lintProcess(["--stdin-filename", "x.xml", "error"]).code).toBe(2);
  });

  it("the real corpus: completes, no crash, parse-error only on the known broken files", (ctx) => {
    if (!existsSync(corpus)) {
      console.log(`skipped: ${corpus} is absent`);
      ctx.skip();
    }
    const r = lintProcess([corpus, "-f", "json"], { cwd: repo });
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.code);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(files.length).toBeGreaterThan(150);
    const rel = (f: string) => f.slice(corpus.length + 1);
    const ids = files.flatMap((f) => f.messages.map((m) => m.ruleId));
    expect(ids).not.toContain("internal-error");
    const broken = files.filter((f) => f.messages.some((m) => m.ruleId === "parse-error")).map((f) => rel(f.filePath));
    expect(broken.sort()).toEqual([
      // the one editor snippet that never closes <openid-config> (corpus README)
      "snippets/_vscode-snippets/validate-jwt.xml",
      "snippets/examples/Call out to an HTTP endpoint and cache the response.policy.xml",
      "snippets/examples/Filter response content based on product name.policy.xml",
    ]);
  });
});
