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
      "a block that throws on one path only",
      '    <set-variable name="a" value="@{ if (context.Request.Method == &quot;GET&quot;) { throw new Exception(); } }" />',
      3,
      35,
      "@{ } block without return",
    ],
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
    // C# syntax errors of the expression's tree, at their own position, with the compiler's code.
    ["a missing ; in a block", '    <set-variable name="a" value="@{ return 1 }" />', 3, 46, "; expected (CS1002)"],
    [
      "a missing ; between statements",
      '    <set-variable name="a" value="@{ var n = 1 return n; }" />',
      3,
      47,
      "; expected (CS1002)",
    ],
    [
      "two strings in a row",
      '    <set-variable name="a" value="@(&quot;a&quot; &quot;b&quot;)" />',
      3,
      50,
      ") expected (CS1026)",
    ],
    [
      "a missing operand",
      '    <set-variable name="a" value="@(1 +)" />',
      3,
      40,
      "Invalid expression term ')' (CS1525)",
    ],
    [
      "a bad escape",
      '    <set-variable name="a" value="@(&quot;\\q&quot;)" />',
      3,
      43,
      "Unrecognized escape sequence (CS1009)",
    ],
    [
      "C# 8 syntax (a warning)",
      '    <set-variable name="a" value="@(context.Request.Url.Path[^1])" />',
      3,
      62,
      "the index-from-end operator ^ is C# 8 syntax; APIM policy expressions are C# 7 (unverified)",
    ],
  ])("reports %s", (_, inbound, line, column, text) => {
    const findings = runRule(expressionSyntax, policy(inbound));
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["expression-syntax", line, column]]);
    expect(findings[0]!.message).toContain(text);
  });

  it("reports C# errors as errors and newer syntax as a warning ([U]: never an error)", () => {
    const src = policy(
      '    <set-variable name="a" value="@{ return 1 }" />\n    <set-variable name="b" value="@(context.Request.Url.Path is not null)" />',
    );
    expect(runRule(expressionSyntax, src).map((f) => [f.line, f.report.severity ?? "error", f.message])).toEqual([
      [3, "error", "; expected (CS1002)"],
      [4, "warn", "a 'not' pattern is C# 9 syntax; APIM policy expressions are C# 7 (unverified)"],
    ]);
  });

  it("reports a block without return and its syntax error: two problems", () => {
    const src = policy('    <set-variable name="a" value="@{ int x = 1 }" />');
    expect(runRule(expressionSyntax, src).map((f) => [f.column, f.message.slice(0, 25)])).toEqual([
      [35, "@{ } block without return"],
      [47, "; expected (CS1002)"],
    ]);
  });

  it.each([
    ["an inline expression", '    <set-variable name="a" value="@(context.Request.Method == &quot;GET&quot;)" />'],
    ["a block with return", '    <set-variable name="a" value="@{ if (true) { return 1; } return 2; }" />'],
    // Every path throws: C# compiles it (no reachable end point asks for a return); APIM fails the request.
    ["a block that always throws", '    <set-variable name="a" value="@{ throw new Exception(&quot;x&quot;); }" />'],
    [
      "a block whose every branch throws",
      '    <set-variable name="a" value="@{ var m = context.Request.Method; if (m == &quot;GET&quot;) { throw new ArgumentException(m); } else throw new Exception(); }" />',
    ],
    [
      "a try whose block and catches throw",
      '    <set-variable name="a" value="@{ try { throw new Exception(); } catch (Exception) { throw; } }" />',
    ],
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

  it.each([
    ["empty", '    <set-variable name="a" value="@( )" />', "empty expression @( )"],
    ["return", '    <set-variable name="a" value="@(return 1)" />', "return inside @( )"],
    ["statements", '    <set-variable name="a" value="@(var x = 1; x)" />', "';' inside @( )"],
  ])(
    "reports %s inside @( ) once: its own message, not the parser's error for the same mistake",
    (_, inbound, text) => {
      const findings = runRule(expressionSyntax, policy(inbound));
      expect(findings.map((f) => f.message.slice(0, text.length))).toEqual([text]);
    },
  );

  it("does not repeat what the parser reported", () => {
    const src = policy('    <set-variable name="a" value="@{ var x = (1; }" />');
    expect(parsePolicy(src).diagnostics).not.toEqual([]);
    expect(runRule(expressionSyntax, src)).toEqual([]);
  });
});
