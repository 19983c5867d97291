// Reading a policy value: an expression evaluated by the interpreter, literal text with `{{name}}` named values
// substituted (APIM substitutes them before the policy runs, runtime reference §1.4), and the conversions an
// attribute's type asks for.
import type { ParsedExpression } from "../../../policy/csharp/ast.js";
import { parseExpression, parseExpressionText } from "../../../policy/csharp/index.js";
import type { Expression, PolicyDocument, PolicyValue } from "../../../policy/model.js";
import { NAMED_VALUE } from "../../../policy/values.js";
import { NetException, type SourceLocation } from "../../errors.js";
import { type DecimalValue, type NetValue, Num } from "../../values.js";
import { EmulationError } from "./signals.js";

const trees = new WeakMap<Expression, ParsedExpression>();

/** The expression's tree, parsed once per Expression node; a C# syntax error stops the run (APIM refuses to save). */
export function treeOf(doc: PolicyDocument, expr: Expression): ParsedExpression {
  let tree = trees.get(expr);
  if (!tree) {
    tree = parseExpression(doc.source, expr);
    trees.set(expr, tree);
  }
  const err = tree.diagnostics.find((d) => d.severity === "error");
  if (err) {
    const p = doc.positionAt(err.start);
    throw new EmulationError(`C# syntax error at ${doc.file}:${p.line}:${p.column}: ${err.message}`);
  }
  return tree;
}

/** A template's text split at its `{{name}}` references: literal pieces and names, in order (once per value). */
type TemplatePieces = ReadonlyArray<string | { name: string }>;
const pieces = new WeakMap<PolicyValue, TemplatePieces>();

function piecesOf(value: PolicyValue): TemplatePieces {
  let p = pieces.get(value);
  if (!p) {
    const out: Array<string | { name: string }> = [];
    // A regexp of its own: NAMED_VALUE's lastIndex is shared with every other user of it.
    const re = new RegExp(NAMED_VALUE.source, "g");
    let last = 0;
    for (let m = re.exec(value.text); m; m = re.exec(value.text)) {
      if (m.index > last) out.push(value.text.slice(last, m.index));
      out.push({ name: m[1] as string });
      last = m.index + m[0].length;
    }
    if (last < value.text.length) out.push(value.text.slice(last));
    p = out;
    pieces.set(value, p);
  }
  return p;
}

/** Literal text with named values substituted; a named value the test does not give stops the run. */
export function substitute(
  value: PolicyValue,
  namedValue: (name: string) => string | undefined,
  doc: PolicyDocument,
): string {
  if (value.kind !== "template") return value.text;
  let text = "";
  for (const piece of piecesOf(value)) {
    if (typeof piece === "string") {
      text += piece;
      continue;
    }
    const v = namedValue(piece.name);
    if (v === undefined) {
      const ref = value.namedValues.find((r) => r.name === piece.name);
      const at = ref ? `${doc.file}:${ref.range.start.line}:${ref.range.start.column}` : doc.file;
      throw new EmulationError(`named value {{${piece.name}}} at ${at} is not given (namedValues)`);
    }
    text += v;
  }
  return text;
}

/** A named value may hold a whole expression (D-NV): after substitution the text is then parsed and evaluated. */
export function substitutedExpression(text: string): ParsedExpression | undefined {
  const t = text.trim();
  if (!(t.startsWith("@(") || t.startsWith("@{"))) return undefined;
  const tree = parseExpressionText(t);
  if (tree.diagnostics.some((d) => d.severity === "error")) return undefined;
  return tree;
}

export function numberOf(v: NetValue, what: string, at: SourceLocation): number {
  if (v instanceof Num) {
    if (typeof v.value === "number") return v.value;
    if (typeof v.value === "bigint") return Number(v.value);
    const d = v.value as DecimalValue;
    return Number(d.mantissa) / 10 ** d.scale;
  }
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new NetException("InvalidCastException", `${what}: expected a number, got ${describe(v)}`, at);
}

export function boolOf(v: NetValue, what: string, at: SourceLocation): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "true") return true;
    if (t === "false") return false;
  }
  throw new NetException("InvalidCastException", `${what}: expected a bool, got ${describe(v)}`, at);
}

export function describe(v: NetValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return `string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === "boolean") return `bool ${v}`;
  if (v instanceof Num) return v.type;
  return "$type" in v ? String(v.$type) : typeof v;
}
