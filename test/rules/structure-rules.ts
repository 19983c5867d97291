// The structure rules (issue 4), for tests that run them together: the rules of that category, in allRules' order.
import { allRules } from "../../rules/index.js";
import type { Rule } from "../../src/lint/types.js";

export const structureRules: Rule[] = allRules.filter((rule) => rule.meta.category === "structure");
