// jwt-not-first: validation should run before anything calls out or changes the request.
import { validationVisitors } from "../src/lint/analysis/jwt.js";
import { contains, inExclusiveBranches, isBefore, sectionOf } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";
import type { ElementNode } from "../src/policy/model.js";

/** Policies that call out, answer from cache, or change what the validation or the backend sees. */
const BEFORE_VALIDATION: Readonly<Record<string, string>> = {
  "send-request": "calls out with an unauthenticated request",
  "send-one-way-request": "calls out with an unauthenticated request",
  "set-backend-service": "changes the backend",
  "cache-lookup": "can answer from the response cache",
  "rewrite-uri": "changes the request",
  "set-body": "changes the request",
  "set-method": "changes the request",
  "authentication-managed-identity": "replaces the Authorization header",
  "authentication-basic": "replaces the Authorization header",
  "authentication-certificate": "changes the request's credentials",
};

export const jwtNotFirst: Rule = {
  id: "jwt-not-first",
  meta: {
    severity: "warn",
    category: "token-validation",
    description: "Token validation after policies that call out or change the request",
    docs: "rules/jwt-not-first.md",
  },
  create(context) {
    const root = context.sourceCode.root;
    return validationVisitors(context.sourceCode, (v) => {
      const section = sectionOf(v.element);
      const earlier = firstEarlier(root, v.element, section);
      if (!earlier) return;
      context.report({
        node: v.element,
        message: `${v.kind} runs after ${earlier.name} (line ${earlier.range.start.line}), which ${BEFORE_VALIDATION[earlier.name]} before the caller is authenticated; validate first (right after <base />)`,
      });
    });
  },
};

function firstEarlier(
  root: ElementNode | undefined,
  target: ElementNode,
  section: string | undefined,
): ElementNode | undefined {
  if (!root) return undefined;
  const stack: ElementNode[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (!isBefore(el, target)) continue;
    if (
      BEFORE_VALIDATION[el.name] &&
      !contains(el, target) &&
      sectionOf(el) === section &&
      !inExclusiveBranches(el, target)
    ) {
      return el;
    }
    // Do not look inside send-request / return-response: their children are not request statements.
    if (el.name === "send-request" || el.name === "send-one-way-request" || el.name === "return-response") continue;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === "element") stack.push(c);
    }
  }
  return undefined;
}
