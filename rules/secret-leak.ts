// secret-leak: tokens, assertions, token responses or error messages written where they should never be: into what
// the client receives, and (issue 14) into traces, Event Hub logs, metric dimensions, cache keys, and headers sent to
// a third party.

import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { memberChains, type TreeSource } from "../src/lint/analysis/expressions.js";
import { attribute, attributeText, childElements, firstChild } from "../src/lint/analysis/nodes.js";
import { readCarriesToken } from "../src/lint/analysis/token-flow.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { Node } from "../src/policy/csharp/ast.js";
import type { ElementNode, Expression, PolicyValue } from "../src/policy/model.js";
import { clientReads, clientVisible, codeValues, literalHost, parents, sinkParts } from "./security-sinks.js";

/**
 * LastError members that do not quote data. Message is free text that may quote the failing response; Source and
 * Path are internal details but no secret (internal-details-exposed reports those).
 */
const LAST_ERROR_SAFE = new Set(["Source", "Reason", "Scope", "Section", "Path", "PolicyId"]);
/** Variable names that say they hold a credential (for values that did not come through a tracked flow). */
const SECRET_NAME = /token|assertion|secret|bearer|password|credential/i;
/** ...unless the name says it holds something about the credential rather than the credential (tokenExpiresIn). */
const ABOUT_SECRET = /expir|duration|ttl|lifetime|type|count|length|status|endpoint|issued|refresh-?at|(url|uri)$/i;
/** A sink expression without any of these reads nothing this rule looks for. */
const SUSPECT = /Variables|LastError|Authorization/;
const SINK_NAMES: ReadonlySet<string> = new Set(["set-header", "set-body", "set-status"]);
const CACHE_ELEMENTS = ["cache-lookup-value", "cache-store-value", "cache-remove-value"];
/** The elements this rule visits (the visitors object is typed by it). */
const VISITED = [
  "return-response",
  "set-header",
  "set-body",
  "set-status",
  "trace",
  "log-to-eventhub",
  "emit-metric",
  "cache-lookup-value",
  "cache-store-value",
  "cache-remove-value",
] as const;
/** Members through which the Authorization header is only inspected or decoded, never passed on as it is. */
const INSPECTIONS = new Set(["StartsWith", "EndsWith", "Contains", "Length", "Equals", "IsNullOrEmpty"]);
const DECODERS = new Set(["AsJwt", "TryParseJwt"]);

export { clientVisible };

