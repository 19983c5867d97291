// Runs every compiled bench/*.bench.js in turn; each prints its figures as JSON on stdout.
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const name of readdirSync(here)
  .filter((f) => f.endsWith(".bench.js"))
  .sort()) {
  if (only && !name.includes(only)) continue;
  const mod = await import(pathToFileURL(`${here}/${name}`).href);
  await mod.run();
}
