// A reader for validate-jwt / validate-azure-ad-token: what a validation accepts (token source, metadata, issuers,
// audiences, required claims) and which token version it is written for.
import type { Attribute, ElementNode, PolicyValue } from "../../policy/model.js";
import type { PolicySourceCode } from "../source-code.js";
import type { Visitors } from "../types.js";
import {
  CLAIM_VERSION,
  type EntraIssuer,
  type EntraMetadata,
  parseEntraIssuer,
  parseEntraMetadata,
  type TokenVersion,
} from "./entra.js";
import { attribute, childElements, firstChild, textValue } from "./nodes.js";

/** The token validation policies. */
export const VALIDATION_POLICIES: readonly string[] = ["validate-jwt", "validate-azure-ad-token"];
export const VALIDATION_ELEMENTS: ReadonlySet<string> = new Set(VALIDATION_POLICIES);

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
  const visit = (el: ElementNode) => {
    const v = source.validationOf(el);
    if (v) check(v);
  };
  return { "validate-jwt": visit, "validate-azure-ad-token": visit };
}

export function readValidation(el: ElementNode): JwtValidation {
  const kind = el.name === "validate-azure-ad-token" ? "validate-azure-ad-token" : "validate-jwt";
  const tokenSource = attribute(el, "query-parameter-name")
    ? "query"
    : attribute(el, "token-value")
      ? "token-value"
      : "header";
  const openidConfigs: MetadataItem[] = childElements(el, "openid-config").map((oc) => {
    const url = attribute(oc, "url");
    const entra = url && url.value.kind !== "expression" ? parseEntraMetadata(url.value.text) : undefined;
    return { element: oc, url, entra };
  });
  const issuers: IssuerItem[] = listValues(el, "issuers", "issuer").map((item) => ({
    ...item,
    entra: item.value && item.value.kind !== "expression" ? parseEntraIssuer(item.value.text) : undefined,
  }));
  const audiences = listValues(el, "audiences", "audience");
  const requiredClaims = firstChild(el, "required-claims");
  const claims: RequiredClaim[] = requiredClaims
    ? childElements(requiredClaims, "claim").map((c) => ({
        element: c,
        name: attribute(c, "name")?.value.text.trim() ?? "",
        match: attribute(c, "match")?.value.text.trim() === "any" ? "any" : "all",
        values: childElements(c, "value").map(valueItem),
      }))
    : [];
  const clientApplicationIds = listValues(el, "client-application-ids", "application-id");
  const issuerVersions = new Set<TokenVersion>();
  for (const i of issuers) if (i.entra) issuerVersions.add(i.entra.version);
  const metadataVersions = new Set<TokenVersion>();
  for (const m of openidConfigs) if (m.entra) metadataVersions.add(m.entra.version);
  const entra = kind === "validate-azure-ad-token" || issuerVersions.size > 0 || metadataVersions.size > 0;
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
    kind,
    tokenSource,
    openidConfigs,
    issuers,
    audiences,
    requiredClaims,
    claims,
    clientApplicationIds,
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

function listValues(el: ElementNode, list: string, item: string): ValueItem[] {
  const out: ValueItem[] = [];
  for (const l of childElements(el, list)) for (const i of childElements(l, item)) out.push(valueItem(i));
  return out;
}

function valueItem(el: ElementNode): ValueItem {
  const value = textValue(el);
  return { element: el, value, text: value?.text.trim() ?? "" };
}