/** A place a value goes that is not the backend: what it is called in messages, and what it may carry. */
interface Sink {
  /** "the response header X (outbound) the client receives", "a trace message", ... */
  target: string;
  /** Whether LastError.Message counts here (the client's response: yes; a log is where it belongs: no). */
  client: boolean;
  /** The elements whose own values land in the sink. */
  parts: ElementNode[];
  /** Only these attributes of the parts (undefined: every value of the parts). */
  attributes?: readonly string[];
}
export const secretLeak: Rule = {
  id: "secret-leak",
  meta: {
    severity: "error",
    category: "security",
    description:
      "A token, assertion, token response or LastError message sent to the client, a trace, a log, a metric, a cache key or a third party",
    docs: "rules/secret-leak.md",
  },
  create(context) {
    const { sourceCode } = context;
    if (!sourceCode.hasAnyOf(VISITED)) return NO_VISITORS;
    // Whether any sink holds an expression worth looking into; when none does, no sink is judged.
    let anySinkMayLeak: boolean | undefined;
    let jwtOnly: Set<string> | undefined;
    const judge = (sink: Sink) => {
      anySinkMayLeak ??= someSinkMayLeak(sourceCode);
      if (!anySinkMayLeak) return;
      const flow = sourceCode.variables();
      jwtOnly ??= new Set(flow.definitions.filter((d) => d.kind === "jwt").map((d) => d.name));
      const tf = sourceCode.tokenFlow();
      const inScope = (value: PolicyValue, el: ElementNode) =>
        sink.attributes === undefined ||
        el.attributes.some((a) => a.value === value && sink.attributes!.includes(a.name));
      for (const read of sink.parts.flatMap((p) => flow.codeReadsIn(p))) {
        if (!inScope(read.value, read.element)) continue;
        const tracked = tf.tokenVariables.has(read.name);
        const named = SECRET_NAME.test(read.name) && !ABOUT_SECRET.test(read.name) && !jwtOnly.has(read.name);
        // Names first: readCarriesToken looks into the code, and most variables written to a sink are neither.
        if ((!tracked && !named) || !readCarriesToken(sourceCode, read, tf.responseVariables)) continue;
        context.report({
          node: { range: read.value.range },
          message: `"${read.name}" ${tracked ? "holds a token or token response" : "looks like a credential"} and is written into ${sink.target}; ${sink.client ? "never echo tokens, return a fixed message and log details server-side" : "tokens must not leave the gateway except to the API they are for: write the request id or a token's non-secret claims instead"}`,
        });
        return; // one finding per sink: the fix is the same
      }
      for (const part of sink.parts) {
        for (const value of codeValues(part)) {
          if (!inScope(value, part)) continue;
          const expr = value.expression!;
          const leak =
            (sink.client ? lastErrorMessage(sourceCode, expr) : undefined) ?? authorizationEcho(sourceCode, expr);
          if (!leak) continue;
          context.report({
            node: { range: value.range },
            message: sink.client
              ? `${leak} is written into ${sink.target}: it can carry tokens or internal details; return a fixed message and the request id instead`
              : `${leak} is written into ${sink.target}: the bearer token leaves the gateway with it; log the request id or the token's non-secret claims instead`,
          });
          return;
        }
      }
    };
    const clientSink = (el: ElementNode) => {
      const where = clientVisible(el);
      if (where) {
        if (el.name === "set-header" && attributeText(el, "exists-action") === "delete") return;
        const header = el.name === "set-header" ? attributeText(el, "name") : undefined;
        const what = header
          ? `response header ${header}`
          : el.name === "set-status"
            ? "status reason"
            : "response body";
        judge({ target: `the ${what} (${where}) the client receives`, client: true, parts: sinkParts(el) });
        return;
      }
      if (el.name === "set-header") thirdPartyHeader(el);
    };
    // A header of a send-request to something other than a token endpoint: a token belongs in Authorization of the
    // API it was issued for; anywhere else (X-Token, a logging service) it is handed to whoever runs that host.
    const thirdPartyHeader = (el: ElementNode) => {
      const call = el.parent;
      if (!call || (call.name !== "send-request" && call.name !== "send-one-way-request")) return;
      if (sourceCode.tokenFlow().requestByElement.has(call)) return;
      const header = attributeText(el, "name");
      if (!header || header.toLowerCase() === "authorization" || attributeText(el, "exists-action") === "delete")
        return;
      const host = literalHost(call);
      judge({
        target: `header ${header} of the ${call.name} to ${host ?? "another service"} (line ${call.range.start.line})`,
        client: false,
        parts: sinkParts(el),
      });
    };
    const cacheKey = (el: ElementNode) =>
      judge({
        target: `the key of ${el.name} (cache keys are stored and shown in plain text)`,
        client: false,
        parts: [el],
        attributes: ["key"],
      });
    // Every name written out, not spread from a table (src/lint/analysis/element-visitors.ts).
    const visitors: ElementVisitors<typeof VISITED> = {
      "return-response"(el) {
        reportReturnedResponse(context, el);
      },
      "set-header": clientSink,
      "set-body": clientSink,
      "set-status": clientSink,
      trace(el) {
        const message = firstChild(el, "message");
        const parts = [...(message ? [message] : []), ...childElements(el, "metadata")];
        judge({ target: `a trace (${attributeText(el, "source") ?? "trace"})`, client: false, parts });
      },
      "log-to-eventhub"(el) {
        judge({
          target: `an Event Hub log (${attributeText(el, "logger-id") ?? "log-to-eventhub"})`,
          client: false,
          parts: [el],
        });
      },
      "emit-metric"(el) {
        for (const d of childElements(el, "dimension"))
          judge({
            target: `the metric dimension ${attributeText(d, "name") ?? ""} of ${attributeText(el, "name") ?? "emit-metric"}`,
            client: false,
            parts: [d],
            attributes: ["value"],
          });
      },
      "cache-lookup-value": cacheKey,
      "cache-store-value": cacheKey,
      "cache-remove-value": cacheKey,
    };
    return visitors;
  },
};

