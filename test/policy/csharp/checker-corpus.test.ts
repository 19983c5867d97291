// The checker over every expression of the real-policy corpus (../shared/corpus): real, working policies must
// not get false findings. The counts per code are pinned; each finding that remains is listed below and why it
// is true.
import { describe, expect, it } from "vitest";
import { type CheckEnvironment, checkExpression, type TypeDiagnostic } from "../../../src/policy/csharp/checker.js";
import { parseExpression } from "../../../src/policy/csharp/index.js";
import type { ElementNode, Expression, PolicyDocument } from "../../../src/policy/model.js";
import { parsePolicy } from "../../../src/policy/parser.js";
import { walkElements } from "../../../src/policy/query.js";
import { corpusFiles, sharedCorpus } from "../corpus-files.js";

/** Every `@( )` / `@{ }` of a document: attribute values and element text. */
export function expressionsOf(doc: PolicyDocument): Expression[] {
  const out: Expression[] = [];
  for (const el of walkElements(doc) as Iterable<ElementNode>) {
    for (const a of el.attributes) if (a.value.expression) out.push(a.value.expression);
    for (const c of el.children) if (c.type === "text" && c.value.expression) out.push(c.value.expression);
  }
  return out;
}

export interface CorpusFinding extends TypeDiagnostic {
  file: string;
  line: number;
  code: TypeDiagnostic["code"];
  text: string;
}

export function checkCorpus(env: CheckEnvironment = {}): { expressions: number; findings: CorpusFinding[] } {
  let expressions = 0;
  const findings: CorpusFinding[] = [];
  for (const file of corpusFiles(sharedCorpus)) {
    const doc = parsePolicy(file.source, file.path);
    for (const expr of expressionsOf(doc)) {
      expressions++;
      const parsed = parseExpression(doc.source, expr);
      for (const d of checkExpression(parsed, env).diagnostics) {
        findings.push({
          ...d,
          file: file.name,
          line: doc.positionAt(d.start).line,
          text: doc.source.slice(d.start, d.end),
        });
      }
    }
  }
  return { expressions, findings };
}

const present = corpusFiles(sharedCorpus).length > 0;
if (!present) console.log(`checker corpus test skipped: ${sharedCorpus} is absent`);

describe.skipIf(!present)("checker over the shared corpus", () => {
  it("gives only the findings judged true", () => {
    const { expressions, findings } = checkCorpus();
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    for (const f of findings) console.log(`${f.file}:${f.line} ${f.code} ${f.text} -- ${f.message}`);
    console.log(`checker corpus: ${expressions} expressions`, counts);
    expect(expressions).toBeGreaterThan(300);
    expect(counts).toEqual({});
  });
});
