import { describe, expect, it } from "vitest";
import { expressionNotAllowed } from "../../rules/expression-not-allowed.js";
import { runRule } from "../support/rule-tester.js";

const run = (src: string) => runRule(expressionNotAllowed, src).map((f) => [f.ruleId, f.line, f.column]);

describe("expression-not-allowed", () => {
  it.each([
    [
      "authentication-managed-identity client-id",
      '<authentication-managed-identity resource="x" client-id="@((string)context.Variables[&quot;id&quot;])" />',
      58,
    ],
    [
      "authentication-managed-identity output-token-variable-name",
      '<authentication-managed-identity resource="x" output-token-variable-name="@(&quot;t&quot;)" />',
      75,
    ],
    ["cache-lookup-value variable-name", '<cache-lookup-value key="k" variable-name="@(&quot;v&quot;)" />', 44],
    ["set-variable name", '<set-variable name="@(&quot;v&quot;)" value="1" />', 21],
    ["include-fragment fragment-id", '<include-fragment fragment-id="@(&quot;f&quot;)" />', 32],
    ["send-request ignore-error", '<send-request mode="new" response-variable-name="r" ignore-error="@(true)" />', 67],
  ])("reports an expression in %s", (_, policy, column) => {
    const findings = runRule(expressionNotAllowed, `<policies>\n<inbound>\n${policy}\n</inbound>\n</policies>`);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-not-allowed", 3, column]]);
    expect(findings[0]!.message).toContain("does not accept policy expressions");
  });

  it("reports an expression as the text of set-method inside send-request", () => {
    const src = `<policies><inbound>
<send-request mode="new" response-variable-name="r">
  <set-url>@("https://x")</set-url>
  <set-method>@(context.Request.Method)</set-method>
</send-request>
</inbound></policies>`;
    const findings = runRule(expressionNotAllowed, src);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-not-allowed", 4, 15]]);
    expect(findings[0]!.message).toContain("the text of <set-method> inside <send-request>");
  });

  it("names the allowed values of an enumerated attribute", () => {
    const [f] = runRule(
      expressionNotAllowed,
      '<policies><inbound><cache-lookup-value key="k" variable-name="v" caching-type="@(&quot;internal&quot;)" /></inbound></policies>',
    );
    for (const v of ["prefer-external", "external", "internal"])
      expect(f!.message).toMatch(new RegExp(`Write one of .*\\b${v}\\b`));
  });

  it("accepts named values and literals where expressions are not allowed, and expressions where they are", () => {
    const src = `<policies><inbound>
<authentication-managed-identity resource="@(&quot;api://x&quot;)" client-id="{{uami-client-id}}" output-token-variable-name="t" />
<cache-lookup-value key="@(&quot;k&quot;)" variable-name="v" />
<set-variable name="x" value="@(1)" />
<send-request mode="@(&quot;new&quot;)" response-variable-name="r"><set-url>@("https://x")</set-url><set-method>POST</set-method></send-request>
<set-method>@(context.Request.Method)</set-method>
</inbound></policies>`;
    expect(run(src)).toEqual([]);
  });
});
