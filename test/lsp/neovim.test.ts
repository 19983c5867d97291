// A real editor end to end: headless Neovim (Debian's 0.7.2) starts `apimkit lsp --stdio`, waits for the
// diagnostics, completes after `context.` and applies a quick fix. Skipped, with the reason printed, without nvim.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, requireBuild } from "./client.js";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const version = nvim.status === 0 ? /NVIM v(\d+)\.(\d+)/.exec(nvim.stdout) : null;
const usable = version !== null && (Number(version[1]) > 0 || Number(version[2]) >= 7);
if (!usable) {
  console.warn(
    `skipping the Neovim end-to-end test: ${version ? `nvim ${version[0]} is older than 0.7` : "nvim is not installed (apt-get install neovim)"}`,
  );
}

const POLICY = `<policies>
  <inbound>
    <set-variable name="a" value="@(context.)" />
    <set-header name="x" exists-action="override"><value>@((string)context.Variables["a"])</value></set-header>
  </inbound>
  <backend>
    <base />
  </backend>
  <outbound>
    <base />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>
`;

describe.skipIf(!usable)("Neovim", () => {
  it("opens a policy, gets diagnostics, completes after context. and applies a quick fix", () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), "apimkit-nvim-"));
    const policy = join(dir, "policy.xml");
    const out = join(dir, "result.json");
    writeFileSync(policy, POLICY);
    const run = spawnSync("nvim", ["--headless", "--clean", "-n", "-c", `luafile ${resolve("test/lsp/neovim.lua")}`], {
      encoding: "utf8",
      timeout: 60_000,
      cwd: dir,
      env: {
        ...process.env,
        APIMKIT_NVIM_OUT: out,
        APIMKIT_NVIM_POLICY: policy,
        APIMKIT_NODE: process.execPath,
        APIMKIT_BIN: BIN,
      },
    });
    let result: Record<string, unknown>;
    try {
      result = JSON.parse(readFileSync(out, "utf8"));
    } catch {
      throw new Error(`nvim wrote no result (exit ${run.status}): ${run.stderr}${run.stdout}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.steps).toEqual(["diagnostics", "completion", "fix"]);
    // base-missing on <inbound> (0-based line 1, characters 2-11), with the server's source.
    expect(result.diagnostics).toContainEqual({
      code: "base-missing",
      lnum: 1,
      col: 2,
      end_lnum: 1,
      end_col: 11,
      source: "apimkit",
    });
    for (const member of ["Request", "Response", "Variables"]) expect(result.completion).toContain(member);
    expect(result.fix).toMatch(/base/);
    expect(result.after).not.toContain("base-missing");
    expect(result.text).toContain("<inbound>\n    <base />");
  }, 90_000);
});
