// Per-document analyses shared by the token and security rules, computed once per document and reused by every
// rule that asks (rules run one after another over the same document).
import type { ElementNode, PolicyDocument } from "../../policy/model.js";
import { type JwtValidation, readValidation, VALIDATION_ELEMENTS } from "./jwt.js";
import { allElements } from "./nodes.js";
import { analyseTokenFlow, type TokenFlow } from "./token-flow.js";
import { VariableFlow } from "./variables.js";

interface Analysis {
  validations?: JwtValidation[];
  flow?: VariableFlow;
  tokenFlow?: TokenFlow;
}

const cache = new WeakMap<PolicyDocument, Analysis>();

function analysis(doc: PolicyDocument): Analysis {
  let a = cache.get(doc);
  if (!a) {
    a = {};
    cache.set(doc, a);
  }
  return a;
}

export function validationsOf(doc: PolicyDocument): JwtValidation[] {
  const a = analysis(doc);
  // A validation the parser could not read cleanly (e.g. an unclosed child swallowing its siblings) is left to
  // parse-error: judging its half-read children would only add misleading findings.
  const damaged = (el: ElementNode) =>
    doc.diagnostics.some(
      (d) => d.range.start.offset < el.range.end.offset && d.range.end.offset > el.range.start.offset,
    );
  a.validations ??= variableFlowOf(doc)
    .elements.filter((el) => VALIDATION_ELEMENTS.has(el.name) && !damaged(el))
    .map(readValidation);
  return a.validations;
}

export function variableFlowOf(doc: PolicyDocument): VariableFlow {
  const a = analysis(doc);
  a.flow ??= new VariableFlow(allElements(doc));
  return a.flow;
}

export function tokenFlowOf(doc: PolicyDocument): TokenFlow {
  const a = analysis(doc);
  a.tokenFlow ??= analyseTokenFlow(doc, variableFlowOf(doc));
  return a.tokenFlow;
}
