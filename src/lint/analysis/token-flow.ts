// Where tokens come from and where they go on the caller side: token-endpoint send-requests, managed-identity
// tokens, assertions passed as client_assertion, and every variable that ends up holding a token.
import { forEachStringIndexer } from "../../policy/csharp/queries.js";
import type { ElementNode, PolicyValue } from "../../policy/model.js";
import { NAMED_VALUE } from "../../policy/values.js";
import type { PolicySourceCode } from "../source-code.js";
import { mayName } from "./code-words.js";
import { LOGIN_HOSTS } from "./entra.js";
import { identifiers, type TreeSource, valueTexts } from "./expressions.js";
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
  // The string indexers other than the variable's own name, in one walk: only whether any is a secret field and
  // whether all are safe ones matter, not their order or their list.
  let secret = false;
  let count = 0;
  let allSafe = true;
  const name = read.name;
  forEachStringIndexer(tokens.expressionTree(read.expr), (key) => {
    if (key === name) return;
    count++;
    if (SECRET_FIELDS.test(key)) secret = true;
    if (!SAFE_FIELDS.has(key.toLowerCase())) allSafe = false;
  });
  if (secret) return true;
  // `Body` is a name in the code: without the word in it, no tree holds it.
  if (responseVariables.has(name) && !(mayName(read.expr.code, "Body") && identifiers(tokens, read.expr).has("Body")))
    return false;
  if (count > 0 && allSafe) return false;
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
  readonly tokenVariables: Set<string>;
  /** readCarriesToken(read, responseVariables), answered once per read: several rules follow the same reads. */
  carriesToken(read: CodeRead): boolean;
}

/**
 * The token flow of a document. tokenVariables follows the variables' flow, which only secret-leak asks for: it is
 * derived on first use, not for every document with a send-request.
 */
class DocumentTokenFlow implements TokenFlow {
  readonly requestByElement = new Map<ElementNode, TokenRequest>();
  readonly responseVariables = new Set<string>();
  private derived?: Set<string>;
  private carries?: Map<CodeRead, boolean>;
  constructor(
    private readonly source: PolicySourceCode,
    readonly requests: TokenRequest[],
    readonly managedIdentity: Map<string, ElementNode>,
  ) {
    for (const r of requests) if (r.responseVariable) this.responseVariables.add(r.responseVariable);
    for (const r of requests) this.requestByElement.set(r.element, r);
  }
  get tokenVariables(): Set<string> {
    if (this.derived === undefined) {
      const { source, responseVariables } = this;
      this.derived = source
        .variables()
        .derivedFrom([...responseVariables, ...this.managedIdentity.keys()], (read) => this.carriesToken(read));
    }
    return this.derived;
  }
  carriesToken(read: CodeRead): boolean {
    this.carries ??= new Map();
    let answer = this.carries.get(read);
    if (answer === undefined) {
      answer = readCarriesToken(this.source, read, this.responseVariables);
      this.carries.set(read, answer);
    }
    return answer;
  }
}

export function analyseTokenFlow(source: PolicySourceCode): TokenFlow {
  return new DocumentTokenFlow(source, tokenRequests(source), managedIdentityTokens(source));
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
  if (tokenFlow.managedIdentity.size === 0) return out;
  // The requests whose body mentions client_assertion, before any flow is followed: most documents have none.
  const assertionRequests = tokenFlow.requests.filter(
    (request) => request.body && /client_assertion/i.test(valueTexts(source, request.body)),
  );
  if (assertionRequests.length === 0) return out;
  for (const [variable, mi] of tokenFlow.managedIdentity) {
    const carriers = flow.derivedFrom([variable], (read) => readCarriesToken(source, read, new Set()));
    for (const request of assertionRequests) {
      const bodyEl = firstChild(request.element, "set-body")!;
      const readsCarrier = flow.codeReadsIn(bodyEl).some((r) => carriers.has(r.name));
      const body = request.body!;
      const inline = body.kind !== "expression" && body.text.includes(variable);
      if (readsCarrier || inline) out.push({ request, managedIdentity: mi, variable });
    }
  }
  return out;
}

export function isTrue(el: ElementNode, name: string): boolean {
  const a = attribute(el, name);
  return a !== undefined && a.value.kind === "literal" && a.value.text.trim().toLowerCase() === "true";
}
