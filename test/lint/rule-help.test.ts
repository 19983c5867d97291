// Rule help everywhere: SARIF driver rules carry their page (help.markdown, help.text, fullDescription) and never a
// file:// helpUri; the docs base URL and the repository decide the link.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatters } from "../../src/lint/formatters/index.js";
import { knownRuleMeta } from "../../src/lint/presets.js";
import { docsBaseUrlProblem, docsUri, markdownToText, repositoryUrlOf } from "../../src/lint/rule-docs.js";
import type { RuleMeta } from "../../src/lint/types.js";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

const repo = resolve(import.meta.dirname, "../..");
const rules = knownRuleMeta();

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(resolve(repo, "test/fixtures/sarif/sarif-2.1.0.schema.json"), "utf8"),
  ) as Record<string, unknown>;
  // The OASIS schema is draft-04 (`id`); ajv 8 reads it as draft-07 once `id` is `$id`.
  const { id, $schema: _draft4, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const mod = addFormatsModule as unknown as { default?: FormatsPlugin };
  (mod.default ?? (addFormatsModule as unknown as FormatsPlugin))(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}

type DriverRule = {
  id: string;
  helpUri?: string;
  fullDescription: { text: string };
  help: { text: string; markdown: string };
};

function driverRules(docsBaseUrl?: string): DriverRule[] {
  const out = formatters.sarif({ results: [], rules, cwd: repo, color: false, docsBaseUrl });
  return JSON.parse(out).runs[0].tool.driver.rules;
}

describe("SARIF rule help", () => {
  it("every rule carries its page as help.markdown, plain help.text and the first paragraph as fullDescription", () => {
    const list = driverRules();
    expect(list.length).toBe(rules.size);
    for (const r of list) {
      const page = readFileSync(resolve(repo, rules.get(r.id)!.docs), "utf8");
      expect(r.help.markdown).toBe(page);
      expect(r.help.text).not.toMatch(/^#|```|`/m);
      expect(r.help.text.length).toBeGreaterThan(100);
      expect(r.fullDescription.text.length).toBeGreaterThan(20);
      expect(r.fullDescription.text).not.toContain("`");
    }
    const base = list.find((r) => r.id === "base-missing")!;
    expect(base.fullDescription.text).toMatch(/^A section of a product, API, operation .* silently dropped\.$/);
    expect(base.help.text).toMatch(/^base-missing\n\nA section/);
    expect(base.help.text).toContain("Failing example\n\n    <!-- apis/orders/policy.xml (API scope) -->");
  });

  it("helpUri is never a file:// path: left out without a docs base or repository", () => {
    const list = driverRules();
    for (const r of list) expect(r.helpUri).toBeUndefined();
  });

  it("--docs-base-url puts the page under the base (with or without a trailing slash)", () => {
    for (const base of ["https://docs.example.org/apimkit", "https://docs.example.org/apimkit/"]) {
      const r = driverRules(base).find((x) => x.id === "jwt-not-first")!;
      expect(r.helpUri).toBe("https://docs.example.org/apimkit/rules/jwt-not-first.md");
    }
  });

  it("the report with help and helpUri validates against the SARIF 2.1.0 schema", () => {
    const validate = sarifValidator();
    const log = JSON.parse(
      formatters.sarif({ results: [], rules, cwd: repo, color: false, docsBaseUrl: "https://docs.example.org/x/" }),
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    log.runs[0].tool.driver.rules[0].helpUri = "not a uri";
    expect(validate(log)).toBe(false);
  });
});

describe("docsUri", () => {
  const meta: RuleMeta = { severity: "warn", category: "structure", description: "d", docs: "rules/base-missing.md" };
  it.each([
    [
      "docs base wins",
      { baseUrl: "https://d.example/", repository: "https://github.com/o/r" },
      "https://d.example/rules/base-missing.md",
    ],
    [
      "then the repository",
      { repository: "https://github.com/o/r" },
      "https://github.com/o/r/blob/main/rules/base-missing.md",
    ],
    ["else nothing for a report", { repository: undefined, localFile: false }, undefined],
  ] as const)("%s", (_name, options, expected) => {
    expect(docsUri(meta, options)).toBe(expected);
  });

  it("the language server (same machine) still gets the shipped page", () => {
    expect(docsUri(meta, { repository: undefined, localFile: true })).toMatch(/^file:\/\/.*\/rules\/base-missing\.md$/);
    expect(docsUri(meta)).toMatch(/rules\/base-missing\.md$/);
  });

  it("a plugin's page: its URL as given; an absolute path only as a local link", () => {
    const url = { ...meta, docs: "https://house.example/rules/x" };
    expect(docsUri(url, { baseUrl: "https://d.example/", localFile: false })).toBe("https://house.example/rules/x");
    const local = { ...meta, docs: resolve(repo, "rules/base-missing.md") };
    expect(
      docsUri(local, { baseUrl: "https://d.example/", repository: "https://github.com/o/r", localFile: false }),
    ).toBeUndefined();
  });

  it.each([
    ["git+https://github.com/o/apimkit.git", "https://github.com/o/apimkit"],
    [{ type: "git", url: "https://github.com/o/apimkit" }, "https://github.com/o/apimkit"],
    ["o/apimkit", "https://github.com/o/apimkit"],
    ["github:o/apimkit", "https://github.com/o/apimkit"],
    ["git@github.com:o/apimkit.git", undefined],
    [undefined, undefined],
  ])("repository %j -> %s", (repository, expected) => {
    expect(repositoryUrlOf({ repository })).toBe(expected);
  });

  it.each([
    ["https://d.example/", undefined],
    ["ftp://d.example/", "expected an http(s) URL"],
    ["docs/rules", "expected an absolute http(s) URL"],
  ])("base %s", (url, problem) => {
    expect(docsBaseUrlProblem(url)).toBe(problem);
  });
});

describe("markdownToText", () => {
  it("drops markup, keeps code blocks indented", () => {
    expect(markdownToText("# t\n\nUse `<base />` and **not** [x](x.md).\n\n```xml\n<a/>\n```\n")).toBe(
      "t\n\nUse <base /> and not x.\n\n    <a/>\n",
    );
  });
});

describe("apimkit lint --docs-base-url", () => {
  it("sets helpUri in the SARIF report; a bad URL is a usage error", async () => {
    const dir = tmpTree({ "policy.xml": "<policies><inbound><base /></inbound></policies>\n" });
    const ok = await runCli(["lint", `${dir}/policy.xml`, "-f", "sarif", "--docs-base-url", "https://d.example/a"]);
    expect(ok.code).toBe(0);
    const rule = JSON.parse(ok.stdout).runs[0].tool.driver.rules.find((r: DriverRule) => r.id === "base-missing");
    expect(rule.helpUri).toBe("https://d.example/a/rules/base-missing.md");
    expect(ok.stdout).not.toContain("file://");
    const bad = await runCli(["lint", `${dir}/policy.xml`, "-f", "sarif", "--docs-base-url", "file:///x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('apimkit: --docs-base-url "file:///x": expected an http(s) URL\n');
  });
});
