import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const work = mkdtempSync(join(tmpdir(), "apimkit-bin-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("bin/apimkit.js", () => {
  it("in a checkout that was never built, says how to build instead of a stack trace", () => {
    mkdirSync(join(work, "bin"));
    copyFileSync("bin/apimkit.js", join(work, "bin", "apimkit.js"));
    const r = spawnSync(process.execPath, [join(work, "bin", "apimkit.js"), "--help"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("run 'npm run build'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
