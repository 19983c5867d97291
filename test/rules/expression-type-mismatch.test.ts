import { describe, expect, it } from "vitest";
import { expressionTypeMismatch } from "../../rules/expression-type-mismatch.js";
import { runRule } from "../support/rule-tester.js";

const policy = (inbound: string) => `<policies>\n  <inbound>\n${inbound}\n  </inbound>\n</policies>`;
const JWT = '    <validate-jwt header-name="Authorization" output-token-variable-name="jwt" />';

function findings(source: string) {
  return runRule(expressionTypeMismatch, source).map((f) => [
    f.ruleId,
    f.line,
    f.column,
    f.report.severity ?? "error",
    f.message,
  ]);
}

describe("expression-type-mismatch", () => {
  it.each([
    [
      "a cast that never compiles",
      '    <set-variable name="a" value="@((int)context.Request.Method)" />',
      3,
      37,
      "error",
      "Cannot convert type 'string' to 'int'",
    ],
    [
      "an argument no overload takes",
      '    <set-variable name="a" value="@(DateTime.UtcNow.AddSeconds(&quot;5&quot;).ToString())" />',
      3,
      64,
      "error",
      "Argument 1 is string, but AddSeconds takes double",
    ],
    [
      "a string condition inside the code",
      '    <set-variable name="a" value="@{ if (context.Request.Method) { return 1; } return 2; }" />',
      3,
      42,
      "error",
      "The condition is string, not bool",
    ],
    [
      "a when condition that can never be a bool",
      '    <choose>\n      <when condition="@(DateTime.UtcNow)" />\n    </choose>',
      4,
      26,
      "error",
      "the condition of <when> is DateTime, which can never be a bool",
    ],
    [
      "a when condition that is a string ([U]: warn)",
      '    <choose>\n      <when condition="@(context.Request.Method)" />\n    </choose>',
      4,
      26,
      "warn",
      "the condition of <when> is string, not bool",
    ],
    [
      "a retry condition that is a number ([U]: warn)",
      '    <retry condition="@(context.Response.StatusCode)" count="3" interval="1" />',
      3,
      25,
      "warn",
      "the condition of <retry> is int, not bool",
    ],
    [
      "a block returning a non-bool condition",
      '    <choose>\n      <when condition="@{ return context.Request.Body.As&lt;JObject&gt;(preserveContent: true); }" />\n    </choose>',
      4,
      34,
      "error",
      "is JObject, which can never be a bool",
    ],
    [
      "a JToken condition ([U]: warn, a JValue converts)",
      '    <choose>\n      <when condition="@(context.Request.Body.As&lt;JObject&gt;(preserveContent: true)[&quot;on&quot;])" />\n    </choose>',
      4,
      26,
      "warn",
      "the condition of <when> is JToken, not bool",
    ],
    [
      "a number attribute given a DateTime",
      '    <retry condition="@(true)" count="@(DateTime.UtcNow)" interval="1" />',
      3,
      41,
      "error",
      "count of <retry> takes a number, and the expression gives DateTime",
    ],
    [
      "a bool attribute given a TimeSpan",
      '    <check-header name="x" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="@(TimeSpan.Zero)" />',
      3,
      103,
      "error",
      "ignore-case of <check-header> takes true or false",
    ],
    [
      "a validate-jwt token cast to string",
      `${JWT}\n    <set-variable name="a" value="@((string)context.Variables[&quot;jwt&quot;])" />`,
      4,
      37,
      "error",
      "this variable holds a Jwt: the cast to 'string' always fails at run time",
    ],
    [
      "a send-request response cast to Jwt",
      '    <send-request mode="new" response-variable-name="r" timeout="10"><set-url>https://x.example</set-url></send-request>\n    <set-variable name="a" value="@((string)context.Variables[&quot;r&quot;])" />',
      4,
      37,
      "error",
      "this variable holds an IResponse",
    ],
    [
      "a managed identity token cast to Jwt",
      '    <authentication-managed-identity resource="api://x" output-token-variable-name="t" />\n    <set-variable name="a" value="@(((Jwt)context.Variables[&quot;t&quot;]).Subject)" />',
      4,
      38,
      "error",
      "this variable holds a string: the cast to 'Jwt'",
    ],
    [
      "an int variable unboxed as long",
      '    <set-variable name="n" value="@(3)" />\n    <set-variable name="a" value="@((long)context.Variables[&quot;n&quot;])" />',
      4,
      37,
      "error",
      "this variable holds an int: the cast to 'long'",
    ],
    [
      "a literal variable cast to int",
      '    <set-variable name="n" value="3" />\n    <set-variable name="a" value="@((int)context.Variables[&quot;n&quot;] + 1)" />',
      4,
      37,
      "error",
      "this variable holds a string: the cast to 'int'",
    ],
    [
      "a JObject variable cast to string ([U]: warn)",
      '    <set-variable name="body" value="@(context.Request.Body.As&lt;JObject&gt;(preserveContent: true))" />\n    <set-variable name="a" value="@((string)context.Variables[&quot;body&quot;])" />',
      4,
      37,
      "warn",
      "this variable holds a JObject",
    ],
    [
      "GetValueOrDefault<T> of another type ([U]: warn)",
      `${JWT}\n    <set-variable name="a" value="@(context.Variables.GetValueOrDefault&lt;string&gt;(&quot;jwt&quot;))" />`,
      4,
      37,
      "warn",
      "GetValueOrDefault<string> throws (docs) or gives the default (toolkit)",
    ],
    [
      "a setter earlier in the same when branch",
      `    <choose>\n      <when condition="@(true)">\n  ${JWT}\n        <set-variable name="a" value="@((string)context.Variables[&quot;jwt&quot;])" />\n      </when>\n    </choose>`,
      6,
      41,
      "error",
      "holds a Jwt",
    ],
  ])("reports %s", (_, inbound, line, column, severity, text) => {
    const found = findings(policy(inbound));
    expect(found.map((f) => f.slice(0, 4))).toEqual([["expression-type-mismatch", line, column, severity]]);
    expect(found[0]![4]).toContain(text);
  });

  const readJwt = '    <set-variable name="a" value="@((string)context.Variables[&quot;jwt&quot;])" />';
  it.each([
    [
      "a cast the value can satisfy",
      `${JWT}\n    <set-variable name="a" value="@(((Jwt)context.Variables[&quot;jwt&quot;]).Subject)" />`,
    ],
    ["an untyped variable", '    <set-variable name="a" value="@((int)context.Variables[&quot;x&quot;])" />'],
    ["a read before the setter", `${readJwt}\n${JWT}`],
    [
      "a setter in a when branch the read is not in",
      `    <choose>\n      <when condition="@(true)">\n  ${JWT}\n      </when>\n    </choose>\n${readJwt}`,
    ],
    ["a <base /> between the setter and the read", `${JWT}\n    <base />\n${readJwt}`],
    ["a setter in another section", `${JWT}\n  </inbound>\n  <outbound>\n${readJwt}\n  </outbound>\n  <inbound>`],
    ["setters that disagree", `${JWT}\n    <set-variable name="jwt" value="x" />\n${readJwt}`],
    ["a cache-lookup-value setter", `${JWT}\n    <cache-lookup-value key="k" variable-name="jwt" />\n${readJwt}`],
    ["a document that includes a fragment", `${JWT}\n    <include-fragment fragment-id="f" />\n${readJwt}`],
    ["a variable named by a named value", `${JWT}\n    <set-variable name="{{prefix}}-x" value="1" />\n${readJwt}`],
    [
      "a set-variable value holding a named value",
      '    <set-variable name="n" value="{{count}}" />\n    <set-variable name="a" value="@((int)context.Variables[&quot;n&quot;])" />',
    ],
    [
      "a managed identity with ignore-error",
      '    <authentication-managed-identity resource="api://x" output-token-variable-name="t" ignore-error="true" />\n    <set-variable name="a" value="@(((Jwt)context.Variables[&quot;t&quot;]).Subject)" />',
    ],
    [
      "a set-variable of a type outside the docs' list",
      '    <set-variable name="h" value="@(context.Request.Headers)" />\n    <set-variable name="a" value="@((string)context.Variables[&quot;h&quot;])" />',
    ],
    [
      "a string for a number attribute (APIM may parse it)",
      '    <retry condition="@(true)" count="@(&quot;3&quot;)" interval="1" />',
    ],
    [
      "an object condition",
      '    <choose>\n      <when condition="@(context.Variables[&quot;x&quot;])" />\n    </choose>',
    ],
    [
      "a bool condition",
      '    <choose>\n      <when condition="@(context.Request.Method == &quot;GET&quot;)" />\n    </choose>',
    ],
    [
      "a bool? condition (a ?. chain)",
      '    <choose>\n      <when condition="@(context.Request.Headers.GetValueOrDefault(&quot;x&quot;)?.Contains(&quot;y&quot;))" />\n    </choose>',
    ],
    [
      "a bool? for a bool attribute",
      '    <check-header name="x" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="@(context.Request.Body?.As&lt;JObject&gt;()?[&quot;a&quot;]?.Value&lt;bool&gt;())" />',
    ],
    [
      "an int? for a number attribute",
      '    <retry condition="@(true)" count="@(context.Response?.StatusCode)" interval="1" />',
    ],
    ["a text value (no expected type)", "    <set-body>@(DateTime.UtcNow)</set-body>"],
  ])("passes %s", (_, inbound) => {
    expect(findings(policy(inbound))).toEqual([]);
  });

  it("knows no variable type in a fragment", () => {
    const fragment = `<fragment>\n${JWT}\n${readJwt}\n</fragment>`;
    expect(runRule(expressionTypeMismatch, fragment, { scope: "fragment" })).toEqual([]);
  });
});
