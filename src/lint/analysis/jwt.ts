// A reader for validate-jwt / validate-azure-ad-token: what a validation accepts (token source, metadata, issuers,
// audiences, required claims) and which token version it is written for.
import type { Attribute, ElementNode, PolicyValue } from "../../policy/model.js";
import { Placeholders } from "../../policy/placeholders.js";
import { readValidator, type ValidatorItem, type ValidatorKey } from "../../policy/validate-jwt.js";
import type { PolicySourceCode } from "../source-code.js";
import type { Visitors } from "../types.js";
import { NO_VISITORS } from "./element-visitors.js";
import {
  CLAIM_VERSION,
  type EntraIssuer,
  type EntraMetadata,
  parseEntraIssuer,
  parseEntraMetadata,
  type TokenVersion,
} from "./entra.js";

export interface ValueItem {
  element: ElementNode;
  value?: PolicyValue;
  /** Decoded text, trimmed; empty when there is no text. */
  text: string;
}

export interface IssuerItem extends ValueItem {
  entra?: EntraIssuer;
}

export interface MetadataItem {
  element: ElementNode;
  url?: Attribute;
  entra?: EntraMetadata;
}

export interface RequiredClaim {
  element: ElementNode;
  name: string;
  match: "all" | "any";
  values: ValueItem[];
}

export interface JwtValidation {
  element: ElementNode;
  kind: "validate-jwt" | "validate-azure-ad-token";
  tokenSource: "header" | "query" | "token-value";
  openidConfigs: MetadataItem[];
  issuers: IssuerItem[];
  audiences: ValueItem[];
  /** The `<required-claims>` element, when present. */
  requiredClaims?: ElementNode;
  claims: RequiredClaim[];
  /** validate-azure-ad-token `<client-application-ids><application-id>` entries. */
  clientApplicationIds: ValueItem[];
  /** The `<key>`s of issuer-signing-keys and of decryption-keys. */
  signingKeys: ValidatorKey[];
  decryptionKeys: ValidatorKey[];
  /** True when the tokens are Entra ID tokens (Entra issuer or metadata, or validate-azure-ad-token). */
  entra: boolean;
  /** Versions named by the issuers (Entra ones only). */
  issuerVersions: Set<TokenVersion>;
  /** Versions named by the openid-config URLs (Entra ones only). */
  metadataVersions: Set<TokenVersion>;
  /**
   * The version of the tokens this validation can accept: the issuers' version when they all agree, else (no
   * issuers) the metadata's; undefined when unknown or mixed.
   */
  acceptedVersion?: TokenVersion;
  /**
   * acceptedVersion, or else the version the required claim names imply (appid/appidacr: v1, azp/azpacr: v2) when
   * they agree: the best guess of what the author expects.
   */
  impliedVersion?: TokenVersion;
}

export function claimNamed(v: JwtValidation, name: string): RequiredClaim | undefined {
  const lower = name.toLowerCase();
  return v.claims.find((c) => c.name.toLowerCase() === lower);
}

/**
 * Visitors for the token validation rules: `check` is called with each validate-jwt / validate-azure-ad-token of
 * the document, in document order (a validation the parser damaged is skipped, see PolicySourceCode.validations).
 */
export function validationVisitors(source: PolicySourceCode, check: (v: JwtValidation) => void): Visitors {
  // Most documents have no validation: then the 13 rules that use this make no visitor closures for them (and
  // ask the document once: the answer is kept on it).
  if (source.validations().length === 0) return NO_VISITORS;
  const visit = (el: ElementNode) => {
    const v = source.validationOf(el);
    if (v) check(v);
  };
  return { "validate-jwt": visit, "validate-azure-ad-token": visit };
}

/** What a validation accepts, from the policy's validator reader, with what its Entra issuers and metadata say. */
export function readValidation(el: ElementNode, placeholders: Placeholders = Placeholders.NONE): JwtValidation {
  const read = readValidator(el);
  const openidConfigs: MetadataItem[] = read.openidConfigs.map(({ element, url }) => {
    const entra = url && url.value.kind !== "expression" ? parseEntraMetadata(url.value.text, placeholders) : undefined;
    return { element, url, entra };
  });
  const issuers: IssuerItem[] = valueItems(read.issuers).map((item) => ({
    ...item,
    entra: item.value && item.value.kind !== "expression" ? parseEntraIssuer(item.value.text, placeholders) : undefined,
  }));
  const claims: RequiredClaim[] = read.claims.map((c) => ({
    element: c.element,
    name: c.name,
    match: c.match,
    values: valueItems(c.values),
  }));
  const issuerVersions = new Set<TokenVersion>();
  for (const i of issuers) if (i.entra) issuerVersions.add(i.entra.version);
  const metadataVersions = new Set<TokenVersion>();
  for (const m of openidConfigs) if (m.entra) metadataVersions.add(m.entra.version);
  const entra = read.kind === "validate-azure-ad-token" || issuerVersions.size > 0 || metadataVersions.size > 0;
  let acceptedVersion: TokenVersion | undefined;
  const allIssuersEntra = issuers.length > 0 && issuers.every((i) => i.entra);
  if (allIssuersEntra && issuerVersions.size === 1) acceptedVersion = [...issuerVersions][0];
  else if (issuers.length === 0 && metadataVersions.size === 1) acceptedVersion = [...metadataVersions][0];
  const claimVersions = new Set<TokenVersion>();
  for (const c of claims) {
    const cv = CLAIM_VERSION[c.name.toLowerCase()];
    if (cv) claimVersions.add(cv);
  }
  const impliedVersion = acceptedVersion ?? (claimVersions.size === 1 ? [...claimVersions][0] : undefined);
  return {
    element: el,
    kind: read.kind,
    tokenSource: read.tokenSource,
    openidConfigs,
    issuers,
    audiences: valueItems(read.audiences),
    requiredClaims: read.requiredClaims,
    claims,
    clientApplicationIds: valueItems(read.clientApplicationIds),
    signingKeys: read.signingKeys,
    decryptionKeys: read.decryptionKeys,
    entra,
    issuerVersions,
    metadataVersions,
    acceptedVersion,
    impliedVersion,
  };
}

/** Versions implied by the required claim names (appid/appidacr = v1, azp/azpacr = v2). */
export function claimVersionOf(claim: RequiredClaim): TokenVersion | undefined {
  return CLAIM_VERSION[claim.name.toLowerCase()];
}

/** Items with their text trimmed; blank text counts as none. */
function valueItems(items: readonly ValidatorItem[] | undefined): ValueItem[] {
  return (items ?? []).map(({ element, value }) => {
    const v = value && value.text.trim() !== "" ? value : undefined;
    return { element, value: v, text: v?.text.trim() ?? "" };
  });
}
