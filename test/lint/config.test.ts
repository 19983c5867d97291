import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintConfigSchema } from "../../src/lint/config/schema.js";
import { GENERATED_VALIDATOR, validatorSource } from "../../src/lint/config/validator-source.js";
import { type LintFilesOptions, lintFiles } from "../../src/lint/lint-files.js";
import type { Rule } from "../../src/lint/types.js";
import { elementRule } from "./helpers.js";
import { POLICY_WITH_HEADER, tmpTree } from "./tmp-tree.js";

const header = elementRule("no-set-header", "set-header");
const strictOnly = elementRule("strict-base", "base", "off");
const scopeSpy: Rule = {
  id: "scope-spy",
  meta: {
    severity: "info",
    category: "correctness",
    description: "reports the scope",
    docs: "rules/scope-spy.md",
    schema: { type: "object", properties: { depth: { type: "integer" }, max: { type: "integer" } } },
  },
  create(ctx) {
    return {
      Document() {
        const nv = ctx.namedValues ? [...ctx.namedValues].sort().join("+") : "-";
        ctx.report({ node: ctx.sourceCode.root!, message: `${ctx.scope} ${nv} ${JSON.stringify(ctx.options)}` });
      },
    };
  },
};
const rules = [header, strictOnly, scopeSpy];

async function lint(root: string, paths: string[] = ["."], opts: LintFilesOptions = {}) {
  const { results, ignored } = await lintFiles(paths, { cwd: root, rules, ...opts });
  const rel = (f: string) => f.slice(root.length + 1);
  return {
    ignored: ignored.map(rel),
    files: Object.fromEntries(
      results.map((r) => [
        rel(r.file),
        r.findings.map((f) => (f.ruleId === "scope-spy" ? `scope-spy ${f.message}` : `${f.ruleId}:${f.severity}`)),
      ]),
    ),
  };
}

