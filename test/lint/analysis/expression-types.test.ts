// The typing of a document's expressions (PolicySourceCode.expressionTypes): expected types from the catalogue,
// variables' stored types only where certain, computed once per expression.
import { describe, expect, it } from "vitest";
import { ExpressionTyping, expressionSites } from "../../../src/lint/analysis/expression-types.js";
import { PolicySourceCode } from "../../../src/lint/source-code.js";
import { formatType } from "../../../src/policy/csharp/types/type-ref.js";
import type { ElementNode } from "../../../src/policy/model.js";
import { parsePolicy } from "../../../src/policy/parser.js";

function sourceOf(inbound: string, outbound = "") {
  const src = `<policies>\n<inbound>\n${inbound}\n</inbound>\n<outbound>\n${outbound}\n</outbound>\n</policies>`;
  return new PolicySourceCode(parsePolicy(src, "t.xml"));
}

/** The element whose `name` attribute is `name` (the reading set-variable of each case). */
function named(sc: PolicySourceCode, name: string): ElementNode {
  return sc.elements().find((el) => el.attributes.some((a) => a.name === "name" && a.value.text === name))!;
}

function variableType(sc: PolicySourceCode, variable: string, reader = "r"): string | undefined {
  const t = new ExpressionTyping(sc).variableType(variable, named(sc, reader));
  return t ? `${formatType(t.type)}${t.unverified ? " [U]" : ""}` : undefined;
}

const READ = '<set-variable name="r" value="@(context.Variables[&quot;v&quot;])" />';

describe("expression types", () => {
  it("are computed once per expression and kept on the per-document object", () => {
    const sc = sourceOf('<set-variable name="a" value="@(context.Reqest)" />');
    const [site] = expressionSites(named(sc, "a"));
    const first = sc.expressionTypes(site!);
    expect(sc.expressionTypes({ ...site! })).toBe(first);
    expect(first.findings.map((f) => [f.code, f.severity])).toEqual([["unknown-member", "error"]]);
  });

  it("expect bool for a condition, int for an integer attribute, nothing for text or a literal-only attribute", () => {
    const sc = sourceOf(
      '<choose><when condition="@(true)" /></choose>\n<retry condition="@(true)" count="@(3)" interval="1" />\n<set-body>@("x")</set-body>\n<cache-lookup-value key="k" variable-name="@(&quot;x&quot;)" />',
    );
    const expected = sc
      .elements()
      .flatMap((el) => expressionSites(el))
      .map((s) => {
        const e = sc.expressionTypes(s).expected;
        return `${s.element.name}:${e ? `${e.attribute} ${e.kind} ${formatType(e.type)}` : "-"}`;
      });
    expect(expected).toEqual([
      "when:condition condition bool",
      "retry:condition condition bool",
      "retry:count number int",
      "set-body:-",
      "cache-lookup-value:-",
    ]);
  });

  it("give a variable the type of its setters when one certainly ran before the read", () => {
    const jwt = '<validate-jwt header-name="Authorization" output-token-variable-name="v" />';
    expect(variableType(sourceOf(`${jwt}\n${READ}`), "v")).toBe("Jwt");
    expect(variableType(sourceOf(`<send-request response-variable-name="v" mode="new" />\n${READ}`), "v")).toBe(
      "IResponse",
    );
    expect(
      variableType(
        sourceOf(`<authentication-managed-identity resource="x" output-token-variable-name="v" />\n${READ}`),
        "v",
      ),
    ).toBe("string");
    expect(variableType(sourceOf(`<set-variable name="v" value="literal" />\n${READ}`), "v")).toBe("string");
    expect(variableType(sourceOf(`<set-variable name="v" value="@(DateTime.UtcNow)" />\n${READ}`), "v")).toBe(
      "DateTime",
    );
    expect(variableType(sourceOf(`<set-variable name="v" value="@((int?)1)" />\n${READ}`), "v")).toBe("int");
    expect(variableType(sourceOf(`<set-variable name="v" value="@(new JObject())" />\n${READ}`), "v")).toBe(
      "JObject [U]",
    );
  });

  it.each([
    ["no setter", READ],
    ["a read before the setter", `${READ}\n<set-variable name="v" value="x" />`],
    ["a setter in another section", '<set-variable name="v" value="x" />', READ],
    ["a <base /> between", `<set-variable name="v" value="x" />\n<base />\n${READ}`],
    [
      "a setter in a when branch",
      `<choose><when condition="@(true)"><set-variable name="v" value="x" /></when></choose>\n${READ}`,
    ],
    [
      "a setter in a wait for=any",
      `<wait for="any"><send-request response-variable-name="v" mode="new" /></wait>\n${READ}`,
    ],
    ["setters of two types", `<set-variable name="v" value="x" />\n<set-variable name="v" value="@(1)" />\n${READ}`],
    ["a cache-lookup-value", `<cache-lookup-value key="k" variable-name="v" />\n${READ}`],
    ["a value with a named value", `<set-variable name="v" value="{{x}}" />\n${READ}`],
    ["a value of a type outside the docs' list", `<set-variable name="v" value="@(context.Request)" />\n${READ}`],
    ["a value with a C# error", `<set-variable name="v" value="@{ return 1 }" />\n${READ}`],
    ["an included fragment", `<set-variable name="v" value="x" />\n<include-fragment fragment-id="f" />\n${READ}`],
    [
      "a computed variable name",
      `<set-variable name="v" value="x" />\n<set-variable name="{{p}}" value="x" />\n${READ}`,
    ],
  ])("leave a variable unknown with %s", (_, inbound, outbound = "") => {
    expect(variableType(sourceOf(inbound, outbound), "v")).toBeUndefined();
  });

  it("know no variable types in a fragment", () => {
    const sc = new PolicySourceCode(
      parsePolicy(`<fragment>\n<set-variable name="v" value="x" />\n${READ}\n</fragment>`, "f.xml"),
    );
    expect(variableType(sc, "v")).toBeUndefined();
  });

  it("leave an expression with a C# syntax error without type findings", () => {
    const sc = sourceOf('<set-variable name="a" value="@{ return contxt.Request }" />');
    const [site] = expressionSites(named(sc, "a"));
    expect(sc.expressionTypes(site!).findings).toEqual([]);
  });
});
