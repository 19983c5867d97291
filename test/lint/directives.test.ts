import { describe, expect, it } from "vitest";
import { parseDirective } from "../../src/lint/directives.js";
import { lintText } from "../../src/lint/index.js";
import { configOf, elementRule } from "./helpers.js";

const rules = [elementRule("no-set-header", "set-header"), elementRule("no-set-variable", "set-variable", "warn")];
const RANGE = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const lint = (source: string, reportUnusedDirectives = false) =>
  lintText(source, { file: "d.xml", rules, reportUnusedDirectives }).findings.map(
    (f) => `${f.line}:${f.column} ${f.ruleId}`,
  );

describe("inline directives", () => {
  it("disable-next-line hides the named rule on the next line only, with a reason", () => {
    const src = `<policies>
  <inbound>
    <!-- apimkit-disable-next-line no-set-header - legacy client needs it -->
    <set-header name="a" />
    <set-header name="b" />
  </inbound>
</policies>`;
    expect(lint(src)).toEqual(["5:5 no-set-header"]);
  });

  it("disable-next-line with a comma list and without rules", () => {
    const src = `<policies>
  <inbound>
    <!-- apimkit-disable-next-line no-set-header, no-set-variable -->
    <set-header name="a" /><set-variable name="v" value="1" />
    <!-- apimkit-disable-next-line -->
    <set-header name="a" /><set-variable name="v" value="1" />
    <!-- apimkit-disable-next-line no-set-variable -->
    <set-header name="a" /><set-variable name="v" value="1" />
  </inbound>
</policies>`;
    expect(lint(src)).toEqual(["8:5 no-set-header"]);
  });

  it("disable-line covers the comment's own line", () => {
    const src = `<policies><inbound>
    <set-header name="a" /> <!-- apimkit-disable-line no-set-header -->
    <set-header name="b" />
  </inbound></policies>`;
    expect(lint(src)).toEqual(["3:5 no-set-header"]);
  });

  it("disable ... enable blocks, per rule and for all rules with a per-rule exception", () => {
    const src = `<policies>
  <inbound>
    <set-header name="before" />
    <!-- apimkit-disable no-set-header -->
    <set-header name="inside" />
    <set-variable name="inside" value="1" />
    <!-- apimkit-enable no-set-header -->
    <set-header name="after" />
    <!-- apimkit-disable -->
    <set-header name="all-off" />
    <set-variable name="all-off" value="1" />
    <!-- apimkit-enable no-set-variable -->
    <set-header name="still-off" />
    <set-variable name="back-on" value="1" />
    <!-- apimkit-enable -->
    <set-header name="on" />
  </inbound>
</policies>`;
    expect(lint(src)).toEqual([
      "3:5 no-set-header",
      "6:5 no-set-variable",
      "8:5 no-set-header",
      "14:5 no-set-variable",
      "16:5 no-set-header",
    ]);
  });

  it("a disable before the root element covers the whole file (all rules, or the listed ones)", () => {
    const body = `<policies>
  <inbound>
    <set-header name="a" />
    <set-variable name="v" value="1" />
  </inbound>
</policies>`;
    expect(lint(`<!-- apimkit-disable -->\n${body}`)).toEqual([]);
    expect(lint(`<?xml version="1.0"?>\n<!-- apimkit-disable no-set-header -->\n${body}`)).toEqual([
      "6:5 no-set-variable",
    ]);
  });

  it("reads ESLint's ' -- reason' form, but '--' makes the XML comment invalid (APIM rejects it): parse-error", () => {
    const comment = { type: "comment" as const, text: " apimkit-disable-next-line a, b -- why ", range: RANGE };
    expect(parseDirective(comment, false)).toMatchObject({ kind: "disable-next-line", rules: ["a", "b"] });
    const src = `<policies>
  <inbound>
    <!-- apimkit-disable-next-line no-set-header -- legacy -->
    <set-header name="a" />
  </inbound>
</policies>`;
    expect(lint(src)).toEqual(["3:50 parse-error"]);
  });

  it("a comment that only looks similar is not a directive", () => {
    const src = `<policies><inbound>
    <!-- apimkit-disabled-next-line no-set-header -->
    <set-header name="a" />
    <!-- see apimkit-disable-next-line docs -->
    <set-header name="b" />
  </inbound></policies>`;
    expect(lint(src)).toEqual(["3:5 no-set-header", "5:5 no-set-header"]);
  });

  it("never hides a parse error", () => {
    const src = `<!-- apimkit-disable -->
<policies><inbound><set-header name="a"></inbound></policies>`;
    const findings = lintText(src, { file: "p.xml", rules }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === "parse-error")).toBe(true);
  });

  it("--report-unused-directives reports directives and rule names that hid nothing", () => {
    const src = `<policies>
  <inbound>
    <!-- apimkit-disable-next-line no-set-header, no-set-variable -->
    <set-header name="a" />
    <!-- apimkit-disable-next-line no-such-rule -->
    <set-header name="b" />
    <!-- apimkit-disable -->
    <!-- apimkit-enable -->
  </inbound>
</policies>`;
    expect(lint(src)).toEqual(["6:5 no-set-header"]);
    const findings = lintText(src, { file: "d.xml", rules, reportUnusedDirectives: true }).findings;
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual([
      "3:5 unused-directive error",
      "5:5 unused-directive error",
      "6:5 no-set-header error",
      "7:5 unused-directive error",
    ]);
    expect(findings[0]!.message).toBe(
      "Unused apimkit-disable-next-line directive (no problems were reported from 'no-set-variable')",
    );
    expect(findings[1]!.message).toContain("'no-such-rule'");
    expect(findings[3]!.message).toBe("Unused apimkit-disable directive (no problems were reported)");
  });

  it("the config can turn unused-directive reporting on at its own level", () => {
    const src = `<policies><inbound>
    <!-- apimkit-disable-next-line no-set-header -->
    <base />
  </inbound></policies>`;
    const config = configOf({ "unused-directive": "warn" });
    const findings = lintText(src, { file: "d.xml", rules, config }).findings;
    expect(findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(["2 unused-directive warn"]);
  });
});
