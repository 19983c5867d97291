#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` runs through `prepare`).
let cli;
try {
  cli = await import("../dist/src/cli/main.js");
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND") throw err;
  process.stderr.write("apimkit: the CLI is not built yet: run 'npm run build' (npm ci does it through prepare)\n");
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
