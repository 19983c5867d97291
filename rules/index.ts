// Every lint rule, in one list. Add one import and one entry per rule.
import type { Rule } from "../src/lint/types.js";

export const allRules: Rule[] = [];
