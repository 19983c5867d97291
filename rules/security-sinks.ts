// What the security rules of issue 14 share: where a value ends up (the client's response, a log, a metric, a cache
// key, a third party), and what in an expression the client controls or a token carries. Answers come from the
// expression trees the per-document object keeps; nothing here parses or keeps state between documents.

import { attributeText, childElements, firstChild, sectionOf, textValue } from "../src/lint/analysis/nodes.js";
import type { Node, ParsedExpression } from "../src/policy/csharp/ast.js";
import { constantString } from "../src/policy/csharp/queries.js";
import { walk } from "../src/policy/csharp/walk.js";
import type { ElementNode, PolicyValue } from "../src/policy/model.js";

const CALLOUTS = new Set(["send-request", "send-one-way-request", "log-to-eventhub", "trace", "emit-metric"]);

/**
 * Is a set-header / set-body / set-status written into what the client receives? Says where ("outbound",
 * "on-error", "return-response"), or undefined when it goes elsewhere (the backend, a send-request, a log).
 */
export function clientVisible(el: ElementNode): string | undefined {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name === "return-response") return "return-response";
    if (CALLOUTS.has(p.name)) return undefined;
  }
  const section = sectionOf(el);
  return section === "outbound" || section === "on-error" ? section : undefined;
}

/** The expression values of an element's own attributes and text. */
export function codeValues(el: ElementNode): PolicyValue[] {
  const out: PolicyValue[] = [];
  for (const a of el.attributes) if (a.value.kind === "expression" && a.value.expression) out.push(a.value);
  for (const c of el.children)
    if (c.type === "text" && c.value.kind === "expression" && c.value.expression) out.push(c.value);
  return out;
}

/** A sink element and the element parts whose values land in it (the element and its <value> children). */
export function sinkParts(el: ElementNode): ElementNode[] {
  return [el, ...childElements(el, "value")];
}

/**
 * Whether the code of one of codeValues(el) passes `test` (only attributes named in `attributes`, when given),
 * without making the list: the rules' pre-checks ask it of every sink of every document.
 */
export function someCode(el: ElementNode, test: (code: string) => boolean, attributes?: readonly string[]): boolean {
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    const expr = a.value.kind === "expression" ? a.value.expression : undefined;
    if (expr && (attributes === undefined || attributes.includes(a.name)) && test(expr.code)) return true;
  }
  if (attributes !== undefined) return false;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const expr = c.type === "text" && c.value.kind === "expression" ? c.value.expression : undefined;
    if (expr && test(expr.code)) return true;
  }
  return false;
}

/** someCode of one of sinkParts(el), without making the list. */
export function someCodeWithValues(el: ElementNode, test: (code: string) => boolean): boolean {
  if (someCode(el, test)) return true;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.type === "element" && c.name === "value" && someCode(c, test)) return true;
  }
  return false;
}

/** Parent of every node of a tree (the walk gives each node its parent once). */
export function parents(parsed: ParsedExpression): Map<Node, Node | undefined> {
  const out = new Map<Node, Node | undefined>();
  walk(parsed.body, (node, parent) => {
    out.set(node, parent);
  });
  return out;
}

/** `context.Request` (or `context.Request.OriginalUrl`'s owner: the client's request as it arrived). */
function isContextRequest(node: Node): boolean {
  return (
    node.kind === "MemberAccess" &&
    node.name === "Request" &&
    node.object.kind === "Identifier" &&
    node.object.name === "context"
  );
}

/** `context.Request.Headers`. */
export function isRequestHeaders(node: Node): boolean {
  return node.kind === "MemberAccess" && node.name === "Headers" && isContextRequest(node.object);
}

/** `context.Request.Url.Query` / `context.Request.OriginalUrl.Query`. */
function isRequestQuery(node: Node): boolean {
  return (
    node.kind === "MemberAccess" &&
    node.name === "Query" &&
    node.object.kind === "MemberAccess" &&
    (node.object.name === "Url" || node.object.name === "OriginalUrl") &&
    isContextRequest(node.object.object)
  );
}

