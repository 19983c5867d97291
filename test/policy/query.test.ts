import { describe, expect, it } from "vitest";
import type { ElementNode } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import {
  allElements,
  ancestors,
  attr,
  attrText,
  childComments,
  childElement,
  childElements,
  closest,
  elementText,
  findElement,
  findElements,
  hasAttr,
  isInside,
  lineOf,
  namedValueRefs,
  sectionOf,
  sections,
  walkElements,
} from "../../src/policy/query.js";

const SOURCE = `<policies>
  <inbound>
    <base />
    <choose>
      <when condition="@(context.Request.Method == &quot;GET&quot;)">
        <set-header name="x-a" exists-action="override"><value>{{header-value}}</value></set-header>
      </when>
    </choose>
  </inbound>
  <backend><forward-request timeout="{{timeout}}" /></backend>
  <outbound>
    <set-body>part one<!-- split -->@(context.Response.Body.As&lt;string&gt;())</set-body>
    <set-body>  <!-- only -->  @{ return "x"; }  </set-body>
  </outbound>
  <on-error><base /></on-error>
</policies>`;

const doc = parsePolicy(SOURCE);
const el = (name: string, i = 0): ElementNode => findElements(doc, name)[i] as ElementNode;

describe("query helpers", () => {
  it("walks every element in document order", () => {
    expect([...walkElements(doc)].map((e) => e.name)).toEqual([
      "policies",
      "inbound",
      "base",
      "choose",
      "when",
      "set-header",
      "value",
      "backend",
      "forward-request",
      "outbound",
      "set-body",
      "set-body",
      "on-error",
      "base",
    ]);
    expect(allElements(el("choose")).map((e) => e.name)).toEqual(["choose", "when", "set-header", "value"]);
    expect([...walkElements(parsePolicy("").root)]).toEqual([]);
  });

  it("finds elements and children by name", () => {
    expect(findElements(doc, "base").map(lineOf)).toEqual([3, 15]);
    expect(findElement(doc, "set-body")?.range.start.line).toBe(12);
    expect(findElement(doc, "missing")).toBeUndefined();
    expect(childElements(doc.root as ElementNode).map((e) => e.name)).toEqual([
      "inbound",
      "backend",
      "outbound",
      "on-error",
    ]);
    expect(childElements(el("inbound"), "base")).toHaveLength(1);
    expect(childElement(el("choose"), "when")?.name).toBe("when");
    expect(childComments(el("set-body"))[0]?.text).toBe(" split ");
  });

  it("reads attributes", () => {
    expect(attr(el("set-header"), "name")?.value.text).toBe("x-a");
    expect(attrText(el("when"), "condition")).toBe('@(context.Request.Method == "GET")');
    expect(attr(el("when"), "condition")?.value.expression?.code).toBe('context.Request.Method == "GET"');
    expect(hasAttr(el("when"), "Condition")).toBe(false);
    expect(attrText(el("when"), "missing")).toBeUndefined();
  });

  it("knows the section, ancestors and containment", () => {
    expect(sectionOf(el("set-header"))).toBe("inbound");
    expect(sectionOf(el("forward-request"))).toBe("backend");
    expect(sectionOf(el("base", 1))).toBe("on-error");
    expect(sectionOf(doc.root as ElementNode)).toBeUndefined();
    expect(ancestors(el("value")).map((e) => e.name)).toEqual(["set-header", "when", "choose", "inbound", "policies"]);
    expect(isInside(el("value"), "choose")).toBe(true);
    expect(isInside(el("value"), "outbound")).toBe(false);
    expect(closest(el("value"), "when")).toBe(el("when"));
    expect(Object.keys(sections(doc))).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });

  it("gives no section inside a fragment", () => {
    const frag = parsePolicy("<fragment><inbound><base /></inbound></fragment>");
    expect(sectionOf(findElement(frag, "base") as ElementNode)).toBeUndefined();
  });

  it("joins text split by a comment into one value", () => {
    const joined = elementText(el("set-body"));
    expect(joined?.kind).toBe("literal");
    expect(joined?.text).toBe("part one@(context.Response.Body.As<string>())");
    expect(joined?.range.start).toMatchObject({ line: 12, column: 15 });
    const block = elementText(el("set-body", 1));
    expect(block?.kind).toBe("expression");
    expect(block?.expression?.code).toBe(' return "x"; ');
    expect(elementText(el("value"))?.kind).toBe("template");
    expect(elementText(el("base"))).toBeUndefined();
  });

  it("lists every named-value reference with its element", () => {
    expect(namedValueRefs(doc).map((r) => [r.name, r.element.name, r.value.namedValues[0]?.range.start.line])).toEqual([
      ["header-value", "value", 6],
      ["timeout", "forward-request", 10],
    ]);
  });
});
