// Where tokens come from and where they go on the caller side: token-endpoint send-requests, managed-identity
// tokens, assertions passed as client_assertion, and every variable that ends up holding a token.
import type { ElementNode, PolicyValue } from "../../policy/model.js";
import { NAMED_VALUE } from "../../policy/values.js";
import type { PolicySourceCode } from "../source-code.js";
import { LOGIN_HOSTS } from "./entra.js";
import { identifiers, stringIndexers, type TreeSource, valueTexts } from "./expressions.js";
import { attribute, attributeText, firstChild, textValue } from "./nodes.js";
import type { CodeRead } from "./variables.js";

const URL = /^\s*(https?):\/\/([^/?#\s]*)([^?#\s]*)/i;
const TOKEN_PATH = /\/oauth2\/|\/connect\/token\b|\/token\/?$/i;
const TOKEN_NAMED_VALUE = /token|oauth|sts|login|authori[sz]ation-?server/i;
const TOKEN_BODY = /grant_type=|client_assertion=|client_secret=/i;
/** A URL that is one `{{named value}}` and maybe a path after it. */
const NAMED_VALUE_URL = new RegExp(String.raw`^\s*${NAMED_VALUE.source}(\S*)$`);

/** Is this URL text (literal, `{{named value}}` form, or an expression's string literals) a token endpoint? */
export function isTokenEndpointText(text: string): boolean {
  const m = URL.exec(text);
  if (m) {
    const host = m[2]!.toLowerCase();
    if (LOGIN_HOSTS.has(host) || host.endsWith(".b2clogin.com") || host.endsWith(".ciamlogin.com")) return true;
    return TOKEN_PATH.test(m[3]!);
  }
  // No scheme: the whole URL comes from a named value or from code. Judge by the named value's name or the path.
  const nv = NAMED_VALUE_URL.exec(text);
  if (nv) return TOKEN_NAMED_VALUE.test(nv[1]!) || TOKEN_PATH.test(nv[2]!);
  return /\/oauth2\/v2\.0\/token|\/oauth2\/token/i.test(text);
}

export function isTokenEndpoint(tokens: TreeSource, value: PolicyValue | undefined): boolean {
  return value !== undefined && isTokenEndpointText(valueTexts(tokens, value));
}

export interface TokenRequest {
  element: ElementNode;
  responseVariable?: string;
  url?: PolicyValue;
  body?: PolicyValue;
  /** True when the URL is a token endpoint (not only a token-shaped body). */
  endpoint: boolean;
}

/** send-requests that call a token endpoint or post an OAuth token request body. */
export function tokenRequests(source: PolicySourceCode): TokenRequest[] {
  const out: TokenRequest[] = [];
  for (const el of source.elementsNamed("send-request")) {
    const urlEl = firstChild(el, "set-url");
    const url = urlEl ? textValue(urlEl) : undefined;
    const bodyEl = firstChild(el, "set-body");
    const body = bodyEl ? textValue(bodyEl) : undefined;
    const endpoint = isTokenEndpoint(source, url);
    if (endpoint || (body && TOKEN_BODY.test(valueTexts(source, body)))) {
      out.push({ element: el, responseVariable: attributeText(el, "response-variable-name"), url, body, endpoint });
    }
  }
  return out;
}

/** authentication-managed-identity elements that put their token in a variable (name -> element). */
export function managedIdentityTokens(source: PolicySourceCode): Map<string, ElementNode> {
  const out = new Map<string, ElementNode>();
  for (const el of source.elementsNamed("authentication-managed-identity")) {
    const v = attributeText(el, "output-token-variable-name");
    if (v) out.set(v, el);
  }
  return out;
}

/** JSON fields of a token response that are safe to read and show (no token in them). */
const SAFE_FIELDS = new Set([
  "error",
  "error_description",
  "error_codes",
  "error_uri",
  "suberror",
  "correlation_id",
  "trace_id",
  "timestamp",
  "expires_in",
  "ext_expires_in",
  "expires_on",
  "token_type",
]);
const SECRET_FIELDS = /^(access_token|id_token|refresh_token|client_secret|client_assertion|assertion)$/i;

/**
 * Does this read of a token-holding variable pass a token on? ContainsKey, `.StatusCode` of a response, and
 * projections onto error / expiry fields do not.
 */
export function readCarriesToken(tokens: TreeSource, read: CodeRead, responseVariables: ReadonlySet<string>): boolean {
  if (read.kind === "contains") return false;
  const indexers = stringIndexers(tokens, read.expr).filter((s) => s !== read.name);
  if (indexers.some((s) => SECRET_FIELDS.test(s))) return true;
  if (responseVariables.has(read.name) && !identifiers(tokens, read.expr).has("Body")) return false;
  if (indexers.length > 0 && indexers.every((s) => SAFE_FIELDS.has(s.toLowerCase()))) return false;
  return true;
}

export interface TokenFlow {
  requests: TokenRequest[];
  /** The token request a send-request element is, if it is one. */
  requestByElement: ReadonlyMap<ElementNode, TokenRequest>;
  /** Managed-identity output variables. */
  managedIdentity: Map<string, ElementNode>;
  /** Response variables of token requests (and of send-requests that only exist to fetch a MI token). */
  responseVariables: Set<string>;
  /** Every variable that holds a token, an assertion or a token response (seeds and what is derived from them). */
  tokenVariables: Set<string>;
}

export function analyseTokenFlow(source: PolicySourceCode): TokenFlow {
  const requests = tokenRequests(source);
  const managedIdentity = managedIdentityTokens(source);
  const responseVariables = new Set<string>();
  for (const r of requests) if (r.responseVariable) responseVariables.add(r.responseVariable);
  const tokenVariables = source
    .variables()
    .derivedFrom([...responseVariables, ...managedIdentity.keys()], (read) =>
      readCarriesToken(source, read, responseVariables),
    );
  const requestByElement = new Map<ElementNode, TokenRequest>();
  for (const r of requests) requestByElement.set(r.element, r);
  return { requests, requestByElement, managedIdentity, responseVariables, tokenVariables };
}

/**
 * Managed-identity tokens sent as `client_assertion` in a token request's body: which request, which MI element.
 * The body must mention client_assertion and read a variable derived from the MI output variable.
 */
export function assertionUses(
  source: PolicySourceCode,
): { request: TokenRequest; managedIdentity: ElementNode; variable: string }[] {
  const tokenFlow = source.tokenFlow();
  const flow = source.variables();
  const out: { request: TokenRequest; managedIdentity: ElementNode; variable: string }[] = [];
  for (const [variable, mi] of tokenFlow.managedIdentity) {
    const carriers = flow.derivedFrom([variable], (read) => readCarriesToken(source, read, new Set()));
    for (const request of tokenFlow.requests) {
      if (!request.body || !/client_assertion/i.test(valueTexts(source, request.body))) continue;
      const bodyEl = firstChild(request.element, "set-body")!;
      const readsCarrier = flow.codeReadsIn(bodyEl).some((r) => carriers.has(r.name));
      const inline = request.body.kind !== "expression" && request.body.text.includes(variable);
      if (readsCarrier || inline) out.push({ request, managedIdentity: mi, variable });
    }
  }
  return out;
}

export function isTrue(el: ElementNode, name: string): boolean {
  const a = attribute(el, name);
  return a !== undefined && a.value.kind === "literal" && a.value.text.trim().toLowerCase() === "true";
}