describe("lint config lookup", () => {
  it("without any config: apimkit:recommended, scope from the path", async () => {
    const root = tmpTree({
      "a.xml": POLICY_WITH_HEADER,
      "apis/echo/operations/get/policy.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root)).files).toEqual({
      "a.xml": ["scope-spy api - {}", "no-set-header:error"],
      "apis/echo/operations/get/policy.xml": ["scope-spy operation - {}", "no-set-header:error"],
    });
  });

  it("nearest config wins, parent settings still apply, root: true stops the lookup", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { rules: { "no-set-header": "warn", "scope-spy": "off" } },
      "top.xml": POLICY_WITH_HEADER,
      "sub/.apimkitrc.json": { rules: { "no-set-header": "info" } },
      "sub/mid.xml": POLICY_WITH_HEADER,
      "sub/isolated/.apimkitrc.json": { root: true, rules: {} },
      "sub/isolated/low.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root)).files).toEqual({
      "sub/isolated/low.xml": ["scope-spy api - {}", "no-set-header:error"],
      "sub/mid.xml": ["no-set-header:info"],
      "top.xml": ["no-set-header:warn"],
    });
  });

  it("extends apimkit:strict switches on rules that are off in recommended", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { extends: "apimkit:strict", rules: { "scope-spy": "off", "no-set-header": "off" } },
      "a.xml": POLICY_WITH_HEADER,
      "rec/.apimkitrc.json": { extends: ["apimkit:recommended"], rules: { "scope-spy": "off" } },
      "rec/b.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root)).files).toEqual({
      "a.xml": ["strict-base:warn", "strict-base:warn", "strict-base:warn", "strict-base:warn"],
      // a child's extends starts again from its preset, as in ESLint
      "rec/b.xml": ["no-set-header:error"],
    });
  });

  it("overrides by glob set rules, options, scope and excludedFiles", async () => {
    const root = tmpTree({
      ".apimkitrc.json": {
        rules: { "scope-spy": ["info", { depth: 1 }] },
        overrides: [
          { files: "legacy/**", excludedFiles: ["legacy/keep.xml"], rules: { "no-set-header": "off" } },
          { files: ["*.fragment.xml"], scope: "fragment", rules: { "scope-spy": "warn" } },
        ],
      },
      "legacy/old.xml": POLICY_WITH_HEADER,
      "legacy/keep.xml": POLICY_WITH_HEADER,
      "deep/x/shared.fragment.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root)).files).toEqual({
      "deep/x/shared.fragment.xml": ['scope-spy fragment - {"depth":1}', "no-set-header:error"],
      "legacy/keep.xml": ['scope-spy api - {"depth":1}', "no-set-header:error"],
      "legacy/old.xml": ['scope-spy api - {"depth":1}'],
    });
  });

  it("ignores skip files and folders; an ignored file named explicitly is reported as ignored", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { ignores: ["generated/", "*.draft.xml"], rules: { "scope-spy": "off" } },
      "ok.xml": POLICY_WITH_HEADER,
      "generated/out.xml": POLICY_WITH_HEADER,
      "x/y/wip.draft.xml": POLICY_WITH_HEADER,
      "node_modules/pkg/policy.xml": POLICY_WITH_HEADER,
      "notes.txt": "not a policy",
    });
    expect((await lint(root)).files).toEqual({ "ok.xml": ["no-set-header:error"] });
    const explicit = await lint(root, ["x/y/wip.draft.xml", "ok.xml"]);
    expect(explicit.ignored).toEqual(["x/y/wip.draft.xml"]);
    expect(Object.keys(explicit.files)).toEqual(["ok.xml"]);
  });

  it("namedValues: a list, named-values.json, or an APIOps named values folder (display names)", async () => {
    const root = tmpTree({
      "list/.apimkitrc.json": { namedValues: ["b", "a"] },
      "list/p.xml": POLICY_WITH_HEADER,
      "json/.apimkitrc.json": { namedValues: "../out/named-values.json" },
      "out/named-values.json": [{ name: "tenant-id", value: "x", secret: false }, { name: "client-id" }],
      "json/p.xml": POLICY_WITH_HEADER,
      "apiops/.apimkitrc.json": { namedValues: "named values" },
      "apiops/named values/nv1/namedValueInformation.json": { properties: { displayName: "backend-url" } },
      "apiops/named values/nv2/namedValueInformation.json": { properties: { displayName: "api-key", secret: true } },
      "apiops/p.xml": POLICY_WITH_HEADER,
    });
    const { files } = await lint(root, ["list", "json", "apiops"], { cliRules: { "no-set-header": "off" } });
    expect(files).toEqual({
      "apiops/p.xml": ["scope-spy api api-key+backend-url {}"],
      "json/p.xml": ["scope-spy api client-id+tenant-id {}"],
      "list/p.xml": ["scope-spy api a+b {}"],
    });
  });

  it("--config replaces the lookup and --rule applies last", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { rules: { "no-set-header": "off" } },
      "ci/lint.json": { rules: { "no-set-header": "warn", "scope-spy": "off" } },
      "a.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root, ["."], { configFile: "ci/lint.json" })).files).toEqual({
      "a.xml": ["no-set-header:warn"],
    });
    const cli = await lint(root, ["."], { cliRules: { "no-set-header": "error", "scope-spy": "off" } });
    expect(cli.files).toEqual({ "a.xml": ["no-set-header:error"] });
  });

  it("a level alone keeps options set by a parent config", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { rules: { "scope-spy": ["info", { max: 2 }], "no-set-header": "off" } },
      "sub/.apimkitrc.json": { rules: { "scope-spy": "warn" } },
      "sub/a.xml": POLICY_WITH_HEADER,
    });
    expect((await lint(root)).files).toEqual({ "sub/a.xml": ['scope-spy api - {"max":2}'] });
  });
});

