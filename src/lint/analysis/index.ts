// Per-document analyses shared by the token and security rules, computed once per document and reused by every
// rule that asks (rules run one after another over the same document).
import type { ElementNode, PolicyDocument } from "../../policy/model.js";
import { type JwtValidation, readValidation, VALIDATION_ELEMENTS } from "./jwt.js";
import { analyseTokenFlow, type TokenFlow } from "./token-flow.js";
import { VariableFlow } from "./variables.js";

interface Analysis {
  elements?: ElementNode[];
  names?: Set<string>;
  validations?: JwtValidation[];
  flow?: VariableFlow;
  tokenFlow?: TokenFlow;
}

/** Document-order walk with an explicit stack (the rules' hottest loop; no generator overhead). */
function collectElements(doc: PolicyDocument): ElementNode[] {
  const out: ElementNode[] = [];
  if (!doc.root) return out;
  const stack: ElementNode[] = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (k.type === "element") stack.push(k);
    }
  }
  return out;
}

// The analyses of one document: the engine runs every rule on a document before the next, so one slot is
// enough (a WeakMap keyed on documents costs more in GC); asking about another document starts afresh.
let analysedDoc: PolicyDocument | undefined;
let analysed: Analysis = {};

function analysis(doc: PolicyDocument): Analysis {
  if (analysedDoc !== doc) {
    analysedDoc = doc;
    analysed = {};
  }
  return analysed;
}

/** Every element in document order, computed once per document. */
export function elementsOf(doc: PolicyDocument): ElementNode[] {
  const a = analysis(doc);
  a.elements ??= collectElements(doc);
  return a.elements;
}

/** True when the document has at least one element with one of these names (a cheap guard before costly work). */
export function hasAny(doc: PolicyDocument, ...names: string[]): boolean {
  return hasAnyOf(doc, names);
}

/** hasAny with the names as one list (no array per call). */
export function hasAnyOf(doc: PolicyDocument, names: readonly string[]): boolean {
  const a = analysis(doc);
  if (!a.names) {
    a.names = new Set();
    for (const el of elementsOf(doc)) a.names.add(el.name);
  }
  for (const n of names) if (a.names.has(n)) return true;
  return false;
}

export function validationsOf(doc: PolicyDocument): JwtValidation[] {
  const a = analysis(doc);
  // A validation the parser could not read cleanly (e.g. an unclosed child swallowing its siblings) is left to
  // parse-error: judging its half-read children would only add misleading findings.
  const damaged = (el: ElementNode) =>
    doc.diagnostics.some(
      (d) => d.range.start.offset < el.range.end.offset && d.range.end.offset > el.range.start.offset,
    );
  a.validations ??= elementsOf(doc)
    .filter((el) => VALIDATION_ELEMENTS.has(el.name) && !damaged(el))
    .map(readValidation);
  return a.validations;
}

export function variableFlowOf(doc: PolicyDocument): VariableFlow {
  const a = analysis(doc);
  a.flow ??= new VariableFlow(doc, elementsOf(doc));
  return a.flow;
}

export function tokenFlowOf(doc: PolicyDocument): TokenFlow {
  const a = analysis(doc);
  a.tokenFlow ??= analyseTokenFlow(doc, variableFlowOf(doc));
  return a.tokenFlow;
}
