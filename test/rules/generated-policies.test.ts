// The policies `apimkit generate` writes must pass the token/security rules with no error or warning, and the
// expression rules with no finding at all: the generator is the reference for what these rules ask of hand-written
// policies.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { loadConfig } from "../../src/config/load.js";
import { generate } from "../../src/generate/index.js";
import { repoRoot } from "../policy/corpus-files.js";
import { runRule } from "../support/rule-tester.js";

const CATEGORIES = new Set(["token-validation", "token-acquisition", "security"]);
const rules = allRules.filter((r) => CATEGORIES.has(r.meta.category));
const expressionRules = allRules.filter((r) => r.meta.category === "correctness" || r.id === "expression-syntax");

const configs = [
  "examples/cross-tenant/apimkit.json",
  ...readdirSync(join(repoRoot, "test/fixtures/config/good"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `test/fixtures/config/good/${f}`),
];

describe.each(configs)("generated policies of %s", (configPath) => {
  const config = loadConfig(join(repoRoot, configPath));
  const files = generate(config, { layout: "plain" }).filter((f) => f.kind === "policy");
  // A caller whose config turns the token cache off gets exactly the cache warning: the user chose it.
  const uncached = new Set(
    config.callers.filter((c) => c.tokenCache?.enabled === false).map((c) => `callers/${c.name}/`),
  );

  it("include a provider and at least one caller policy", () => {
    expect(files.some((f) => f.path.startsWith("provider/"))).toBe(true);
    expect(files.some((f) => f.path.startsWith("callers/"))).toBe(true);
  });

  it("get no error or warning from the token/security rules", () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const rule of rules) {
        for (const f of runRule(rule, file.content, { file: file.path })) {
          const level = f.report.severity ?? rule.meta.severity;
          if (rule.id === "token-exchange-cache" && [...uncached].some((p) => file.path.startsWith(p))) continue;
          if (level === "error" || level === "warn")
            problems.push(`${file.path}:${f.line}:${f.column} ${rule.id} ${f.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("get no finding from the expression rules (C# syntax, members, allowed types, types)", () => {
    expect(expressionRules.length).toBe(4);
    const problems: string[] = [];
    for (const file of files) {
      for (const rule of expressionRules) {
        for (const f of runRule(rule, file.content, { file: file.path })) {
          problems.push(`${file.path}:${f.line}:${f.column} ${rule.id} ${f.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("a caller with tokenCache disabled", () => {
  it("gets the token-exchange-cache warning", () => {
    const config = loadConfig(join(repoRoot, "test/fixtures/config/good/v2-jwt-three-callers.json"));
    const off = config.callers.find((c) => c.tokenCache?.enabled === false);
    expect(off).toBeDefined();
    const file = generate(config, { layout: "plain" }).find((f) => f.path === `callers/${off!.name}/policy.xml`)!;
    const rule = rules.find((r) => r.id === "token-exchange-cache")!;
    expect(runRule(rule, file.content).map((f) => f.ruleId)).toEqual(["token-exchange-cache"]);
  });
});