export interface ClientRead {
  /** "header" or "query". */
  from: "header" | "query";
  /** Lower-cased header name, or the query parameter's name as written. */
  name: string;
  /** The access node (`...Headers["x"]`, `...GetValueOrDefault("x", ...)`). */
  node: Node;
}

/**
 * Values of the client's request read by name: `context.Request.Headers["x"]` / `.GetValueOrDefault("x"...)` and
 * the same on `context.Request.Url.Query` / `OriginalUrl.Query`. ContainsKey (presence only) is not a read.
 */
export function clientReads(parsed: ParsedExpression): ClientRead[] {
  const out: ClientRead[] = [];
  walk(parsed.body, (node) => {
    let owner: Node | undefined;
    let key: string | undefined;
    if (node.kind === "ElementAccess" && node.arguments.length === 1) {
      owner = node.object;
      key = constantString(node.arguments[0]!.value);
    } else if (
      node.kind === "Invocation" &&
      node.callee.kind === "MemberAccess" &&
      node.callee.name === "GetValueOrDefault"
    ) {
      owner = node.callee.object;
      key = constantString(node.arguments[0]?.value);
    }
    if (owner === undefined || key === undefined) return;
    if (isRequestHeaders(owner)) out.push({ from: "header", name: key.toLowerCase(), node });
    else if (isRequestQuery(owner)) out.push({ from: "query", name: key, node });
  });
  return out;
}

/** Headers whose value APIM itself checks or that carry a credential (other rules judge those). */
const NOT_CLIENT_CHOICE = new Set(["authorization", "ocp-apim-subscription-key"]);

/**
 * The client reads that are a plain choice of the client: not a credential APIM or a validator checks, and not a
 * token decoded with AsJwt() / TryParseJwt() (what its claims decide is jwt-claims-unvalidated's).
 */
export function clientChosenReads(parsed: ParsedExpression): ClientRead[] {
  const reads = clientReads(parsed).filter((r) => !(r.from === "header" && NOT_CLIENT_CHOICE.has(r.name)));
  if (reads.length === 0) return reads;
  const up = parents(parsed);
  return reads.filter((r) => !decodedAsToken(r.node, up));
}

function decodedAsToken(node: Node, up: Map<Node, Node | undefined>): boolean {
  let n = node;
  let p = up.get(n);
  while (p && (p.kind === "Parenthesized" || p.kind === "Cast" || (p.kind === "Binary" && p.operator === "??"))) {
    n = p;
    p = up.get(n);
  }
  return p?.kind === "MemberAccess" && p.object === n && (p.name === "AsJwt" || p.name === "TryParseJwt");
}

/** Describes a client read for a message: `header X-User` / `query parameter tenant`. */
export function describeClientRead(r: ClientRead): string {
  return r.from === "header" ? `request header "${r.name}"` : `query parameter "${r.name}"`;
}

/** The literal host of a send-request's URL (lower case), or undefined when code or a named value decides it. */
export function literalHost(sendRequest: ElementNode): string | undefined {
  const urlEl = firstChild(sendRequest, "set-url");
  const url = urlEl ? textValue(urlEl) : undefined;
  if (!url || url.kind === "expression" || url.text.includes("{{")) return undefined;
  const m = /^\s*https?:\/\/([^/?#\s:]+)/i.exec(url.text);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Is this element inside an element named `name` (or is it)? */
export function within(el: ElementNode, name: string): ElementNode | undefined {
  for (let p: ElementNode | undefined = el; p; p = p.parent) if (p.name === name) return p;
  return undefined;
}

/** The trimmed name attribute (headers, dimensions, metadata). */
export function nameOf(el: ElementNode): string | undefined {
  return attributeText(el, "name");
}
