// Per-document analyses shared by the token and security rules, computed once per document and reused by every
// rule that asks (rules run one after another over the same document).
import type { PolicyDocument } from "../../policy/model.js";
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
  a.validations ??= variableFlowOf(doc)
    .elements.filter((el) => VALIDATION_ELEMENTS.has(el.name))
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
