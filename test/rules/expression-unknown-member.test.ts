import { describe, expect, it } from "vitest";
import { expressionUnknownMember } from "../../rules/expression-unknown-member.js";
import { runRule } from "../support/rule-tester.js";

const policy = (inbound: string) => `<policies>\n  <inbound>\n${inbound}\n  </inbound>\n</policies>`;

describe("expression-unknown-member", () => {
  it.each([
    [
      "a typo of a context member",
      '    <set-variable name="a" value="@(context.Reqest.Method)" />',
      3,
      45,
      "'Reqest' is not a member of context (did you mean 'Request'?); the expression does not compile",
    ],
    [
      "a member of a known type",
      '    <set-variable name="a" value="@(context.Request.Url.Path.Lenght)" />',
      3,
      62,
      "'Lenght' is not a member of string (did you mean 'Length'?)",
    ],
    [
      "a property called like a method",
      '    <set-variable name="a" value="@(context.Request.MatchedParameters(&quot;id&quot;))" />',
      3,
      53,
      "'MatchedParameters'",
    ],
    [
      "a misspelt local in a block",
      '    <set-variable name="a" value="@{ var token = &quot;x&quot;; return tokn.Length; }" />',
      3,
      72,
      "'tokn' does not exist here (did you mean 'token'?)",
    ],
    [
      "a misspelt context in element text",
      '    <set-header name="x" exists-action="override">\n      <value>@(contxt.Request.Method)</value>\n    </set-header>',
      4,
      16,
      "'contxt' does not exist here (did you mean 'context'?)",
    ],
    [
      "a member in an object initializer",
      '    <set-variable name="a" value="@(new StringBuilder { Lenght = 3 }.ToString())" />',
      3,
      57,
      "'Lenght' is not a member of StringBuilder",
    ],
  ])("reports %s", (_, inbound, line, column, text) => {
    const findings = runRule(expressionUnknownMember, policy(inbound));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-unknown-member", line, column]]);
    expect(findings[0]!.message).toContain(text);
  });

  it.each([
    [
      "a real context chain",
      '    <set-variable name="a" value="@(context.Request.Headers.GetValueOrDefault(&quot;x&quot;, &quot;&quot;))" />',
    ],
    [
      "an untyped variable's members",
      '    <set-variable name="a" value="@(context.Variables[&quot;x&quot;].Whatever)" />',
    ],
    ["dynamic", '    <set-variable name="a" value="@(((dynamic)context.Variables[&quot;x&quot;]).Anything)" />'],
    ["a capitalised name close to nothing", '    <set-variable name="a" value="@(SomeType.Member)" />'],
    [
      "a local declared later in the block",
      '    <set-variable name="a" value="@{ string s = &quot;a&quot;; return s.Length; }" />',
    ],
    ["a named value inside the code", '    <set-variable name="a" value="@(&quot;{{x}}&quot;.Length)" />'],
    [
      "C# syntax errors (left to expression-syntax)",
      '    <set-variable name="a" value="@{ return contxt.Request }" />',
    ],
  ])("passes %s", (_, inbound) => {
    expect(runRule(expressionUnknownMember, policy(inbound))).toEqual([]);
  });
});
