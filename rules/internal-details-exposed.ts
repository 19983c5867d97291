// internal-details-exposed: what the client receives tells it how the gateway is built: the backend URL, which
// policy failed and where, an auxiliary service's raw error answer, or every request header (Authorization,
// cookies and keys included). Tokens and LastError.Message are secret-leak's (one finding per problem).
import { mayHoldEscape, mayName } from "../src/lint/analysis/code-words.js";
import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { memberChains } from "../src/lint/analysis/expressions.js";
import { attributeText, sectionOf } from "../src/lint/analysis/nodes.js";
import type { CodeRead } from "../src/lint/analysis/variables.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule } from "../src/lint/types.js";
import type { Node, ParsedExpression } from "../src/policy/csharp/ast.js";
import { walk } from "../src/policy/csharp/walk.js";
import type { ElementNode, Expression } from "../src/policy/model.js";
import {
  clientVisible,
  codeValues,
  isRequestHeaders,
  parents,
  sinkParts,
  someCodeWithValues,
} from "./security-sinks.js";

/** LastError members that locate the failure inside the gateway (Message: secret-leak). */
const LAST_ERROR_INTERNAL = new Set(["Source", "Path"]);
/** Members of context.Request.Url that give the host away (Path and Query are mostly what the client sent). */
const URL_HOST = new Set(["Host", "Port", "ToString", "ToUri"]);
/** What may follow `context.Request.Headers` without taking every header: a lookup by name, a count, the names. */
const HEADER_LOOKUPS = new Set([
  "GetValueOrDefault",
  "TryGetValue",
  "ContainsKey",
  "Keys",
  "Count",
  "Where",
  "Any",
  "First",
  "FirstOrDefault",
]);
const STATUS = /StatusCode|IsSuccessStatusCode/;

/** `context.LastError.Source` / `.Path`, unless a branch around the sink pinned Source to literals. */
function lastErrorInternal(sourceCode: PolicySourceCode, expr: Expression, sink: ElementNode): string | undefined {
  if (!mayName(expr.code, "LastError")) return undefined;
  for (const chain of memberChains(sourceCode, expr)) {
    const i = chain.indexOf("LastError");
    const member = chain[i + 1] ?? "";
    if (i < 1 || chain[i - 1] !== "context" || !LAST_ERROR_INTERNAL.has(member)) continue;
    if (member === "Source" && sourcePinned(sourceCode, sink)) continue;
    return `context.LastError.${member} (which policy failed, and where)`;
  }
  return undefined;
}

/** `context.LastError.Source` (the whole chain, nothing after it). */
function isLastErrorSource(node: Node): boolean {
  return (
    node.kind === "MemberAccess" &&
    node.name === "Source" &&
    node.object.kind === "MemberAccess" &&
    node.object.name === "LastError" &&
    node.object.object.kind === "Identifier" &&
    node.object.object.name === "context"
  );
}

/**
 * Is the sink inside a `when` whose condition is `context.LastError.Source == "literal"` (or several of those)?
 * Then Source is one of the literals the author chose to name (apimkit's own caller does this for its 502).
 */
function sourcePinned(sourceCode: PolicySourceCode, sink: ElementNode): boolean {
  for (let p = sink.parent; p; p = p.parent) {
    if (p.name !== "when") continue;
    const expr = p.attributes.find((a) => a.name === "condition")?.value.expression;
    if (!(expr && mayName(expr.code, "LastError"))) continue;
    let pinned = false;
    walk(sourceCode.expressionTree(expr).body, (n) => {
      if (n.kind !== "Binary" || n.operator !== "==") return;
      const lit = (x: Node) => x.kind === "Literal" && x.literalKind === "string";
      if ((isLastErrorSource(n.left) && lit(n.right)) || (isLastErrorSource(n.right) && lit(n.left))) pinned = true;
    });
    if (pinned) return true;
  }
  return false;
}

/** `context.Request.Url` as a whole, or its host: in outbound that is the backend's URL ([U], see the docs page). */
function backendUrl(sourceCode: PolicySourceCode, expr: Expression): string | undefined {
  if (!mayName(expr.code, "Url")) return undefined;
  for (const chain of memberChains(sourceCode, expr)) {
    if (chain[0] !== "context" || chain[1] !== "Request" || chain[2] !== "Url") continue;
    const member = chain[3];
    if (member === undefined || URL_HOST.has(member))
      return `context.Request.Url${member ? `.${member}` : ""} (in outbound: the backend's URL)`;
  }
  return undefined;
}

/** `context.Request.Headers` passed on whole (serialised, enumerated, joined) rather than read by name. */
function headerDump(sourceCode: PolicySourceCode, expr: Expression): string | undefined {
  if (!mayName(expr.code, "Headers")) return undefined;
  const tree: ParsedExpression = sourceCode.expressionTree(expr);
  const up = parents(tree);
  let found = false;
  walk(tree.body, (node: Node) => {
    if (found || !isRequestHeaders(node)) return;
    const p = up.get(node);
    if (p?.kind === "ElementAccess" && p.object === node) return; // Headers["x"]
    if (p?.kind === "MemberAccess" && p.object === node && HEADER_LOOKUPS.has(p.name)) return;
    found = true;
  });
  return found ? "every request header (context.Request.Headers, Authorization, cookies and keys included)" : undefined;
}

