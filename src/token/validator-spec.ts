// What a validate-jwt / validate-azure-ad-token element asks of a token, with named values resolved: the policy's
// one validator reader (src/policy/validate-jwt.ts) plus the attribute defaults the gateway applies (apim-reference
// §3). The evaluator works on this plain description only.
import type { ElementNode, PolicyDocument, PolicyValue } from "../policy/model.js";
import { attr } from "../policy/query.js";
import { readValidator, type ValidatorItem, type ValidatorKind } from "../policy/validate-jwt.js";
import { type NamedValues, type Resolved, resolveValue } from "./named-values.js";

export { findValidators, type ValidatorKind } from "../policy/validate-jwt.js";

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
  const texts = (list: ValidatorItem[] | undefined): Resolved[] | undefined =>
    list?.map((item) => resolve(item.value, "")!);

  const read = readValidator(el);
  const kind = read.kind;
  const isAad = kind === "validate-azure-ad-token";
  const signingKeys: PolicySigningKey[] = read.signingKeys.map(({ id, certificateId, n, e, value }) => {
    if (certificateId) return { form: "certificate", id, certificateId };
    if (n && e) return { form: "rsa", id, n, e };
    return { form: "symmetric", id, base64: resolve(value, "")! };
  });
  const requiredClaims: RequiredClaim[] = read.claims.map((claim) => ({
    name: claim.name,
    match: claim.match,
    separator: claim.separator,
    values: texts(claim.values)!,
  }));

  const start = el.startTagRange.start;
  return {
    kind,
    place: { file: doc.file, line: start.line, column: start.column },
    // validate-azure-ad-token reads Authorization unless told otherwise; validate-jwt has no default.
    headerName: attr("header-name", isAad && read.tokenSource === "header" ? "Authorization" : undefined),
    queryParameterName: attr("query-parameter-name"),
    tokenValue: attr("token-value"),
    requireScheme: isAad ? literal("Bearer") : attr("require-scheme"),
    failedValidationHttpCode: attr("failed-validation-httpcode", "401")!,
    failedValidationErrorMessage: attr("failed-validation-error-message"),
    requireExpirationTime: isAad ? literal("true") : attr("require-expiration-time", "true")!,
    requireSignedTokens: isAad ? literal("true") : attr("require-signed-tokens", "true")!,
    clockSkew: attr("clock-skew", "0")!,
    openidConfigUrls: read.openidConfigs.map((c) => resolve(c.url?.value, "")!),
    signingKeys,
    audiences: texts(read.audiences),
    issuers: texts(read.issuers),
    requiredClaims,
    tenantId: isAad ? attr("tenant-id") : undefined,
    authenticationEndpoint: isAad ? attr("authentication-endpoint", "https://login.microsoftonline.com") : undefined,
    clientApplicationIds: isAad ? texts(read.clientApplicationIds) : undefined,
    backendApplicationIds: isAad ? texts(read.backendApplicationIds) : undefined,
    unresolvedNamedValues: [...unresolved],
  };
}
