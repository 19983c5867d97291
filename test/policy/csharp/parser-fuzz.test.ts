// Property tests of the C# front end: damaged real expressions (truncated, spliced, with characters inserted and
// deleted), deep nesting and huge literals never make it throw or hang, and every node and diagnostic lies inside
// its expression's `@...` span. Linearity is checked by counting the parser's steps (never by wall-clock time):
// an input 10× larger costs at most 20× the steps. And a CRLF copy of every corpus document gives every node and
// diagnostic the same line:column as the LF copy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Node, ParsedExpression } from "../../../src/policy/csharp/ast.js";
import { parseExpression, parseExpressionText } from "../../../src/policy/csharp/index.js";
import { parseCode } from "../../../src/policy/csharp/parser.js";
import { parsePolicy } from "../../../src/policy/parser.js";
import { corpusFiles, fixturesRoot, sharedCorpus } from "../corpus-files.js";
import { expressionsOf } from "./expressions.js";
import { allNodes, misplacedChild } from "./sexpr.js";

const shared = corpusFiles(sharedCorpus);
// Without the shared corpus (a clone on its own), the project's own fixtures: the sample copy and every other
// fixture policy, enough expressions for the thresholds below.
const files = shared.length > 0 ? shared : corpusFiles(fixturesRoot);

/** The text of every expression of the corpus, `@(` / `@{` to the closing delimiter, as written. */
const snippets: string[] = [];
for (const f of files) {
  const doc = parsePolicy(f.source, f.path);
  for (const e of expressionsOf(doc)) snippets.push(doc.source.slice(e.range.start.offset, e.range.end.offset));
}

/** Pieces that matter to the lexer and parser: mutations built from them reach the interesting paths. */
const SPECIAL = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  '"',
  "'",
  "@",
  "$",
  '$"',
  '@"',
  '"""',
  "{{",
  "}}",
  "{{nv}}",
  ":",
  ",",
  ";",
  "?",
  "?.",
  "??",
  "=>",
  "<",
  ">",
  "&",
  "&quot;",
  "&lt;",
  "&amp;",
  "&#x29;",
  "/*",
  "*/",
  "//",
  "\\",
  "\n",
  "\r\n",
  "\r",
  " ",
  "new",
  "from x in",
  "is",
  "as",
  "out var",
  "=",
  "if (",
  "else",
  "return",
  "switch",
  "case",
  "var",
  "var (",
  ") =",
  "foreach (",
  "lock (",
  "ref",
  "sizeof(",
  "goto",
  "yield return",
  "yield break",
  "x:",
  "\\u0061",
  "string",
  ".",
  "..",
  "^",
  "!",
  "#",
];

/** The `@...` span parseExpressionText reads: the trimmed text, or all of it when it is plain code. */
function spanOf(text: string): [number, number] {
  const start = text.length - text.trimStart().length;
  const open = text.charCodeAt(start + 1);
  const end = text.trimEnd().length;
  if (text.charCodeAt(start) === 64 && (open === 40 || open === 123) && end >= start + 2) return [start, end];
  return [0, text.length];
}

function checkInside(r: ParsedExpression, start: number, end: number): void {
  for (const d of r.diagnostics) {
    expect(d.start).toBeGreaterThanOrEqual(start);
    expect(d.end).toBeGreaterThanOrEqual(d.start);
    expect(d.end).toBeLessThanOrEqual(end);
  }
  expect(r.diagnostics.length).toBeLessThanOrEqual(20);
  for (const n of allNodes(r.body)) {
    expect(n.start).toBeGreaterThanOrEqual(start);
    expect(n.end).toBeGreaterThanOrEqual(n.start);
    expect(n.end).toBeLessThanOrEqual(end);
  }
  // And every node lies inside its parent.
  expect(misplacedChild(r.body)).toBeUndefined();
}

