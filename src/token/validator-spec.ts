// What a validate-jwt / validate-azure-ad-token element asks of a token, read from the policy document model
// (apim-reference §3) with named values resolved. The evaluator works on this plain description only.
import type { ElementNode, PolicyDocument, PolicyValue } from "../policy/model.js";
import { type NamedValues, type Resolved, resolveValue } from "./named-values.js";

export type ValidatorKind = "validate-jwt" | "validate-azure-ad-token";

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

export interface RequiredClaim {
  name: string;
  match: "all" | "any";
  separator?: string;
  values: Resolved[];
}

/** A key written in the policy's <issuer-signing-keys>. */
export type PolicySigningKey =
  | { form: "rsa"; id?: string; n: string; e: string }
  | { form: "symmetric"; id?: string; base64: Resolved }
  | { form: "certificate"; id?: string; certificateId: string };

export interface ValidatorSpec {
  kind: ValidatorKind;
  place: SourcePlace;
  headerName?: Resolved;
  queryParameterName?: Resolved;
  tokenValue?: Resolved;
  requireScheme?: Resolved;
  failedValidationHttpCode: Resolved;
  failedValidationErrorMessage?: Resolved;
  requireExpirationTime: Resolved;
  requireSignedTokens: Resolved;
  clockSkew: Resolved;
  openidConfigUrls: Resolved[];
  signingKeys: PolicySigningKey[];
  /** Undefined when the element has no <audiences>: then any audience passes. */
  audiences?: Resolved[];
  /** Undefined when the element has no <issuers>. */
  issuers?: Resolved[];
  requiredClaims: RequiredClaim[];
  /** validate-azure-ad-token only. */
  tenantId?: Resolved;
  authenticationEndpoint?: Resolved;
  clientApplicationIds?: string[];
  backendApplicationIds?: string[];
  /** Named values the element refers to that could not be resolved. */
  unresolvedNamedValues: string[];
}

const VALIDATORS: readonly ValidatorKind[] = ["validate-jwt", "validate-azure-ad-token"];

function elementChildren(el: ElementNode, name?: string): ElementNode[] {
  return el.children.filter((c): c is ElementNode => c.type === "element" && (name === undefined || c.name === name));
}

function attribute(el: ElementNode, name: string): PolicyValue | undefined {
  return el.attributes.find((a) => a.name === name)?.value;
}

function textValue(el: ElementNode): PolicyValue | undefined {
  const texts = el.children.filter((c) => c.type === "text");
  if (texts.length === 0) return undefined;
  if (texts.length === 1 && texts[0]!.type === "text") return texts[0]!.value;
  // Text split by comments: join it, keeping the first node's classification.
  const first = texts[0]!.type === "text" ? texts[0]!.value : undefined;
  if (!first) return undefined;
  const joined = texts.map((t) => (t.type === "text" ? t.value.text : "")).join("");
  return { ...first, text: joined, namedValues: texts.flatMap((t) => (t.type === "text" ? t.value.namedValues : [])) };
}

/** Every validator element in document order (usually one, in <inbound>). */
export function findValidators(doc: PolicyDocument): ElementNode[] {
  const out: ElementNode[] = [];
  const walk = (el: ElementNode) => {
    if ((VALIDATORS as readonly string[]).includes(el.name)) out.push(el);
    for (const c of elementChildren(el)) walk(c);
  };
  if (doc.root) walk(doc.root);
  return out;
}

const literal = (value: string): Resolved => ({ ok: true, value });

export function readValidatorSpec(doc: PolicyDocument, el: ElementNode, namedValues: NamedValues): ValidatorSpec {
  const unresolved = new Set<string>();
  const resolve = (v: PolicyValue | undefined, fallback?: string): Resolved | undefined => {
    if (v === undefined) return fallback === undefined ? undefined : literal(fallback);
    const r = resolveValue(v, namedValues);
    if (!r.ok) for (const n of r.unresolved ?? []) unresolved.add(n);
    return r;
  };
  const attr = (name: string, fallback?: string) => resolve(attribute(el, name), fallback);
  const texts = (container: string, item: string): Resolved[] | undefined => {
    const box = elementChildren(el, container)[0];
    if (!box) return undefined;
    return elementChildren(box, item).map((c) => resolve(textValue(c), "")!);
  };
  const ids = (container: string): string[] | undefined => {
    const box = elementChildren(el, container)[0];
    if (!box) return undefined;
    return elementChildren(box, "application-id").map((c) => textValue(c)?.text.trim() ?? "");
  };

  const kind = el.name as ValidatorKind;
  const isAad = kind === "validate-azure-ad-token";
  const signingKeys: PolicySigningKey[] = [];
  for (const box of elementChildren(el, "issuer-signing-keys")) {
    for (const key of elementChildren(box, "key")) {
      const id = attribute(key, "id")?.text;
      const certificateId = attribute(key, "certificate-id")?.text;
      const n = attribute(key, "n")?.text;
      const e = attribute(key, "e")?.text;
      if (certificateId) signingKeys.push({ form: "certificate", id, certificateId });
      else if (n && e) signingKeys.push({ form: "rsa", id, n, e });
      else signingKeys.push({ form: "symmetric", id, base64: resolve(textValue(key), "")! });
    }
  }

  const requiredClaims: RequiredClaim[] = [];
  for (const box of elementChildren(el, "required-claims")) {
    for (const claim of elementChildren(box, "claim")) {
      const match = attribute(claim, "match")?.text.trim().toLowerCase() === "any" ? "any" : "all";
      const separator = attribute(claim, "separator")?.text;
      requiredClaims.push({
        name: attribute(claim, "name")?.text.trim() ?? "",
        match,
        separator: separator || undefined,
        values: elementChildren(claim, "value").map((v) => resolve(textValue(v), "")!),
      });
    }
  }

  const start = el.startTagRange.start;
  return {
    kind,
    place: { file: doc.file, line: start.line, column: start.column },
    // validate-azure-ad-token reads Authorization unless told otherwise; validate-jwt has no default.
    headerName: attr(
      "header-name",
      isAad && !attribute(el, "query-parameter-name") && !attribute(el, "token-value") ? "Authorization" : undefined,
    ),
    queryParameterName: attr("query-parameter-name"),
    tokenValue: attr("token-value"),
    requireScheme: isAad ? literal("Bearer") : attr("require-scheme"),
    failedValidationHttpCode: attr("failed-validation-httpcode", "401")!,
    failedValidationErrorMessage: attr("failed-validation-error-message"),
    requireExpirationTime: isAad ? literal("true") : attr("require-expiration-time", "true")!,
    requireSignedTokens: isAad ? literal("true") : attr("require-signed-tokens", "true")!,
    clockSkew: attr("clock-skew", "0")!,
    openidConfigUrls: elementChildren(el, "openid-config").map((c) => resolve(attribute(c, "url"), "")!),
    signingKeys,
    audiences: texts("audiences", "audience"),
    issuers: texts("issuers", "issuer"),
    requiredClaims,
    tenantId: isAad ? attr("tenant-id") : undefined,
    authenticationEndpoint: isAad ? attr("authentication-endpoint", "https://login.microsoftonline.com") : undefined,
    clientApplicationIds: isAad ? ids("client-application-ids") : undefined,
    backendApplicationIds: isAad ? ids("backend-application-ids") : undefined,
    unresolvedNamedValues: [...unresolved],
  };
}
