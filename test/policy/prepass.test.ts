// Cross-check with an independent XML parser: the pre-pass's escaped text is well-formed XML that
// fast-xml-parser reads into the same elements, attributes and (decoded) values as our model.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ElementNode, PolicyDocument } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { LineIndex } from "../../src/policy/positions.js";
import { escapeExpressions, prepass } from "../../src/policy/prepass.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "./corpus-files.js";

const fxp = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
});

type FxpNode = Record<string, unknown> & { ":@"?: Record<string, string> };

/** Our tree as fxp would show it: element names, attributes, text (whitespace-only text dropped), comments. */
function ours(el: ElementNode): unknown {
  return {
    name: el.name,
    attributes: Object.fromEntries(el.attributes.map((a) => [a.name, a.value.text])),
    children: el.children.map((k) =>
      k.type === "element" ? ours(k) : k.type === "comment" ? { comment: k.text } : { text: k.value.text },
    ),
  };
}

function theirs(node: FxpNode): unknown {
  const name = Object.keys(node).find((k) => k !== ":@") as string;
  const kids = (node[name] as FxpNode[]) ?? [];
  const children: unknown[] = [];
  for (const k of kids) {
    if ("#text" in k) {
      const t = String(k["#text"]);
      if (t.trim() !== "") children.push({ text: t });
    } else if ("#comment" in k) {
      children.push({ comment: ((k["#comment"] as FxpNode[])[0]?.["#text"] as string) ?? "" });
    } else if ("#cdata" in k) {
      children.push({ text: String((k["#cdata"] as FxpNode[])[0]?.["#text"] ?? "") });
    } else children.push(theirs(k));
  }
  return { name, attributes: { ...(node[":@"] ?? {}) }, children };
}

function fxpRoot(escaped: string): FxpNode {
  const top = fxp.parse(escaped) as FxpNode[];
  return top.find((n) => !("#comment" in n) && !("#text" in n) && !("?xml" in n)) as FxpNode;
}

const shared = corpusFiles(sharedCorpus);
const files = (shared.length > 0 ? shared : corpusFiles(sampleCorpus)).filter(
  (f) => parsePolicy(f.source).diagnostics.length === 0,
);

describe("escaped text vs fast-xml-parser", () => {
  it.each(files.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    const doc: PolicyDocument = parsePolicy(f.source);
    const pre = escapeExpressions(doc.source, prepass(doc.source, new LineIndex(doc.source)).escapes);
    expect(XMLValidator.validate(pre.escaped)).toBe(true);
    expect(ours(doc.root as ElementNode)).toEqual(theirs(fxpRoot(pre.escaped)));
  });

  it("maps escaped offsets back to the original text", () => {
    const src = '<a v="@(x == "<" && y)" w="z" />';
    const pre = escapeExpressions(src, prepass(src, new LineIndex(src)).escapes);
    expect(pre.escaped).toBe('<a v="@(x == &quot;&lt;&quot; &amp;&amp; y)" w="z" />');
    // Every character outside replacements maps to the same character of the original.
    const w = pre.escaped.indexOf('w="z"');
    expect(src.slice(pre.toOriginal(w), pre.toOriginal(w) + 5)).toBe('w="z"');
    // Offsets inside a replacement map to the replaced character.
    const lt = pre.escaped.indexOf("&lt;");
    for (let i = lt; i < lt + 4; i++) expect(src[pre.toOriginal(i)]).toBe("<");
  });
});
