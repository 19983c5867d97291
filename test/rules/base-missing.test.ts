import { describe, expect, it } from "vitest";
import { baseMissing } from "../../rules/base-missing.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { applyFix, runRule } from "../support/rule-tester.js";

const withoutInboundBase = `<policies>
    <inbound>
        <set-header name="x" exists-action="override"><value>1</value></set-header>
    </inbound>
    <backend>
        <base />
    </backend>
    <outbound>
        <choose>
            <when condition="@(true)"><base /></when>
        </choose>
    </outbound>
</policies>`;

describe("base-missing", () => {
  it("reports a section without <base /> at api scope, on the section's start tag", () => {
    const findings = runRule(baseMissing, withoutInboundBase, { scope: "api" });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["base-missing", 2, 5]]);
    expect(findings[0]!.message).toContain("<inbound> has no <base />");
  });

  it.each(["product", "operation", "workspace"] as const)("applies at %s scope", (scope) => {
    expect(runRule(baseMissing, withoutInboundBase, { scope })).toHaveLength(1);
  });

  it.each(["global", "fragment"] as const)("is silent at %s scope", (scope) => {
    expect(runRule(baseMissing, withoutInboundBase, { scope })).toEqual([]);
  });

  it("passes when every section has <base />", () => {
    const ok =
      "<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>";
    expect(runRule(baseMissing, ok)).toEqual([]);
  });

  it("fixes by inserting <base /> first, with the indentation of the following line", () => {
    const [finding] = runRule(baseMissing, withoutInboundBase);
    const fixed = applyFix(withoutInboundBase, finding!.report);
    expect(fixed).toBe(withoutInboundBase.replace("<inbound>\n", "<inbound>\n        <base />\n"));
    const doc = parsePolicy(fixed);
    expect(doc.diagnostics).toEqual([]);
    expect(runRule(baseMissing, fixed)).toEqual([]);
  });

  it("accepts a backend that forwards by itself (the backend holds one policy), reports an empty one", () => {
    const own = '<policies><backend><forward-request timeout="120" /></backend></policies>';
    expect(runRule(baseMissing, own)).toEqual([]);
    const empty = "<policies>\n  <backend>\n  </backend>\n</policies>";
    const findings = runRule(baseMissing, empty);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["base-missing", 2, 3]]);
    expect(findings[0]!.message).toContain("<backend> is empty and has no <base />: the request is not forwarded");
    expect(applyFix(empty, findings[0]!.report)).toBe(
      "<policies>\n  <backend>\n    <base />\n  </backend>\n</policies>",
    );
  });

  it("fixes an empty section, a one-line section and a self-closing one", () => {
    const src =
      '<policies>\r\n\t<inbound>\r\n\t</inbound>\r\n\t<outbound><set-header name="a" exists-action="delete" /></outbound>\r\n\t<on-error />\r\n</policies>';
    const findings = runRule(baseMissing, src);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [2, 2],
      [4, 2],
      [5, 2],
    ]);
    // Apply all fixes, last first so offsets stay valid.
    let fixed = src;
    for (const f of [...findings].reverse()) fixed = applyFix(fixed, f.report);
    expect(fixed).toBe(
      '<policies>\r\n\t<inbound>\r\n\t\t<base />\r\n\t</inbound>\r\n\t<outbound><base /><set-header name="a" exists-action="delete" /></outbound>\r\n\t<on-error><base /></on-error>\r\n</policies>',
    );
    expect(parsePolicy(fixed).diagnostics).toEqual([]);
    expect(runRule(baseMissing, fixed)).toEqual([]);
  });
});
