import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../src/lint/formatters/github.js";
import { formatters } from "../../src/lint/formatters/index.js";
import { type FileResult, lintFiles } from "../../src/lint/lint-files.js";
import { knownRuleMeta } from "../../src/lint/presets.js";
import type { Finding, Severity } from "../../src/lint/types.js";

const cwd = "/repo";
const POS = { line: 1, column: 1, offset: 0 };
const rules = knownRuleMeta();
const ruleIds = [...rules.keys()].filter((id) => !["internal-error", "unused-directive"].includes(id));

function finding(file: string, severity: Severity, line: number, message: string, ruleId = ruleIds[0]!): Finding {
  return { file, ruleId, severity, message, line, column: 3, endLine: line, endColumn: 9 };
}

const spaced = "/repo/policy fragments/auth, v2/policy.xml";
const results: FileResult[] = [
  {
    file: "/repo/apis/echo/policy.xml",
    fixed: 0,
    findings: [
      finding("/repo/apis/echo/policy.xml", "error", 2, 'broken <base /> & "quotes" ]]> here'),
      { ...finding("/repo/apis/echo/policy.xml", "warn", 5, "fixable one"), fix: { description: "d", edits: [] } },
    ],
  },
  { file: "/repo/clean.xml", fixed: 0, findings: [] },
  { file: spaced, fixed: 0, findings: [finding(spaced, "info", 7, "100% sure:\r\nsecond line", "parse-error")] },
];
const input = { results, rules, cwd, color: false };

describe("stylish", () => {
  it("groups by file with relative paths and a summary; no colour unless asked", () => {
    const out = formatters.stylish(input);
    expect(out).not.toContain("\u001b[");
    expect(out).toContain("\napis/echo/policy.xml\n");
    expect(out).toMatch(/ {2}2:3 {2}error {4}broken <base \/>/);
    expect(out).toMatch(/ {2}5:3 {2}warning {2}fixable one/);
    expect(out).not.toContain("clean.xml");
    expect(out).toContain("✖ 3 problems (1 error, 1 warning, 1 info)");
    expect(out).toContain("1 problem potentially fixable with the `--fix` option.");
    expect(formatters.stylish({ ...input, color: true })).toContain("\u001b[31merror\u001b[0m");
  });

  it("never lets policy text drive the terminal: control characters are shown escaped", () => {
    const evil = finding("/repo/a.xml", "error", 1, "element <\u001b]0;pwned\u0007x> is never closed\r\nnext");
    const out = formatters.stylish({
      ...input,
      results: [{ file: "/repo/a\u001b[2J.xml", fixed: 0, findings: [evil] }],
    });
    const controls = [...out].filter((c) => c.charCodeAt(0) < 0x20 && c !== "\n");
    expect(controls).toEqual([]);
    expect(out).toContain("element <\\x1b]0;pwned\\x07x> is never closed next");
    expect(out).toContain("a\\x1b[2J.xml");
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatters.stylish({ ...input, results: [{ file: "/repo/a.xml", fixed: 0, findings: [] }] })).toBe("");
  });
});

describe("json", () => {
  it("one entry per file with messages and counts", () => {
    const parsed = JSON.parse(formatters.json(input));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ filePath: "/repo/apis/echo/policy.xml", errorCount: 1, warningCount: 1 });
    expect(parsed[0].messages[0]).toEqual({
      ruleId: ruleIds[0],
      severity: "error",
      message: 'broken <base /> & "quotes" ]]> here',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 9,
    });
    expect(parsed[0].fixableCount).toBe(1);
    expect(parsed[1]).toMatchObject({ filePath: "/repo/clean.xml", messages: [], errorCount: 0 });
  });
});

describe("json and secrets", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
  it("withholds a fixed text that holds a token, and redacts tokens in fix edits", () => {
    const f = {
      ...finding("/repo/a.xml", "error", 1, "m"),
      fix: { description: "d", edits: [{ range: { start: POS, end: POS }, text: `Bearer ${jwt}` }] },
    };
    const parsed = JSON.parse(
      formatters.json({
        ...input,
        results: [
          { file: "/repo/a.xml", fixed: 1, findings: [f], output: `<policies>${jwt}</policies>` },
          { file: "/repo/b.xml", fixed: 1, findings: [], output: "<policies />" },
        ],
      }),
    );
    expect(JSON.stringify(parsed)).not.toContain(jwt);
    expect(parsed[0].output).toBeNull();
    expect(parsed[0].outputWithheld).toMatch(/contains a token/);
    expect(parsed[0].messages[0].fix.edits[0].text).toContain("[redacted]");
    expect(parsed[1].output).toBe("<policies />");
  });
});

