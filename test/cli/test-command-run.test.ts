// `apimkit test` running real policies through the real emulator, end to end through the CLI.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/apimtest");
const E2E = join(FIXTURES, "e2e");
const shown = (p: string) => relative(process.cwd(), p);
const tmp = mkdtempSync(join(tmpdir(), "apimtest-run-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("apimkit test runs policies", () => {
  it("exit 0 when every test passes, with ✓ per test and the summary", async () => {
    const files = ["greet.apimtest.yaml", "token.apimtest.json", "error.apimtest.yaml", "noop.apimtest.yaml"];
    const run = await runCli(["test", ...files.map((f) => join(E2E, f))]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      ` ✓ ${shown(join(E2E, "greet.apimtest.yaml"))} > greets by name and forwards with the named value `,
    );
    expect(run.stdout).toContain(
      ` ✓ ${shown(join(E2E, "token.apimtest.json"))} > each request gets a token, then forwards it `,
    );
    expect(run.stdout).toMatch(/ Test Files {2}4 passed \(4\)\n {6}Tests {2}6 passed \(6\)\n {3}Duration {2}\d/);
  });

  it("exit 1 when a test fails, with each miss and its diff", async () => {
    const run = await runCli(["test", join(E2E, "failing")]);
    expect(run.code).toBe(1);
    const file = shown(join(E2E, "failing/failing.apimtest.yaml"));
    expect(run.stdout).toContain(` ✓ ${file} > passes `);
    expect(run.stdout).toContain(` ✗ ${file} > wrong status and header `);
    expect(run.stdout).toContain("     → status: expected 200, got 404");
    expect(run.stdout).toContain('     → headers.X-Greeting: expected "hello alice", got "hello bob"');
    expect(run.stdout).toContain('       -   "error": "found"\n       +   "error": "missing"');
    expect(run.stdout).toContain("     → no mock answers the backend call GET https://backend.example/a");
    expect(run.stdout).toContain("     → step 2 (second): status: expected 201, got 200");
    expect(run.stdout).toContain("      Tests  1 passed | 3 failed (4)");
  });

  it("-f json -o FILE writes the report atomically, the summary goes to stderr", async () => {
    const out = join(tmp, "reports/test.json");
    const run = await runCli(["test", join(E2E, "failing/failing.apimtest.yaml"), "-f", "json", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`Tests  1 passed | 2 failed (3); report written to ${out}\n`);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.tests.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ["passes", "passed"],
      ["wrong status and header", "failed"],
      ["no mock for the backend", "failed"],
    ]);
    expect(Object.keys(report.tests[0]).sort()).toEqual(["file", "message", "name", "status"]);
  });

  it("-f junit on stdout", async () => {
    const run = await runCli(["test", join(E2E, "failing/failing.apimtest.yaml"), "-f", "junit"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites name="apimkit test" tests="3" failures="1" errors="1"/,
    );
    expect(run.stdout).toContain('<failure message="status: expected 200, got 404');
    expect(run.stdout).toContain('<error message="no mock answers the backend call GET https://backend.example/a');
  });

  it("--filter runs only the tests whose name contains the text", async () => {
    const run = await runCli(["test", join(E2E, "failing/failing.apimtest.yaml"), "--filter", "passes"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("      Tests  1 passed (1)");
  });

  it("--no-op skips a policy the test file does not list; without it the run fails naming the policy", async () => {
    const file = join(FIXTURES, "noop-cli/noop.apimtest.yaml");
    const without = await runCli(["test", file]);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain("jsonp");
    const skipped = await runCli(["test", file, "--no-op", "jsonp"]);
    expect(skipped.code).toBe(0);
  });

  it("--trace prints the gateway's trace on stderr, tokens redacted", async () => {
    const run = await runCli(["test", join(E2E, "token.apimtest.json"), "--trace"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^trace .*token\.apimtest\.json > each request gets a token, then forwards it > miss: inbound\/api send-request test\/fixtures\/apimtest\/e2e\/token\.xml:4:5: run$/m,
    );
    expect(run.stderr).toContain("= Bearer eyJ…[redacted]");
    expect(run.stderr).toMatch(
      /^trace .*token\.apimtest\.json > each request gets a token, then forwards it > miss: assumption: no global policy given/m,
    );
    expect(run.stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./);
  });
});