function checkText(text: string): void {
  const r = parseExpressionText(text);
  const [start, end] = spanOf(text);
  checkInside(r, start, end);
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** A damaged corpus expression. */
const damaged = fc.oneof(
  fc.tuple(fc.nat(), fc.nat()).map(([s, k]) => {
    const t = pick(snippets, s);
    return t.slice(0, k % (t.length + 1));
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([a, i, b, j]) => {
    const x = pick(snippets, a);
    const y = pick(snippets, b);
    return x.slice(0, i % (x.length + 1)) + y.slice(j % (y.length + 1));
  }),
  fc
    .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 }))
    .map(([s, edits]) => {
      let t = pick(snippets, s);
      for (const [at, what, insert] of edits) {
        const p = at % (t.length + 1);
        t = insert ? t.slice(0, p) + pick(SPECIAL, what) + t.slice(p) : t.slice(0, p) + t.slice(p + 1 + (what % 5));
      }
      return t;
    }),
  fc.string({ maxLength: 200 }).map((s) => `@(${s})`),
  fc.string({ maxLength: 200 }).map((s) => `@{${s}}`),
  fc.array(fc.constantFrom(...SPECIAL, "a", "1", "x.y"), { maxLength: 60 }).map((parts) => `@{${parts.join("")}}`),
);

