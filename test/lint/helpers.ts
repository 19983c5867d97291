// Small rules used as test inputs for the engine (the real rules are tested in test/rules/).

import type { ResolvedConfig, RuleSetting } from "../../src/lint/resolved-config.js";
import type { Rule, SeverityOrOff } from "../../src/lint/types.js";
import type { ElementNode } from "../../src/policy/model.js";
import { walkElements } from "../../src/policy/query.js";

/** Reports every element with the given name. */
export function elementRule(id: string, name: string, severity: SeverityOrOff = "error"): Rule {
  return {
    id,
    meta: { severity, category: "structure", description: `no <${name}>`, docs: `rules/${id}.md` },
    create(ctx) {
      return { [name]: (el: ElementNode) => ctx.report({ node: el, message: `<${name}> found` }) };
    },
  };
}

export function configOf(
  rules: Record<string, SeverityOrOff | [SeverityOrOff, Record<string, unknown>]>,
): ResolvedConfig {
  const map = new Map<string, RuleSetting>();
  for (const [id, v] of Object.entries(rules)) {
    map.set(id, Array.isArray(v) ? { severity: v[0], options: v[1] } : { severity: v, options: {} });
  }
  return { rules: map };
}

export function firstElement(el: ElementNode | undefined, name: string): ElementNode | undefined {
  if (!el) return undefined;
  for (const e of walkElements(el)) if (e.name === name) return e;
  return undefined;
}
