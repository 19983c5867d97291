// Expression parse throughput: every C# policy expression of the corpus through the one C# front end (lexer and
// parser, from the original text), repeated until there are at least 100,000 expressions. Prints JSON.
import { readFileSync } from "node:fs";
import { parseExpression } from "../src/policy/csharp/index.js";
import type { Expression } from "../src/policy/model.js";
import { parsePolicy } from "../src/policy/parser.js";
import { allElements } from "../src/policy/query.js";
import { benchCorpus, corpusPolicyFiles } from "./corpus.js";

const MIN_EXPRESSIONS = 100_000;

interface Site {
  source: string;
  expression: Expression;
}

function expressionsOf(source: string, file: string): Site[] {
  const out: Site[] = [];
  // The document's own text: positions are offsets of it (a BOM is not part of it).
  const doc = parsePolicy(source, file);
  source = doc.source;
  for (const el of allElements(doc)) {
    for (const a of el.attributes) if (a.value.expression) out.push({ source, expression: a.value.expression });
    for (const c of el.children) {
      if (c.type === "text" && c.value.expression) out.push({ source, expression: c.value.expression });
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const corpusDir = benchCorpus();
  const sites = corpusPolicyFiles(corpusDir, /\.(xml|cshtml)$/i).flatMap((f) =>
    expressionsOf(readFileSync(f, "utf8"), f),
  );
  const codeChars = sites.reduce((n, s) => n + (s.expression.range.end.offset - s.expression.range.start.offset), 0);
  const copies = Math.ceil(MIN_EXPRESSIONS / Math.max(1, sites.length));
  let errors = 0;
  for (const s of sites)
    errors += parseExpression(s.source, s.expression).diagnostics.filter((d) => d.severity === "error").length;
  // Warm up, then the best of 5 passes over the repeated list (the machine may be shared).
  const pass = (): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < copies; i++) for (const s of sites) parseExpression(s.source, s.expression);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  pass();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) best = Math.min(best, pass());
  const n = sites.length * copies;
  console.log(
    JSON.stringify({
      bench: "expressions",
      corpus: corpusDir,
      corpusExpressions: sites.length,
      corpusExpressionErrors: errors,
      parsedExpressions: n,
      seconds: Math.round(best * 1000) / 1000,
      expressionsPerSecond: Math.round(n / best),
      megabytesPerSecond: Math.round(((codeChars * copies) / (1024 * 1024) / best) * 100) / 100,
    }),
  );
}
