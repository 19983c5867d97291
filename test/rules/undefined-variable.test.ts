import { describe, expect, it } from "vitest";
import { undefinedVariable } from "../../rules/undefined-variable.js";
import { runRule } from "../support/rule-tester.js";

const src = `<policies>
  <inbound>
    <cache-lookup-value key="k" variable-name="cached" />
    <authentication-managed-identity resource="api://x" output-token-variable-name="miToken" />
    <send-request mode="new" response-variable-name="resp"><set-url>https://x</set-url><set-method>GET</set-method></send-request>
    <validate-jwt header-name="Authorization" output-token-variable-name="jwt"><openid-config url="https://x" /></validate-jwt>
    <set-variable name="a" value="1" />
    <set-header name="x" exists-action="override">
      <value>@((string)context.Variables["a"] + context.Variables["cached"] + context.Variables["miToken"] + ((IResponse)context.Variables["resp"]).StatusCode + ((Jwt)context.Variables["jwt"]).Id)</value>
    </set-header>
    <set-header name="y" exists-action="override"><value>@($"Bearer {context.Variables["token"]}")</value></set-header>
    <choose>
      <when condition="@(context.Variables.ContainsKey(&quot;missing&quot;) || context.Variables.GetValueOrDefault&lt;string&gt;(&quot;aa&quot;, &quot;&quot;) == &quot;&quot;)" />
    </choose>
  </inbound>
</policies>`;

describe("undefined-variable", () => {
  it("reports reads of variables set nowhere, at the access", () => {
    const findings = runRule(undefinedVariable, src);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["undefined-variable", 11, 70],
      ["undefined-variable", 13, 26],
      ["undefined-variable", 13, 80],
    ]);
    expect(findings[0]!.message).toContain(
      'variable "token" is read but no policy in this document sets it (did you mean "miToken"?)',
    );
    expect(findings[0]!.message).toContain("throws at run time");
    expect(findings[1]!.message).toContain('variable "missing" is checked');
    expect(findings[1]!.message).toContain("always false");
    expect(findings[2]!.message).toContain('did you mean "a"?');
    expect(findings[2]!.message).toContain("always yields the default");
  });

  it("passes when every read variable is set by some policy", () => {
    const ok = `<policies><inbound>
      <set-variable name="t" value="@(context.Request.Headers.GetValueOrDefault(&quot;x&quot;, &quot;&quot;))" />
      <set-header name="y" exists-action="override"><value>@((string)context.Variables["t"])</value></set-header>
    </inbound></policies>`;
    expect(runRule(undefinedVariable, ok)).toEqual([]);
  });

  it("accepts variables declared in the options (set by a broader scope)", () => {
    const one =
      '<policies><inbound><set-header name="y"><value>@((string)context.Variables["fromProduct"])</value></set-header></inbound></policies>';
    expect(runRule(undefinedVariable, one)).toHaveLength(1);
    expect(runRule(undefinedVariable, one, { options: { variables: ["fromProduct"] } })).toEqual([]);
  });

  it("treats return-response response-variable-name as a read", () => {
    const rr = '<policies><inbound><return-response response-variable-name="response" /></inbound></policies>';
    const findings = runRule(undefinedVariable, rr);
    expect(findings.map((f) => [f.line, f.column])).toEqual([[1, 61]]);
    expect(findings[0]!.message).toContain("<return-response> fails at run time");
  });

  it("reads Liquid templates", () => {
    const liquid = `<policies><inbound><return-response><set-body template="liquid">
{{context.Variables["nope"]}}</set-body></return-response></inbound></policies>`;
    expect(runRule(undefinedVariable, liquid).map((f) => [f.line, f.column])).toEqual([[2, 3]]);
  });

  it("reports in a fragment at info level only", () => {
    const frag =
      '<fragment><set-header name="y"><value>@((string)context.Variables["fromPolicy"])</value></set-header></fragment>';
    const findings = runRule(undefinedVariable, frag, { scope: "fragment" });
    expect(findings.map((f) => [f.line, f.column, f.report.severity])).toEqual([[1, 49, "info"]]);
  });

  it("only hints (info) when an included fragment may set the variable, naming the fragment", () => {
    const inc =
      '<policies><inbound><include-fragment fragment-id="f" /><set-header name="y"><value>@((string)context.Variables["x"])</value></set-header></inbound></policies>';
    const findings = runRule(undefinedVariable, inc);
    expect(findings.map((f) => [f.line, f.column, f.report.severity])).toEqual([[1, 94, "info"]]);
    expect(findings[0]!.message).toContain('it must come from the included fragment "f" or a broader scope');
  });

  it("stays silent when a computed setter may set the variable", () => {
    const dyn =
      '<policies><inbound><send-request response-variable-name="@(&quot;r&quot; + 1)" /><set-header name="y"><value>@((string)context.Variables["x"])</value></set-header></inbound></policies>';
    expect(runRule(undefinedVariable, dyn)).toEqual([]);
  });
});

describe("undefined-variable on documents that are not policies", () => {
  it("stays silent on a lone element (an editor snippet)", () => {
    expect(
      runRule(undefinedVariable, '<set-header name="y"><value>@((string)context.Variables["$1"])</value></set-header>'),
    ).toEqual([]);
  });
});
