import { describe, expect, it } from "vitest";
import { expressionSyntax } from "../../rules/expression-syntax.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { runRule } from "../support/rule-tester.js";

const policy = (inbound: string) => `<policies>\n  <inbound>\n${inbound}\n  </inbound>\n</policies>`;

describe("expression-syntax", () => {
  it.each([
    [
      "a @{ } block without return",
      '    <set-variable name="a" value="@{ var x = 1; }" />',
      3,
      35,
      "@{ } block without return",
    ],
    ["an empty @( )", '    <set-variable name="a" value="@( )" />', 3, 35, "empty expression @( )"],
    [
      "an empty @{ } with only a comment",
      '    <set-variable name="a" value="@{ /* todo */ }" />',
      3,
      35,
      "empty expression @{ }",
    ],
    ["return inside @( )", '    <set-variable name="a" value="@(return 1)" />', 3, 37, "return inside @( )"],
    ["statements inside @( )", '    <set-variable name="a" value="@(var x = 1; x)" />', 3, 46, "';' inside @( )"],
    [
      "an expression after literal text",
      '    <set-header name="x"><value>Bearer @(context.Variables["t"])</value></set-header>',
      3,
      40,
      "inside literal text",
    ],
    [
      "an expression followed by literal text",
      '    <rewrite-uri template="@(context.Request.Url.Path)/suffix" />',
      3,
      28,
      "inside literal text",
    ],
    ["a block in the middle of an attribute", '    <set-header name="x-@{return 1;}" />', 3, 25, "inside literal text"],
  ])("reports %s", (_, inbound, line, column, text) => {
    const findings = runRule(expressionSyntax, policy(inbound));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-syntax", line, column]]);
    expect(findings[0]!.message).toContain(text);
  });

  it.each([
    ["an inline expression", '    <set-variable name="a" value="@(context.Request.Method == &quot;GET&quot;)" />'],
    ["a block with return", '    <set-variable name="a" value="@{ if (true) { return 1; } return 2; }" />'],
    [
      "a lambda with a statement body",
      '    <set-variable name="a" value="@(new[] {1}.Select(x => { var y = x; return y; }).First())" />',
    ],
    ["a semicolon in a string", '    <set-variable name="a" value="@(&quot;a;b&quot;)" />'],
    ["surrounding whitespace", '    <set-body>\n      @("x")\n    </set-body>'],
    ["an @ in plain text", '    <set-header name="x"><value>me@example.com (x)</value></set-header>'],
    ["a named value after an @", '    <set-header name="x"><value>user@{{domain}}</value></set-header>'],
    ["CDATA text", "    <set-body><![CDATA[see @(this) ]]></set-body>"],
    ["a Liquid body", '    <set-body template="liquid">price: @( {{body.price}} )</set-body>'],
  ])("passes %s", (_, inbound) => {
    expect(runRule(expressionSyntax, policy(inbound))).toEqual([]);
  });

  it("does not repeat what the parser reported", () => {
    const src = policy('    <set-variable name="a" value="@{ var x = (1; }" />');
    expect(parsePolicy(src).diagnostics).not.toEqual([]);
    expect(runRule(expressionSyntax, src)).toEqual([]);
  });
});
