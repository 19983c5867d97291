// Findings the engine itself creates (no check function): they share the rules' metadata shape so every
// formatter (SARIF driver.rules, stylish, docs links) treats them like any other rule.
import type { RuleMeta } from "./types.js";

export const PARSE_ERROR = "parse-error";
export const INTERNAL_ERROR = "internal-error";
export const UNUSED_DIRECTIVE = "unused-directive";

export const builtinRuleMeta: ReadonlyMap<string, RuleMeta> = new Map<string, RuleMeta>([
  [
    PARSE_ERROR,
    {
      severity: "error",
      category: "structure",
      description: "The document could not be read as an APIM policy",
      docs: "rules/parse-error.md",
    },
  ],
  [
    INTERNAL_ERROR,
    {
      severity: "error",
      category: "correctness",
      description: "A lint rule crashed on this document (a bug in apimkit, please report it)",
      docs: "rules/internal-error.md",
    },
  ],
  [
    UNUSED_DIRECTIVE,
    {
      // Off unless --report-unused-directives or the config asks for it (strict: warn).
      severity: "off",
      strictSeverity: "warn",
      category: "correctness",
      description: "An apimkit-disable directive that suppresses nothing",
      docs: "rules/unused-directive.md",
      fixable: true,
    },
  ],
]);

/** Built-in findings that inline directives can never hide (the document or the tool is broken). */
export const unsuppressible: ReadonlySet<string> = new Set([PARSE_ERROR, INTERNAL_ERROR, UNUSED_DIRECTIVE]);
