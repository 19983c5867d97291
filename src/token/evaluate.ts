// The validate-jwt / validate-azure-ad-token evaluator: runs APIM's checks on one token, in APIM's order (token
// present, well formed, signature, lifetime, audience, issuer, required claims), and says what APIM would answer.
import type { JWTPayload } from "jose";
import { claimValues, decodeToken, isoTime, shownClaims, splitTokenText } from "./jwt.js";
import type { KeySet } from "./keys.js";
import { describeResolved, type Resolved } from "./named-values.js";
import { checkSignature } from "./signature.js";
import { describeTokenSource, tokenSourceOf } from "./token-source.js";
import type { ValidatorSpec } from "./validator-spec.js";

/** context.LastError.Reason values of validate-jwt (apim-reference §3). */
export type LastErrorReason =
  | "TokenNotPresent"
  | "TokenSignatureInvalid"
  | "TokenAudienceNotAllowed"
  | "TokenIssuerNotAllowed"
  | "TokenExpired"
  | "TokenSignatureKeyNotFound"
  | "TokenClaimNotFound"
  | "TokenClaimValueNotAllowed"
  | "JwtInvalid";

export type CheckStatus = "pass" | "fail" | "not-verified";

export interface Check {
  name: string;
  /** True only when the check ran and passed; a check that could not be verified is not ok. */
  ok: boolean;
  expected: unknown;
  actual: unknown;
  status: CheckStatus;
  /** Why it failed or could not be verified, and the likely fix. */
  detail?: string;
  reason?: LastErrorReason;
}

export interface Explanation {
  /** True only when every check ran and passed. */
  valid: boolean;
  /** The HTTP status APIM answers: 200 when the token passes (or would, if the unverified checks hold). */
  status: number;
  reason: LastErrorReason | null;
  /** The message APIM puts in the response, or null when it lets the request through. */
  message: string | null;
  verdict: "valid" | "invalid" | "unverified";
  checks: Check[];
  claims: Record<string, unknown>;
  /** Remarks that are no check of APIM's but help (token version vs metadata document, ...). */
  notes: string[];
}

export interface ExplainInput {
  spec: ValidatorSpec;
  /** The token as given: a compact JWT, or a header value such as `Bearer eyJ...`. */
  token: string;
  keys?: KeySet;
  at: Date;
}

/** Thrown when the token text is no JWT at all (bad input, exit 2). The text itself is never included. */
export class TokenInputError extends Error {}

function boolOf(r: Resolved, fallback: boolean): boolean {
  return r.ok ? r.value.trim().toLowerCase() !== "false" : fallback;
}

function resolvedList(list: Resolved[]): { values: string[]; unresolved: string[] } {
  return {
    values: list.filter((r) => r.ok).map((r) => (r as { value: string }).value.trim()),
    unresolved: list.filter((r) => !r.ok).map(describeResolved),
  };
}

/** An allow-list check (audiences, issuers): any token value in the list passes. */
function allowListCheck(
  name: string,
  allowed: Resolved[],
  actual: string[],
  reason: LastErrorReason,
  hint: (actual: string[], allowed: string[]) => string | undefined,
): Check {
  const { values, unresolved } = resolvedList(allowed);
  const expected = [...values, ...unresolved];
  if (actual.some((a) => values.includes(a)))
    return { name, ok: true, status: "pass", expected, actual: shown(actual) };
  if (unresolved.length > 0) {
    return {
      name,
      ok: false,
      status: "not-verified",
      expected,
      actual: shown(actual),
      detail: `no resolved value matches, and ${unresolved.join(", ")} cannot be compared offline`,
    };
  }
  return { name, ok: false, status: "fail", reason, expected, actual: shown(actual), detail: hint(actual, values) };
}

const shown = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);

function v1Issuer(tid: string) {
  return `https://sts.windows.net/${tid}/`;
}

