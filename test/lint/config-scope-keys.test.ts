import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { LintConfigError } from "../../src/lint/config/errors.js";
import { parseConfigText } from "../../src/lint/config/load.js";
import { ConfigResolver } from "../../src/lint/config/resolver.js";
import { inheritsFor } from "../../src/lint/resolved-config.js";
import type { RuleMeta } from "../../src/lint/types.js";
import { tmpTree } from "./tmp-tree.js";

const known: ReadonlyMap<string, RuleMeta> = new Map(allRules.map((r) => [r.id, r.meta]));

function configError(text: string): string {
  try {
    parseConfigText(text, "/repo/.apimkitrc.json", known);
  } catch (err) {
    expect(err).toBeInstanceOf(LintConfigError);
    return (err as Error).message;
  }
  throw new Error("no config error");
}

describe("placeholders in .apimkitrc.json", () => {
  it("a pattern without name is a config error at its file:line:column", () => {
    const text = '{\n  "placeholders": [\n    "{name}",\n    "#{key}#"\n  ]\n}\n';
    expect(configError(text)).toBe(
      '/repo/.apimkitrc.json:4:5: placeholders[1]: "#{key}#" has no "name" standing for the variable part (e.g. "{name}", "#{name}#", "__name__", "$(name)")',
    );
  });

  it.each([
    ['{ "placeholders": ["name"] }', /^\/repo\/\.apimkitrc\.json:1:20: placeholders\[0\]: "name" has no delimiters/],
    ['{ "placeholders": ["{{name}}"] }', /1:20: placeholders\[0\]: .*named-value syntax/],
    ['{ "placeholders": [""] }', /placeholders\[0\]: must NOT have fewer than 1 characters/],
    ['{ "placeholders": "{name}" }', /placeholders: must be array/],
  ])("%s", (text, message) => {
    expect(configError(text)).toMatch(message);
  });

  it("good patterns load", () => {
    const config = parseConfigText('{ "placeholders": ["{name}", "#{name}#", "__name__", "$(name)"] }', "f", known);
    expect(config.placeholders).toHaveLength(4);
  });
});

describe("overrides[].inherits", () => {
  it("names broader scopes only: a scope at or below the files' own is an error at its key", () => {
    const text = `{
  "overrides": [
    { "files": "apis/hr_*.xml", "scope": "api", "inherits": { "global": "global.xml", "api": "x.xml" } }
  ]
}`;
    expect(configError(text)).toBe(
      '/repo/.apimkitrc.json:3:87: overrides[0].inherits.api: "api" is not broader than the files\' scope "api": inherits names the scopes above them (global, workspace, product)',
    );
  });

  it.each([
    [
      '{ "overrides": [{ "files": "f.xml", "scope": "fragment", "inherits": { "global": "g.xml" } }] }',
      /overrides\[0\]\.inherits: a fragment has no broader scopes/,
    ],
    [
      '{ "overrides": [{ "files": "f.xml", "inherits": { "operation": "o.xml" } }] }',
      /overrides\[0\]\.inherits: unknown property "operation"/,
    ],
    [
      '{ "overrides": [{ "files": "f.xml", "inherits": { "api": "" } }] }',
      /overrides\[0\]\.inherits\.api: must NOT have/,
    ],
  ])("%s", (text, message) => {
    expect(configError(text)).toMatch(message);
  });

  it("paths are relative to the config file; later matching overrides win per scope; inheritsFor reads them", () => {
    const root = tmpTree({
      "policies/.apimkitrc.json": {
        root: true,
        overrides: [
          { files: "apis/**", inherits: { global: "global.xml", product: "products/starter.xml" } },
          { files: "apis/hr_*.xml", scope: "operation", inherits: { api: "apis/hr_all_operations.xml" } },
          { files: "apis/hr_post.xml", inherits: { global: "other-global.xml" } },
        ],
      },
    });
    const resolver = new ConfigResolver({ knownRules: known });
    const dir = join(root, "policies");
    expect(resolver.inheritsFor(join(dir, "apis/hr_get.xml"))).toEqual({
      global: join(dir, "global.xml"),
      product: join(dir, "products/starter.xml"),
      api: join(dir, "apis/hr_all_operations.xml"),
    });
    expect(inheritsFor(resolver.resolve(join(dir, "apis/hr_post.xml")))).toEqual({
      global: join(dir, "other-global.xml"),
      product: join(dir, "products/starter.xml"),
      api: join(dir, "apis/hr_all_operations.xml"),
    });
    expect(resolver.inheritsFor(join(dir, "elsewhere.xml"))).toBeUndefined();
    expect(resolver.resolve(join(dir, "apis/hr_get.xml"))).toMatchObject({
      scope: "operation",
      scopeFrom: join(dir, ".apimkitrc.json"),
    });
  });
});
