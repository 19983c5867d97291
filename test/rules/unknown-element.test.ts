import { describe, expect, it } from "vitest";
import { unknownElement } from "../../rules/unknown-element.js";
import { runRule } from "../support/rule-tester.js";

const run = (src: string) => runRule(unknownElement, src).map((f) => [f.ruleId, f.line, f.column, f.message]);

describe("unknown-element", () => {
  it("reports a misspelt policy with a did-you-mean", () => {
    const src = '<policies>\n  <inbound>\n    <set-headr name="x" exists-action="delete" />\n  </inbound>\n</policies>';
    expect(run(src)).toEqual([["unknown-element", 3, 5, "unknown policy <set-headr> (did you mean <set-header>?)"]]);
  });

  it("reports an unknown child of a known policy, listing the expected children", () => {
    const src = `<policies><inbound>
  <validate-jwt header-name="Authorization">
    <openid-config url="https://x" />
    <audience>api://x</audience>
  </validate-jwt>
</inbound></policies>`;
    const [f] = runRule(unknownElement, src);
    expect([f!.ruleId, f!.line, f!.column]).toEqual(["unknown-element", 4, 5]);
    expect(f!.message).toContain("<audience> is not a known child of <validate-jwt> (did you mean <audiences>?)");
  });

  it("reports a section name that is not one of the four", () => {
    expect(run("<policies>\n<inbond />\n</policies>")).toEqual([
      [
        "unknown-element",
        2,
        1,
        "<inbond> is not a section (did you mean <inbound>?): <policies> holds <inbound>, <backend>, <outbound> and <on-error>",
      ],
    ]);
  });

  it("reports a child-only element used as a statement, and an unknown root", () => {
    expect(run("<policies><inbound><set-url>https://x</set-url></inbound></policies>")[0]?.slice(0, 3)).toEqual([
      "unknown-element",
      1,
      20,
    ]);
    expect(run("<policy><inbound /></policy>")).toEqual([
      [
        "unknown-element",
        1,
        1,
        "<policy> is not a policy document root (did you mean <policies>?): a policy document is <policies> with sections, or a <fragment>",
      ],
    ]);
  });

  it("reports text-only elements that hold elements", () => {
    const src = '<policies><inbound><set-header name="x"><value><b>1</b></value></set-header></inbound></policies>';
    expect(run(src).map((r) => r.slice(0, 3))).toEqual([["unknown-element", 1, 48]]);
  });

  it("passes known policies, nested control flow, children of send-request, and free content", () => {
    const src = `<policies>
  <inbound>
    <base />
    <choose>
      <when condition="@(true)">
        <send-request mode="new" response-variable-name="r">
          <set-url>https://x</set-url>
          <set-method>GET</set-method>
          <set-header name="a" exists-action="override"><value>1</value></set-header>
        </send-request>
        <retry condition="@(false)" count="1" interval="1"><set-variable name="v" value="1" /></retry>
      </when>
      <otherwise><return-response><set-status code="200" /><set-body template="liquid"><message><data val="{{body.x}}" /></message></set-body></return-response></otherwise>
    </choose>
    <xsl-transform><xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/" /></xsl:stylesheet></xsl-transform>
  </inbound>
  <backend><forward-request /></backend>
</policies>`;
    expect(run(src)).toEqual([]);
  });

  it("passes fragments", () => {
    expect(run('<fragment><set-variable name="a" value="1" /><include-fragment fragment-id="x" /></fragment>')).toEqual(
      [],
    );
  });

  it("judges the content of an unknown element only once (its own finding)", () => {
    expect(run("<policies><inbound><mystery><whatever /></mystery></inbound></policies>").map((r) => r[3])).toEqual([
      "unknown policy <mystery>",
    ]);
  });
});

describe("unknown-element messages for child elements out of place", () => {
  it("lists every parent a child-only element belongs to", () => {
    const [f] = runRule(unknownElement, "<policies><inbound><audiences /></inbound></policies>");
    expect([f!.line, f!.column]).toEqual([1, 20]);
    expect(f!.message).toBe(
      "<audiences> is not a policy statement: it is only valid inside <validate-azure-ad-token>, <validate-jwt>",
    );
  });
});

describe("unknown-element on documents that are a single policy", () => {
  it("says a lone policy is not a document (editor snippets, pasted policies)", () => {
    const findings = runRule(unknownElement, '<set-header name="x" exists-action="delete" />');
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["unknown-element", 1, 1]]);
    expect(findings[0]!.message).toContain("<set-header> alone is not a policy document");
  });
});