function issuerHint(actual: string[], allowed: string[], payload: JWTPayload): string | undefined {
  const iss = actual[0] ?? "";
  const tid = typeof payload.tid === "string" ? payload.tid : undefined;
  const v1 = /^https:\/\/sts\.(windows\.net|chinacloudapi\.cn|microsoftonline\.us)\/([^/]+)\/$/.exec(iss);
  const v2 = /^https:\/\/login\.[^/]+\/([^/]+)\/v2\.0$/.exec(iss);
  const tenantOf = (s: string) => /\/([0-9a-f-]{36})(?:\/|$)/i.exec(s)?.[1]?.toLowerCase();
  const allowedTenants = new Set(allowed.map(tenantOf).filter(Boolean));
  const tokenTenant = tenantOf(iss) ?? tid;
  if (tokenTenant && allowedTenants.size > 0 && !allowedTenants.has(tokenTenant.toLowerCase())) {
    return `the token comes from tenant ${tokenTenant}, the policy accepts tenant ${[...allowedTenants].join(", ")}: the token was requested from the wrong tenant, or the policy names the wrong one`;
  }
  if (v2 && allowed.some((a) => a.startsWith("https://sts."))) {
    return `this is a v2.0 token (ver ${payload.ver ?? "?"}) and the policy expects the v1.0 issuer: the API app issues v2 tokens (api.requestedAccessTokenVersion = 2); set it to 1, or generate the provider policy with tokenVersion 2`;
  }
  if (v1 && allowed.some((a) => a.endsWith("/v2.0"))) {
    return `this is a v1.0 token and the policy expects the v2.0 issuer: the API app issues v1 tokens (requestedAccessTokenVersion null or 1); set it to 2, or generate the provider policy with tokenVersion 1`;
  }
  if (allowed.some((a) => a.trim() !== a || a.replace(/\/$/, "") === iss.replace(/\/$/, ""))) {
    return "the issuer differs only by whitespace or a trailing slash: issuers are compared exactly";
  }
  return undefined;
}

function audienceHint(actual: string[], allowed: string[]): string | undefined {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const a = actual[0] ?? "";
  const guidIn = (s: string) =>
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(s)?.[0]?.toLowerCase();
  const otherForm = (allowedValue: string) =>
    guid.test(a)
      ? !guid.test(allowedValue) && guidIn(allowedValue) === a.toLowerCase()
      : guid.test(allowedValue) && guidIn(a) === allowedValue.toLowerCase();
  if (allowed.some(otherForm)) {
    const form = guid.test(a)
      ? "the API app's client ID (v2 tokens, or v1 tokens requested with scope <client id>/.default)"
      : "the App ID URI (v1 tokens requested with scope <App ID URI>/.default)";
    return `the token's audience is ${form}, and the policy accepts only the other form: add <audience>${a}</audience> so both forms are accepted`;
  }
  if (guid.test(a) !== allowed.some((x) => guid.test(x))) {
    return `the token was issued for ${a} (requested with scope ${a}/.default); if that is this API's other identifier (client ID vs App ID URI), add <audience>${a}</audience>, else the caller requests the wrong scope`;
  }
  return `the token was issued for another resource (${a}): check the scope the caller requests (<resource>/.default)`;
}

function claimHint(name: string, payload: JWTPayload): string | undefined {
  if (name === "roles") {
    return "the token has no roles: assign the API app's app role to the bridge app's service principal in the provider tenant (client-credentials tokens carry only assigned roles)";
  }
  const pair: Record<string, string> = { appid: "azp", azp: "appid", appidacr: "azpacr", azpacr: "appidacr" };
  const other = pair[name];
  if (other && payload[other] !== undefined) {
    const ver = payload.ver ?? "?";
    return `the token is version ${ver} and carries ${other}, not ${name}: require ${other} for v${ver} tokens (v1: appid/appidacr, v2: azp/azpacr), never both forms`;
  }
  if (name === "idtyp")
    return "idtyp is an optional claim: it appears only when the API app configures it in optionalClaims";
  return undefined;
}

