// validate-jwt and validate-azure-ad-token (runtime reference §5.9, apim-reference §3): the element read by the
// policy's one validator reader, its values evaluated, the token taken from the request, then src/token's evaluator
// with real signature checks (keys from issuer-signing-keys and from openid-config fetched as "metadata").
import type { JWK } from "jose";
import type { ElementNode } from "../../../policy/model.js";
import { attr } from "../../../policy/query.js";
import { readValidator, type ValidatorItem } from "../../../policy/validate-jwt.js";
import { type Check, explainToken } from "../../../token/evaluate.js";
import { looksLikeJwt } from "../../../token/jwt.js";
import { type KeySet, policyKeys } from "../../../token/keys.js";
import type { Resolved } from "../../../token/named-values.js";
import type { PolicySigningKey, ValidatorSpec } from "../../../token/validator-spec.js";
import { NotEmulated } from "../../errors.js";
import { parseJwt } from "../context/auth.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { jsonRefusal, onlyIn, where } from "./refusal.js";
import { openIdMetadata } from "./token-metadata.js";

type Kind = "validate-jwt" | "validate-azure-ad-token";

const ok = (value: string): Resolved => ({ ok: true, value });

/** The element's attributes and items with expressions evaluated and named values substituted. */
function evaluatedSpec(el: ElementNode, run: Run, kind: Kind): ValidatorSpec {
  const read = readValidator(el);
  const isAad = kind === "validate-azure-ad-token";
  const texts = (list: ValidatorItem[] | undefined) => list?.map((i) => ok((run.textString(i.element) ?? "").trim()));
  const a = (name: string): Resolved | undefined => {
    const v = run.string(el, name);
    return v === undefined ? undefined : ok(v);
  };
  const signingKeys: PolicySigningKey[] = read.signingKeys.map((k) => {
    if (k.certificateId) return { form: "certificate", id: k.id, certificateId: k.certificateId };
    if (k.n && k.e) return { form: "rsa", id: k.id, n: k.n, e: k.e };
    return { form: "symmetric", id: k.id, base64: ok(run.textString(k.element) ?? "") };
  });
  const start = el.startTagRange.start;
  return {
    kind,
    place: { file: run.at(el).file, line: start.line, column: start.column },
    // The token is located here (locate()); the evaluator's own location check is told nothing and ignored.
    tokenValue: ok("(located by the gateway)"),
    failedValidationHttpCode: a("failed-validation-httpcode") ?? ok("401"),
    failedValidationErrorMessage: a("failed-validation-error-message"),
    requireExpirationTime: isAad ? ok("true") : (a("require-expiration-time") ?? ok("true")),
    requireSignedTokens: isAad ? ok("true") : (a("require-signed-tokens") ?? ok("true")),
    clockSkew: a("clock-skew") ?? ok("0"),
    openidConfigUrls: read.openidConfigs.map((c) => ok((run.string(c.element, "url") ?? "").trim())),
    signingKeys,
    audiences: texts(read.audiences),
    issuers: texts(read.issuers),
    requiredClaims: read.claims.map((c) => ({
      name: c.name,
      match: c.match,
      separator: c.separator,
      values: texts(c.values) ?? [],
    })),
    tenantId: isAad ? a("tenant-id") : undefined,
    authenticationEndpoint: isAad
      ? (a("authentication-endpoint") ?? ok("https://login.microsoftonline.com"))
      : undefined,
    clientApplicationIds: isAad ? texts(read.clientApplicationIds) : undefined,
    backendApplicationIds: isAad ? texts(read.backendApplicationIds) : undefined,
    unresolvedNamedValues: [],
  };
}

type Located = { token: string } | { missing: string } | { invalid: string };

/**
 * The token: header-name (on Authorization the scheme is split off, and require-scheme, ignored on other headers,
 * must match it), query-parameter-name, or token-value (the bare token). validate-azure-ad-token reads
 * Authorization with the Bearer scheme unless told otherwise.
 */
function locate(el: ElementNode, run: Run, kind: Kind): Located {
  const req = run.context.request;
  const query = run.string(el, "query-parameter-name");
  const tokenValue = run.string(el, "token-value");
  let header = run.string(el, "header-name");
  const given = [header, query, tokenValue].filter((x) => x !== undefined).length;
  if (kind === "validate-jwt" && given !== 1)
    throw new EmulationError(
      `validate-jwt at ${where(run, el)} needs exactly one of header-name, query-parameter-name, token-value`,
    );
  if (tokenValue !== undefined)
    return tokenValue.trim() === "" ? { missing: "token-value" } : { token: tokenValue.trim() };
  if (query !== undefined) {
    const v = req.url.query.find(([k]) => k === query)?.[1];
    return v === undefined || v.trim() === "" ? { missing: `query parameter ${query}` } : { token: v.trim() };
  }
  header ??= "Authorization";
  const value = req.headers.get(header)?.[0]?.trim();
  if (value === undefined || value === "") return { missing: `header ${header}` };
  if (header.toLowerCase() !== "authorization") return { token: value };
  const scheme = kind === "validate-azure-ad-token" ? "Bearer" : run.string(el, "require-scheme")?.trim() || undefined;
  const m = /^(\S+)\s+(\S+)$/.exec(value);
  if (m) {
    if (scheme && (m[1] as string).toLowerCase() !== scheme.toLowerCase())
      return { missing: `header ${header} with the ${scheme} scheme` };
    return { token: m[2] as string };
  }
  if (scheme) return { missing: `header ${header} with the ${scheme} scheme` };
  return /\s/.test(value) ? { invalid: "the Authorization header is not `[scheme ]token`" } : { token: value };
}

