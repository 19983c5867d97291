// Where APIM reads the token from, per validate-jwt's header-name / query-parameter-name / token-value. A token-value
// expression is read from its syntax tree and understood only in its simple, common forms; anything else is
// reported as not evaluable.
import type { Expression as Expr } from "../policy/csharp/ast.js";
import { parseExpressionText } from "../policy/csharp/index.js";
import { constantString, variableUses } from "../policy/csharp/queries.js";
import { describeResolved } from "./named-values.js";
import type { ValidatorSpec } from "./validator-spec.js";

export type TokenSource =
  | { where: "header"; name: string; scheme?: string; afterLastSpace?: boolean }
  | { where: "query"; name: string }
  | { where: "variable"; name: string }
  | { where: "unknown"; why: string };

/** `context.Request.<path...>` exactly: the member names after `Request`, else undefined. */
function requestPath(node: Expr): string[] | undefined {
  const path: string[] = [];
  let n = node;
  while (n.kind === "MemberAccess" && !n.conditional) {
    path.unshift(n.name);
    n = n.object;
  }
  if (n.kind !== "Identifier" || n.name !== "context" || path[0] !== "Request") return undefined;
  return path.slice(1);
}

/** `<dictionary>.GetValueOrDefault("name"[, "default"])` on `context.Request.<path>`: the name, else undefined. */
function getValueOrDefault(node: Expr, path: string): string | undefined {
  if (node.kind !== "Invocation" || node.callee.kind !== "MemberAccess") return undefined;
  const callee = node.callee;
  if (callee.name !== "GetValueOrDefault" || callee.typeArguments.length > 0) return undefined;
  if (requestPath(callee.object)?.join(".") !== path) return undefined;
  if (node.arguments.length < 1 || node.arguments.length > 2) return undefined;
  if (node.arguments.some((a) => a.name !== undefined || a.modifier !== undefined)) return undefined;
  const names = node.arguments.map((a) => constantString(a.value));
  return names.every((n) => n !== undefined) ? names[0] : undefined;
}

/** A call `<object>.<method>(args)` with the given method name: its object and arguments. */
function methodCall(node: Expr, method: string): { object: Expr; args: Expr[] } | undefined {
  if (node.kind !== "Invocation" || node.callee.kind !== "MemberAccess" || node.callee.name !== method)
    return undefined;
  return { object: node.callee.object, args: node.arguments.map((a) => a.value) };
}

/** The header read under a suffix that strips a "Bearer " prefix (`.Split(' ').Last()`, `.Replace("Bearer ", "")`, `.Substring(7)`). */
function strippedOf(node: Expr): Expr | undefined {
  const last = methodCall(node, "Last");
  if (last && last.args.length === 0) {
    const split = methodCall(last.object, "Split");
    const sep = split?.args.length === 1 ? split.args[0]! : undefined;
    if (sep?.kind === "Literal" && (sep.literalKind === "char" || sep.literalKind === "string") && sep.value === " ") {
      return split!.object;
    }
  }
  const replace = methodCall(node, "Replace");
  if (replace?.args.length === 2) {
    const [from, to] = replace.args.map(constantString);
    if (from?.toLowerCase() === "bearer " && to === "") return replace.object;
  }
  const substring = methodCall(node, "Substring");
  const n = substring?.args.length === 1 ? substring.args[0]! : undefined;
  if (n?.kind === "Literal" && n.literalKind === "number" && n.value === "7") return substring!.object;
  return undefined;
}

function unparenthesized(node: Expr): Expr {
  let n = node;
  while (n.kind === "Parenthesized") n = n.expression;
  return n;
}

/** `(string)context.Variables["x"]` or `context.Variables.GetValueOrDefault<string>("x"[, "d"])`: x, else undefined. */
function stringVariable(node: Expr): string | undefined {
  if (node.kind === "Cast" && node.type.name === "string" && node.type.typeArguments.length === 0) {
    const inner = unparenthesized(node.expression);
    const read = variableUses({ form: "inline", body: inner, diagnostics: [] }).reads[0];
    return read?.kind === "indexer" && read.start === inner.start && read.end === inner.end ? read.name : undefined;
  }
  if (node.kind === "Invocation" && node.callee.kind === "MemberAccess" && node.callee.name === "GetValueOrDefault") {
    const t = node.callee.typeArguments;
    if (t.length !== 1 || t[0]!.name !== "string" || node.arguments.length > 2) return undefined;
    const read = variableUses({ form: "inline", body: node, diagnostics: [] }).reads[0];
    return read && node.arguments.every((a) => constantString(a.value) !== undefined) ? read.name : undefined;
  }
  return undefined;
}

