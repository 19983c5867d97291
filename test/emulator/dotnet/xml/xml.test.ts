// System.Xml.Linq as the emulator runs it. Expected values are .NET's: XmlReader with LoadOptions.None (whitespace-only
// text dropped, attribute values normalized), XmlWriter's indented output of XNode.ToString() (two spaces, CRLF,
// `<a />`, no indentation inside mixed content), and XmlException messages with line and position.

import { describe, expect, test } from "vitest";
import { show } from "../collections/run.js";

// The expression text is read as policy XML does (entities decoded first), so a literal & is written &amp;.
const v = (text: string) => `@"${text.replace(/&/g, "&amp;").replace(/"/g, '""')}"`;
const doc = (xml: string) => `XDocument.Parse(${v(xml)})`;
const el = (xml: string) => `XElement.Parse(${v(xml)})`;
const NL = "\r\n";
const lines = (...l: string[]) => l.join(NL);
const expr = (code: string) => show(`@(${code})`);

describe("parsing and reading", () => {
  const order = `<order id="7" xmlns:x="urn:x"><item sku="a">2</item><item sku="b">3</item><x:note>hi <b>there</b></x:note></order>`;
  test.each([
    [`${doc(order)}.Root.Name.LocalName`, "order"],
    [`${doc(order)}.Root.Attribute("id").Value`, "7"],
    [`(int)${doc(order)}.Root.Attribute("id")`, "7"],
    [`${doc(order)}.Root.Elements("item").Count()`, "2"],
    [`${doc(order)}.Root.Element("item").Attribute("sku").Value`, "a"],
    [`${doc(order)}.Root.Elements("item").Sum(i => (int)i)`, "5"],
    [`${doc(order)}.Root.Element("missing") == null`, "True"],
    [`${doc(order)}.Root.Attribute("missing") == null`, "True"],
    [`(string)${doc(order)}.Root.Element("missing") == null`, "True"],
    [`(int?)${doc(order)}.Root.Element("missing") == null`, "True"],
    [`${doc(order)}.Root.Value`, "23hi there"],
    [`${doc(order)}.Descendants().Count()`, "5"],
    [`${doc(order)}.Descendants("item").Last().Value`, "3"],
    [`${doc(order)}.Root.Elements().Last().Name.NamespaceName`, "urn:x"],
    [`${doc(order)}.Root.Elements().Last().Name.ToString()`, "{urn:x}note"],
    [`${doc(order)}.Root.Element("{urn:x}note").Value`, "hi there"],
    [`${doc(order)}.Descendants().Where(e => e.Name.LocalName == "note").First().Value`, "hi there"],
    [`${doc(`<r xmlns="urn:d"><v>1</v></r>`)}.Root.Element("v") == null`, "True"], // v is in the default namespace
    [`${doc(`<r xmlns="urn:d"><v>1</v></r>`)}.Root.Element("{urn:d}v").Value`, "1"],
    [`${el(`<a x="1&#10;2" y="t\tu">&lt;&amp;&#65;</a>`)}.Value`, "<&A"],
    [`${el(`<a x="1&#10;2" y="t\tu"/>`)}.Attribute("y").Value`, "t u"], // attribute-value normalization
    [`${el(`<a x="1&#10;2"/>`)}.Attribute("x").Value.Length`, "3"], // a character reference is kept
    [`${el(`<a>\n  <b/>\n</a>`)}.Nodes().Count()`, "1"], // whitespace-only text is dropped
    [`${el(`<a> x <b/></a>`)}.Nodes().Count()`, "2"],
    [`${el(`<a><![CDATA[<x>]]></a>`)}.Value`, "<x>"],
    [`${el(`<a><!--c--><b/></a>`)}.Nodes().First().ToString()`, "<!--c-->"],
    [`${el(`<a/>`)}.IsEmpty + "," + ${el(`<a></a>`)}.IsEmpty`, "True,False"],
    [`${el(`<a k="v"><b/></a>`)}.HasAttributes + "," + ${el(`<a k="v"><b/></a>`)}.HasElements`, "True,True"],
    [`(bool)${el(`<a> 1 </a>`)}`, "True"], // XmlConvert.ToBoolean accepts 1/0 and trims
    [`(double)${el(`<a>INF</a>`)}`, "Infinity"],
    [`${doc(`<?xml version="1.0" encoding="utf-8"?><a/>`)}.Declaration.Encoding`, "utf-8"],
    [`${el(`<a><b><c/></b></a>`)}.Element("b").Element("c").Parent.Name.LocalName`, "b"],
  ])("%s", (code, text) => {
    expect(expr(code)).toBe(text);
  });
});

describe("XmlException as XmlReader reports it", () => {
  test.each([
    ["", "Root element is missing."],
    ["<a><b></a>", "The 'b' start tag on line 1 position 5 does not match the end tag of 'a'. Line 1, position 9."],
    ["<a>", "Unexpected end of file has occurred. The following elements are not closed: a. Line 1, position 4."],
    ["<a/><b/>", "There are multiple root elements. Line 1, position 6."],
    ["x<a/>", "Data at the root level is invalid. Line 1, position 1."],
    ["<a>&nbsp;</a>", "Reference to undeclared entity 'nbsp'. Line 1, position 5."],
    ["<p:a/>", "'p' is an undeclared prefix. Line 1, position 2."],
    ["<a x='1' x='2'/>", "'x' is a duplicate attribute name. Line 1, position 10."],
    [
      "<a>\n<b>\n</c></a>",
      "The 'b' start tag on line 2 position 2 does not match the end tag of 'c'. Line 3, position 3.",
    ],
  ])("XDocument.Parse(%j)", (xml, message) => {
    expect(expr(doc(xml))).toBe(`throws XmlException: ${message}`);
  });
  test("a DOCTYPE is not emulated", () => {
    expect(expr(doc(`<!DOCTYPE a><a/>`))).toMatch(/^not emulated: an XML document with a DOCTYPE/);
  });
});

describe("ToString(): XmlWriter's indented layout", () => {
  test.each([
    [doc(`<a x="1"><b>hi</b><c/></a>`), lines(`<a x="1">`, "  <b>hi</b>", "  <c />", "</a>")],
    [doc(`<?xml version="1.0"?><a><b><c>1</c></b></a>`), lines("<a>", "  <b>", "    <c>1</c>", "  </b>", "</a>")], // no declaration
    [el(`<a>text<b>1</b><c/></a>`), "<a>text<b>1</b><c /></a>"], // mixed content is not indented
    [el(`<a><b/>text<c><d/></c></a>`), lines("<a>", "  <b />text<c><d /></c></a>")],
    [el(`<a></a>`), "<a></a>"],
    [el(`<a q='x"y' t="&lt;&gt;&amp;"/>`), `<a q="x&quot;y" t="&lt;&gt;&amp;" />`],
    [el(`<a>&lt;&gt;&amp;"'</a>`), `<a>&lt;&gt;&amp;"'</a>`],
    [
      el(`<r xmlns="urn:d" xmlns:p="urn:p"><p:x p:k="1"/><y/></r>`),
      lines(`<r xmlns="urn:d" xmlns:p="urn:p">`, `  <p:x p:k="1" />`, "  <y />", "</r>"),
    ],
    [`${el(`<r xmlns="urn:d"><v>1</v></r>`)}.Elements().First()`, `<v xmlns="urn:d">1</v>`], // the in-scope namespace is declared
    [`${el(`<r xmlns:p="urn:p"><p:v/></r>`)}.Elements().First()`, `<p:v xmlns:p="urn:p" />`],
    [`${el(`<a><!--note--><b/></a>`)}`, lines("<a>", "  <!--note-->", "  <b />", "</a>")],
    [`${el(`<a><![CDATA[x<y]]></a>`)}`, "<a><![CDATA[x<y]]></a>"],
    [`${el(`<a><b>1</b></a>`)}.ToString(SaveOptions.DisableFormatting)`, "<a><b>1</b></a>"],
    [`${el(`<a k="v"/>`)}.Attribute("k")`, `k="v"`],
  ])("%s", (code, text) => {
    expect(expr(`${code}.ToString()`)).toBe(text);
  });
});

describe("building and changing elements", () => {
  test.each([
    [
      `var e = new XElement("a", new XAttribute("k", "v"), new XElement("b", 1), "t"); return e.ToString();`,
      lines(`<a k="v">`, "  <b>1</b>t</a>"),
    ],
    [`var e = new XElement("a", "x", "y"); return e.Nodes().Count() + ":" + e.Value;`, "1:xy"], // strings join into one text node
    [`var e = new XElement("a", true, 1.5); return e.Value;`, "true1.5"], // XmlConvert text
    [
      `var e = new XElement("a"); e.SetAttributeValue("k", 1); e.SetAttributeValue("k", 2); return e.ToString();`,
      `<a k="2" />`,
    ],
    [`var e = XElement.Parse("<a k='1'/>"); e.SetAttributeValue("k", null); return e.ToString();`, "<a />"],
    [
      `var e = new XElement("a"); e.SetElementValue("b", "x"); e.SetElementValue("b", "y"); return e.ToString();`,
      lines("<a>", "  <b>y</b>", "</a>"),
    ],
    [
      `var e = XElement.Parse("<a><b/><c/></a>"); e.Element("b").Remove(); return e.ToString();`,
      lines("<a>", "  <c />", "</a>"),
    ],
    [
      `var e = XElement.Parse("<a><b>1</b></a>"); e.Element("b").Value = "2"; return e.ToString();`,
      lines("<a>", "  <b>2</b>", "</a>"),
    ],
    [
      `var src = XElement.Parse("<s><x/></s>"); var e = new XElement("a", src.Element("x")); e.Element("x").Add(new XAttribute("k", 1)); return src.ToString();`,
      lines("<s>", "  <x />", "</s>"),
    ], // a parented node is cloned
    [
      `var e = new XElement("a", new XAttribute("k", 1)); e.Add(new XAttribute("k", 2)); return 0;`,
      "throws InvalidOperationException: Duplicate attribute.",
    ],
    [
      `var e = new XElement("a b"); return 0;`,
      "throws XmlException: The ' ' character, hexadecimal value 0x20, cannot be included in a name.",
    ],
    [`var d = new XDocument(new XElement("r")); return d.Root.Name.LocalName;`, "r"],
    [`XNamespace ns = "urn:x"; return ns.GetName("a").ToString();`, "{urn:x}a"],
    [`return XName.Get("{urn:x}a").NamespaceName + "|" + XName.Get("a", "urn:y");`, "urn:x|{urn:y}a"],
  ])("%s", (code, text) => {
    expect(show(`@{ ${code} }`)).toBe(text);
  });
});
