// How a validate-jwt / validate-azure-ad-token element reads (apim-reference §3): where the token comes from, the
// metadata, issuers, audiences, required claims, keys and application ids, each with the element it is written in.
// The one reader of these elements: lint judges what they say (src/lint/analysis/jwt.ts), explain-token evaluates
// a token against them (src/token/validator-spec.ts). No interpretation here (Entra versions, named values).
//
// A list the schema allows once (`<issuers>`, `<required-claims>`, ...) is read from every copy of it, in document
// order: APIM rejects a second copy on save [U], and reading all of them hides nothing from either job.
import type { Attribute, ElementNode, PolicyDocument, PolicyValue } from "./model.js";
import { attr, childElement, childElements, elementText, walkElements } from "./query.js";

export type ValidatorKind = "validate-jwt" | "validate-azure-ad-token";

export const VALIDATOR_KINDS: readonly ValidatorKind[] = ["validate-jwt", "validate-azure-ad-token"];

const KINDS: ReadonlySet<string> = new Set(VALIDATOR_KINDS);

export function isValidator(el: ElementNode): boolean {
  return KINDS.has(el.name);
}

/** Every validator element of the document, in document order (usually one, in <inbound>). */
export function findValidators(doc: PolicyDocument): ElementNode[] {
  const out: ElementNode[] = [];
  for (const el of walkElements(doc)) if (isValidator(el)) out.push(el);
  return out;
}

/** An element whose text is the item (`<issuer>`, `<audience>`, `<value>`, `<application-id>`). */
export interface ValidatorItem {
  element: ElementNode;
  /** The element's text as written (blank text included); undefined when it has none. */
  value: PolicyValue | undefined;
}

export interface ValidatorClaim {
  element: ElementNode;
  /** The name attribute, trimmed ("" when absent). */
  name: string;
  /** `match="any"` (any case) or else "all", the default. */
  match: "all" | "any";
  /** The separator attribute as written, undefined when absent or empty. */
  separator: string | undefined;
  values: ValidatorItem[];
}

/** A `<key>` of issuer-signing-keys or decryption-keys, its attributes as written. */
export interface ValidatorKey {
  element: ElementNode;
  id: string | undefined;
  certificateId: string | undefined;
  n: string | undefined;
  e: string | undefined;
  /** The key's text (a Base64 symmetric key), undefined when it has none. */
  value: PolicyValue | undefined;
}

export interface ValidatorElements {
  element: ElementNode;
  kind: ValidatorKind;
  /** Where the policy takes the token from: query-parameter-name, else token-value, else a header. */
  tokenSource: "header" | "query" | "token-value";
  openidConfigs: { element: ElementNode; url: Attribute | undefined }[];
  /** undefined when there is no `<issuers>` (not the same as an empty list). */
  issuers: ValidatorItem[] | undefined;
  /** undefined when there is no `<audiences>`: then any audience passes. */
  audiences: ValidatorItem[] | undefined;
  /** The (first) `<required-claims>` element. */
  requiredClaims: ElementNode | undefined;
  claims: ValidatorClaim[];
  signingKeys: ValidatorKey[];
  decryptionKeys: ValidatorKey[];
  /** validate-azure-ad-token `<client-application-ids>` / `<backend-application-ids>`; undefined when absent. */
  clientApplicationIds: ValidatorItem[] | undefined;
  backendApplicationIds: ValidatorItem[] | undefined;
}

export function readValidator(el: ElementNode): ValidatorElements {
  const kind: ValidatorKind = el.name === "validate-azure-ad-token" ? "validate-azure-ad-token" : "validate-jwt";
  const claims: ValidatorClaim[] = [];
  for (const box of childElements(el, "required-claims")) {
    for (const claim of childElements(box, "claim")) {
      const separator = attr(claim, "separator")?.value.text;
      claims.push({
        element: claim,
        name: attr(claim, "name")?.value.text.trim() ?? "",
        match: attr(claim, "match")?.value.text.trim().toLowerCase() === "any" ? "any" : "all",
        separator: separator || undefined,
        values: childElements(claim, "value").map(item),
      });
    }
  }
  return {
    element: el,
    kind,
    tokenSource: attr(el, "query-parameter-name") ? "query" : attr(el, "token-value") ? "token-value" : "header",
    openidConfigs: childElements(el, "openid-config").map((oc) => ({ element: oc, url: attr(oc, "url") })),
    issuers: items(el, "issuers", "issuer"),
    audiences: items(el, "audiences", "audience"),
    requiredClaims: childElement(el, "required-claims"),
    claims,
    signingKeys: keys(el, "issuer-signing-keys"),
    decryptionKeys: keys(el, "decryption-keys"),
    clientApplicationIds: items(el, "client-application-ids", "application-id"),
    backendApplicationIds: items(el, "backend-application-ids", "application-id"),
  };
}

function item(element: ElementNode): ValidatorItem {
  return { element, value: elementText(element) };
}

function items(el: ElementNode, list: string, name: string): ValidatorItem[] | undefined {
  const boxes = childElements(el, list);
  if (boxes.length === 0) return undefined;
  const out: ValidatorItem[] = [];
  for (const box of boxes) for (const i of childElements(box, name)) out.push(item(i));
  return out;
}

function keys(el: ElementNode, list: string): ValidatorKey[] {
  const out: ValidatorKey[] = [];
  for (const box of childElements(el, list)) {
    for (const key of childElements(box, "key")) {
      out.push({
        element: key,
        id: attr(key, "id")?.value.text,
        certificateId: attr(key, "certificate-id")?.value.text,
        n: attr(key, "n")?.value.text,
        e: attr(key, "e")?.value.text,
        value: elementText(key),
      });
    }
  }
  return out;
}
