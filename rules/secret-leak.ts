// secret-leak: tokens, assertions, token responses or error messages written where they should never be: into what
// the client receives, and (issue 14) into traces, Event Hub logs, metric dimensions, cache keys, and headers sent to
// a third party.

import { mayHoldEscape, mayName } from "../src/lint/analysis/code-words.js";
import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { memberChains, type TreeSource } from "../src/lint/analysis/expressions.js";
import { attribute, attributeText, childElements, firstChild } from "../src/lint/analysis/nodes.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { Node } from "../src/policy/csharp/ast.js";
import type { ElementNode, Expression, PolicyValue, Range } from "../src/policy/model.js";
import {
  clientReads,
  clientVisible,
  literalHost,
  parents,
  sinkParts,
  someCode,
  someCodeWithValues,
} from "./security-sinks.js";

/**
 * LastError members that do not quote data. Message is free text that may quote the failing response; Source and
 * Path are internal details but no secret (internal-details-exposed reports those).
 */
const LAST_ERROR_SAFE = new Set(["Source", "Reason", "Scope", "Section", "Path", "PolicyId"]);
/** Variable names that say they hold a credential (for values that did not come through a tracked flow). */
const SECRET_NAME = /token|assertion|secret|bearer|password|credential/i;
/** ...unless the name says it holds something about the credential rather than the credential (tokenExpiresIn). */
const ABOUT_SECRET = /expir|duration|ttl|lifetime|type|count|length|status|endpoint|issued|refresh-?at|(url|uri)$/i;
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

/** What a sink was found to carry: the value written there, and what it is. */
interface Leak {
  range: Range;
  /** A variable read: its name, and whether the token flow says it holds a token (else its name does). */
  variable?: string;
  tracked?: boolean;
  /** Else the expression read: `context.LastError.Message`, the Authorization header. */
  what?: string;
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
    const mayLeakHere = () => {
      anySinkMayLeak ??= someSinkMayLeak(sourceCode);
      return anySinkMayLeak;
    };
    let jwtOnly: Set<string> | undefined;
    /**
     * The first token, credential, LastError message or Authorization header written into the parts of a sink
     * (only their `attributes` when given); `client`: the sink is the client's response (LastError.Message counts).
     */
    const judge = (parts: readonly ElementNode[], attributes: readonly string[] | undefined, client: boolean) => {
      // The sink's own code first, then the document's sinks (computed once).
      if (!partsMayLeak(parts, attributes) || !mayLeakHere()) return undefined;
      const flow = sourceCode.variables();
      for (let i = 0; i < parts.length; i++) {
        const reads = flow.codeReadsIn(parts[i]!);
        for (let j = 0; j < reads.length; j++) {
          const read = reads[j]!;
          if (attributes !== undefined && !inAttributes(read.value, read.element, attributes)) continue;
          const tf = sourceCode.tokenFlow();
          jwtOnly ??= new Set(flow.definitions.filter((d) => d.kind === "jwt").map((d) => d.name));
          const tracked = tf.tokenVariables.has(read.name);
          const named = SECRET_NAME.test(read.name) && !ABOUT_SECRET.test(read.name) && !jwtOnly.has(read.name);
          // Names first: readCarriesToken looks into the code, and most variables written to a sink are neither.
          if ((!tracked && !named) || !tf.carriesToken(read)) continue;
          return { range: read.value.range, variable: read.name, tracked } satisfies Leak; // one finding per sink
        }
      }
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        // The part's expression values, attributes first, then its text (codeValues' order).
        const attrs = part.attributes;
        for (let j = 0; j < attrs.length; j++) {
          const a = attrs[j]!;
          if (a.value.kind !== "expression" || !a.value.expression) continue;
          if (attributes !== undefined && !attributes.includes(a.name)) continue;
          const what = leakIn(sourceCode, a.value.expression, client);
          if (what) return { range: a.value.range, what } satisfies Leak;
        }
        if (attributes !== undefined) continue; // text is no attribute
        const kids = part.children;
        for (let j = 0; j < kids.length; j++) {
          const c = kids[j]!;
          if (c.type !== "text" || c.value.kind !== "expression" || !c.value.expression) continue;
          const what = leakIn(sourceCode, c.value.expression, client);
          if (what) return { range: c.value.range, what } satisfies Leak;
        }
      }
      return undefined;
    };
    // The target is named only for a finding: most sinks carry nothing.
    const report = (leak: Leak, target: string, client: boolean) => {
      if (leak.variable !== undefined) {
        context.report({
          node: { range: leak.range },
          message: `"${leak.variable}" ${leak.tracked ? "holds a token or token response" : "looks like a credential"} and is written into ${target}; ${client ? "never echo tokens, return a fixed message and log details server-side" : "tokens must not leave the gateway except to the API they are for: write the request id or a token's non-secret claims instead"}`,
        });
        return;
      }
      context.report({
        node: { range: leak.range },
        message: client
          ? `${leak.what} is written into ${target}: it can carry tokens or internal details; return a fixed message and the request id instead`
          : `${leak.what} is written into ${target}: the bearer token leaves the gateway with it; log the request id or the token's non-secret claims instead`,
      });
    };
    const clientSink = (el: ElementNode) => {
      // Both ways below judge the sink's parts: without suspect code in them, neither can report.
      if (!partsMayLeak(sinkParts(el), undefined)) return;
      const where = clientVisible(el);
      if (where) {
        if (el.name === "set-header" && attributeText(el, "exists-action") === "delete") return;
        const leak = judge(sinkParts(el), undefined, true);
        if (!leak) return;
        const header = el.name === "set-header" ? attributeText(el, "name") : undefined;
        const what = header
          ? `response header ${header}`
          : el.name === "set-status"
            ? "status reason"
            : "response body";
        report(leak, `the ${what} (${where}) the client receives`, true);
        return;
      }
      if (el.name === "set-header") thirdPartyHeader(el);
    };
    // A header of a send-request to something other than a token endpoint: a token belongs in Authorization of the
    // API it was issued for; anywhere else (X-Token, a logging service) it is handed to whoever runs that host.
    const thirdPartyHeader = (el: ElementNode) => {
      const call = el.parent;
      if (!call || (call.name !== "send-request" && call.name !== "send-one-way-request")) return;
      const header = attributeText(el, "name");
      if (!header || header.toLowerCase() === "authorization" || attributeText(el, "exists-action") === "delete")
        return;
      const parts = sinkParts(el);
      // The token flow only for a header that can leak at all.
      if (!partsMayLeak(parts, undefined) || !mayLeakHere() || sourceCode.tokenFlow().requestByElement.has(call))
        return;
      const leak = judge(parts, undefined, false);
      if (!leak) return;
      const host = literalHost(call);
      report(
        leak,
        `header ${header} of the ${call.name} to ${host ?? "another service"} (line ${call.range.start.line})`,
        false,
      );
    };
    const cacheKey = (el: ElementNode) => {
      const leak = judge([el], KEY, false);
      if (leak) report(leak, `the key of ${el.name} (cache keys are stored and shown in plain text)`, false);
    };
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
        const leak = judge(parts, undefined, false);
        if (leak) report(leak, `a trace (${attributeText(el, "source") ?? "trace"})`, false);
      },
      "log-to-eventhub"(el) {
        const leak = judge([el], undefined, false);
        if (leak) report(leak, `an Event Hub log (${attributeText(el, "logger-id") ?? "log-to-eventhub"})`, false);
      },
      "emit-metric"(el) {
        for (const d of childElements(el, "dimension")) {
          const leak = judge([d], VALUE, false);
          if (leak)
            report(
              leak,
              `the metric dimension ${attributeText(d, "name") ?? ""} of ${attributeText(el, "name") ?? "emit-metric"}`,
              false,
            );
        }
      },
      "cache-lookup-value": cacheKey,
      "cache-store-value": cacheKey,
      "cache-remove-value": cacheKey,
    };
    return visitors;
  },
};

