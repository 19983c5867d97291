// The parser skips fast-xml-parser's strict validator when the pre-pass found no problem and every name is ASCII
// (src/policy/parser.ts). That is only sound while the pre-pass is at least as strict as the validator on such
// texts: these tests hold it to that, on every real policy and on many damaged variants of them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/policy/parser.js";
import { LineIndex } from "../../src/policy/positions.js";
import { escapeExpressions, prepass } from "../../src/policy/prepass.js";
import { corpusFiles, repoRoot, sampleCorpus, sharedCorpus } from "./corpus-files.js";

/** What the validator says about a text the pre-pass accepts with ASCII names (undefined: the skip does not apply). */
function validatorVerdict(source: string): true | string | undefined {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const pre = prepass(text, new LineIndex(text));
  if (pre.diagnostics.length > 0 || !pre.root || !pre.asciiNames) return undefined;
  const result = XMLValidator.validate(escapeExpressions(text, pre.escapes).escaped, { allowBooleanAttributes: false });
  return result === true ? true : `${result.err.code}: ${result.err.msg} (line ${result.err.line})`;
}

function xmlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...xmlFilesUnder(p));
    else if (/\.(xml|cshtml)$/i.test(entry)) out.push(p);
  }
  return out;
}

const corpus = [...corpusFiles(sharedCorpus), ...corpusFiles(sampleCorpus)].map((f) => f.source);
const fixtures = xmlFilesUnder(join(repoRoot, "test/fixtures")).map((f) => readFileSync(f, "utf8"));
const seeds = [...corpus, ...fixtures].filter((s) => s.length < 6000);

// Pieces that break XML in the ways the validator looks for, plus non-ASCII name characters.
const PIECES = [
  "<",
  ">",
  "/",
  "/>",
  '"',
  "'",
  "=",
  "&",
  ";",
  "&amp;",
  "&#x41;",
  "&#X41;",
  "&#;",
  "&foo;",
  " ",
  "\n",
  "\t",
  "\r",
  "\f",
  "a",
  "1",
  "-",
  ".",
  ":",
  "é",
  "×",
  "\u00a0",
  "\u00b7",
  "\u2028",
  "<!--",
  "-->",
  "--",
  "<![CDATA[",
  "]]>",
  "<?xml ",
  "<?xml?>",
  "?>",
  "<?pi x?>",
  "<!DOCTYPE x>",
  "<!x>",
  "@(",
  ")",
  "@{",
  "}",
  "&lt;",
  'x="1"',
  "x",
  "</a>",
  "<a>",
  "<a/>",
  "</ a>",
  "< a>",
  "<a b>",
  "<a b=>",
  '<a b="1"c="2">',
  '<a b="1"c="2"/>',
  '<a b="1" b="2"/>',
  "<a></a>",
  'c="2"',
  " c=",
  ' c="2"',
  ' c="2" c="3"',
  "/ ",
  "\u00d7",
];

// Where an edit lands: anywhere, or just after a quote / a `<` / a `>`, or just before a `>` (in and between tags,
// where the validator's rules are).
const ANCHORS = ["anywhere", 'after "', "after <", "after >", "before >"] as const;

function editAt(s: string, where: number, anchor: (typeof ANCHORS)[number]): number {
  if (anchor === "anywhere") return Math.floor(where * s.length);
  const ch = anchor.slice(-1);
  const at: number[] = [];
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) at.push(anchor.startsWith("before") ? i : i + 1);
  return at.length === 0 ? Math.floor(where * s.length) : at[Math.floor(where * at.length)]!;
}

const damaged = fc
  .record({
    seed: fc.nat(seeds.length - 1),
    edits: fc.array(
      fc.record({
        where: fc.double({ min: 0, max: 0.999, noNaN: true }),
        anchor: fc.constantFrom(...ANCHORS),
        piece: fc.nat(PIECES.length - 1),
        cut: fc.nat(3),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ seed, edits }) => {
    let s = seeds[seed]!;
    for (const { where, anchor, piece, cut } of edits) {
      const at = editAt(s, where, anchor);
      // An insertion, or (when cut > 0) a deletion of 1 to 3 characters.
      s = cut === 0 ? s.slice(0, at) + PIECES[piece]! + s.slice(at) : s.slice(0, at) + s.slice(at + cut);
    }
    return s;
  });

describe("pre-pass and strict validator agree on texts with ASCII names", () => {
  it("has real policies to check", () => {
    expect(seeds.length).toBeGreaterThan(50);
  });

  it("every corpus policy and fixture the pre-pass accepts, the validator accepts", () => {
    const disagreements = [...corpus, ...fixtures]
      .map((s) => validatorVerdict(s))
      .filter((v) => v !== undefined && v !== true);
    expect(disagreements).toEqual([]);
  });

  it("so does every damaged variant of them", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        const verdict = validatorVerdict(text);
        if (verdict !== undefined) expect(verdict).toBe(true);
      }),
      { numRuns: 6000 },
    );
  });

  it("a non-ASCII name still goes through the validator: an invalid name character is a parse problem", () => {
    // × (U+00D7) is not an XML name character; the pre-pass lets it through, the validator does not.
    const doc = parsePolicy('<policies><inbound><set-header na×me="x" /></inbound></policies>');
    expect(doc.diagnostics.map((d) => [d.code, d.range.start.column])).toEqual([["xml", 32]]);
    // A valid non-ASCII name is fine.
    expect(parsePolicy('<policies><inbound><x-é a="1" /></inbound></policies>').diagnostics).toEqual([]);
  });
});
