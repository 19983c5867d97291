// Property test: the structure rules never throw on any document model (truncated, spliced or mutated real
// policies, also ones with parse errors), and every finding and fix points inside the input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyScope } from "../../src/lint/types.js";
import type { PolicyDocument, Range } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "../policy/corpus-files.js";
import { reportsOf } from "../support/rule-tester.js";
import { structureRules } from "./structure-rules.js";

const shared = corpusFiles(sharedCorpus);
const sources = (shared.length > 0 ? shared : corpusFiles(sampleCorpus)).map((f) => f.source);
const PIECES = [
  "<",
  ">",
  '"',
  "@(",
  "@{",
  ")",
  "}",
  "/>",
  "</when>",
  "<base />",
  "<inbound>",
  "<fragment>",
  "&quot;",
  "{{x}}",
  'context.Variables["v"]',
  ";",
  "return",
  "\n",
];
const SCOPES: PolicyScope[] = ["global", "api", "fragment", "operation"];

function checkRange(doc: PolicyDocument, r: Range): void {
  expect(r.start.offset).toBeGreaterThanOrEqual(0);
  expect(r.end.offset).toBeLessThanOrEqual(doc.source.length);
  expect(r.start.offset).toBeLessThanOrEqual(r.end.offset);
  expect(doc.positionAt(r.start.offset)).toEqual(r.start);
}

function lintAll(source: string): void {
  const doc = parsePolicy(source, "fuzz.xml");
  for (const scope of SCOPES) {
    for (const rule of structureRules) {
      for (const { report: r } of reportsOf(doc, [rule], { scope, namedValues: ["known"] })) {
        checkRange(doc, r.node.range);
        expect(r.message.length).toBeGreaterThan(0);
        for (const e of r.fix?.edits ?? []) checkRange(doc, e.range);
      }
    }
  }
}

const source = fc.integer({ min: 0, max: Math.max(0, sources.length - 1) }).map((i) => sources[i] ?? "");
const mutated = fc.oneof(
  // truncated
  fc.tuple(source, fc.double({ min: 0, max: 1, noNaN: true })).map(([s, f]) => s.slice(0, Math.floor(s.length * f))),
  // spliced: the head of one policy and the tail of another
  fc
    .tuple(source, source, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([a, b, f, g]) => a.slice(0, Math.floor(a.length * f)) + b.slice(Math.floor(b.length * g))),
  // pieces inserted at random places
  fc
    .tuple(
      source,
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...PIECES)), { maxLength: 6 }),
    )
    .map(([s, edits]) => {
      let out = s;
      for (const [f, piece] of edits) {
        const at = Math.floor(out.length * f);
        out = out.slice(0, at) + piece + out.slice(at);
      }
      return out;
    }),
);

describe.skipIf(sources.length === 0)("structure rules on mutated policies", () => {
  it("never throw, and report inside the input", () => {
    fc.assert(
      fc.property(mutated, (s) => lintAll(s)),
      { numRuns: 300 },
    );
  });

  it("handle the unmodified corpus at every scope", () => {
    for (const s of sources) lintAll(s);
  });
});