const KEY: readonly string[] = ["key"];
const VALUE: readonly string[] = ["value"];

/** Is `value` one of `el`'s attributes named in `attributes`? */
function inAttributes(value: PolicyValue, el: ElementNode, attributes: readonly string[]): boolean {
  return el.attributes.some((a) => a.value === value && attributes.includes(a.name));
}

/**
 * Can the parts of a sink carry anything judge looks for? A variable read needs `Variables` in the code (the variable
 * analysis reads no other code), a LastError member `LastError`, the Authorization header that name in any case: a
 * sink whose code says none of these is not judged.
 */
function partsMayLeak(parts: readonly ElementNode[], attributes: readonly string[] | undefined): boolean {
  for (let i = 0; i < parts.length; i++) if (someCode(parts[i]!, suspectCode, attributes)) return true;
  return false;
}

function suspectCode(code: string): boolean {
  return code.includes("Variables") || code.includes("LastError") || AUTHORIZATION.test(code) || mayHoldEscape(code);
}

/** A header name is case-insensitive: `"AUTHORIZATION"` reads the same bearer token. */
const AUTHORIZATION = /authorization/i;

/** LastError's message (a sink of the client's) or the Authorization header passed on, in one expression. */
function leakIn(sourceCode: PolicySourceCode, expr: Expression, client: boolean): string | undefined {
  return (client ? lastErrorMessage(sourceCode, expr) : undefined) ?? authorizationEcho(sourceCode, expr);
}

/** The elements someSinkMayLeak looks into: sinks, and the children whose values land in one. */
const SINK_LIKE: ReadonlySet<string> = new Set([
  ...SINK_NAMES,
  "message",
  "metadata",
  "dimension",
  "log-to-eventhub",
  ...CACHE_ELEMENTS,
]);

/** Does any sink element hold a suspect expression (a variable, LastError or Authorization read)? */
function someSinkMayLeak(sourceCode: PolicySourceCode): boolean {
  const elements = sourceCode.elements();
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (SINK_LIKE.has(el.name) && someCodeWithValues(el, suspectCode)) return true;
  }
  return false;
}

/** `context.LastError` whole, or a member of it that may quote data (Message). */
function lastErrorMessage(tokens: TreeSource, expr: Expression): string | undefined {
  // LastError is a name in the code: without the word, no chain holds it.
  if (!mayName(expr.code, "LastError")) return undefined;
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
  if (!(AUTHORIZATION.test(expr.code) || mayHoldEscape(expr.code))) return undefined;
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