/** Default messages as APIM documents them (api-management-error-handling-policies); others approximate .NET's. */
function defaultMessage(reason: LastErrorReason, failed: Check): string {
  switch (reason) {
    case "TokenNotPresent":
      return "JWT not present.";
    case "TokenClaimNotFound":
      return `JWT token is missing the following claims: ${String(failed.expected)}. Access denied.`;
    case "TokenClaimValueNotAllowed":
      return `Claim ${failed.name.replace(/^claim /, "")} value of ${JSON.stringify(failed.actual)} is not allowed. Access denied.`;
    case "TokenExpired":
      return "Lifetime validation failed. The token is expired. Access denied.";
    case "TokenAudienceNotAllowed":
      return "Audience validation failed. Access denied.";
    case "TokenIssuerNotAllowed":
      return "Issuer validation failed. Access denied.";
    case "TokenSignatureKeyNotFound":
      return "Signature validation failed. Unable to match key. Access denied.";
    case "TokenSignatureInvalid":
      return "Signature validation failed. Access denied.";
    case "JwtInvalid":
      return "Invalid JWT.";
  }
}

export async function explainToken(input: ExplainInput): Promise<Explanation> {
  const { spec, at } = input;
  const split = splitTokenText(input.token);
  if (!split) throw new TokenInputError("the token is not a JWT (expected three base64url parts separated by dots)");
  const checks: Check[] = [];
  const notes: string[] = [];
  const now = Math.floor(at.getTime() / 1000);

  // 1. Where the token is read, and the scheme.
  const src = tokenSourceOf(spec);
  const whereExpected = describeTokenSource(src);
  const given = split.scheme ? `${split.scheme} <token>` : "<token> (no scheme given)";
  if (src.where === "unknown" || src.where === "variable") {
    checks.push({
      name: "location",
      ok: false,
      status: "not-verified",
      expected: whereExpected,
      actual: given,
      detail: "apimkit cannot run this expression; the other checks assume it yields the token given",
    });
  } else if (split.scheme && src.where === "header" && !src.afterLastSpace) {
    checks.push({
      name: "location",
      ok: false,
      status: "fail",
      reason: "JwtInvalid",
      expected: whereExpected,
      actual: given,
      detail: `header ${src.name} must carry the bare token: APIM reads "${split.scheme} ..." as the token (require-scheme applies only to Authorization)`,
    });
  } else if (split.scheme && src.where === "query") {
    checks.push({
      name: "location",
      ok: false,
      status: "fail",
      reason: "JwtInvalid",
      expected: whereExpected,
      actual: given,
      detail: "a query parameter carries the bare token, without a scheme",
    });
  } else if (
    split.scheme &&
    src.where === "header" &&
    src.scheme &&
    split.scheme.toLowerCase() !== src.scheme.toLowerCase()
  ) {
    checks.push({
      name: "location",
      ok: false,
      status: "fail",
      reason: "TokenNotPresent",
      expected: whereExpected,
      actual: given,
      detail: `require-scheme="${src.scheme}": send "Authorization: ${src.scheme} <token>"`,
    });
  } else {
    checks.push({ name: "location", ok: true, status: "pass", expected: whereExpected, actual: given });
    if (src.where === "header" && !src.afterLastSpace && src.name.toLowerCase() === "authorization") {
      notes.push(
        'token-value reads the whole Authorization header: a client sending "Bearer <token>" fails (token-value must not include "Bearer "); strip it, e.g. .Split(\' \').Last()',
      );
    }
  }

  // 2. Well formed.
  const decoded = decodeToken(split.jwt);
  if (!decoded.ok) {
    checks.push({
      name: "format",
      ok: false,
      status: "fail",
      reason: "JwtInvalid",
      expected: "a JWT (JWS compact form)",
      actual: decoded.error,
    });
    return verdict(spec, checks, {}, notes);
  }
  const { header, payload } = decoded;
  checks.push({
    name: "format",
    ok: true,
    status: "pass",
    expected: "a JWT (JWS compact form)",
    actual: `alg ${header.alg}${header.kid ? `, kid ${header.kid}` : ""}`,
  });

  // 3. Signature and key id.
  const requireSigned = boolOf(spec.requireSignedTokens, true);
  const sig = await checkSignature(split.jwt, header, input.keys, requireSigned);
  const keyText = header.kid ?? header.x5t ?? "(no kid)";
  if (sig.status === "pass") {
    checks.push({
      name: "signature",
      ok: true,
      status: "pass",
      expected: `signed by a key from ${sig.source}`,
      actual: `verified with kid ${keyText}`,
    });
  } else if (sig.status === "fail") {
    checks.push({
      name: "signature",
      ok: false,
      status: "fail",
      reason: sig.reason,
      expected: `signed by a key from ${input.keys?.source ?? "the policy"}`,
      actual: `kid ${keyText}`,
      detail: sig.detail,
    });
  } else {
    checks.push({
      name: "signature",
      ok: false,
      status: "not-verified",
      expected: "signed by a key of the issuer",
      actual: `kid ${keyText}`,
      detail: sig.detail,
    });
  }

  // 4. Lifetime.
  const skewR = spec.clockSkew;
  const skew = skewR.ok && /^\s*\d+\s*$/.test(skewR.value) ? Number(skewR.value) : 0;
  if (!skewR.ok) notes.push(`clock-skew is ${describeResolved(skewR)}; evaluated as 0`);
  const requireExp = boolOf(spec.requireExpirationTime, true);
  const atText = at.toISOString().replace(/\.\d{3}Z$/, "Z");
  const exp = typeof payload.exp === "number" ? payload.exp : undefined;
  if (exp === undefined) {
    checks.push(
      requireExp
        ? {
            name: "expiration",
            ok: false,
            status: "fail",
            reason: "JwtInvalid",
            expected: "an exp claim (require-expiration-time is true)",
            actual: "(no exp)",
            detail: 'the token has no expiry; set require-expiration-time="false" only if that is intended',
          }
        : { name: "expiration", ok: true, status: "pass", expected: "no exp required", actual: "(no exp)" },
    );
  } else {
    const ok = exp + skew > now;
    checks.push({
      name: "expiration",
      ok,
      status: ok ? "pass" : "fail",
      ...(ok
        ? {}
        : {
            reason: "TokenExpired" as const,
            detail: `expired ${now - exp} s before ${atText}${skew ? ` (clock-skew ${skew} s)` : ""}: request a new token`,
          }),
      expected: `exp${skew ? ` + ${skew} s` : ""} after ${atText}`,
      actual: isoTime(exp),
    });
  }
  const nbf = typeof payload.nbf === "number" ? payload.nbf : undefined;
  if (nbf !== undefined) {
    const ok = nbf - skew <= now;
    checks.push({
      name: "not-before",
      ok,
      status: ok ? "pass" : "fail",
      ...(ok
        ? {}
        : {
            reason: "JwtInvalid" as const,
            detail: `not valid until ${isoTime(nbf)}: the clocks differ, or raise clock-skew`,
          }),
      expected: `nbf${skew ? ` - ${skew} s` : ""} at or before ${atText}`,
      actual: isoTime(nbf),
    });
  }

  // 5. Audience.
  const aud = claimValues(payload, "aud") ?? [];
  const allowedAudiences = [...(spec.audiences ?? []), ...(spec.backendApplicationIds ?? [])];
  if (spec.audiences === undefined && !spec.backendApplicationIds?.length) {
    checks.push({
      name: "audience",
      ok: true,
      status: "pass",
      expected: "any (the policy lists no audiences)",
      actual: shown(aud),
    });
  } else {
    checks.push(allowListCheck("audience", allowedAudiences, aud, "TokenAudienceNotAllowed", audienceHint));
  }

  // 6. Issuer.
  const iss = typeof payload.iss === "string" ? [payload.iss] : [];
  checks.push(issuerCheck(spec, input.keys, iss, payload));
  if (spec.kind === "validate-jwt" && typeof payload.ver === "string") {
    for (const url of spec.openidConfigUrls) {
      if (!url.ok) continue;
      const v2Doc = /\/v2\.0\/\.well-known\//.test(url.value);
      if (v2Doc !== (payload.ver === "2.0")) {
        notes.push(
          `the policy reads the ${v2Doc ? "v2.0" : "v1.0"} metadata (${url.value}) but the token is version ${payload.ver}: use the metadata of the token's version`,
        );
      }
    }
  }

  // 7. Client application (validate-azure-ad-token): appid (v1) or azp (v2) must be listed.
  if (spec.clientApplicationIds) {
    const client = claimValues(payload, "appid") ?? claimValues(payload, "azp") ?? [];
    const c = allowListCheck(
      "client-application",
      spec.clientApplicationIds,
      client,
      "TokenClaimValueNotAllowed",
      () =>
        client.length
          ? "the calling app (appid/azp) is not in <client-application-ids>"
          : "the token has neither appid nor azp",
    );
    checks.push(client.length ? c : { ...c, actual: "(no appid or azp)" });
  }

  // 8. Required claims: every listed claim must be present; match governs its values.
  for (const claim of spec.requiredClaims) {
    checks.push(claimCheck(claim, payload));
  }

  return verdict(
    spec,
    checks,
    shownClaims(
      payload,
      spec.requiredClaims.map((c) => c.name),
    ),
    notes,
  );
}

