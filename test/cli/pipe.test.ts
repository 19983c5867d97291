// `apimkit parse big.xml | head`: the reader goes away early; apimkit stops quietly (exit 141, as SIGPIPE), no stack.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, expect, it } from "vitest";

beforeAll(() => {
  if (!existsSync(resolve("dist/src/cli/main.js")))
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it)");
});

it("a closed stdout pipe ends the run quietly with exit 141", async () => {
  const dir = mkdtempSync(join(tmpdir(), "apimkit-pipe-"));
  const file = join(dir, "big.xml");
  const headers = Array.from(
    { length: 4000 },
    (_, i) => `    <set-header name="x-${i}" exists-action="override"><value>${i}</value></set-header>`,
  );
  writeFileSync(file, `<policies>\n  <inbound>\n    <base />\n${headers.join("\n")}\n  </inbound>\n</policies>\n`);
  const child = spawn(process.execPath, [resolve("bin/apimkit.js"), "parse", "--json", file], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  // Like `head -c 1`: take the first chunk, then close the read end.
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
  expect(stderr).toBe("");
  expect(code).toBe(141);
}, 30_000);
