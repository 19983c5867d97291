// Runs the real CLI the way users do: node bin/apimkit.js (the compiled dist/, built by `npm test`'s pretest).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = resolve("bin/apimkit.js");

export function runCli(args: string[], cwd?: string, env?: NodeJS.ProcessEnv): CliResult {
  if (!existsSync(resolve("dist/src/cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it in pretest)");
  }
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
