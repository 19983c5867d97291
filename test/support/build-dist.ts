// vitest global setup: brings dist/ up to date before any test runs (see vitest.config.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export default function buildDist(): void {
  const root = join(import.meta.dirname, "../..");
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`the build for the tests failed:\n${r.stdout}${r.stderr}`);
}
