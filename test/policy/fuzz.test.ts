// Property tests: truncated, spliced and mutated real policies never make the parser throw or hang, and every
// position it reports lies inside the input. Clean results also survive the serializer round trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ElementNode, PolicyDocument, Range } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { walkElements } from "../../src/policy/query.js";
import { serializePolicy } from "../../src/policy/serializer.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "./corpus-files.js";
import { shapeOf } from "./model-shape.js";

const shared = corpusFiles(sharedCorpus);
const sources = (shared.length > 0 ? shared : corpusFiles(sampleCorpus)).map((f) => f.source);

/** Characters that matter to XML or C#: mutations built from them hit the interesting paths. */
const SPECIAL = [
  "<",
  ">",
  '"',
  "'",
  "&",
  "@(",
  "@{",
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  "/",
  "\\",
  "-->",
  "<!--",
  '$"',
  '@"',
  "\n",
  "\r\n",
  ";",
  "=",
  "&quot;",
  "&lt;",
  "]]>",
  "<![CDATA[",
  "/*",
  "//",
  " ",
];

function checkRange(r: Range, doc: PolicyDocument): void {
  const n = doc.source.length;
  expect(r.start.offset).toBeGreaterThanOrEqual(0);
  expect(r.end.offset).toBeLessThanOrEqual(n);
  expect(r.start.offset).toBeLessThanOrEqual(r.end.offset);
  expect(doc.positionAt(r.start.offset)).toEqual(r.start);
  expect(doc.positionAt(r.end.offset)).toEqual(r.end);
}

function checkDocument(source: string): PolicyDocument {
  const doc = parsePolicy(source, "fuzz.xml");
  for (const d of doc.diagnostics) {
    checkRange(d.range, doc);
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const el of walkElements(doc)) {
    checkRange(el.range, doc);
    checkRange(el.startTagRange, doc);
    for (const a of el.attributes) {
      checkRange(a.range, doc);
      checkRange(a.value.range, doc);
      if (a.value.expression) checkRange(a.value.expression.range, doc);
    }
  }
  if (doc.diagnostics.length === 0) {
    const again = parsePolicy(serializePolicy(doc));
    expect(again.diagnostics).toEqual([]);
    expect(shapeOf(again)).toEqual(shapeOf(doc));
  }
  return doc;
}

const file = fc.integer({ min: 0, max: sources.length - 1 }).map((i) => sources[i] as string);

const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.integer({ min: 0, max: 8 }),
  insert: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 6 })),
});

function mutate(source: string, edits: { at: number; del: number; insert: string }[]): string {
  let s = source;
  for (const e of edits) {
    const i = Math.floor(e.at * s.length);
    s = s.slice(0, i) + e.insert + s.slice(i + e.del);
  }
  return s;
}

describe("fuzz: the parser never throws, never hangs, reports positions inside the input", () => {
  it("has corpus files to start from", () => expect(sources.length).toBeGreaterThan(10));

  it("truncated files", () => {
    fc.assert(
      fc.property(file, fc.double({ min: 0, max: 1, noNaN: true }), (src, cut) => {
        checkDocument(src.slice(0, Math.floor(cut * src.length)));
      }),
      { numRuns: 300 },
    );
  });

  it("spliced files", () => {
    fc.assert(
      fc.property(
        file,
        file,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, x, y) => {
          checkDocument(a.slice(0, Math.floor(x * a.length)) + b.slice(Math.floor(y * b.length)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("mutated files", () => {
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 1, maxLength: 6 }), (src, edits) => {
        checkDocument(mutate(src, edits));
      }),
      { numRuns: 500 },
    );
  });

  it("arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 4 })), { maxLength: 60 }),
        (parts) => {
          checkDocument(`<policies>${parts.join("")}</policies>`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("adversarial inputs finish (linear time, no recursion)", () => {
  const cases: [string, string][] = [
    ["many unclosed expressions in attributes", `<a>${'<b v="@((('.repeat(20000)}</a>`],
    ["many unclosed expressions in text", `<a>${"<b>@{ { ( [".repeat(20000)}</a>`],
    ["unclosed strings in expressions", `<a>${'<b v="@(\\"'.repeat(20000)}`],
    ["deep nesting", `${"<a>".repeat(100000)}${"</a>".repeat(100000)}`],
    ["deep unclosed nesting", "<a>".repeat(100000)],
    ["deep brackets in one expression", `<a v="@(${"(".repeat(200000)}${")".repeat(200000)})" />`],
    ["deep interpolation holes", `<a v="@(${'$"{'.repeat(50000)}${'}"'.repeat(50000)})" />`],
    ["comment openers", "<!--".repeat(50000)],
    ["many attributes", `<a ${Array.from({ length: 20000 }, (_, i) => `a${i}="${i}"`).join(" ")} />`],
    ["duplicate attributes", `<a ${'x="1" '.repeat(5000)}/>`],
    ["ampersands", `<a>${"&".repeat(200000)}</a>`],
  ];
  it.each(cases)("%s", (_name, source) => {
    const doc = parsePolicy(source);
    for (const d of doc.diagnostics) {
      expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
      expect(d.range.end.offset).toBeLessThanOrEqual(doc.source.length);
    }
  });

  it("deep nesting still builds the whole tree", () => {
    const doc = parsePolicy(`${"<a>".repeat(50000)}${"</a>".repeat(50000)}`);
    expect(doc.diagnostics).toEqual([]);
    let depth = 0;
    for (let el: ElementNode | undefined = doc.root; el; el = el.children[0] as ElementNode | undefined) depth++;
    expect(depth).toBe(50000);
  });
});
