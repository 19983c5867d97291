// `apimkit parse --expressions FILE...`: every C# policy expression of the files, with its tree (one node a line,
// line:column of the file as written), the inferred type of each node where the checker knows it, and its C#
// problems as `FILE:LINE:COL: error|warning: MESSAGE [CODE]` on stderr. For debugging apimkit and for tests.
import type { CsDiagnostic, Node, ParsedExpression } from "../../policy/csharp/ast.js";
import { type CheckResult, checkExpression } from "../../policy/csharp/checker.js";
import { parseExpression } from "../../policy/csharp/index.js";
import { printTree } from "../../policy/csharp/print.js";
import { formatType } from "../../policy/csharp/types/index.js";
import type { ElementNode, Expression, PolicyDocument } from "../../policy/model.js";
import { allElements } from "../../policy/query.js";
import { redactSecrets } from "../../util/redact.js";
import { UsageError } from "../command.js";

interface Site {
  element: ElementNode;
  /** The attribute holding the expression; undefined for element text. */
  attribute: string | undefined;
  expression: Expression;
}

function sitesOf(doc: PolicyDocument): Site[] {
  const out: Site[] = [];
  for (const element of allElements(doc)) {
    for (const a of element.attributes) {
      if (a.value.expression) out.push({ element, attribute: a.name, expression: a.value.expression });
    }
    for (const c of element.children) {
      if (c.type === "text" && c.value.expression)
        out.push({ element, attribute: undefined, expression: c.value.expression });
    }
  }
  return out;
}

function where(site: Site): string {
  return site.attribute ? `<${site.element.name} ${site.attribute}>` : `<${site.element.name}> text`;
}

/** Prints the expressions of `docs`; returns the exit code (1 when a document or an expression has an error). */
export function printExpressions(docs: readonly PolicyDocument[], json: boolean): number {
  let failed = false;
  const problems: string[] = [];
  const report = (doc: PolicyDocument, offset: number, severity: string, message: string): void => {
    const p = doc.positionAt(offset);
    problems.push(`${doc.file}:${p.line}:${p.column}: ${severity}: ${message}\n`);
  };
  const results = docs.map((doc) => {
    for (const d of doc.diagnostics) {
      failed = true;
      report(doc, d.range.start.offset, "error", d.message);
    }
    return {
      doc,
      parsed: sitesOf(doc).map((site) => {
        const parsed = parseExpression(doc.source, site.expression);
        for (const d of parsed.diagnostics) {
          if (d.severity === "error") failed = true;
          report(doc, d.start, d.severity, `${d.message} [${d.code}]`);
        }
        // Types only for a tree without syntax errors: a repaired tree would show guesses.
        const checked = parsed.diagnostics.some((d) => d.severity === "error") ? undefined : checkExpression(parsed);
        for (const d of checked?.diagnostics ?? []) {
          failed = true;
          report(doc, d.start, "error", `${d.message} [${d.code}]`);
        }
        return { site, parsed, checked };
      }),
    };
  });
  if (json) {
    process.stdout.write(`${redactSecrets(toJson(results))}\n`);
  } else {
    for (const { doc, parsed } of results) {
      for (const { site, parsed: tree, checked } of parsed) {
        const p = site.expression.range.start;
        const delimiters = site.expression.form === "inline" ? "@( )" : "@{ }";
        const text = printTree(tree.body, { positionAt: (o) => doc.positionAt(o), typeOf: typeText(checked) });
        process.stdout.write(
          redactSecrets(`${doc.file}:${p.line}:${p.column} ${where(site)} ${delimiters}\n${indent(text)}\n`),
        );
      }
    }
  }
  for (const line of problems) process.stderr.write(redactSecrets(line));
  return failed ? 1 : 0;
}

/** A node's inferred type as C# writes it; nothing for statements and unknown types. */
function typeText(checked: CheckResult | undefined): ((node: Node) => string | undefined) | undefined {
  if (!checked) return undefined;
  return (node) => {
    const t = checked.typeOf(node);
    return t ? formatType(t) : undefined;
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

/** Offsets of the tree become positions of the file (`{ line, column, offset }`). */
const OFFSET_FIELDS = new Set(["start", "end", "nameStart", "nameEnd"]);

function toJson(
  results: {
    doc: PolicyDocument;
    parsed: { site: Site; parsed: ParsedExpression; checked: CheckResult | undefined }[];
  }[],
): string {
  try {
    const out = results.map(({ doc, parsed }) => ({
      file: doc.file,
      diagnostics: doc.diagnostics,
      expressions: parsed.map(({ site, parsed: tree, checked }) => ({
        element: site.element.name,
        attribute: site.attribute,
        form: tree.form,
        type: checked && tree.body.kind !== "Block" ? typeText(checked)!(tree.body) : undefined,
        range: site.expression.range,
        tree: withPositions(doc, tree.body),
        diagnostics: [...tree.diagnostics, ...(checked?.diagnostics ?? [])].map((d) => withPositions(doc, d)),
      })),
    }));
    return JSON.stringify(out, null, 2);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError("an expression is nested too deeply to print as JSON");
    throw err;
  }
}

function withPositions(doc: PolicyDocument, node: Node | CsDiagnostic | CheckResult["diagnostics"][number]): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, v) => (OFFSET_FIELDS.has(key) && typeof v === "number" ? doc.positionAt(v) : v)),
  );
}