describe("sarif", () => {
  const schema = JSON.parse(
    readFileSync(new URL("../fixtures/sarif/sarif-2.1.0.schema.json", import.meta.url), "utf8"),
  ) as Record<string, unknown>;
  // The OASIS schema is draft-04 (`id`); ajv 8 reads it as draft-07 once `id` is `$id`.
  const { id, $schema: _draft4, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
  const mod = addFormatsModule as unknown as { default?: FormatsPlugin };
  const addFormats = mod.default ?? (addFormatsModule as unknown as FormatsPlugin);
  addFormats(ajv);
  const validate = ajv.compile({ ...rest, $id: id as string });

  it("validates against the SARIF 2.1.0 schema", () => {
    const log = JSON.parse(formatters.sarif(input));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the validator really rejects a broken log", () => {
    const log = JSON.parse(formatters.sarif(input));
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("has what GitHub code scanning reads", () => {
    const log = JSON.parse(formatters.sarif(input));
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("apimkit");
    const byId = new Map(run.tool.driver.rules.map((r: { id: string }) => [r.id, r]));
    expect(byId.size).toBe(rules.size);
    const parseError = byId.get("parse-error") as Record<string, { text?: string; markdown?: string; level?: string }>;
    expect(parseError.shortDescription!.text).toBe(rules.get("parse-error")!.description);
    expect(parseError.fullDescription!.text).toMatch(/could not be read/);
    expect(parseError.help!.markdown).toContain("## Failing example");
    expect(parseError.help!.text).toContain("\nFailing example\n");
    // No docs base URL and no repository in package.json: no link (never a file:// path of this machine).
    expect(parseError.helpUri).toBeUndefined();
    expect(parseError.defaultConfiguration!.level).toBe("error");

    expect(run.results.map((r: { level: string }) => r.level)).toEqual(["error", "warning", "note"]);
    const first = run.results[0];
    expect(first.ruleId).toBe(ruleIds[0]);
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.message.text).toBe('broken <base /> & "quotes" ]]> here');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "apis/echo/policy.xml" },
      region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 },
    });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "policy%20fragments/auth%2C%20v2/policy.xml",
    );
  });

  it("the report of the real corpus validates too", async (ctx) => {
    const corpus = resolve(import.meta.dirname, "../../../shared/corpus");
    if (!existsSync(corpus)) {
      console.log(`skipped: ${corpus} is absent`);
      ctx.skip();
    }
    const linted = await lintFiles([corpus], { cwd: resolve(corpus, "..") });
    const log = JSON.parse(
      formatters.sarif({ results: linted.results, rules: linted.rules, cwd: resolve(corpus, ".."), color: false }),
    );
    expect(log.runs[0].results.length).toBeGreaterThan(100);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const uris = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris.every((u: string) => u.startsWith("corpus/") && !u.includes(" ") && !u.includes("\\"))).toBe(true);
  });

  it("a file outside the current folder gets an absolute file URI", () => {
    const log = JSON.parse(formatters.sarif({ ...input, cwd: join(cwd, "apis", "other") }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "file:///repo/apis/echo/policy.xml",
    );
  });
});

describe("github", () => {
  it("escapes data and properties like @actions/core", () => {
    expect(escapeData("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext: a,b");
    expect(escapeProperty("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext%3A a%2Cb");
  });

  it("never prints a raw control character from the policy (an ESC inside a tag)", () => {
    const esc: FileResult[] = [
      { file: "/repo/a\u001b.xml", fixed: 0, findings: [finding("/repo/a.xml", "error", 1, "unknown <x\u001b[2J>")] },
    ];
    const out = formatters.github({ ...input, results: esc });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that none is there
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain("::error file=a\\x1b.xml,");
    expect(out).toContain("::unknown <x\\x1b[2J>");
  });

  it("writes one workflow command per finding with level, position and title", () => {
    const lines = formatters.github(input).trimEnd().split("\n");
    expect(lines).toEqual([
      `::error file=apis/echo/policy.xml,line=2,col=3,endLine=2,endColumn=9,title=${ruleIds[0]}::broken <base /> & "quotes" ]]> here`,
      `::warning file=apis/echo/policy.xml,line=5,col=3,endLine=5,endColumn=9,title=${ruleIds[0]}::fixable one`,
      "::notice file=policy fragments/auth%2C v2/policy.xml,line=7,col=3,endLine=7,endColumn=9,title=parse-error::100%25 sure:%0D%0Asecond line",
      "apimkit lint: 3 problems (1 error, 1 warning, 1 info) in 3 files",
    ]);
  });

  it("names files relative to GITHUB_WORKSPACE when lint runs in a subfolder of it", () => {
    const out = formatters.github({ ...input, cwd: "/repo/apis", githubWorkspace: "/repo" });
    expect(out).toContain("::error file=apis/echo/policy.xml,");
    const outside = formatters.github({ ...input, cwd: "/repo/apis", githubWorkspace: "/elsewhere" });
    expect(outside).toContain("::error file=echo/policy.xml,");
  });

  it("annotates at most 10 per level, then says how many are not shown", () => {
    const many: FileResult[] = [
      {
        file: "/repo/a.xml",
        fixed: 0,
        findings: [
          ...Array.from({ length: 13 }, (_, i) => finding("/repo/a.xml", "error", i + 1, `e${i}`)),
          ...Array.from({ length: 4 }, (_, i) => finding("/repo/a.xml", "warn", i + 20, `w${i}`)),
        ],
      },
    ];
    const lines = formatters
      .github({ ...input, results: many })
      .trimEnd()
      .split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(4);
    expect(lines.at(-1)).toBe(
      "apimkit lint: 17 problems (13 errors, 4 warnings, 0 infos) in 1 file; 3 not annotated (GitHub shows 10 per level): run with -f stylish to see all",
    );
  });
});

describe("junit", () => {
  it("is well-formed XML with a testsuite per file and a failure per finding", () => {
    const xml = formatters.junit({
      ...input,
      results: [
        ...results,
        { file: "/repo/ctl.xml", fixed: 0, findings: [finding("/repo/ctl.xml", "error", 1, "bell \u0007 char")] },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    expect(doc.testsuites).toMatchObject({ name: "apimkit lint", tests: "5", failures: "4" });
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual([
      "apis/echo/policy.xml",
      "clean.xml",
      "policy fragments/auth, v2/policy.xml",
      "ctl.xml",
    ]);
    const first = suites[0].testcase[0];
    expect(first.failure.message).toBe('broken <base /> & "quotes" ]]> here');
    expect(first.failure["#text"]).toBe(`line 2, col 3, Error - broken <base /> & "quotes" ]]> here (${ruleIds[0]})`);
    expect(suites[1].testcase).toMatchObject({ name: "apimkit" });
    expect(suites[1].testcase.failure).toBeUndefined();
  });
});
