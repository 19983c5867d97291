import { describe, expect, it } from "vitest";
import { expressionTypeNotAllowed } from "../../rules/expression-type-not-allowed.js";
import { runRule } from "../support/rule-tester.js";

const policy = (inbound: string) => `<policies>\n  <inbound>\n${inbound}\n  </inbound>\n</policies>`;
const ALLOW_LIST = "outside the allow-list of .NET types and members of APIM's expression language";

describe("expression-type-not-allowed", () => {
  it.each([
    [
      "System.IO.File",
      '    <set-variable name="a" value="@(System.IO.File.ReadAllText(&quot;x&quot;))" />',
      3,
      37,
      "System.IO.File is not allowed in APIM policy expressions",
    ],
    [
      "new HttpClient()",
      '    <set-variable name="a" value="@(new HttpClient().ToString())" />',
      3,
      41,
      "System.Net.Http.HttpClient is not allowed",
    ],
    [
      "Environment",
      '    <set-variable name="a" value="@(Environment.MachineName)" />',
      3,
      37,
      "System.Environment is not allowed",
    ],
    [
      "XDocument.Load",
      '    <set-variable name="a" value="@(XDocument.Load(&quot;x&quot;).ToString())" />',
      3,
      47,
      "XDocument.Load is not allowed",
    ],
    [
      "DateTime.TryParse",
      '    <set-variable name="a" value="@{ DateTime d; return DateTime.TryParse(&quot;x&quot;, out d); }" />',
      3,
      66,
      "DateTime.TryParse is not allowed in APIM policy expressions (APIM allows only some members of DateTime)",
    ],
    [
      "a denied type as a generic argument",
      '    <set-variable name="a" value="@(context.Request.Body.As&lt;System.Diagnostics.Process&gt;().Id)" />',
      3,
      64,
      "System.Diagnostics.Process is not allowed",
    ],
  ])("reports %s", (_, inbound, line, column, text) => {
    const findings = runRule(expressionTypeNotAllowed, policy(inbound));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-type-not-allowed", line, column]]);
    expect(findings[0]!.message).toContain(text);
    expect(findings[0]!.message).toContain(ALLOW_LIST);
    expect(findings[0]!.message).toContain("APIM rejects the policy when it is saved");
  });

  it.each([
    [
      "allowed types",
      '    <set-variable name="a" value="@(Regex.IsMatch(&quot;a&quot;, &quot;b&quot;) &amp;&amp; DateTime.UtcNow.Year > 2000)" />',
    ],
    [
      "allowed members of a restricted type",
      '    <set-variable name="a" value="@(DateTime.Parse(&quot;2024-01-01&quot;).AddDays(1).ToString())" />',
    ],
    [
      "XDocument.Parse",
      '    <set-variable name="a" value="@(XDocument.Parse(&quot;&lt;a/&gt;&quot;).Root.Name.LocalName)" />',
    ],
    [
      "the context model",
      '    <set-variable name="a" value="@(context.Request.Headers.GetValueOrDefault(&quot;Authorization&quot;, &quot;&quot;).AsJwt()?.Subject)" />',
    ],
    ["a type the model does not know", '    <set-variable name="a" value="@(new SomethingNew().Value)" />'],
  ])("passes %s", (_, inbound) => {
    expect(runRule(expressionTypeNotAllowed, policy(inbound))).toEqual([]);
  });
});