/** Does any sink element hold a suspect expression (a variable, LastError or Authorization read)? */
function someSinkMayLeak(sourceCode: PolicySourceCode): boolean {
  for (const el of sourceCode.elements()) {
    const sinkLike =
      SINK_NAMES.has(el.name) ||
      el.name === "message" ||
      el.name === "metadata" ||
      el.name === "dimension" ||
      el.name === "log-to-eventhub" ||
      CACHE_ELEMENTS.includes(el.name);
    if (sinkLike && mayLeak(el)) return true;
  }
  return false;
}

/** Does the element (or one of its <value>s) hold an expression that reads a variable, LastError or Authorization? */
function mayLeak(sink: ElementNode): boolean {
  const suspect = (el: ElementNode): boolean => {
    for (const a of el.attributes) if (a.value.kind === "expression" && SUSPECT.test(a.value.text)) return true;
    for (const c of el.children)
      if (c.type === "text" && c.value.kind === "expression" && SUSPECT.test(c.value.text)) return true;
    return false;
  };
  if (suspect(sink)) return true;
  for (const c of sink.children) if (c.type === "element" && c.name === "value" && suspect(c)) return true;
  return false;
}

/** `context.LastError` whole, or a member of it that may quote data (Message). */
function lastErrorMessage(tokens: TreeSource, expr: Expression): string | undefined {
  for (const chain of memberChains(tokens, expr)) {
    const i = chain.indexOf("LastError");
    if (i < 1 || chain[i - 1] !== "context") continue;
    const member = chain[i + 1];
    if (member === undefined) return "context.LastError";
    if (!LAST_ERROR_SAFE.has(member)) return `context.LastError.${member}`;
  }
  return undefined;
}

/**
 * The request's Authorization header passed on as it is. Inspecting it (StartsWith, Length, IsNullOrEmpty) or
 * decoding it to read a claim (`.AsJwt()?.Subject`) passes no token on.
 */
function authorizationEcho(tokens: TreeSource, expr: Expression): string | undefined {
  if (!expr.code.includes("Authorization") && !expr.code.includes("authorization")) return undefined;
  const tree = tokens.expressionTree(expr);
  const reads = clientReads(tree).filter((r) => r.from === "header" && r.name === "authorization");
  if (reads.length === 0) return undefined;
  const up = parents(tree);
  return reads.some((r) => passesOn(r.node, up)) ? "the request's Authorization header (a bearer token)" : undefined;
}

function passesOn(node: Node, up: Map<Node, Node | undefined>): boolean {
  let n: Node = node;
  let p = up.get(n);
  while (p && (p.kind === "Parenthesized" || p.kind === "Cast" || (p.kind === "Binary" && p.operator === "??"))) {
    n = p;
    p = up.get(n);
  }
  if (!p) return true;
  if (p.kind === "MemberAccess" && p.object === n) {
    if (INSPECTIONS.has(p.name)) return false;
    if (DECODERS.has(p.name)) {
      // `.AsJwt()` then a member: a claim or the token's parts, not the token text.
      const call = up.get(p);
      const after = call ? up.get(call) : undefined;
      return !(call?.kind === "Invocation" && after?.kind === "MemberAccess");
    }
  }
  if (p.kind === "Argument") {
    const call = up.get(p);
    if (call?.kind === "Invocation" && call.callee.kind === "MemberAccess" && INSPECTIONS.has(call.callee.name))
      return false;
  }
  return true;
}

/** `<return-response response-variable-name="tokenResp">` sends the token endpoint's whole response to the client. */
function reportReturnedResponse(context: RuleContext, el: ElementNode): void {
  const a = attribute(el, "response-variable-name");
  const name = a?.value.text.trim();
  if (!a || !name || !context.sourceCode.tokenFlow().tokenVariables.has(name)) return;
  context.report({
    node: a,
    message: `return-response sends "${name}", a token response, to the client as it is; return a fixed message instead`,
  });
}
