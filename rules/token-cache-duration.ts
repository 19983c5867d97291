// token-cache-duration: a token from a token endpoint stored with cache-store-value for a fixed time whatever its
// expires_in says, or for exactly expires_in with no margin before it expires. (token-exchange-cache says when there
// is no cache at all: one finding per problem.)

import { attribute } from "../src/lint/analysis/nodes.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule } from "../src/lint/types.js";
import type { Node } from "../src/policy/csharp/ast.js";
import { walk } from "../src/policy/csharp/walk.js";
import type { ElementNode, PolicyValue } from "../src/policy/model.js";

const EXPIRY_FIELD = /^(expires_in|ext_expires_in)$/;
/** Entra's default access-token lifetime is random between 60 and 90 minutes (reference §4): 3600 s at least. */
const SHORTEST_DEFAULT_LIFETIME = 3600;
/** How many set-variable steps back a duration is followed. */
const MAX_DEPTH = 4;

interface DurationFacts {
  /** Reads an expires_in field (directly or through the variables it reads). */
  expiry: boolean;
  /** Subtracts, scales or caps somewhere on the way (a margin). */
  margin: boolean;
}

function isMargin(node: Node): boolean {
  if (node.kind === "Binary") return node.operator === "-" || node.operator === "*" || node.operator === "/";
  return node.kind === "Invocation" && node.callee.kind === "MemberAccess" && node.callee.name === "Min";
}

/** What a duration value (an attribute of `owner`), or a variable it reads, is made of. */
function durationFacts(
  sourceCode: PolicySourceCode,
  owner: ElementNode,
  value: PolicyValue,
  depth: number,
  facts: DurationFacts,
): void {
  const expr = value.expression;
  if (!expr) return;
  walk(sourceCode.expressionTree(expr).body, (node) => {
    if (node.kind === "Literal" && node.literalKind === "string" && EXPIRY_FIELD.test(node.value ?? ""))
      facts.expiry = true;
    if (isMargin(node)) facts.margin = true;
  });
  if (depth >= MAX_DEPTH) return;
  const flow = sourceCode.variables();
  // The reads of the value are among its element's (not every read of the document).
  const reads = flow.codeReadsIn(owner);
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    if (read.value !== value) continue;
    // A response variable read for its expires_in is the token response itself.
    if (sourceCode.tokenFlow().responseVariables.has(read.name)) continue;
    // The set-variable values of the variable, followed in setter order (no intermediate lists).
    const writes = flow.writes;
    for (let j = 0; j < writes.length; j++) {
      const w = writes[j]!;
      if (w.name !== read.name || w.element.name !== "set-variable") continue;
      const v = attribute(w.element, "value")?.value;
      if (v !== undefined && v.kind === "expression") durationFacts(sourceCode, w.element, v, depth + 1, facts);
    }
  }
}

/** Does the stored value carry a token fetched from a token endpoint? */
function storesEndpointToken(sourceCode: PolicySourceCode, store: ElementNode, carriers: ReadonlySet<string>): boolean {
  const value = attribute(store, "value")?.value;
  if (!value) return false;
  const tf = sourceCode.tokenFlow();
  return sourceCode
    .variables()
    .codeReadsIn(store)
    .some((read) => read.value === value && carriers.has(read.name) && tf.carriesToken(read));
}

export const tokenCacheDuration: Rule = {
  id: "token-cache-duration",
  meta: {
    severity: "warn",
    category: "token-acquisition",
    description: "A token cached for a fixed duration, or for its whole expires_in with no margin",
    docs: "rules/token-cache-duration.md",
  },
  create(context) {
    const { sourceCode } = context;
    let carriers: Set<string> | undefined;
    return {
      "cache-store-value"(el) {
        const tf = sourceCode.tokenFlow();
        if (tf.responseVariables.size === 0) return;
        carriers ??= sourceCode.variables().derivedFrom(tf.responseVariables, (read) => tf.carriesToken(read));
        if (!storesEndpointToken(sourceCode, el, carriers)) return;
        const duration = attribute(el, "duration");
        if (!duration) return;
        const v = duration.value;
        if (v.kind === "literal") {
          const seconds = Number(v.text.trim());
          if (!Number.isFinite(seconds) || v.text.trim() === "") return;
          const outlives =
            seconds >= SHORTEST_DEFAULT_LIFETIME
              ? `, as long as or longer than the shortest default token lifetime (60 minutes), so expired tokens are served from the cache`
              : "";
          context.report({
            node: duration,
            message: `the token is cached for a fixed ${seconds} s whatever its expires_in says${outlives}; a tenant with shorter token lifetimes gets 401s until the entry expires; use expires_in minus a margin, e.g. duration="@(Math.Max(60, (int)...["expires_in"] - 300))"`,
          });
          return;
        }
        if (v.kind !== "expression") return;
        const facts: DurationFacts = { expiry: false, margin: false };
        durationFacts(sourceCode, el, v, 0, facts);
        if (facts.expiry && !facts.margin) {
          context.report({
            node: duration,
            message: `the token is cached for its whole expires_in with no margin: the entry outlives the token by the time the request and the store took, and calls in that window send an expired token; subtract a margin, e.g. expires_in - 300`,
          });
        }
      },
    };
  },
};