function issuerCheck(spec: ValidatorSpec, keys: KeySet | undefined, iss: string[], payload: JWTPayload): Check {
  const hint = (actual: string[], allowed: string[]) => issuerHint(actual, allowed, payload);
  if (spec.kind === "validate-azure-ad-token") {
    const tenant = spec.tenantId;
    if (!tenant?.ok) {
      return {
        name: "issuer",
        ok: false,
        status: "not-verified",
        expected: "an issuer of tenant-id",
        actual: shown(iss),
        detail: tenant ? `tenant-id is ${describeResolved(tenant)}` : "no tenant-id",
      };
    }
    const t = tenant.value.trim();
    const host = (
      spec.authenticationEndpoint?.ok ? spec.authenticationEndpoint.value : "https://login.microsoftonline.com"
    ).replace(/\/$/, "");
    if (!/^[0-9a-f-]{36}$/i.test(t)) {
      return {
        name: "issuer",
        ok: false,
        status: "not-verified",
        expected: `an issuer of tenant ${t}`,
        actual: shown(iss),
        detail: "tenant-id is a domain name: its tenant ID cannot be looked up offline",
      };
    }
    return allowListCheck(
      "issuer",
      [
        { ok: true, value: v1Issuer(t) },
        { ok: true, value: `${host}/${t}/v2.0` },
      ],
      iss,
      "TokenIssuerNotAllowed",
      hint,
    );
  }
  if (spec.issuers !== undefined) return allowListCheck("issuer", spec.issuers, iss, "TokenIssuerNotAllowed", hint);
  // Without <issuers>, APIM accepts the issuer its openid-config document declares.
  if (spec.openidConfigUrls.length === 0) {
    return {
      name: "issuer",
      ok: true,
      status: "pass",
      expected: "any (the policy lists no issuers)",
      actual: shown(iss),
    };
  }
  if (keys?.issuer) {
    const tid = typeof payload.tid === "string" ? payload.tid : "";
    const expected = keys.issuer.replace("{tenantid}", tid);
    return allowListCheck("issuer", [{ ok: true, value: expected }], iss, "TokenIssuerNotAllowed", hint);
  }
  return {
    name: "issuer",
    ok: false,
    status: "not-verified",
    expected: "the issuer in the policy's openid-config document",
    actual: shown(iss),
    detail: "the policy has no <issuers>; pass --openid-config URL to compare with the document's issuer",
  };
}

