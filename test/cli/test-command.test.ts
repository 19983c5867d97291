// `apimkit test` through the real CLI entry point: exit codes and messages for bad input (nothing runs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/apimtest");
const tmp = mkdtempSync(join(tmpdir(), "apimtest-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("apimkit test: bad input exits 2 and nothing runs", () => {
  it("a bad YAML test file: every problem as file:line:column: key: message, the file relative to the working folder", async () => {
    const run = await runCli(["test", join(FIXTURES, "bad/typo.apimtest.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const file = relative(process.cwd(), join(FIXTURES, "bad/typo.apimtest.yaml"));
    expect(run.stderr).toContain(`${file}:6:7: tests[0].expect.stauts: unknown key: did you mean "status"?`);
    expect(run.stderr).toContain(`${file}:9:23: tests[1].expect.status: must be an integer, got "200"`);
    expect(run.stderr).toContain("apimkit: 1 bad test file; no test ran");
  });

  it("a bad JSON test file", async () => {
    const run = await runCli(["test", join(FIXTURES, "bad/typo.apimtest.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${relative(process.cwd(), join(FIXTURES, "bad/typo.apimtest.json"))}:6:50: tests[0].request.methd: unknown key: did you mean "method"?`,
    );
  });

  it("a folder whose test files include a bad one: the bad file is reported, none runs", async () => {
    const run = await runCli(["test", join(FIXTURES, "bad")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("apimkit: 2 bad test files; no test ran");
  });

  it("a path that does not exist", async () => {
    const run = await runCli(["test", join(tmp, "missing")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`apimkit: ${join(tmp, "missing")}: no such file or folder\n`);
  });

  it("a folder without test files (node_modules and .git are not searched)", async () => {
    const dir = join(tmp, "empty");
    mkdirSync(join(dir, "node_modules/pkg"), { recursive: true });
    mkdirSync(join(dir, ".git"), { recursive: true });
    writeFileSync(join(dir, "node_modules/pkg/x.apimtest.yaml"), "not: [valid\n");
    writeFileSync(join(dir, ".git/y.apimtest.yaml"), "not: [valid\n");
    const run = await runCli(["test", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no test files (*.apimtest.yaml, *.apimtest.yml, *.apimtest.json) under");
  });

  it("a --filter that matches no test", async () => {
    const run = await runCli(["test", join(FIXTURES, "resources/resources.apimtest.yaml"), "--filter", "no such test"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('apimkit: --filter "no such test" matches no test\n');
  });

  it("an unknown format", async () => {
    const run = await runCli(["test", "-f", "tap"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Invalid values");
  });
});
