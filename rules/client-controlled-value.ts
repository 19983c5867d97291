// client-controlled-value: a request header or query value, which the client writes as it likes, used where the
// gateway needs a value the client cannot choose: a rate-limit or quota counter key, a cache key standing for who
// the caller is, the host of a URL the gateway calls (SSRF), or a hard-coded literal that decides access.

import { mayName } from "../src/lint/analysis/code-words.js";
import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { attribute, firstChild, textValue } from "../src/lint/analysis/nodes.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule } from "../src/lint/types.js";
import type { Node, ParsedExpression } from "../src/policy/csharp/ast.js";
import { walk } from "../src/policy/csharp/walk.js";
import type { Attribute, ElementNode, PolicyValue } from "../src/policy/model.js";
import { type ClientRead, clientChosenReads, describeClientRead } from "./security-sinks.js";

/** Header or query names that stand for who the caller is (a cache key built from them picks someone's entry). */
const IDENTITY_NAME =
  /user|tenant|customer|account|client|caller|principal|subject|e-?mail|\boid\b|identity|member|org/i;
/** Parts of a key the client cannot choose: with one of these the client only picks among its own entries. */
const TRUSTED_PART = /\bcontext\.(Subscription|User|Product)\b/;
const DENIED = new Set(["401", "403"]);

/**
 * Can code read the client's request? clientReads looks for `context.Request`, names of the code: without the word
 * there is no tree to walk.
 */
function mayReadClient(code: string): boolean {
  return mayName(code, "Request");
}

/** Where the client's values are: direct reads, and variables set from them (followed through set-variable). */
class ClientValues {
  private vars?: Set<string>;
  private jwt?: Set<string>;
  constructor(private readonly sourceCode: PolicySourceCode) {}

  /**
   * The client values an attribute value of `el` reads: `[read, how]` pairs (how: "header X" or "variable v (header
   * X)").
   */
  in(el: ElementNode, value: PolicyValue): string[] {
    const expr = value.expression;
    if (!expr) return [];
    const out = mayReadClient(expr.code)
      ? this.direct(this.sourceCode.expressionTree(expr)).map(describeClientRead)
      : [];
    for (const read of this.sourceCode.variables().codeReadsIn(el))
      if (read.value === value && this.variables().has(read.name))
        out.push(`variable "${read.name}" (set from the request)`);
    return out;
  }

  direct(tree: ParsedExpression): ClientRead[] {
    return clientChosenReads(tree);
  }

  /**
   * Does an attribute value of `el` hold a part the client cannot choose (subscription, user, a validated token's
   * claims)?
   */
  trusted(el: ElementNode, value: PolicyValue): boolean {
    if (TRUSTED_PART.test(value.text)) return true;
    const flow = this.sourceCode.variables();
    const reads = flow.codeReadsIn(el);
    for (let i = 0; i < reads.length; i++) {
      const r = reads[i]!;
      if (r.value !== value) continue;
      this.jwt ??= new Set(flow.definitions.filter((d) => d.kind === "jwt").map((d) => d.name));
      if (this.jwt.has(r.name)) return true;
    }
    return false;
  }

  private variables(): Set<string> {
    if (!this.vars) {
      const flow = this.sourceCode.variables();
      const seeds: string[] = [];
      for (const el of this.sourceCode.elementsNamed("set-variable")) {
        const v = attribute(el, "value")?.value;
        const name = attribute(el, "name")?.value.text.trim();
        if (
          name &&
          v?.expression &&
          mayReadClient(v.expression.code) &&
          this.direct(this.sourceCode.expressionTree(v.expression)).length > 0
        )
          seeds.push(name);
      }
      this.vars = flow.derivedFrom(seeds);
    }
    return this.vars;
  }
}

/** The parts of a string built by `+` or interpolation, in order (anything else is one part). */
function concatParts(node: Node): Node[] {
  if (node.kind === "Parenthesized") return concatParts(node.expression);
  if (node.kind === "Binary" && node.operator === "+") return [...concatParts(node.left), ...concatParts(node.right)];
  if (node.kind === "InterpolatedString")
    return node.parts.flatMap((p): Node[] => (p.kind === "Interpolation" ? [p.expression] : [p]));
  if (node.kind === "Invocation" && node.callee.kind === "MemberAccess" && node.callee.name === "Concat")
    return node.arguments.flatMap((a) => concatParts(a.value));
  return [node];
}

