// Where a policy document sets and reads APIM policy variables (`context.Variables`).
//
// Setters (policies write variables, expressions only read them):
//   set-variable name="x"
//   any attribute named `*variable-name` that names an output variable: send-request response-variable-name,
//   authentication-managed-identity / validate-jwt / validate-azure-ad-token / get-authorization-context
//   output-token-variable-name, cache-lookup-value variable-name, rate-limit retry-after-variable-name, ...
//   except return-response response-variable-name, which READS the response variable it returns.
// Readers: C# expressions (see variable-access.ts), Liquid set-body templates, return-response
// response-variable-name.
import type { Attribute, ElementNode, Expression, PolicyDocument, PolicyValue, Range } from "../../policy/model.js";
import { rangeInExpression } from "./expression-ranges.js";
import {
  type VariableAccess,
  type VariableUses,
  variableReadsInCode,
  variableReadsInLiquid,
} from "./variable-access.js";

export interface VariableWrite {
  /** The variable name; undefined when the name is an expression or contains a named value. */
  name?: string;
  element: ElementNode;
  attribute: Attribute;
}

export interface VariableRead {
  name: string;
  /** The source range of the access (`context.Variables["x"]`, or the attribute value). */
  range: Range;
  element: ElementNode;
  source: "expression" | "liquid" | "attribute";
  /** For expression reads: how the dictionary was accessed. */
  access?: VariableAccess;
}

export interface VariableAnalysis {
  writes: VariableWrite[];
  reads: ReadSite[];
  /** Uses of context.Variables with a computed key or as a whole: they may read any variable. */
  dynamicReads: Range[];
  /** Setters whose name is not a constant: they may set any variable. */
  dynamicWrites: VariableWrite[];
  /** The include-fragment elements: a fragment may set or read variables this document cannot see. */
  includes: ElementNode[];
}

/** return-response response-variable-name READS the response it returns; every other `*variable-name` sets one. */
function isReadingAttribute(element: ElementNode, attr: Attribute): boolean {
  return element.name === "return-response" && attr.name === "response-variable-name";
}

/** True when `attr` of `element` names a variable the policy sets. */
export function isVariableSetter(element: ElementNode, attr: Attribute): boolean {
  if (element.name === "set-variable") return attr.name === "name";
  return attr.name.endsWith("variable-name") && !isReadingAttribute(element, attr);
}

// A one-document cache (the engine runs every rule on a document before the next; a WeakMap costs more in GC).
let analyzedFor: PolicyDocument | undefined;
let analyzed: VariableAnalysis | undefined;

/** Analyses every variable write and read (computed once for the document the rules are running on). */
export function analyzeVariables(doc: PolicyDocument): VariableAnalysis {
  if (analyzedFor === doc && analyzed) return analyzed;
  const result: VariableAnalysis = { writes: [], reads: [], dynamicReads: [], dynamicWrites: [], includes: [] };
  if (doc.root) {
    // Top-down, carrying whether we are inside a Liquid body (its text is a template that may read variables).
    const stack: ElementNode[] = [doc.root];
    const liquid: boolean[] = [false];
    while (stack.length > 0) {
      const el = stack.pop()!;
      const inLiquid = liquid.pop()! || isLiquidBody(el);
      analyzeElement(doc, el, inLiquid, result);
      const kids = el.children;
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i]!;
        if (c.type === "element") {
          stack.push(c);
          liquid.push(inLiquid);
        }
      }
    }
  }
  analyzedFor = doc;
  analyzed = result;
  return result;
}

