// jwt-claims-unvalidated: claims read from a token the policy decoded itself (AsJwt() / TryParseJwt() on a request
// header, or a base64 decode of its payload) before any validator ran, and used to decide something: a choose
// condition, a rate-limit or quota key, a cache key, a metric dimension. Anyone can write such a token.

import { mayHoldEscape, mayName } from "../src/lint/analysis/code-words.js";
import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { attribute, childElements, isBefore, sectionOf } from "../src/lint/analysis/nodes.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule } from "../src/lint/types.js";
import type { EffectiveChild } from "../src/policy/compose.js";
import type { Node, ParsedExpression } from "../src/policy/csharp/ast.js";
import { walk } from "../src/policy/csharp/walk.js";
import type { Attribute, ElementNode, PolicyValue } from "../src/policy/model.js";
import { isValidator } from "../src/policy/validate-jwt.js";
import { clientReads } from "./security-sinks.js";

const DECODERS = new Set(["AsJwt", "TryParseJwt"]);

/**
 * Does a subtree read a request header or query value, or one of `vars` (variables holding one)? `code`: the
 * expression's code; `context.Request` and `Variables` are names in it, so without the word there is no such read.
 */
function readsRequest(tree: ParsedExpression, node: Node, vars: ReadonlySet<string>, code: string): boolean {
  if (mayReadClient(code) && clientReads({ ...tree, body: node as ParsedExpression["body"] }).length > 0) return true;
  if (vars.size === 0 || !mayName(code, "Variables")) return false;
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (
      n.kind === "ElementAccess" &&
      n.object.kind === "MemberAccess" &&
      n.object.name === "Variables" &&
      n.arguments[0]?.value.kind === "Literal" &&
      vars.has(n.arguments[0].value.value ?? "")
    )
      found = true;
    return undefined;
  });
  return found;
}

/**
 * Whether code can hold a decode at all (AsJwt, TryParseJwt, FromBase64String): most expressions cannot, and the
 * tree walks below are skipped for them. `code` has its entities decoded, as the tree's names do.
 */
function mayDecode(code: string): boolean {
  return (
    code.includes("AsJwt") || code.includes("TryParseJwt") || code.includes("FromBase64String") || mayHoldEscape(code)
  );
}

/** Can code read the client's request (`context.Request`)? Without the word, clientReads finds nothing in it. */
function mayReadClient(code: string): boolean {
  return mayName(code, "Request");
}

/** How an expression decodes a token taken from the request without validating it, if it does. */
function unvalidatedDecode(tree: ParsedExpression, code: string, raw: ReadonlySet<string>): string | undefined {
  // Both ways need a decode that reads the request (readsRequest): code that cannot read it needs no walk.
  if (!mayReadClient(code) && (raw.size === 0 || !mayName(code, "Variables"))) return undefined;
  let how: string | undefined;
  let base64 = false;
  let split = false;
  let decrypts = false;
  walk(tree.body, (n) => {
    if (how) return false;
    if (n.kind === "Invocation" && n.callee.kind === "MemberAccess") {
      if (DECODERS.has(n.callee.name) && readsRequest(tree, n.callee.object, raw, code)) how = `${n.callee.name}()`;
      if (n.callee.name === "FromBase64String") base64 = true;
      // Split('.') / Split(".") takes the token's parts apart; other splits (cookies, "Bearer x") do not.
      if (n.callee.name === "Split" && n.arguments.some((a) => a.value.kind === "Literal" && a.value.value === "."))
        split = true;
      // Decrypt: the gateway's own encrypted data (a session cookie), not a token decoded as it came.
      if (n.callee.name === "Decrypt") decrypts = true;
    }
    return undefined;
  });
  if (how) return how;
  // A manual decode: the payload split out of the token and base64-decoded, in code that reads the request.
  if (base64 && split && !decrypts && readsRequest(tree, tree.body, raw, code)) return "a base64 decode of its payload";
  return undefined;
}

/**
 * Variables set straight from a request header or query value (`auth` = the Authorization header), one step only:
 * what is computed further from them (a cookie decrypted, a cache entry looked up with it) is the gateway's own data.
 */
function rawTokenVariables(sourceCode: PolicySourceCode): Set<string> {
  const out = new Set<string>();
  for (const el of sourceCode.elementsNamed("set-variable")) {
    const v = attribute(el, "value")?.value;
    const name = attribute(el, "name")?.value.text.trim();
    if (
      name &&
      v?.expression &&
      mayReadClient(v.expression.code) &&
      clientReads(sourceCode.expressionTree(v.expression)).length > 0
    )
      out.add(name);
  }
  return out;
}

function hasValidator(children: readonly EffectiveChild[]): boolean {
  for (const c of children) {
    if (c.type !== "element") continue;
    if (c.name === "validate-jwt" || c.name === "validate-azure-ad-token" || hasValidator(c.children)) return true;
  }
  return false;
}

