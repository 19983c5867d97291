// Golden files: the generated output for representative configs, reviewed by eye.
// UPDATE_GOLDEN=1 npx vitest run test/generate/golden.test.ts rewrites them (then review the git diff).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type Layout } from "../../src/generate/index.js";
import { lintText } from "../../src/lint/index.js";
import { type GoodConfigName, goodConfig, listFiles, readText } from "./helpers.js";

const GOLDEN = "test/fixtures/golden";
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const CASES: { name: string; config: GoodConfigName; layout: Layout; what: string }[] = [
  { name: "flagship", config: "flagship", layout: "plain", what: "v1 validate-jwt, one caller, echo, named values" },
  { name: "v2-jwt-three-callers", config: "v2-jwt-three-callers", layout: "plain", what: "v2, three callers, forward" },
  { name: "v2-jwt-three-callers-apiops", config: "v2-jwt-three-callers", layout: "apiops", what: "APIOps layout" },
  {
    name: "v1-aad-token-inline",
    config: "v1-aad-token-inline",
    layout: "plain",
    what: "validate-azure-ad-token, inline",
  },
  { name: "usgov-v2-aad-token", config: "usgov-v2-aad-token", layout: "plain", what: "US Gov, v2, operation scope" },
  {
    name: "usgov-v1-jwt-inline",
    config: "usgov-v1-jwt-inline",
    layout: "plain",
    what: "US Gov, v1 validate-jwt, inline",
  },
];

describe("golden files", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.what}`, () => {
      const files = generate(goodConfig(c.config), { layout: c.layout });
      const dir = join(GOLDEN, c.name);
      if (UPDATE) {
        rmSync(dir, { recursive: true, force: true });
        for (const f of files) {
          const path = join(dir, ...f.path.split("/"));
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.content);
        }
      }
      expect(files.map((f) => f.path)).toEqual(listFiles(dir));
      for (const f of files) expect(f.content, f.path).toBe(readText(join(dir, ...f.path.split("/"))));
    });
  }
});

describe("generated policies are clean for apimkit lint", () => {
  for (const c of CASES) {
    it(`${c.name}: no finding at warn level or above (except a cache the config turned off)`, () => {
      const config = goodConfig(c.config);
      const uncached = new Set(config.callers.filter((x) => x.tokenCache?.enabled === false).map((x) => x.name));
      for (const f of generate(config, { layout: c.layout }).filter((x) => x.kind === "policy")) {
        const findings = lintText(f.content, { file: f.path, scope: f.target?.scope })
          .findings.filter((x) => x.severity !== "info")
          .filter((x) => !(x.ruleId === "token-exchange-cache" && uncached.has(f.target?.owner.slice(7) ?? "")));
        expect(findings, f.path).toEqual([]);
      }
    });
  }
});
