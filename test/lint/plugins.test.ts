// Lint plugins through the real CLI: `"plugins": [...]` in .apimkitrc.json, a local module or an npm package
// resolved from the config's folder, namespaced rule ids configurable like apimkit's, and load errors as config
// errors naming the file.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

const repo = resolve(import.meta.dirname, "../..");

const PLUGIN = `export default { rules: [{
  id: "house/no-x-forbidden",
  meta: { severity: "error", category: "house", description: "X-Forbidden must not be set", docs: "https://house.example/no-x" },
  create(context) { return { "set-header"(el) {
    if (el.attributes.find((a) => a.name === "name")?.value.text === "X-Forbidden")
      context.report({ node: el, message: "do not set X-Forbidden" });
  } }; } }] };
`;

const POLICY = `<policies>
  <inbound>
    <base />
    <set-header name="X-Forbidden" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

function tree(config: object, extra: Record<string, string> = {}): string {
  return tmpTree({
    ".apimkitrc.json": { root: true, ...config },
    "house-rules.mjs": PLUGIN,
    "api/policy.xml": POLICY,
    ...extra,
  });
}

async function lint(dir: string, ...args: string[]) {
  const r = await runCli(["lint", dir, ...args]);
  return { ...r, stderr: r.stderr.replaceAll(dir, "<tmp>"), stdout: r.stdout.replaceAll(dir, "<tmp>") };
}

describe("lint plugins", () => {
  it("a rule from a local plugin file reports, at the element's line", async () => {
    const dir = tree({ plugins: ["./house-rules.mjs"] });
    const r = await lint(dir, "-f", "json");
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages).toEqual([
      expect.objectContaining({
        ruleId: "house/no-x-forbidden",
        line: 4,
        column: 5,
        severity: "error",
        message: "do not set X-Forbidden",
      }),
    ]);
  });

  it("without the plugin in the config the rule does not run", async () => {
    const dir = tree({});
    expect((await lint(dir)).code).toBe(0);
  });

  it("its rules are configurable like apimkit's: in rules, in overrides and with --rule", async () => {
    expect((await lint(tree({ plugins: ["./house-rules.mjs"], rules: { "house/no-x-forbidden": "off" } }))).code).toBe(
      0,
    );
    const warn = await lint(tree({ plugins: ["./house-rules.mjs"], rules: { "house/no-x-forbidden": "warn" } }));
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/4:5 +warning +do not set X-Forbidden +house\/no-x-forbidden/);
    const override = tree({
      plugins: ["./house-rules.mjs"],
      overrides: [{ files: "api/**", rules: { "house/no-x-forbidden": "off" } }],
    });
    expect((await lint(override)).code).toBe(0);
    expect((await lint(tree({ plugins: ["./house-rules.mjs"] }), "--rule", "house/no-x-forbidden:off")).code).toBe(0);
  });

  it("an unknown namespaced rule is a config error", async () => {
    const r = await lint(tree({ plugins: ["./house-rules.mjs"], rules: { "house/no-x-forbiden": "off" } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'apimkit: <tmp>/.apimkitrc.json:7:5: rules: unknown rule "house/no-x-forbiden" (did you mean "house/no-x-forbidden"?)\n',
    );
  });

  it("a rule id without a namespace is a config error naming the config and the plugin", async () => {
    const dir = tree(
      { plugins: ["./house-rules.mjs"] },
      { "house-rules.mjs": PLUGIN.replace("house/no-x-forbidden", "no-x-forbidden") },
    );
    const r = await lint(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'apimkit: <tmp>/.apimkitrc.json:4:5: plugins[0] "./house-rules.mjs": rules[0]: rule id "no-x-forbidden" must be namespaced as "plugin-name/rule-name" in kebab-case (for example "house/no-x-forbidden")\n',
    );
  });

  it.each([
    [
      "throws while loading",
      'throw new Error("boom");\n',
      /plugins\[0\] "\.\/house-rules\.mjs": cannot load the plugin <tmp>\/house-rules\.mjs: boom$/,
    ],
    [
      "is not JavaScript",
      "export default {\n",
      /plugins\[0\] "\.\/house-rules\.mjs": cannot load the plugin <tmp>\/house-rules\.mjs: /,
    ],
    [
      "exports no rules",
      "export default { rule: [] };\n",
      /<tmp>\/house-rules\.mjs must default-export \{ rules: \[\.\.\.\] \}$/,
    ],
    [
      "has a rule without create",
      PLUGIN.replace("create(context)", "make(context)"),
      /rule "house\/no-x-forbidden": create must be a function$/,
    ],
  ])("a plugin that %s is a config error naming the file", async (_name, source, message) => {
    const r = await lint(tree({ plugins: ["./house-rules.mjs"] }, { "house-rules.mjs": source }));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it("a plugin file that does not exist, or a package that is not installed", async () => {
    const missing = await lint(tree({ plugins: ["./nope.mjs"] }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'apimkit: <tmp>/.apimkitrc.json:4:5: plugins[0] "./nope.mjs": no such file <tmp>/nope.mjs\n',
    );
    const pkg = await lint(tree({ plugins: ["apimkit-plugin-nope"] }));
    expect(pkg.code).toBe(2);
    expect(pkg.stderr).toBe(
      'apimkit: <tmp>/.apimkitrc.json:4:5: plugins[0] "apimkit-plugin-nope": package not found from <tmp> (is it installed?)\n',
    );
  });

  it.each([
    ["an ESM-only package (exports import)", { type: "module", exports: { ".": { import: "./index.mjs" } } }],
    ["a package with main", { main: "index.mjs" }],
  ])("an npm package resolved from the config's folder: %s", async (_name, pkg) => {
    const dir = tmpTree({
      "project/.apimkitrc.json": { root: true, plugins: ["@house/apimkit-rules"] },
      "project/node_modules/@house/apimkit-rules/package.json": { name: "@house/apimkit-rules", ...pkg },
      "project/node_modules/@house/apimkit-rules/index.mjs": PLUGIN,
      "project/api/policy.xml": POLICY,
    });
    const r = await lint(join(dir, "project"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("house/no-x-forbidden");
  });

  it("a plugin named in one folder's config does not switch its rules on in another folder", async () => {
    const dir = tmpTree({
      ".apimkitrc.json": { root: true },
      "team-a/.apimkitrc.json": { plugins: ["../house-rules.mjs"] },
      "house-rules.mjs": PLUGIN,
      "team-a/policy.xml": POLICY,
      "team-b/policy.xml": POLICY,
    });
    const r = await lint(dir, "-f", "json");
    const byFile = Object.fromEntries(
      JSON.parse(r.stdout).map((f: { filePath: string; messages: { ruleId: string }[] }) => [
        f.filePath.replace("<tmp>/", ""),
        f.messages.map((m) => m.ruleId),
      ]),
    );
    expect(byFile).toEqual({ "team-a/policy.xml": ["house/no-x-forbidden"], "team-b/policy.xml": [] });
  });

  it("the plugin's rule is in SARIF's driver rules with its own docs URL, and in --print-config", async () => {
    const dir = tree({ plugins: ["./house-rules.mjs"] });
    const sarif = await lint(dir, "-f", "sarif");
    const rule = JSON.parse(sarif.stdout).runs[0].tool.driver.rules.find(
      (x: { id: string }) => x.id === "house/no-x-forbidden",
    );
    expect(rule).toMatchObject({
      helpUri: "https://house.example/no-x",
      shortDescription: { text: "X-Forbidden must not be set" },
    });
    const printed = await runCli(["lint", "--print-config", join(dir, "api/policy.xml")]);
    expect(JSON.parse(printed.stdout).rules["house/no-x-forbidden"]).toBe("error");
  });

  it("--stdin loads the plugins of the config that applies to --stdin-filename", async () => {
    const dir = tree({ plugins: ["./house-rules.mjs"] });
    const r = spawnSync(
      process.execPath,
      [join(repo, "bin/apimkit.js"), "lint", "--stdin", "--stdin-filename", "api/policy.xml"],
      {
        cwd: dir,
        input: POLICY,
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("house/no-x-forbidden");
  });

  it("worker threads load the plugins too (--concurrency, built CLI)", (ctx) => {
    if (!existsSync(join(repo, "dist/src/lint/lint-worker.js"))) {
      console.log("skipped: dist is not built (npm run build)");
      ctx.skip();
    }
    const dir = tree({ plugins: ["./house-rules.mjs"] }, { "api2/policy.xml": POLICY, "api3/policy.xml": POLICY });
    const r = spawnSync(
      process.execPath,
      [join(repo, "bin/apimkit.js"), "lint", ".", "--concurrency", "2", "-f", "json"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const ids = JSON.parse(r.stdout).flatMap((f: { messages: { ruleId: string }[] }) =>
      f.messages.map((m) => m.ruleId),
    );
    expect(ids).toEqual(["house/no-x-forbidden", "house/no-x-forbidden", "house/no-x-forbidden"]);
  });
});

describe("apimkit rules with plugins", () => {
  it("lists the rules of the plugins the current folder's config names", async () => {
    const dir = tree({ plugins: ["./house-rules.mjs"] });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runCli(["rules"]);
      expect(r.stdout).toMatch(/^house\/no-x-forbidden +house +error +X-Forbidden must not be set$/m);
      const page = await runCli(["rules", "house/no-x-forbidden"]);
      expect(page.stdout).toBe("house/no-x-forbidden: X-Forbidden must not be set\nSee https://house.example/no-x\n");
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("a plugin rule's page", () => {
  it("a docs path relative to the plugin is its page for apimkit rules ID and SARIF help", async () => {
    const dir = tree(
      { plugins: ["./house-rules.mjs"] },
      {
        "house-rules.mjs": PLUGIN.replace("https://house.example/no-x", "docs/no-x.md"),
        "docs/no-x.md": "# house/no-x-forbidden\n\nOur gateway strips `X-Forbidden`.\n",
      },
    );
    const sarif = await lint(dir, "-f", "sarif");
    const rule = JSON.parse(sarif.stdout).runs[0].tool.driver.rules.find(
      (x: { id: string }) => x.id === "house/no-x-forbidden",
    );
    expect(rule.help).toEqual({
      markdown: "# house/no-x-forbidden\n\nOur gateway strips `X-Forbidden`.\n",
      text: "house/no-x-forbidden\n\nOur gateway strips X-Forbidden.\n",
    });
    expect(rule.fullDescription.text).toBe("Our gateway strips X-Forbidden.");
    expect(rule.helpUri).toBeUndefined();
  });
});
