import { describe, expect, it } from "vitest";
import type { ElementNode } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { findElement } from "../../src/policy/query.js";
import { serializeElement, serializePolicy } from "../../src/policy/serializer.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "./corpus-files.js";
import { shapeOf } from "./model-shape.js";

function roundTrip(source: string): { first: unknown; second: unknown; text: string } {
  const doc = parsePolicy(source);
  expect(doc.diagnostics).toEqual([]);
  const text = serializePolicy(doc);
  const again = parsePolicy(text);
  expect(again.diagnostics).toEqual([]);
  return { first: shapeOf(doc), second: shapeOf(again), text };
}

describe("serializePolicy", () => {
  it("writes expressions raw and literals escaped", () => {
    const src =
      '<policies><inbound><set-header name="a&amp;b" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x") &amp;&amp; 1 &lt; 2)</value></set-header></inbound></policies>';
    const { first, second, text } = roundTrip(src);
    expect(second).toEqual(first);
    expect(text).toContain('<set-header name="a&amp;b" exists-action="override">');
    expect(text).toContain('<value>@(context.Request.Headers.GetValueOrDefault("x") && 1 < 2)</value>');
  });

  it("lays out element-only content one child per line and keeps the BOM and CRLF", () => {
    const src =
      "\uFEFF<!-- head -->\r\n<policies>\r\n<inbound><base/><!-- c --></inbound>\r\n</policies>\r\n<!-- tail -->";
    const doc = parsePolicy(src);
    const text = serializePolicy(doc);
    expect(text).toBe(
      "\uFEFF<!-- head -->\r\n<policies>\r\n  <inbound>\r\n    <base />\r\n    <!-- c -->\r\n  </inbound>\r\n</policies>\r\n<!-- tail -->\r\n",
    );
    expect(shapeOf(parsePolicy(text))).toEqual(shapeOf(doc));
  });

  it("keeps an entity-looking sequence inside an expression intact", () => {
    // In the C# string the author wrote `&amp;lt;` in xml format, i.e. the 4 characters `&lt;` in C#.
    const doc = parsePolicy('<a v="@(&quot;&amp;lt;&quot;)" />');
    expect(doc.root?.attributes[0]?.value.expression?.code).toBe('"&lt;"');
    const again = parsePolicy(serializePolicy(doc));
    expect(again.root?.attributes[0]?.value.expression?.code).toBe('"&lt;"');
  });

  it("keeps CDATA, mixed content and the quote character", () => {
    const { first, second } = roundTrip(
      "<policies><outbound><set-body><![CDATA[<x>{{nv}}</x>]]></set-body><set-body>a<!--c-->@{ return \"}\"; }</set-body><set-variable name='n' value='@(\"it\\'s\")' /></outbound></policies>",
    );
    expect(second).toEqual(first);
  });

  it("writes line breaks in literal attributes as references, so any XML reader keeps them", () => {
    const doc = parsePolicy('<a v="x&#xA;y&#9;z" />');
    expect(doc.root?.attributes[0]?.value.text).toBe("x\ny\tz");
    const text = serializePolicy(doc);
    expect(text).toBe('<a v="x&#xA;y&#x9;z" />\n');
    expect(shapeOf(parsePolicy(text))).toEqual(shapeOf(doc));
  });

  it("keeps a built comment well-formed", () => {
    const doc = parsePolicy("<a><!-- x --></a>");
    const c = doc.root?.children[0];
    if (c?.type !== "comment") throw new Error("comment expected");
    c.text = " a -- b -";
    const text = serializePolicy(doc);
    expect(text).toBe("<a>\n  <!-- a - - b - -->\n</a>\n");
    expect(parsePolicy(text).diagnostics).toEqual([]);
  });

  it("serializes one element at a given indentation level", () => {
    const doc = parsePolicy(
      '<policies><inbound><choose><when condition="@(1 > 0)"><base /></when></choose></inbound></policies>',
    );
    const choose = findElement(doc, "choose") as ElementNode;
    expect(serializeElement(choose, { level: 2, indent: "  " })).toBe(
      '<choose>\n      <when condition="@(1 > 0)">\n        <base />\n      </when>\n    </choose>',
    );
  });
});

describe("round trip over the corpus: parse -> serialize -> parse gives the same model", () => {
  const shared = corpusFiles(sharedCorpus);
  const files = (shared.length > 0 ? shared : corpusFiles(sampleCorpus)).filter(
    (f) => parsePolicy(f.source).diagnostics.length === 0,
  );
  it("has files to check", () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    const { first, second } = roundTrip(f.source);
    expect(second).toEqual(first);
  });
});
