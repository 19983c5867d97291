// The example test files beside examples/cross-tenant run the policies `apimkit generate` writes for its apimkit.json:
// the committed copy in generated/ must be what generate writes today, and every example test must pass.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

describe("examples/cross-tenant", () => {
  it("generated/ is what generate writes for apimkit.json (generate --check)", async () => {
    const r = await runCli([
      "generate",
      "--check",
      "-c",
      "examples/cross-tenant/apimkit.json",
      "-o",
      "examples/cross-tenant/generated",
    ]);
    expect(r.stdout + r.stderr).not.toContain("differs");
    expect(r.code).toBe(0);
  });

  it("apimkit test examples/ passes: the caller and provider tests", async () => {
    const r = await runCli(["test", "examples/", "-f", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(8);
  });
});
