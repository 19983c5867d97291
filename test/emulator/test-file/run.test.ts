// Real policies through the real emulator: the runner's library API (runTestFile, runTests).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulate } from "../../../src/emulator/index.js";
import { loadTestFile, runTest, runTestFile, runTests } from "../../../src/emulator/test-file/index.js";

const E2E = join(import.meta.dirname, "../../fixtures/apimtest/e2e");

describe("runTestFile on real policies", () => {
  it.each([
    ["greet.apimtest.yaml"],
    ["token.apimtest.json"],
    ["error.apimtest.yaml"],
    ["noop.apimtest.yaml"],
    ["clock.apimtest.yaml"],
    ["logging.apimtest.yaml"],
    ["token-cache.apimtest.yaml"],
    ["identity.apimtest.yaml"],
    ["rate-limit.apimtest.yaml"],
  ])("%s passes", async (name) => {
    const results = await runTestFile(join(E2E, name));
    expect(results.map((r) => [r.name, r.status, r.message])).toEqual(results.map((r) => [r.name, "passed", ""]));
  });

  it("reports each miss of a failing file, and a call no mock answers as the test's error", async () => {
    const results = await runTestFile(join(E2E, "failing/failing.apimtest.yaml"));
    expect(results.map((r) => r.status)).toEqual(["passed", "failed", "failed"]);
    expect(results[1]!.misses.map((m) => m.key)).toEqual(["status", "headers.X-Greeting", "body"]);
    expect(results[1]!.message).toContain('headers.X-Greeting: expected "hello alice", got "hello bob"');
    expect(results[2]!.message).toMatch(/^no mock answers the backend call GET https:\/\/backend\.example\/a/);
  });

  it("a sequence stops at its first failing step and names it", async () => {
    const [result] = await runTestFile(join(E2E, "failing/sequence.apimtest.yaml"));
    expect(result!.failedStep).toEqual({ index: 2, name: "second" });
    expect(result!.message).toBe("step 2 (second): status: expected 201, got 200");
  });

  it("lets the caller answer what no mock answers (library users' own outbound handler)", async () => {
    const seen: string[] = [];
    const results = await runTestFile(join(E2E, "failing/failing.apimtest.yaml"), {
      filter: "no mock",
      outbound: async (request, kind) => {
        seen.push(`${kind} ${request.method} ${request.url}`);
        return { status: 200, body: "from the handler" };
      },
    });
    expect(seen).toEqual(["backend GET https://backend.example/a"]);
    expect(results[0]!.status).toBe("passed");
  });

  it("runTests finds the files of a folder and runs them all", async () => {
    const run = await runTests([E2E]);
    expect(run.problems).toEqual([]);
    expect(run.files.map((f) => f.slice(E2E.length + 1))).toEqual([
      "clock.apimtest.yaml",
      "error.apimtest.yaml",
      "failing/failing.apimtest.yaml",
      "failing/sequence.apimtest.yaml",
      "greet.apimtest.yaml",
      "identity.apimtest.yaml",
      "logging.apimtest.yaml",
      "noop.apimtest.yaml",
      "rate-limit.apimtest.yaml",
      "token-cache.apimtest.yaml",
      "token.apimtest.json",
    ]);
    expect(run.results.filter((r) => r.status === "failed").map((r) => r.name)).toEqual([
      "wrong status and header",
      "no mock for the backend",
      "stops at the failing step",
    ]);
  });

  it("a test without clock starts at the real time (the emulated clock is what the policy reads)", async () => {
    const file = loadTestFile(join(E2E, "clock.apimtest.yaml"));
    const test = { ...file.tests[1]!, clock: undefined, steps: [{ ...file.tests[1]!.steps[0]!, expect: {} }] };
    const bodies: string[] = [];
    const before = Date.now();
    const result = await runTest(file, test, {
      // The real emulate, watched: what the policy returned for context.Timestamp.
      emulate: async (options) => {
        const r = await emulate(options);
        bodies.push(r.response.body ?? "");
        return r;
      },
    });
    const after = Date.now();
    expect(result.status).toBe("passed");
    const read = Date.parse(bodies[0]!);
    expect(read).toBeGreaterThanOrEqual(before - 1);
    expect(read).toBeLessThanOrEqual(after + 1);
  });

  it("lists the [U] choices each test's runs relied on, each once", async () => {
    const seen: string[] = [];
    const [result] = await runTestFile(join(E2E, "clock.apimtest.yaml"), {
      filter: "advance",
      assumption: (text, test) => seen.push(`${test.name}: ${text}`),
    });
    expect(result!.assumptions).toContain(
      "return-response ends the pipeline: the rest of inbound, backend and outbound is skipped",
    );
    expect(new Set(result!.assumptions).size).toBe(result!.assumptions.length);
    // Reported after every step (three steps), kept once in the result.
    expect(seen.filter((s) => s.endsWith("is skipped"))).toHaveLength(3);
  });
});