/** Reads a simple token-value expression: `@(context.Request.Headers.GetValueOrDefault("X",""))` and friends. */
export function readTokenValueExpression(expression: string): TokenSource {
  const parsed = parseExpressionText(expression.trim());
  if (parsed.form !== "inline" || !expression.trim().startsWith("@(")) {
    return { where: "unknown", why: "a multi-statement expression" };
  }
  if (parsed.diagnostics.some((d) => d.severity === "error")) {
    return { where: "unknown", why: "the expression is not valid C#" };
  }
  const body = unparenthesized(parsed.body as Expr);
  const header = getValueOrDefault(body, "Headers");
  if (header !== undefined) return { where: "header", name: header };
  const stripped = strippedOf(body);
  const strippedHeader = stripped ? getValueOrDefault(stripped, "Headers") : undefined;
  if (strippedHeader !== undefined) return { where: "header", name: strippedHeader, afterLastSpace: true };
  const transformed = headerUnder(body);
  if (transformed) {
    const rest = expression.trim().slice(transformed.end, body.end).trim();
    return { where: "unknown", why: `reads header ${transformed.name} then transforms it (${rest})` };
  }
  const query = getValueOrDefault(body, "Url.Query");
  if (query !== undefined) return { where: "query", name: query };
  const variable = stringVariable(body);
  if (variable !== undefined) return { where: "variable", name: variable };
  return { where: "unknown", why: "not one of the simple forms apimkit understands" };
}

/** The header read that a chain of calls and member accesses starts from (`...GetValueOrDefault("X").Trim()`). */
function headerUnder(node: Expr): { name: string; end: number } | undefined {
  let n: Expr = node;
  for (;;) {
    const name = getValueOrDefault(n, "Headers");
    if (name !== undefined) return n === node ? undefined : { name, end: n.end };
    if (n.kind === "Invocation") n = n.callee;
    else if (n.kind === "MemberAccess") n = n.object;
    else return undefined;
  }
}

export function tokenSourceOf(spec: ValidatorSpec): TokenSource {
  if (spec.tokenValue) {
    if (spec.tokenValue.ok) return { where: "unknown", why: "token-value is a fixed text, not read from the request" };
    if (spec.tokenValue.why.startsWith("a policy expression")) return readTokenValueExpression(spec.tokenValue.raw);
    return { where: "unknown", why: `token-value: ${describeResolved(spec.tokenValue)}` };
  }
  if (spec.queryParameterName) {
    return spec.queryParameterName.ok
      ? { where: "query", name: spec.queryParameterName.value }
      : { where: "unknown", why: `query-parameter-name: ${describeResolved(spec.queryParameterName)}` };
  }
  if (spec.headerName) {
    if (!spec.headerName.ok) return { where: "unknown", why: `header-name: ${describeResolved(spec.headerName)}` };
    const name = spec.headerName.value;
    // require-scheme only applies to the Authorization header (apim-reference §3).
    if (name.toLowerCase() === "authorization") {
      const scheme = spec.requireScheme?.ok ? spec.requireScheme.value : undefined;
      return { where: "header", name, scheme, afterLastSpace: true };
    }
    return { where: "header", name };
  }
  return { where: "unknown", why: "the element names none of header-name, query-parameter-name, token-value" };
}

export function describeTokenSource(src: TokenSource): string {
  switch (src.where) {
    case "header":
      if (src.scheme) return `header ${src.name}: "${src.scheme} <token>"`;
      return src.afterLastSpace
        ? `header ${src.name}: "[scheme ]<token>"`
        : `header ${src.name}: "<token>" (no scheme)`;
    case "query":
      return `query parameter ${src.name}=<token>`;
    case "variable":
      return `variable "${src.name}" (set earlier in the policy)`;
    case "unknown":
      return `cannot evaluate where the token is read: ${src.why}`;
  }
}
