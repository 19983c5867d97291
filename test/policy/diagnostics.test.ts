// Broken documents: each problem is reported (never thrown) with its code, the right place and a short reason.
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/policy/parser.js";
import { MAX_DIAGNOSTICS } from "../../src/policy/prepass.js";

const at = (src: string): [string, number, number, string][] =>
  parsePolicy(src).diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column, d.message]);

describe("well-formedness problems, at their original position", () => {
  const cases: [name: string, source: string, code: string, line: number, column: number, message: RegExp][] = [
    ["unclosed comment", "<policies>\n  <!-- open\n</policies>", "unclosed-comment", 2, 3, /never closed/],
    [
      "comment left open before the next one",
      "<!-- first\n<!-- second -->\n<policies />",
      "unclosed-comment",
      1,
      1,
      /another comment starts at 2:1/,
    ],
    ["'--' inside a comment", "<policies><!-- a -- b --></policies>", "comment-double-hyphen", 1, 18, /'--'/],
    ["unclosed CDATA", "<policies><set-body><![CDATA[abc", "unclosed-cdata", 1, 21, /\]\]>/],
    [
      "unclosed expression in an attribute",
      '<policies>\n  <set-variable name="a" value="@(foo(1)" />\n</policies>',
      "unclosed-expression",
      2,
      33,
      /expected '\)'/,
    ],
    [
      "unclosed block expression in text",
      "<policies>\n  <set-body>\n    @{ if (x) { return 1; }\n  </set-body>\n</policies>",
      "unclosed-expression",
      3,
      5,
      /expected '\}'/,
    ],
    [
      "a string cut by the end of its line",
      '<policies>\n<set-body>@{ var s = "abc\n; }</set-body>\n</policies>',
      "unclosed-string",
      2,
      22,
      /string is not closed on its line/,
    ],
    [
      "an unclosed expression whose likely cause is a string cut by the end of its line",
      '<policies>\n<set-body>@{ var s = "abc\n; </set-body>\n</policies>',
      "unclosed-expression",
      2,
      11,
      /the string at 2:22 is not closed on its line/,
    ],
    [
      "mismatched bracket in an expression",
      '<policies>\n  <set-variable name="a" value="@(context.Variables["x")])" />\n</policies>',
      "mismatched-bracket",
      2,
      56,
      /'\)' does not match the '\[' at 2:52: expected '\]'/,
    ],
    [
      "mismatched end tag",
      "<policies>\n  <inbound>\n  </outbound>\n</policies>",
      "mismatched-tag",
      3,
      3,
      /expected <\/inbound>/,
    ],
    [
      "element never closed",
      "<policies>\n  <inbound>\n</policies>",
      "unclosed-element",
      2,
      3,
      /<inbound> is never closed/,
    ],
    ["root never closed", "<policies>\n  <inbound />\n", "unclosed-element", 1, 1, /<policies>/],
    ["start tag never closed", "<policies>\n  <base\n</policies>", "unclosed-tag", 2, 3, /<base> is not closed/],
    ["unquoted attribute", "<policies><set-status code=200 /></policies>", "unquoted-attribute", 1, 28, /in quotes/],
    ["attribute without a value", "<policies><base x /></policies>", "missing-attribute-value", 1, 17, /'x'/],
    ["duplicate attribute", '<policies><a n="1" n="2" /></policies>', "duplicate-attribute", 1, 20, /twice/],
    ["no space between attributes", '<policies><a n="1"m="2" /></policies>', "missing-space", 1, 19, /whitespace/],
    ["'<' in an attribute value", '<policies><a n="a<b" /></policies>', "invalid-character", 1, 18, /&lt;/],
    ["bare '&' in text", "<policies><a>x & y</a></policies>", "invalid-entity", 1, 16, /&amp;/],
    ["unknown entity", "<policies><a>&nbsp;</a></policies>", "invalid-entity", 1, 14, /&amp;/],
    ["text before the root", "hello <policies />", "text-outside-root", 1, 1, /before the root/],
    ["text after the root", "<policies />\n  trailing", "text-outside-root", 2, 3, /after the root/],
    ["two roots", "<policies />\n<fragment />", "multiple-roots", 2, 1, /exactly one root/],
    ["DOCTYPE", '<!DOCTYPE x [<!ENTITY a "b">]>\n<policies />', "doctype", 1, 1, /DOCTYPE/],
    [
      "late XML declaration",
      '<!-- c -->\n<?xml version="1.0"?>\n<policies />',
      "misplaced-declaration",
      2,
      1,
      /first thing/,
    ],
    ["empty document", "  \n", "no-root", 1, 1, /no root element/],
    ["only comments", "<!-- nothing -->", "no-root", 1, 1, /no root element/],
  ];

  it.each(cases)("%s", (_name, source, code, line, column, message) => {
    const found = at(source);
    expect(found).toHaveLength(1);
    expect(found[0]?.slice(0, 3)).toEqual([code, line, column]);
    expect(found[0]?.[3]).toMatch(message);
  });
});

describe("recovery", () => {
  it("keeps reading after a broken expression so later problems are found too", () => {
    const src = [
      "<policies>",
      '  <set-variable name="a" value="@(foo(" />',
      "  <inbound>",
      '    <set-variable name="b" value="@(ok(&quot;x&quot;))" />',
      "  </outbound>",
      "</policies>",
    ].join("\n");
    const doc = parsePolicy(src);
    expect(doc.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ["unclosed-expression", 2],
      ["mismatched-tag", 5],
    ]);
    const names = doc.root?.children.flatMap((k) => (k.type === "element" ? [k.name] : []));
    expect(names).toEqual(["set-variable", "inbound"]);
  });

  it("reports one problem per broken start tag, not a cascade", () => {
    const found = at('<policies><a v="@{ x = "1\n" q r s t="/></policies>');
    expect(found.filter(([, line]) => line <= 2).length).toBe(1);
  });

  it("caps the number of problems on hopeless input", () => {
    const doc = parsePolicy(`<policies>${"& ".repeat(1000)}</policies>`);
    expect(doc.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(doc.diagnostics[MAX_DIAGNOSTICS]?.code).toBe("too-many-problems");
  });

  it("maps the strict validator's finding back to the original column", () => {
    // `×` (U+00D7) is not an XML name character: only the strict validator checks names that closely.
    // The expression before it on the same line is escaped (quotes and `<`), which shifts escaped columns.
    const withExpression = '<policies><a v="@(x == "<<" && y)" /><b\u00d7 /></policies>';
    // The same document with a plain value of the same length: the validator's own column is the oracle.
    const plain = withExpression.replace('@(x == "<<" && y)', "x".repeat(17));
    expect(plain.length).toBe(withExpression.length);
    const expected = parsePolicy(plain).diagnostics.map((d) => [d.code, d.range.start.column]);
    expect(expected).toHaveLength(1);
    const doc = parsePolicy(withExpression);
    expect(doc.diagnostics.map((d) => [d.code, d.range.start.column])).toEqual(expected);
  });
});