function analyzeElement(doc: PolicyDocument, el: ElementNode, liquid: boolean, out: VariableAnalysis): void {
  if (el.name === "include-fragment") out.includes.push(el);
  for (const attr of el.attributes) {
    if (isVariableSetter(el, attr)) {
      const name = attr.value.kind === "literal" ? attr.value.text.trim() : undefined;
      const write: VariableWrite = { element: el, attribute: attr };
      if (name) {
        write.name = name;
        out.writes.push(write);
      } else if (attr.value.kind !== "literal") {
        out.dynamicWrites.push(write);
      }
      // A setter's name may itself be computed from other variables.
      if (attr.value.kind === "expression") readValue(doc, el, attr.value, liquid, out);
      continue;
    }
    if (isReadingAttribute(el, attr) && attr.value.kind === "literal" && attr.value.text.trim()) {
      out.reads.push(ReadSite.placed(attr.value.text.trim(), attr.value.range, el, "attribute"));
      continue;
    }
    readValue(doc, el, attr.value, liquid, out);
  }
  for (const child of el.children) {
    if (child.type === "text") readValue(doc, el, child.value, liquid, out);
  }
}

function readValue(
  doc: PolicyDocument,
  el: ElementNode,
  value: PolicyValue,
  liquid: boolean,
  out: VariableAnalysis,
): void {
  const expr = value.expression;
  if (expr) {
    const uses = variableReadsInCode(expr.code);
    for (const r of uses.reads) out.reads.push(new ReadSite(doc, expr, el, r, value, undefined, "expression"));
    for (const d of uses.dynamic) out.dynamicReads.push(rangeInExpression(doc, expr, d.start, d.end));
    return;
  }
  if (liquid && value.text.includes("Variables")) {
    addLiquidReads(doc, el, value, variableReadsInLiquid(value.text), out);
  }
}

/**
 * A variable read. In a C# expression its source range is worked out only when asked for: most reads are of
 * variables the document sets and never become a finding, and mapping code offsets back to the source walks the
 * raw text. Liquid and attribute reads have their range given (ReadSite.placed): every read of a document has one
 * object shape, so the rules that loop over them stay monomorphic (a second shape deoptimised them).
 */
export class ReadSite implements VariableRead {
  readonly name: string;
  constructor(
    private readonly doc: PolicyDocument | undefined,
    readonly expr: Expression | undefined,
    readonly element: ElementNode,
    readonly access: VariableAccess | undefined,
    /** The attribute value or text that holds the expression. */
    readonly value: PolicyValue | undefined,
    private mapped: Range | undefined,
    readonly source: VariableRead["source"],
    name = access?.name ?? "",
  ) {
    this.name = name;
  }
  /** A read whose range is known up front (Liquid text, a reading attribute). */
  static placed(name: string, range: Range, element: ElementNode, source: "liquid" | "attribute"): ReadSite {
    return new ReadSite(undefined, undefined, element, undefined, undefined, range, source, name);
  }
  get range(): Range {
    if (this.mapped === undefined) {
      this.mapped = rangeInExpression(this.doc!, this.expr!, this.access!.start, this.access!.end);
    }
    return this.mapped;
  }
}

function addLiquidReads(
  doc: PolicyDocument,
  el: ElementNode,
  value: PolicyValue,
  uses: VariableUses,
  out: VariableAnalysis,
): void {
  // Positions inside the text are exact only when no entity was decoded; else point at the whole value.
  const exact = value.raw === value.text;
  const base = value.range.start.offset;
  const rangeOf = (start: number, end: number): Range =>
    exact ? { start: doc.positionAt(base + start), end: doc.positionAt(base + end) } : value.range;
  for (const r of uses.reads) {
    out.reads.push(ReadSite.placed(r.name, rangeOf(r.start, r.end), el, "liquid"));
  }
  for (const d of uses.dynamic) out.dynamicReads.push(rangeOf(d.start, d.end));
}

/** True when `el` is a set-body with template="liquid" or inside one (its XML children are template text). */
export function isInsideLiquidBody(el: ElementNode): boolean {
  for (let e: ElementNode | undefined = el; e; e = e.parent) if (e.name === "set-body") return isLiquidBody(e);
  return false;
}

function isLiquidBody(el: ElementNode): boolean {
  if (el.name !== "set-body") return false;
  const t = el.attributes.find((a) => a.name === "template");
  return t?.value.text.trim().toLowerCase() === "liquid";
}
