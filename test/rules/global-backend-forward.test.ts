import { describe, expect, it } from "vitest";
import { globalBackendForward } from "../../rules/global-backend-forward.js";
import { runRule } from "../support/rule-tester.js";

describe("global-backend-forward", () => {
  it("reports a global backend without forward-request", () => {
    const src =
      '<policies>\n  <inbound />\n  <backend>\n    <set-variable name="a" value="1" />\n  </backend>\n</policies>';
    const findings = runRule(globalBackendForward, src, { scope: "global" });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["global-backend-forward", 3, 3]]);
  });

  it("reports an empty global backend", () => {
    const findings = runRule(globalBackendForward, "<policies><inbound /><backend /></policies>", { scope: "global" });
    expect(findings.map((f) => [f.line, f.column])).toEqual([[1, 22]]);
  });

  it("reports a global policy without a backend section, on the root", () => {
    const findings = runRule(globalBackendForward, "\n<policies><inbound /></policies>", { scope: "global" });
    expect(findings.map((f) => [f.line, f.column])).toEqual([[2, 1]]);
    expect(findings[0]!.message).toContain("no <backend> section");
  });

  it("passes when the backend forwards, also inside choose or retry", () => {
    for (const backend of [
      "<forward-request />",
      '<retry condition="@(true)" count="2" interval="1"><forward-request /></retry>',
      '<choose><when condition="@(true)"><forward-request timeout="10" /></when><otherwise><forward-request /></otherwise></choose>',
    ]) {
      expect(
        runRule(globalBackendForward, `<policies><backend>${backend}</backend></policies>`, { scope: "global" }),
      ).toEqual([]);
    }
  });

  it("trusts an included fragment to forward (it cannot be seen from here)", () => {
    const src = '<policies><backend><include-fragment fragment-id="forward-with-retry" /></backend></policies>';
    expect(runRule(globalBackendForward, src, { scope: "global" })).toEqual([]);
  });

  it("is silent below global scope", () => {
    expect(runRule(globalBackendForward, "<policies><backend><base /></backend></policies>", { scope: "api" })).toEqual(
      [],
    );
  });
});