/** The keys: the policy's own, each openid-config's JWKS, and for validate-azure-ad-token the tenant's. */
async function keysOf(el: ElementNode, run: Run, spec: ValidatorSpec): Promise<KeySet | undefined> {
  const own = policyKeys(spec.signingKeys);
  const keys: JWK[] = [...(own?.keys ?? [])];
  const unusable = [...(own?.unusable ?? [])];
  const urls = spec.openidConfigUrls.map((u) => (u.ok ? u.value : "")).filter(Boolean);
  if (spec.kind === "validate-azure-ad-token" && spec.tenantId?.ok) {
    const host = (spec.authenticationEndpoint?.ok ? spec.authenticationEndpoint.value : "").replace(/\/$/, "");
    // [U] the docs do not say which metadata validate-azure-ad-token reads: the tenant's v2.0 document.
    urls.push(`${host}/${spec.tenantId.value.trim()}/v2.0/.well-known/openid-configuration`);
    run.assume(
      "validate-azure-ad-token reads its keys from <authentication-endpoint>/<tenant>/v2.0/.well-known/openid-configuration",
    );
  }
  const issuers: string[] = [];
  for (const url of urls) {
    const m = await openIdMetadata(run, url);
    if (m.problem) run.trace(el, `metadata ${m.problem}: no keys from it`);
    keys.push(...m.keys);
    if (m.issuer) issuers.push(m.issuer);
  }
  // Without <issuers>, the issuers the openid-config documents declare are accepted (apim-reference §3).
  if (spec.kind === "validate-jwt" && spec.issuers === undefined && spec.openidConfigUrls.length > 0)
    spec.issuers = issuers.map(ok);
  if (keys.length === 0 && unusable.length === 0 && urls.length === 0) return undefined;
  return { keys, unusable, source: urls.length > 0 ? urls.join(", ") : "the policy's issuer-signing-keys" };
}

/** Resolves {tenantid} in the issuers an openid-config document declares (Entra's multi-tenant documents). */
function tenantIssuers(spec: ValidatorSpec, token: string): void {
  if (!spec.issuers?.some((i) => i.ok && i.value.includes("{tenantid}"))) return;
  const tid = parseJwt(token)?.payload.tid;
  spec.issuers = spec.issuers.map((i) =>
    i.ok ? ok(i.value.replace("{tenantid}", typeof tid === "string" ? tid : "")) : i,
  );
}

async function validate(el: ElementNode, run: Run, kind: Kind): Promise<void> {
  onlyIn(run, el, ["inbound"]);
  const spec = evaluatedSpec(el, run, kind);
  const code = Number(spec.failedValidationHttpCode.ok ? spec.failedValidationHttpCode.value.trim() : "401");
  if (!Number.isInteger(code) || code < 100 || code > 599)
    throw new EmulationError(`${kind} failed-validation-httpcode at ${where(run, el)}: expected an HTTP status code`);
  const custom = spec.failedValidationErrorMessage?.ok ? spec.failedValidationErrorMessage.value : undefined;
  const refuse = (reason: string, message: string): never => {
    const text = custom ?? message;
    run.trace(el, `${reason}: ${text}`);
    return run.fail(reason, text, jsonRefusal(code, text));
  };
  const located = locate(el, run, kind);
  if ("missing" in located) return refuse("TokenNotPresent", "JWT not present.");
  if ("invalid" in located || !looksLikeJwt(located.token)) return refuse("JwtInvalid", "Invalid JWT.");
  const token = located.token;
  const keys = await keysOf(el, run, spec);
  tenantIssuers(spec, token);
  const result = await explainToken({ spec, token, keys, at: new Date(run.now()) });
  const checks = result.checks.filter((c) => c.name !== "location");
  const firstFail = checks.findIndex((c) => c.status === "fail");
  const unverified = checks.findIndex((c) => c.status === "not-verified");
  // A check the emulator cannot run (a certificate-id key, a tenant given by domain name) decides nothing.
  if (unverified >= 0 && (firstFail < 0 || unverified < firstFail)) {
    const c = checks[unverified] as Check;
    throw new NotEmulated(`${kind} ${c.name} check (${c.detail ?? "cannot be verified offline"})`, run.at(el));
  }
  if (result.reason !== null && result.message !== null) {
    const failed = checks.find((c) => c.status === "fail");
    if (failed) run.trace(el, `${failed.name} check failed${failed.detail ? `: ${failed.detail}` : ""}`);
    return refuse(result.reason, result.message);
  }
  const variable = attr(el, "output-token-variable-name")
    ? run.string(el, "output-token-variable-name")?.trim()
    : undefined;
  if (variable) run.context.variables.set(variable, parseJwt(token));
  run.trace(el, `token valid${variable ? `: ${variable} holds the Jwt` : ""}`);
}

export const validateJwt: Handler = (el, run) => validate(el, run, "validate-jwt");
export const validateAzureAdToken: Handler = (el, run) => validate(el, run, "validate-azure-ad-token");