describe("C# front end: damaged expressions", () => {
  it("has corpus expressions to damage", () => expect(snippets.length).toBeGreaterThan(100));

  it("never throws, and keeps every node and diagnostic inside the expression", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        checkText(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads the expressions of a damaged policy at the places the policy parser found them", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        const source = `<policies>\n<inbound>\n<set-variable name="v" value="${text}" />\n<set-body>${text}</set-body>\n</inbound>\n</policies>`;
        const doc = parsePolicy(source);
        for (const e of expressionsOf(doc)) {
          const r = parseExpression(doc.source, e);
          checkInside(r, e.range.start.offset, e.range.end.offset);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("C# front end: extreme inputs", () => {
  const N = 10_000;
  const cases: [string, string][] = [
    ["10,000 (", `@(${"(".repeat(N)}`],
    ["10,000 balanced ( )", `@(${"(".repeat(N)}1${")".repeat(N)})`],
    ["10,000 [", `@(a${"[".repeat(N)})`],
    ["10,000 {", `@{${"{".repeat(N)}}`],
    ["10,000 nested holes", `@(${'$"{'.repeat(N)})`],
    ["10,000 prefix minus", `@(${"-".repeat(N)}x)`],
    ["10,000 casts", `@(${"(T)".repeat(N)}x)`],
    ["10,000 lambdas", `@(${"x => ".repeat(N)}x)`],
    ["10,000 conditionals", `@(${"a ? b : ".repeat(N)}c)`],
    ["10,000 assignments", `@(${"a = ".repeat(N)}b)`],
    ["10,000 ??", `@(${"a ?? ".repeat(N)}b)`],
    ["10,000 generic <", `@(${"a<".repeat(N)}b)`],
    ["10,000 nested generics", `@(F<${"List<".repeat(N)}int${">".repeat(N)}>())`],
    ["10,000 nested tuples", `@(${"(".repeat(N)}a, b${"), c".repeat(N)})`],
    ["10,000 array initializers", `@(new[] ${"{".repeat(N)}1${"}".repeat(N)})`],
    ["10,000 nested ifs", `@{${"if (a) ".repeat(N)}return 1;}`],
    ["10,000 not patterns", `@(x is ${"not ".repeat(N)}null)`],
    ["10,000 queries", `@(${"from x in ".repeat(N)}xs select x)`],
    ["100k-character string", `@("${"a".repeat(100_000)}")`],
    ["100k-character verbatim string with quotes", `@(@"${'a""'.repeat(33_000)}")`],
    ["100k-character interpolated string", `@($"${"a{b}".repeat(20_000)}")`],
    ["100k-character identifier", `@(${"a".repeat(100_000)})`],
    ["100k unclosed comment", `@{ /*${"*".repeat(100_000)}}`],
    ["100k entities", `@(${"&quot;".repeat(20_000)})`],
    ["100k garbage", `@{${"#`\\".repeat(33_000)}}`],
    ["100k unclosed strings", `@{${'"\n'.repeat(50_000)}}`],
  ];
  it.each(cases)("%s", (_name, text) => {
    checkText(text);
  });
});

/** Steps (tokens lexed plus parser steps) to parse the expression text. */
function steps(text: string): number {
  const form = text.startsWith("@{") ? "block" : "inline";
  const stats = { steps: 0 };
  parseCode(text, 2, text.length - 1, form, 1, text.length, stats);
  return stats.steps;
}

describe("C# front end: linear time (counted in steps)", () => {
  const inlineCorpus = snippets.filter((s) => s.startsWith("@(")).map((s) => `(${s.slice(2, -1)})`);
  const blockCorpus = snippets.filter((s) => s.startsWith("@{")).map((s) => s.slice(1));
  const cases: [string, (n: number) => string][] = [
    ["a long sum", (n) => `@(${"a + ".repeat(n)}a)`],
    ["calls with generic arguments", (n) => `@(${"x.As<JObject>(a < b, c > (d)) + ".repeat(n)}1)`],
    ["unclosed generic-looking lists", (n) => `@(F(${"a < b, ".repeat(n)}c))`],
    ["type arguments that never close", (n) => `@(${"a<b, c<d, ".repeat(n)}e)`],
    ["casts and parentheses", (n) => `@(${"(T)x + (a)-1 + (List<int>)y + ((a, b), c) + ".repeat(n)}1)`],
    ["lambdas", (n) => `@(f(${"(a, b) => a + b, x => x, (string s) => s, ".repeat(n)}1))`],
    [
      "declarations and statements",
      (n) => `@{${"var a = 1; Dictionary<string, List<int>> d = null; a < b > c; x.F(out var v); ".repeat(n)}}`,
    ],
    ["else-if chains", (n) => `@{${"if (a) x = 1; else ".repeat(n)}x = 2;}`],
    ["queries", (n) => `@(${"from x in xs where x > 1 select x + ".repeat(n)}1)`],
    ["error recovery", (n) => `@{${") ] } ( [ var = ; a b c ; if ( ".repeat(n)}}`],
    ["interpolated strings", (n) => `@($"${'a{b,5:F0}{x["k"]}{{'.repeat(n)}")`],
    [
      "the corpus's inline expressions",
      (n) => `@(${Array.from({ length: n }, (_, i) => pick(inlineCorpus, i)).join(" + ")})`,
    ],
    ["the corpus's blocks", (n) => `@{${Array.from({ length: n }, (_, i) => pick(blockCorpus, i)).join(" ")}}`],
  ];
  it.each(cases)("%s", (_name, make) => {
    const small = steps(make(100));
    const large = steps(make(1000));
    expect(small).toBeGreaterThan(100);
    expect(large).toBeLessThanOrEqual(20 * small);
  });
});

describe("C# front end: CRLF and LF give the same line:column", () => {
  it("for every node and diagnostic of every corpus expression", () => {
    let compared = 0;
    for (const f of files) {
      const lf = f.source.replace(/\r\n?/g, "\n");
      const crlf = lf.replace(/\n/g, "\r\n");
      const a = positions(lf);
      const b = positions(crlf);
      expect(b).toEqual(a);
      compared += a.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

/** `kind line:col-line:col` of every node and diagnostic of every expression of the document. */
function positions(source: string): string[] {
  const doc = parsePolicy(source);
  const at = (o: number): string => {
    const p = doc.positionAt(o);
    return `${p.line}:${p.column}`;
  };
  const out: string[] = [];
  for (const e of expressionsOf(doc)) {
    const r = parseExpression(doc.source, e);
    for (const n of allNodes(r.body) as Node[]) out.push(`${n.kind} ${at(n.start)}-${at(n.end)}`);
    for (const d of r.diagnostics) out.push(`${d.code} ${at(d.start)}-${at(d.end)}`);
  }
  return out;
}