/** Is the sink on an error path of the send-request whose response `name` holds? */
function onErrorPathOf(sourceCode: PolicySourceCode, sink: ElementNode, name: string): boolean {
  for (let p = sink.parent; p; p = p.parent) {
    if (p.name === "on-error") return true;
    if (p.name !== "when") continue;
    const condition = p.attributes.find((a) => a.name === "condition")?.value;
    const expr = condition?.expression;
    if (!expr || !STATUS.test(expr.code)) continue;
    const reads = sourceCode.variables().codeReadsIn(p);
    if (!reads.some((r) => r.name === name && r.value === condition)) continue;
    // `!= 200`, `>= 400`, `> 299`, `!x.IsSuccessStatusCode`: the branch runs when the call failed.
    let failing = false;
    walk(sourceCode.expressionTree(expr).body, (node) => {
      if (node.kind === "Binary" && (node.operator === "!=" || node.operator === ">=" || node.operator === ">"))
        failing = true;
      if (node.kind === "Unary" && node.operator === "!") failing = true;
    });
    if (failing) return true;
  }
  return false;
}

/** A read of an auxiliary response's body as it is: `.Body.As<string>()` / `.Body.As<JObject>()` with nothing picked out of it. */
function rawBody(sourceCode: PolicySourceCode, read: CodeRead): boolean {
  if (!mayName(read.expr.code, "Body")) return false; // a name of the code: no tree holds it without the word
  const tree = sourceCode.expressionTree(read.expr);
  const up = parents(tree);
  let raw = false;
  walk(tree.body, (node) => {
    if (node.kind !== "MemberAccess" || node.name !== "As" || node.object.kind !== "MemberAccess") return;
    if (node.object.name !== "Body") return;
    const call = up.get(node);
    if (call?.kind !== "Invocation") return;
    const next = up.get(call);
    // Picked out: ["field"], .SelectToken(...), .Value<T>(...), .Property(...); ToString() keeps it whole.
    if (next?.kind === "ElementAccess" && next.object === call) return;
    if (next?.kind === "MemberAccess" && next.object === call && next.name !== "ToString") return;
    raw = true;
  });
  return raw;
}

/** The elements this rule visits (the visitors object is typed by it). */
const VISITED = ["set-header", "set-body", "set-status"] as const;

export const internalDetailsExposed: Rule = {
  id: "internal-details-exposed",
  meta: {
    severity: "warn",
    category: "security",
    description:
      "The backend URL, LastError.Source/Path, an auxiliary call's raw error body or every request header in the client's response",
    docs: "rules/internal-details-exposed.md",
  },
  create(context) {
    const { sourceCode } = context;
    if (!sourceCode.hasAnyOf(VISITED)) return NO_VISITORS;
    let responses: Map<string, ElementNode> | undefined;
    const sink = (el: ElementNode) => {
      if (!someCodeWithValues(el, exposingCode)) return;
      const where = clientVisible(el);
      if (!where) return;
      if (el.name === "set-header" && attributeText(el, "exists-action") === "delete") return;
      const outbound = sectionOf(el) === "outbound";
      for (const part of sinkParts(el)) {
        for (const value of codeValues(part)) {
          const expr = value.expression!;
          const detail =
            lastErrorInternal(sourceCode, expr, el) ??
            (outbound ? backendUrl(sourceCode, expr) : undefined) ??
            headerDump(sourceCode, expr);
          if (detail) {
            context.report({
              node: { range: value.range },
              message: `${detail} is written into ${targetOf(el, where)}: it tells a caller how the gateway and its backends are built; return a fixed message with the request id and log the details`,
            });
            return;
          }
        }
        for (const read of sourceCode.variables().codeReadsIn(part)) {
          // Only response variables of auxiliary send-requests count here; token responses are secret-leak's (asked
          // second: the token flow is not needed for a read of no response).
          responses ??= sendRequestResponses(sourceCode);
          const call = responses.get(read.name);
          if (!call || sourceCode.tokenFlow().responseVariables.has(read.name)) continue;
          if (!rawBody(sourceCode, read) || !onErrorPathOf(sourceCode, el, read.name)) continue;
          context.report({
            node: { range: read.value.range },
            message: `the raw body of "${read.name}" (send-request line ${call.range.start.line}) is written into ${targetOf(el, where)} on its error path: an auxiliary service's error answer can name hosts, stack traces or keys; return a fixed message with the request id and log the answer`,
          });
          return;
        }
      }
    };
    const visitors: ElementVisitors<typeof VISITED> = { "set-header": sink, "set-body": sink, "set-status": sink };
    return visitors;
  },
};

/**
 * Can code say anything this rule reports? Each detail is a name of the code (LastError, Url, Headers) and a raw body
 * is read from a variable (Variables): most sinks' values are literals or say none of these.
 */
function exposingCode(code: string): boolean {
  return (
    code.includes("LastError") ||
    code.includes("Url") ||
    code.includes("Headers") ||
    code.includes("Variables") ||
    mayHoldEscape(code)
  );
}

/** What the client receives the sink's value in (named only for a finding: most sinks carry nothing). */
function targetOf(el: ElementNode, where: string): string {
  const header = el.name === "set-header" ? attributeText(el, "name") : undefined;
  const what = header ? `response header ${header}` : el.name === "set-status" ? "status reason" : "response body";
  return `the ${what} (${where}) the client receives`;
}

/** The response variables of the document's send-requests: name -> the first send-request that sets it. */
function sendRequestResponses(sourceCode: PolicySourceCode): Map<string, ElementNode> {
  const out = new Map<string, ElementNode>();
  for (const d of sourceCode.variables().definitions)
    if (d.kind === "response" && d.element.name === "send-request" && !out.has(d.name)) out.set(d.name, d.element);
  return out;
}
