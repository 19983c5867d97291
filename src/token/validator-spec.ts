// What a validate-jwt / validate-azure-ad-token element asks of a token, read from the policy document model
// (apim-reference §3) with named values resolved. The evaluator works on this plain description only.
import type { ElementNode, PolicyDocument, PolicyValue } from "../policy/model.js";
import { attr, childElements, elementText, walkElements } from "../policy/query.js";
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
  clientApplicationIds?: Resolved[];
  backendApplicationIds?: Resolved[];
  /** Named values the element refers to that could not be resolved. */
  unresolvedNamedValues: string[];
}

const VALIDATORS: readonly ValidatorKind[] = ["validate-jwt", "validate-azure-ad-token"];

/** Every validator element in document order (usually one, in <inbound>). */
export function findValidators(doc: PolicyDocument): ElementNode[] {
  return [...walkElements(doc)].filter((el) => (VALIDATORS as readonly string[]).includes(el.name));
}

const attrValue = (el: ElementNode, name: string): PolicyValue | undefined => attr(el, name)?.value;

const literal = (value: string): Resolved => ({ ok: true, value });

export function readValidatorSpec(doc: PolicyDocument, el: ElementNode, namedValues: NamedValues): ValidatorSpec {
  const unresolved = new Set<string>();
  const resolve = (v: PolicyValue | undefined, fallback?: string): Resolved | undefined => {
    if (v === undefined) return fallback === undefined ? undefined : literal(fallback);
    const r = resolveValue(v, namedValues);
    if (!r.ok) for (const n of r.unresolved ?? []) unresolved.add(n);
    return r;
  };
  const attr = (name: string, fallback?: string) => resolve(attrValue(el, name), fallback);
  const texts = (container: string, item: string): Resolved[] | undefined => {
    const box = childElements(el, container)[0];
    if (!box) return undefined;
    return childElements(box, item).map((c) => resolve(elementText(c), "")!);
  };
  const ids = (container: string): Resolved[] | undefined => texts(container, "application-id");

  const kind = el.name as ValidatorKind;
  const isAad = kind === "validate-azure-ad-token";
  const signingKeys: PolicySigningKey[] = [];
  for (const box of childElements(el, "issuer-signing-keys")) {
    for (const key of childElements(box, "key")) {
      const id = attrValue(key, "id")?.text;
      const certificateId = attrValue(key, "certificate-id")?.text;
      const n = attrValue(key, "n")?.text;
      const e = attrValue(key, "e")?.text;
      if (certificateId) signingKeys.push({ form: "certificate", id, certificateId });
      else if (n && e) signingKeys.push({ form: "rsa", id, n, e });
      else signingKeys.push({ form: "symmetric", id, base64: resolve(elementText(key), "")! });
    }
  }

  const requiredClaims: RequiredClaim[] = [];
  for (const box of childElements(el, "required-claims")) {
    for (const claim of childElements(box, "claim")) {
      const match = attrValue(claim, "match")?.text.trim().toLowerCase() === "any" ? "any" : "all";
      const separator = attrValue(claim, "separator")?.text;
      requiredClaims.push({
        name: attrValue(claim, "name")?.text.trim() ?? "",
        match,
        separator: separator || undefined,
        values: childElements(claim, "value").map((v) => resolve(elementText(v), "")!),
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
      isAad && !attrValue(el, "query-parameter-name") && !attrValue(el, "token-value") ? "Authorization" : undefined,
    ),
    queryParameterName: attr("query-parameter-name"),
    tokenValue: attr("token-value"),
    requireScheme: isAad ? literal("Bearer") : attr("require-scheme"),
    failedValidationHttpCode: attr("failed-validation-httpcode", "401")!,
    failedValidationErrorMessage: attr("failed-validation-error-message"),
    requireExpirationTime: isAad ? literal("true") : attr("require-expiration-time", "true")!,
    requireSignedTokens: isAad ? literal("true") : attr("require-signed-tokens", "true")!,
    clockSkew: attr("clock-skew", "0")!,
    openidConfigUrls: childElements(el, "openid-config").map((c) => resolve(attrValue(c, "url"), "")!),
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
