// The structure rules (issue 4), for tests that run them together.
import { baseAtGlobal } from "../../rules/base-at-global.js";
import { baseMissing } from "../../rules/base-missing.js";
import { expressionNotAllowed } from "../../rules/expression-not-allowed.js";
import { expressionSyntax } from "../../rules/expression-syntax.js";
import { fragmentStructure } from "../../rules/fragment-structure.js";
import { globalBackendForward } from "../../rules/global-backend-forward.js";
import { namedValueUndefined } from "../../rules/named-value-undefined.js";
import { sectionPlacement } from "../../rules/section-placement.js";
import { undefinedVariable } from "../../rules/undefined-variable.js";
import { unknownElement } from "../../rules/unknown-element.js";
import { unusedVariable } from "../../rules/unused-variable.js";
import type { Rule } from "../../src/lint/types.js";

export const structureRules: Rule[] = [
  expressionSyntax,
  unknownElement,
  sectionPlacement,
  expressionNotAllowed,
  baseMissing,
  baseAtGlobal,
  globalBackendForward,
  fragmentStructure,
  undefinedVariable,
  unusedVariable,
  namedValueUndefined,
];