/**
 * Can a validator have run before `el`? One earlier in this document, an include-fragment before it (its content
 * is not known here), or a `<base />` before it whose parents are unknown or validate.
 */
function validatedBefore(sourceCode: PolicySourceCode, el: ElementNode, scope: string): boolean {
  for (const other of sourceCode.elements()) {
    if (!isBefore(other, el)) break;
    if (isValidator(other) || other.name === "include-fragment") return true;
  }
  if (scope === "global") return false;
  const section = sectionOf(el);
  const base = sourceCode.elementsNamed("base").find((b) => sectionOf(b) === section && isBefore(b, el));
  if (!base || !section) return false;
  const scopes = sourceCode.scopes();
  if (!scopes?.parentsKnown || !scopes.chainComplete) return true; // a parent may validate: unknown
  const inherited = scopes.inherited(section);
  return inherited !== undefined && hasValidator(inherited.children);
}

/** The elements this rule visits (the visitors object is typed by it). */
const VISITED = [
  "rate-limit-by-key",
  "quota-by-key",
  "cache-lookup-value",
  "cache-store-value",
  "cache-remove-value",
  "when",
  "emit-metric",
] as const;

export const jwtClaimsUnvalidated: Rule = {
  id: "jwt-claims-unvalidated",
  meta: {
    severity: "error",
    category: "token-validation",
    description:
      "Claims of a token decoded without validation used in a condition, a rate-limit, quota or cache key, or a metric",
    docs: "rules/jwt-claims-unvalidated.md",
  },
  create(context) {
    const { sourceCode } = context;
    if (!sourceCode.hasAnyOf(VISITED)) return NO_VISITORS;
    let raw: Set<string> | undefined;
    let claimVars: Map<string, string> | undefined;
    /** Variables holding claims of an unvalidated decode: name -> how it was decoded. */
    const claimVariables = () => {
      if (!claimVars) {
        claimVars = new Map();
        const seeds: string[] = [];
        for (const el of sourceCode.elementsNamed("set-variable")) {
          const v = attribute(el, "value")?.value;
          const name = attribute(el, "name")?.value.text.trim();
          if (!name || !v?.expression || !mayDecode(v.expression.code)) continue;
          raw ??= rawTokenVariables(sourceCode);
          const how = unvalidatedDecode(sourceCode.expressionTree(v.expression), v.expression.code, raw);
          if (how && !validatedBefore(sourceCode, el, context.scope)) {
            seeds.push(name);
            claimVars.set(name, how);
          }
        }
        for (const name of sourceCode.variables().derivedFrom(seeds))
          if (!claimVars.has(name)) claimVars.set(name, "a variable derived from one");
      }
      return claimVars;
    };
    const judge = (el: ElementNode, node: Attribute, value: PolicyValue, use: string) => {
      if (!value.expression) return;
      let how: string | undefined;
      if (mayDecode(value.expression.code)) {
        raw ??= rawTokenVariables(sourceCode);
        how = unvalidatedDecode(sourceCode.expressionTree(value.expression), value.expression.code, raw);
        if (how && validatedBefore(sourceCode, el, context.scope)) how = undefined;
      }
      if (!how) {
        const vars = claimVariables();
        if (vars.size === 0) return;
        const read = sourceCode
          .variables()
          .codeReadsIn(el)
          .find((r) => r.value === value && vars.has(r.name));
        if (read) how = `"${read.name}" (claims from ${vars.get(read.name)})`;
      }
      if (!how) return;
      context.report({
        node,
        message: `${use} uses claims of a token decoded with ${how} before any validate-jwt or validate-azure-ad-token: anyone can write a token with the claims they like; validate it first and read the claims from output-token-variable-name`,
      });
    };
    const keyed = (el: ElementNode, attr: string) => {
      const a = attribute(el, attr);
      if (a) judge(el, a, a.value, `the ${attr} of ${el.name}`);
    };
    // One object literal with every name written out: neither assigned one by one nor spread from a table
    // (src/lint/analysis/element-visitors.ts).
    const visitors: ElementVisitors<typeof VISITED> = {
      "rate-limit-by-key": (el) => keyed(el, "counter-key"),
      "quota-by-key": (el) => keyed(el, "counter-key"),
      "cache-lookup-value": (el) => keyed(el, "key"),
      "cache-store-value": (el) => keyed(el, "key"),
      "cache-remove-value": (el) => keyed(el, "key"),
      when(el) {
        const a = attribute(el, "condition");
        if (a) judge(el, a, a.value, "the choose condition");
      },
      "emit-metric"(el) {
        for (const d of childElements(el, "dimension")) {
          const a = attribute(d, "value");
          if (a) judge(d, a, a.value, `the metric dimension ${attribute(d, "name")?.value.text.trim() ?? ""}`);
        }
      },
    };
    return visitors;
  },
};