function claimCheck(claim: ValidatorSpec["requiredClaims"][number], payload: JWTPayload): Check {
  const name = `claim ${claim.name}`;
  const actual = claimValues(payload, claim.name, claim.separator);
  const { values, unresolved } = resolvedList(claim.values);
  const expected =
    values.length + unresolved.length === 0 ? "present" : { match: claim.match, values: [...values, ...unresolved] };
  if (actual === undefined) {
    return {
      name,
      ok: false,
      status: "fail",
      reason: "TokenClaimNotFound",
      expected,
      actual: "(absent)",
      detail: claimHint(claim.name, payload),
    };
  }
  if (values.length + unresolved.length === 0)
    return { name, ok: true, status: "pass", expected, actual: shown(actual) };
  const present = values.filter((v) => actual.includes(v));
  if (claim.match === "any") {
    if (present.length > 0) return { name, ok: true, status: "pass", expected, actual: shown(actual) };
  } else if (present.length === values.length && unresolved.length === 0) {
    return { name, ok: true, status: "pass", expected, actual: shown(actual) };
  }
  if (unresolved.length > 0 && (claim.match === "any" || present.length === values.length)) {
    return {
      name,
      ok: false,
      status: "not-verified",
      expected,
      actual: shown(actual),
      detail: `${unresolved.join(", ")} cannot be compared offline`,
    };
  }
  const missing = values.filter((v) => !actual.includes(v));
  const detail =
    claim.name === "roles"
      ? `the token's roles lack ${claim.match === "any" ? "all of " : ""}${missing.join(", ")}: assign that app role to the bridge app's service principal in the provider tenant`
      : `${claim.match === "all" ? "missing value(s)" : "none of"} ${missing.join(", ")}`;
  return {
    name,
    ok: false,
    status: "fail",
    reason: "TokenClaimValueNotAllowed",
    expected,
    actual: shown(actual),
    detail,
  };
}

