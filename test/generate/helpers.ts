// Shared by the generate tests: the configs under test and small file helpers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/types.js";

export const GOOD_CONFIGS = {
  flagship: "examples/cross-tenant/apimkit.json",
  "v2-jwt-three-callers": "test/fixtures/config/good/v2-jwt-three-callers.json",
  "v1-aad-token-inline": "test/fixtures/config/good/v1-aad-token-inline.json",
  "usgov-v2-aad-token": "test/fixtures/config/good/usgov-v2-aad-token.json",
  "usgov-v1-jwt-inline": "test/fixtures/config/good/usgov-v1-jwt-inline.json",
} as const;

export type GoodConfigName = keyof typeof GOOD_CONFIGS;

export function goodConfig(name: GoodConfigName): Config {
  return loadConfig(GOOD_CONFIGS[name]);
}

/** Every file under dir, as relative forward-slash paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
