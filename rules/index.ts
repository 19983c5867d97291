// Every lint rule, in one list. Add one import and one entry per rule.
import type { Rule } from "../src/lint/types.js";
// Structure rules (issue 4).
import { baseAtGlobal } from "./base-at-global.js";
import { baseMissing } from "./base-missing.js";
import { expressionSyntax } from "./expression-syntax.js";
import { fragmentStructure } from "./fragment-structure.js";
import { globalBackendForward } from "./global-backend-forward.js";
import { namedValueUndefined } from "./named-value-undefined.js";
import { undefinedVariable } from "./undefined-variable.js";
import { unusedVariable } from "./unused-variable.js";

export const allRules: Rule[] = [
  // structure (issue 4)
  expressionSyntax,
  baseMissing,
  baseAtGlobal,
  globalBackendForward,
  fragmentStructure,
  undefinedVariable,
  unusedVariable,
  namedValueUndefined,
];