function verdict(spec: ValidatorSpec, checks: Check[], claims: Record<string, unknown>, notes: string[]): Explanation {
  const failed = checks.filter((c) => c.status === "fail");
  const code = spec.failedValidationHttpCode;
  const failStatus = code.ok && /^\s*\d{3}\s*$/.test(code.value) ? Number(code.value) : 401;
  if (!code.ok) notes.push(`failed-validation-httpcode is ${describeResolved(code)}; shown as 401`);
  if (failed.length > 0) {
    // APIM reports all missing claims in one TokenClaimNotFound before any value mismatch.
    const missingClaims = failed.filter((c) => c.reason === "TokenClaimNotFound");
    let first = failed[0]!;
    if (first.reason === "TokenClaimValueNotAllowed" && missingClaims.length > 0) first = missingClaims[0]!;
    const reason = first.reason ?? "JwtInvalid";
    const reasonCheck: Check =
      reason === "TokenClaimNotFound"
        ? { ...first, expected: missingClaims.map((c) => c.name.replace(/^claim /, "")).join(", ") }
        : first;
    const custom = spec.failedValidationErrorMessage;
    const message = custom?.ok ? custom.value : defaultMessage(reason, reasonCheck);
    return { valid: false, status: failStatus, reason, message, verdict: "invalid", checks, claims, notes };
  }
  const unverified = checks.some((c) => c.status === "not-verified");
  return {
    valid: !unverified,
    status: 200,
    reason: null,
    message: null,
    verdict: unverified ? "unverified" : "valid",
    checks,
    claims,
    notes,
  };
}
