// Where APIM reads the token from, per validate-jwt's header-name / query-parameter-name / token-value. A token-value
// expression is understood only in its simple, common forms; anything else is reported as not evaluable.
import { describeResolved } from "./named-values.js";
import type { ValidatorSpec } from "./validator-spec.js";

export type TokenSource =
  | { where: "header"; name: string; scheme?: string; afterLastSpace?: boolean }
  | { where: "query"; name: string }
  | { where: "variable"; name: string }
  | { where: "unknown"; why: string };

const STR = String.raw`"((?:[^"\\]|\\.)*)"`;
const HEADER_GET = new RegExp(
  String.raw`^context\.Request\.Headers\.GetValueOrDefault\(\s*${STR}\s*(?:,\s*${STR}\s*)?\)(.*)$`,
);
const QUERY_GET = new RegExp(
  String.raw`^context\.Request\.Url\.Query\.GetValueOrDefault\(\s*${STR}\s*(?:,\s*${STR}\s*)?\)$`,
);
const VARIABLE_GET = new RegExp(
  String.raw`^(?:\(string\)\s*context\.Variables\[\s*${STR}\s*\]|context\.Variables\.GetValueOrDefault<string>\(\s*${STR}\s*(?:,\s*${STR}\s*)?\))$`,
);
/** Suffixes that strip a "Bearer " prefix from a header value. */
const SCHEME_STRIPPERS = [
  /^\.Split\(\s*'\s'\s*\)\.Last\(\)$/,
  /^\.Split\(\s*" "\s*\)\.Last\(\)$/,
  /^\.Replace\(\s*"Bearer "\s*,\s*""\s*\)$/i,
  /^\.Substring\(\s*7\s*\)$/,
];

/** Reads a simple token-value expression: `@(context.Request.Headers.GetValueOrDefault("X",""))` and friends. */
export function readTokenValueExpression(expression: string): TokenSource {
  const m = /^@\(([\s\S]*)\)$/.exec(expression.trim());
  if (!m) return { where: "unknown", why: "a multi-statement expression" };
  const code = m[1]!.trim();
  const header = HEADER_GET.exec(code);
  if (header) {
    const rest = header[3]!.trim();
    if (rest === "") return { where: "header", name: header[1]! };
    if (SCHEME_STRIPPERS.some((re) => re.test(rest)))
      return { where: "header", name: header[1]!, afterLastSpace: true };
    return { where: "unknown", why: `reads header ${header[1]} then transforms it (${rest})` };
  }
  const query = QUERY_GET.exec(code);
  if (query) return { where: "query", name: query[1]! };
  const variable = VARIABLE_GET.exec(code);
  if (variable) return { where: "variable", name: (variable[1] ?? variable[2])! };
  return { where: "unknown", why: "not one of the simple forms apimkit understands" };
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
