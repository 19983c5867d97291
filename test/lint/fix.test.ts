import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes } from "../../src/lint/fix.js";
import { lintText } from "../../src/lint/index.js";
import { lintFiles } from "../../src/lint/lint-files.js";
import type { Rule } from "../../src/lint/types.js";
import { tmpTree } from "./tmp-tree.js";

/** Test input: lower-cases set-header names, and inserts <base /> into sections that lack one. */
const lowerHeaderName: Rule = {
  id: "lower-header-name",
  meta: { severity: "warn", category: "correctness", description: "t", docs: "rules/t.md", fixable: true },
  create(ctx) {
    return {
      "set-header"(el) {
        const name = el.attributes.find((a) => a.name === "name");
        if (name && name.value.text !== name.value.text.toLowerCase()) {
          ctx.report({
            node: name,
            message: "header names are lower case here",
            fix: {
              description: "lower-case",
              edits: [{ range: name.value.range, text: name.value.text.toLowerCase() }],
            },
          });
        }
      },
    };
  },
};
const addBase: Rule = {
  id: "add-base",
  meta: { severity: "error", category: "structure", description: "t", docs: "rules/t.md", fixable: true },
  create(ctx) {
    const root = ctx.sourceCode.root;
    return {
      "*"(el) {
        if (el.parent !== root || el.children.some((c) => c.type === "element" && c.name === "base")) return;
        const at = el.startTagRange.end;
        ctx.report({
          node: el,
          message: "no base",
          fix: { description: "add <base />", edits: [{ range: { start: at, end: at }, text: "<base />" }] },
        });
      },
    };
  },
};
const rules = [lowerHeaderName, addBase];

const SOURCE =
  '\uFEFF<policies>\r\n  <inbound>\r\n    <set-header name="X-Trace" exists-action="override" />\r\n' +
  '    <set-header name="keep" /><!-- déjà vu ✓ -->\r\n  </inbound>\r\n  <backend><base /></backend>\r\n' +
  "  <outbound></outbound>\r\n  <on-error><base /></on-error>\r\n</policies>\r\n";
const FIXED =
  '\uFEFF<policies>\r\n  <inbound><base />\r\n    <set-header name="x-trace" exists-action="override" />\r\n' +
  '    <set-header name="keep" /><!-- déjà vu ✓ -->\r\n  </inbound>\r\n  <backend><base /></backend>\r\n' +
  "  <outbound><base /></outbound>\r\n  <on-error><base /></on-error>\r\n</policies>\r\n";

describe("applyFixes", () => {
  it("edits only the reported ranges", () => {
    const text = SOURCE.slice(1);
    const { findings } = lintText(text, { file: "a.xml", rules });
    const { output, applied } = applyFixes(text, findings);
    expect(applied).toBe(3);
    expect(output).toBe(FIXED.slice(1));
  });

  it("leaves overlapping fixes for a later pass", () => {
    const range = (s: number, e: number) => ({
      start: { line: 1, column: s + 1, offset: s },
      end: { line: 1, column: e + 1, offset: e },
    });
    const f = (s: number, e: number, text: string) => ({
      file: "a",
      ruleId: "r",
      severity: "error" as const,
      message: "m",
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      fix: { description: "d", edits: [{ range: range(s, e), text }] },
    });
    const { output, applied } = applyFixes("abcdef", [f(1, 3, "X"), f(2, 4, "Y"), f(4, 5, "Z"), f(9, 12, "out")]);
    expect(applied).toBe(2);
    expect(output).toBe("aXdZf");
  });
});