describe("bad lint configs name the file and the place", () => {
  const failure = async (config: string, paths = ["."]) => {
    const root = tmpTree({ ".apimkitrc.json": config, "a.xml": POLICY_WITH_HEADER });
    const err = await lintFiles(paths, { cwd: root, rules }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe("LintConfigError");
    return err!.message.replace(root, "ROOT");
  };

  it("invalid JSON, with line and column (apimkit.json's reader, not V8's 'position 42')", async () => {
    expect(await failure('{\n  "rules": {\n    "no-set-header": "warn",\n  }\n}')).toBe(
      'ROOT/.apimkitrc.json:4:3: invalid JSON: expected a property name in double quotes, found "}"',
    );
    expect(await failure('{\n  "rules": { "no-set-header": "warn" }\n  "root": true\n}')).toBe(
      "ROOT/.apimkitrc.json:3:3: invalid JSON: expected ',' or '}', found \"\\\"\"",
    );
  });

  it("rule options problems point at the rule's entry", async () => {
    expect(await failure('{\n  "rules": {\n    "no-set-header": ["warn", { "nope": 1 }]\n  }\n}')).toMatch(
      /^ROOT\/\.apimkitrc\.json:3:22: rules: rule "no-set-header": /,
    );
  });

  it("schema errors with the JSON path", async () => {
    expect(await failure(JSON.stringify({ rules: { "no-set-header": "warning" } }))).toBe(
      'ROOT/.apimkitrc.json:1:27: rules.no-set-header: must be one of "off", "info", "warn", "error"',
    );
    expect(await failure(JSON.stringify({ overrides: [{ files: "x", scope: "tenant" }] }))).toBe(
      'ROOT/.apimkitrc.json:1:36: overrides[0].scope: must be one of "global", "workspace", "product", "api", "operation", "fragment"',
    );
    expect(await failure(JSON.stringify({ overrides: [{ rules: {} }] }))).toBe(
      "ROOT/.apimkitrc.json:1:15: overrides[0]: must have required property 'files'",
    );
    expect(await failure(JSON.stringify({ extend: "apimkit:strict" }))).toBe(
      'ROOT/.apimkitrc.json:1:2: (root): unknown property "extend" (did you mean "extends"?)',
    );
  });

  it("unknown rule ids, with a did-you-mean", async () => {
    expect(await failure(JSON.stringify({ rules: { "no-set-headers": "off" } }))).toBe(
      'ROOT/.apimkitrc.json:1:11: rules: unknown rule "no-set-headers" (did you mean "no-set-header"?)',
    );
    expect(await failure(JSON.stringify({ overrides: [{ files: "*", rules: { zzz: "off" } }] }))).toBe(
      'ROOT/.apimkitrc.json:1:37: overrides[0].rules: unknown rule "zzz"',
    );
  });

  it("a named values path that does not exist", async () => {
    expect(await failure(JSON.stringify({ namedValues: "nv.json" }))).toMatch(
      /^ROOT\/\.apimkitrc\.json: namedValues: "nv\.json" does not exist/,
    );
  });

  it("an unknown --rule id", async () => {
    const root = tmpTree({ "a.xml": POLICY_WITH_HEADER });
    await expect(lintFiles(["."], { cwd: root, rules, cliRules: { "scope-sp": "off" } })).rejects.toThrow(
      'command line: --rule: unknown rule "scope-sp" (did you mean "scope-spy"?)',
    );
  });
});

describe("schemas/apimkit-lint.schema.json", () => {
  it("is the schema the loader validates with (regenerate from src/lint/config/schema.ts when this fails)", () => {
    const shipped = JSON.parse(
      readFileSync(new URL("../../schemas/apimkit-lint.schema.json", import.meta.url), "utf8"),
    );
    expect(shipped).toEqual(JSON.parse(JSON.stringify(lintConfigSchema)));
  });
});

describe("src/lint/config/validate-config.generated.ts", () => {
  it("is the standalone code of the current schema (regenerate with node dist/src/lint/config/validator-source.js)", () => {
    const committed = readFileSync(new URL(`../../${GENERATED_VALIDATOR}`, import.meta.url), "utf8");
    expect(committed).toBe(validatorSource());
  });
});