/** Does this part of a URL still sit in its scheme or host, judging by the literal text before it? */
function inHost(prefix: string): boolean {
  const rest = prefix.replace(/^\s*[a-z][a-z0-9+.-]*:\/\//i, "");
  return !/[/?#]/.test(rest);
}

/** The client read that decides the host of a URL expression, if one does. */
function hostFromClient(values: ClientValues, tree: ParsedExpression, code: string): ClientRead | undefined {
  if (!mayReadClient(code)) return undefined; // no part of it reads the request
  if (tree.body.kind === "Block") return undefined; // statements: the URL's shape is not readable here
  let prefix = "";
  for (const part of concatParts(tree.body)) {
    if (part.kind === "Literal" && part.literalKind === "string") prefix += part.value ?? "";
    else if (part.kind === "InterpolatedText") prefix += part.value;
    else if (part.kind === "NamedValue") prefix += `{{${part.name}}}`;
    else {
      if (!inHost(prefix)) return undefined;
      const reads = values.direct({ ...tree, body: part as ParsedExpression["body"] });
      if (reads.length > 0) return reads[0];
      prefix += "{…}";
    }
  }
  return undefined;
}

/** `client == "literal"`, `"literal" != client`, `client.Equals("literal")`: the client reads compared to a literal. */
function comparedToLiteral(values: ClientValues, tree: ParsedExpression, code: string): ClientRead | undefined {
  if (!mayReadClient(code)) return undefined; // no side of a comparison reads the request
  let found: ClientRead | undefined;
  // A `{{named value}}` inside the string is substituted at deploy time: not hard-coded in the policy.
  const isLiteral = (n: Node) =>
    n.kind === "Literal" && n.literalKind === "string" && (n.value ?? "") !== "" && !(n.value ?? "").includes("{{");
  const readIn = (n: Node) => values.direct({ ...tree, body: n as ParsedExpression["body"] })[0];
  walk(tree.body, (node) => {
    if (found) return false;
    if (node.kind === "Binary" && (node.operator === "==" || node.operator === "!=")) {
      if (isLiteral(node.right)) found = readIn(node.left);
      else if (isLiteral(node.left)) found = readIn(node.right);
    } else if (
      node.kind === "Invocation" &&
      node.callee.kind === "MemberAccess" &&
      node.callee.name === "Equals" &&
      node.arguments.length >= 1 &&
      isLiteral(node.arguments[0]!.value)
    ) {
      found = readIn(node.callee.object);
    }
    return undefined;
  });
  return found;
}

/** Does a choose answer 401 or 403 in one of its branches (the condition decides access)? */
function decidesAccess(choose: ElementNode): boolean {
  const stack = [...choose.children];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.type !== "element") continue;
    if (c.name === "set-status" && DENIED.has(attribute(c, "code")?.value.text.trim() ?? "")) return true;
    stack.push(...c.children);
  }
  return false;
}

/** The elements this rule visits (the visitors object is typed by it). */
const VISITED = [
  "rate-limit-by-key",
  "quota-by-key",
  "limit-concurrency",
  "cache-lookup-value",
  "cache-store-value",
  "send-request",
  "set-backend-service",
  "when",
] as const;

export const clientControlledValue: Rule = {
  id: "client-controlled-value",
  meta: {
    severity: "warn",
    category: "security",
    description:
      "A client-controlled header or query value as a rate-limit or cache key, in a called URL's host, or compared with a literal to decide access",
    docs: "rules/client-controlled-value.md",
  },
  create(context) {
    const { sourceCode } = context;
    if (!sourceCode.hasAnyOf(VISITED)) return NO_VISITORS;
    let values: ClientValues | undefined;
    const get = () => {
      values ??= new ClientValues(sourceCode);
      return values;
    };
    const report = (node: Attribute | { range: PolicyValue["range"] }, message: string) =>
      context.report({ node, message });
    const counterKey = (el: ElementNode, attr: string) => {
      const a = attribute(el, attr);
      if (!a?.value.expression) return;
      const from = get().in(el, a.value)[0];
      if (!from) return;
      report(
        a,
        `the ${attr} of ${el.name} is built from the ${from}, which the client chooses: a new value on every call gets a new counter, so the limit never applies; key on context.Subscription.Id, a validated token's claim or context.Request.IpAddress`,
      );
    };
    const cacheKey = (el: ElementNode) => {
      const a = attribute(el, "key");
      if (!a?.value.expression || get().trusted(el, a.value) || !mayReadClient(a.value.expression.code)) return;
      const tree = sourceCode.expressionTree(a.value.expression);
      const who = get()
        .direct(tree)
        .find((r) => IDENTITY_NAME.test(r.name));
      if (!who) return;
      report(
        a,
        `the cache key of ${el.name} is built from the ${describeClientRead(who)}, which the client chooses: any caller can name someone else's entry and read (or overwrite) it; key on a validated token's claim or context.Subscription.Id`,
      );
    };
    const url = (value: PolicyValue | undefined, where: string) => {
      if (!value?.expression) return;
      const from = hostFromClient(get(), sourceCode.expressionTree(value.expression), value.expression.code);
      if (!from) return;
      report(
        { range: value.range },
        `the host of the URL ${where} comes from the ${describeClientRead(from)}: a client can make the gateway call any host (SSRF), internal ones included, with whatever credentials the call carries; pick the host from a fixed list or a named value`,
      );
    };
    // One object literal with every name written out: neither assigned one by one nor spread from a table, which
    // cost most of this rule's time (src/lint/analysis/element-visitors.ts).
    const visitors: ElementVisitors<typeof VISITED> = {
      "rate-limit-by-key": (el) => counterKey(el, "counter-key"),
      "quota-by-key": (el) => counterKey(el, "counter-key"),
      "limit-concurrency": (el) => counterKey(el, "key"),
      "cache-lookup-value": cacheKey,
      "cache-store-value": cacheKey,
      "send-request"(el) {
        const u = firstChild(el, "set-url");
        url(u ? textValue(u) : undefined, `send-request (line ${el.range.start.line}) calls`);
      },
      "set-backend-service": (el) => url(attribute(el, "base-url")?.value, "of set-backend-service"),
      when(el) {
        const a = attribute(el, "condition");
        // The condition's code first: decidesAccess walks the whole choose, for each of its branches.
        if (!a?.value.expression || !mayReadClient(a.value.expression.code)) return;
        if (!el.parent || !decidesAccess(el.parent)) return;
        const from = comparedToLiteral(get(), sourceCode.expressionTree(a.value.expression), a.value.expression.code);
        if (!from) return;
        report(
          a,
          `access is decided by comparing the ${describeClientRead(from)} with a literal: the client sets that header or query value itself, and the literal is a secret in the policy text; use validate-jwt, a subscription key or check-header against a {{named value}}`,
        );
      },
    };
    return visitors;
  },
};
