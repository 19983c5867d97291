import { describe, expect, it } from "vitest";
import type { ElementNode } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { attr, childElements, elementText, findElements, sectionOf } from "../../src/policy/query.js";

const POLICY = `<policies>
  <inbound>
    <base />
    <set-header name="x-user" exists-action="override">
      <value>@(context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt()?.Subject)</value>
    </set-header>
    <choose>
      <when condition="@(context.Request.Method == "POST" && context.Request.Body.As<JObject>(preserveContent: true)["a"] != null)">
        <set-variable name="n" value="{{backend-key}}" />
      </when>
    </choose>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;

describe("parsePolicy", () => {
  const doc = parsePolicy(POLICY, "p.xml");

  it("reads a rawxml document with raw quotes, && and generics in expressions", () => {
    expect(doc.diagnostics).toEqual([]);
    expect(doc.kind).toBe("policies");
    expect(childElements(doc.root as ElementNode).map((e) => e.name)).toEqual([
      "inbound",
      "backend",
      "outbound",
      "on-error",
    ]);
  });

  it("classifies an attribute expression with its code and range", () => {
    const when = findElements(doc, "when")[0] as ElementNode;
    const v = attr(when, "condition")?.value;
    expect(v?.kind).toBe("expression");
    expect(v?.expression?.code).toBe(
      'context.Request.Method == "POST" && context.Request.Body.As<JObject>(preserveContent: true)["a"] != null',
    );
    expect(v?.expression?.range.start).toEqual({
      line: 8,
      column: 24,
      offset: POLICY.indexOf("@(context.Request.Method"),
    });
    expect(POLICY.slice(v?.expression?.range.start.offset, v?.expression?.range.end.offset)).toBe(v?.raw);
    expect(sectionOf(when)).toBe("inbound");
  });

  it("classifies element text and templates", () => {
    const value = findElements(doc, "value")[0] as ElementNode;
    const t = elementText(value);
    expect(t?.kind).toBe("expression");
    expect(t?.expression?.form).toBe("inline");
    const sv = findElements(doc, "set-variable")[0] as ElementNode;
    const v = attr(sv, "value")?.value;
    expect(v?.kind).toBe("template");
    expect(v?.namedValues.map((n) => [n.name, n.range.start.line, n.range.start.column])).toEqual([
      ["backend-key", 9, 39],
    ]);
  });

  it("reports an unclosed expression at its @", () => {
    const bad = parsePolicy(
      '<policies>\n  <inbound>\n    <set-variable name="a" value="@(foo("x")" />\n  </inbound>\n</policies>',
    );
    expect(bad.diagnostics[0]?.code).toBe("unclosed-expression");
    expect(bad.diagnostics[0]?.range.start).toMatchObject({ line: 3, column: 35 });
  });

  it("reads line ends as an XML reader does: CRLF and CR become LF, a &#xD; reference stays", () => {
    const d = parsePolicy("<a>x\r\ny\rz&#xD;w<!-- c\r\n --></a>");
    const text = d.root?.children[0];
    expect(text?.type === "text" && text.value.text).toBe("x\ny\nz\rw");
    expect(text?.type === "text" && text.value.raw).toBe("x\r\ny\rz&#xD;w");
    const comment = d.root?.children[1];
    expect(comment?.type === "comment" && comment.text).toBe(" c\n ");
    expect(d.positionAt(d.source.indexOf("z"))).toEqual({ line: 3, column: 1, offset: 8 });
  });

  it("classifies values: x-@(...) is literal, whitespace around an expression is allowed", () => {
    const d = parsePolicy('<a p="x-@(1)" q="  @(1)  " r="@(1)x" s="{{a}}-{{b}}" t="plain" />');
    const kinds = d.root?.attributes.map((a) => [a.name, a.value.kind]);
    expect(kinds).toEqual([
      ["p", "literal"],
      ["q", "expression"],
      ["r", "literal"],
      ["s", "template"],
      ["t", "literal"],
    ]);
    expect(d.root?.attributes[3]?.value.namedValues.map((n) => n.name)).toEqual(["a", "b"]);
  });

  it("knows document kinds and comments outside the root", () => {
    expect(parsePolicy("<fragment />").kind).toBe("fragment");
    expect(parsePolicy("<other />").kind).toBe("other");
    const e = parsePolicy("");
    expect([e.kind, e.root, e.diagnostics.map((x) => x.code)]).toEqual(["empty", undefined, ["no-root"]]);
    const c = parsePolicy('<?xml version="1.0" encoding="utf-8"?>\n<!-- a --><policies /><!-- b -->');
    expect(c.diagnostics).toEqual([]);
    expect(c.topLevelComments.map((x) => x.text)).toEqual([" a ", " b "]);
  });
});

describe("entity references", () => {
  it("decodes only XML's five named entities: Object.prototype's members are not entities", () => {
    const doc = parsePolicy(
      `<policies><inbound><set-header name="a"><value>x&amp;y&toString;&__proto__;</value></set-header></inbound></policies>`,
      "p.xml",
    );
    const text = elementText(findElements(doc.root, "value")[0] as ElementNode)?.text;
    expect(text).toContain("x&y");
    expect(text).not.toContain("function");
    expect(text).not.toContain("[object Object]");
    // Each unknown reference is the same parse error as `&nbsp;`.
    expect(doc.diagnostics.map((d) => d.range.start.column)).toEqual([55, 65]);
  });
});