describe("lintFiles --fix", () => {
  it("writes the fixed file (BOM and CRLF kept, everything else byte-identical) and reports what remains", async () => {
    const root = tmpTree({ "p.xml": SOURCE });
    const { results } = await lintFiles(["p.xml"], { cwd: root, rules, fix: true });
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(FIXED);
    expect(results[0]!.fixed).toBe(3);
    expect(results[0]!.findings).toEqual([]);
  });

  it("--fix-dry-run computes the same output but writes nothing", async () => {
    const root = tmpTree({ "p.xml": SOURCE });
    const before = statSync(join(root, "p.xml")).mtimeMs;
    const { results } = await lintFiles(["p.xml"], { cwd: root, rules, fixDryRun: true });
    expect(results[0]!.output).toBe(FIXED);
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(SOURCE);
    expect(statSync(join(root, "p.xml")).mtimeMs).toBe(before);
  });

  it("fixes only rules that are on, and reports unfixable findings", async () => {
    const root = tmpTree({ "p.xml": SOURCE });
    const { results } = await lintFiles(["p.xml"], {
      cwd: root,
      rules,
      fix: true,
      cliRules: { "add-base": "off" },
    });
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(SOURCE.replace('"X-Trace"', '"x-trace"'));
    expect(results[0]!.findings).toEqual([]);
  });

  it("never applies fixes that would make the document unreadable, and says which rule offered them", async () => {
    const breaker: Rule = {
      id: "breaker",
      meta: { severity: "warn", category: "structure", description: "t", docs: "rules/t.md", fixable: true },
      create(ctx) {
        return {
          Document() {
            const root = ctx.sourceCode.root!;
            const at = root.startTagRange.end;
            ctx.report({
              node: root,
              message: "broken fix",
              fix: { description: "oops", edits: [{ range: { start: at, end: at }, text: "<unclosed>" }] },
            });
          },
        };
      },
    };
    const root = tmpTree({ "p.xml": SOURCE });
    const { results } = await lintFiles(["p.xml"], { cwd: root, rules: [breaker], fix: true });
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(SOURCE);
    expect(results[0]!.fixed).toBe(0);
    expect(results[0]!.findings.map((f) => f.ruleId)).toEqual(["breaker", "internal-error"]);
    expect(results[0]!.findings[1]!.message).toContain("The fixes of 'breaker' would make");
  });

  it("--fix with --report-unused-directives removes directives that hide nothing (the line when alone on it)", async () => {
    const src =
      "<policies>\r\n  <inbound>\r\n    <!-- apimkit-disable-next-line lower-header-name -->\r\n" +
      '    <set-header name="Keep-Case" />\r\n    <!-- apimkit-disable-next-line add-base - stale -->\r\n' +
      '    <set-header name="x" /> <!-- apimkit-disable-line lower-header-name -->\r\n' +
      "    <!-- apimkit-disable-next-line add-base, lower-header-name -->\r\n" +
      '    <set-header name="Partly-Used" />\r\n    <base />\r\n  </inbound>\r\n</policies>\r\n';
    const root = tmpTree({ "p.xml": src });
    const { results } = await lintFiles(["p.xml"], {
      cwd: root,
      rules,
      fix: true,
      reportUnusedDirectives: true,
      cliRules: { "add-base": "off" },
    });
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(
      src
        .replace("    <!-- apimkit-disable-next-line add-base - stale -->\r\n", "")
        .replace(" <!-- apimkit-disable-line lower-header-name -->", ""),
    );
    // The partly used directive is reported for its unused rule name but left for a human to edit.
    expect(results[0]!.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(["6 unused-directive"]);
    expect(results[0]!.findings[0]!.message).toContain("'add-base'");
  });

  it("does not touch a file with a parse error", async () => {
    const broken = '<policies><inbound><set-header name="A"></inbound></policies>';
    const root = tmpTree({ "p.xml": broken });
    const { results } = await lintFiles(["p.xml"], { cwd: root, rules, fix: true });
    expect(readFileSync(join(root, "p.xml"), "utf8")).toBe(broken);
    expect(results[0]!.findings.every((f) => f.ruleId === "parse-error")).toBe(true);
  });

  it("leaves a file that is not valid UTF-8 byte-identical, and reports on it as without --fix", async () => {
    // A fixable problem (upper-case header name) in a file with bytes that do not decode (0xFF, a cut sequence).
    const bytes = Buffer.concat([
      Buffer.from(`${SOURCE}<!-- `, "utf8"),
      Buffer.from([0xff, 0xe2, 0x82]),
      Buffer.from(" -->", "utf8"),
    ]);
    const root = tmpTree({});
    writeFileSync(join(root, "p.xml"), bytes);
    const plain = await lintFiles(["p.xml"], { cwd: root, rules });
    const { results } = await lintFiles(["p.xml"], { cwd: root, rules, fix: true });
    expect(readFileSync(join(root, "p.xml")).equals(bytes)).toBe(true);
    expect(results[0]!.fixed).toBe(0);
    expect(results[0]!.findings.some((f) => f.fix)).toBe(true);
    expect(results[0]!.findings).toEqual(plain.results[0]!.findings);
    // Without --fix the file is read as text: the same findings as the decoded text gives.
    const decoded = lintText(bytes.toString("utf8"), { file: join(root, "p.xml"), rules }).findings;
    expect(plain.results[0]!.findings).toEqual(decoded);
  });
});
