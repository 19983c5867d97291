// The V8 set-up of a batch run: every command but the language server (src/cli/v8-tuning.ts).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BATCH_V8_FLAGS, isBatchRun } from "../../src/cli/v8-tuning.js";

describe("V8 set-up for batch runs", () => {
  it("tunes every command but lsp, help included", () => {
    expect(isBatchRun(["lint", "policy.xml"])).toBe(true);
    expect(isBatchRun(["test"])).toBe(true);
    expect(isBatchRun([])).toBe(true);
    expect(isBatchRun(["lsp", "--stdio"])).toBe(false);
  });

  it("is a flag this node accepts (an unknown one would be ignored without a word)", () => {
    const name = BATCH_V8_FLAGS.replace(/^--/, "").replace(/=.*/, "");
    const r = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    expect(r.stdout).toContain(`--${name} `);
  });
});
