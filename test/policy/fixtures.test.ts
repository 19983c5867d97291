// Every C# expression form real policies use, from committed fixture files: the exact code text and where it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { xmlText } from "../../src/policy/entities.js";
import type { PolicyDocument, PolicyValue, Range } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { walkElements } from "../../src/policy/query.js";
import { repoRoot } from "./corpus-files.js";

const dir = join(repoRoot, "test/fixtures/policy");
const load = (name: string): PolicyDocument => parsePolicy(readFileSync(join(dir, name), "utf8"), name);

/** Every attribute value and text that is not a plain literal, in document order. */
function values(doc: PolicyDocument): PolicyValue[] {
  const out: PolicyValue[] = [];
  for (const el of walkElements(doc)) {
    for (const a of el.attributes) if (a.value.kind !== "literal") out.push(a.value);
    for (const k of el.children) if (k.type === "text" && k.value.kind !== "literal") out.push(k.value);
  }
  return out;
}

const span = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

/** Line/column computed independently of the parser's line index. */
function lineCol(source: string, offset: number): string {
  const before = source.slice(0, offset).replace(/\r\n?/g, "\n");
  const lines = before.split("\n");
  const lastLine = lines[lines.length - 1] as string;
  const crs = (source.slice(0, offset).match(/\r\n/g) ?? []).length;
  const col = offset - (before.length + crs - lastLine.length) + 1;
  return `${lines.length}:${col}`;
}

const EXPECTED: Record<string, [code: string, where: string][]> = {
  "generics.xml": [
    ["context.Request.Body.As<JObject>(preserveContent: true)", "3:38-3:96"],
    ['context.Variables.GetValueOrDefault<int>("count", 0)', "4:35-4:90"],
    ["new Dictionary<string, List<int>>().Count", "5:35-5:79"],
  ],
  "lambdas-operators.xml": [
    [
      'context.Request.Headers.Where(h => h.Key.StartsWith("x-")).Select(h => h.Value.First()).FirstOrDefault()',
      "4:14-4:121",
    ],
    [
      'context.Request.Method == "POST" && context.Request.Body != null || (1 < 2 && 3 > 2 && 4 >= 4 && 5 <= 6)',
      "7:24-7:131",
    ],
  ],
  "interpolated.xml": [
    ['$"Bearer {context.Variables["token"]}"', "4:14-4:55"],
    ['$"{(context.User == null ? "anon" : $"user-{context.User.Id}")} {{literal}} done"', "6:35-6:119"],
    ["$\"{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm}\"", "7:35-7:77"],
    ['$@"C:\\{context.Api.Name}\\""quoted"""', "8:35-8:74"],
    ['@$"x{("}")}y"', "9:35-9:51"],
  ],
  "strings-chars-comments.xml": [
    ['@"C:\\path\\" + @"say ""hi"") there"', "3:35-3:72"],
    ["new[] { '\"', ')', '\\'', '\\u0041', '}' }.Length", "4:35-4:84"],
    ['"""raw "quoted" )}"""', "5:35-5:59"],
    [
      '\n      // a line comment with ) and } in it\n      /* a block comment ) } " */\n      var s = "}{";\n      if (s.Length > 1) { return s; } else { return "{"; }\n    ',
      "6:15-11:6",
    ],
  ],
  "named-values.xml": [
    ['"{{api-key}}" + context.Variables.GetValueOrDefault<string>("suffix", "{{suffix.v2_x}}")', "4:14-4:105"],
  ],
  "xml-format.xml": [
    ['context.Request.Headers.GetValueOrDefault("x-a", "") == "b" && context.Response.StatusCode < 400', "4:24-4:164"],
    ['context.Request.Body.As<JObject>()["id"] + "-" + "raw"', "6:39-6:112"],
    [` return "a" && 'x' == 'x' ? "<" : ">"; `, "7:15-7:82"],
  ],
  "bom-crlf-fragment.xml": [
    ['context.Request.Headers.GetValueOrDefault("a", "b")', "3:33-3:87"],
    // Line ends read as \n, as an XML reader delivers them.
    ['\n    return "x";\n  ', "4:13-6:4"],
  ],
  "cdata.xml": [],
};

describe.each(Object.entries(EXPECTED))("fixture %s", (name, expected) => {
  const doc = load(name);
  const source = doc.source;
  const exprs = values(doc).filter((v) => v.kind === "expression");

  it("parses without diagnostics", () => expect(doc.diagnostics).toEqual([]));

  it("finds each expression with its exact code and range", () => {
    expect(exprs.map((v) => [v.expression?.code, span(v.expression?.range as Range)])).toEqual(expected);
  });

  it("ranges point at the expression in the original text", () => {
    for (const v of exprs) {
      const e = v.expression;
      if (!e) throw new Error("expression missing");
      const raw = source.slice(e.range.start.offset, e.range.end.offset);
      expect(raw.slice(0, 2)).toBe(e.form === "inline" ? "@(" : "@{");
      expect(raw.slice(-1)).toBe(e.form === "inline" ? ")" : "}");
      expect(xmlText(raw.slice(2, -1))).toBe(e.code);
      expect(lineCol(source, e.range.start.offset)).toBe(`${e.range.start.line}:${e.range.start.column}`);
      expect(lineCol(source, e.range.end.offset)).toBe(`${e.range.end.line}:${e.range.end.column}`);
      expect(v.raw.trim()).toBe(raw);
    }
  });
});

describe("named values", () => {
  it("are found inside expressions and in literal text, each with its range", () => {
    const doc = load("named-values.xml");
    const refs = values(doc).flatMap((v) => v.namedValues.map((n) => [n.name, span(n.range)]));
    expect(refs).toEqual([
      ["api-key", "4:17-4:28"],
      ["suffix.v2_x", "4:87-4:102"],
      ["backend-host", "6:44-6:60"],
    ]);
    const template = values(doc).find((v) => v.kind === "template");
    expect(template?.text).toBe("https://{{backend-host}}/api");
  });
});

describe("CDATA", () => {
  it("is literal text (never an expression), with entities left as written", () => {
    const doc = load("cdata.xml");
    const texts = values(doc);
    expect(texts.map((v) => [v.kind, v.text])).toEqual([
      ["template", '<response id="{{resp-id}}">@(not an expression) & </response>'],
      ["template", '{"name": "{{body.name}}"}'],
    ]);
    expect(texts[0]?.namedValues.map((n) => span(n.range))).toEqual(["3:38-3:49"]);
  });
});

describe("BOM and CRLF", () => {
  it("drops the BOM from source, flags it, and counts CRLF as one line break", () => {
    const doc = load("bom-crlf-fragment.xml");
    expect(doc.bom).toBe(true);
    expect(doc.source.charCodeAt(0)).toBe("<".charCodeAt(0));
    expect(doc.kind).toBe("fragment");
    const comment = doc.root?.children.find((k) => k.type === "comment");
    expect(comment?.type === "comment" && comment.text).toBe(" bom and crlf ");
    expect(comment?.range.start).toEqual({ line: 2, column: 3, offset: 14 });
  });
});
