// Entra's error answers: { error, error_description: "AADSTSnnnn: ...", error_codes, timestamp, trace_id,
// correlation_id, error_uri } with HTTP 400 (or 401 for invalid_client), as login.microsoftonline.com sends them.
import { randomUUID } from "node:crypto";

export interface EntraError {
  status: 400 | 401;
  error: string;
  code: number;
  text: string;
}

export function entraErrorBody(e: EntraError, now: Date, correlationId = randomUUID()) {
  const traceId = randomUUID();
  const timestamp = now
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
  };
}

const FIC_HINT =
  "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.";

/** The errors the lab can give, worded as Entra words them (apim-reference §5). */
export const AADSTS = {
  tenantNotFound: (t: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 90002,
    text: `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  unsupportedGrant: (g: string): EntraError => ({
    status: 400,
    error: "unsupported_grant_type",
    code: 70003,
    text: `The app requested an unsupported grant type '${g}'.`,
  }),
  missingParameter: (p: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 900144,
    text: `The request body must contain the following parameter: '${p}'.`,
  }),
  noCredential: (): EntraError => ({
    status: 401,
    error: "invalid_client",
    code: 7000218,
    text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  invalidSecret: (appId: string): EntraError => ({
    status: 401,
    error: "invalid_client",
    code: 7000215,
    text: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  }),
  appNotFound: (appId: string, tenant: string): EntraError => ({
    status: 400,
    error: "unauthorized_client",
    code: 700016,
    text: `Application with identifier '${appId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  malformedAssertion: (): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 50027,
    text: "JWT token is invalid or malformed.",
  }),
  crossTenantFic: (iss: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 700236,
    text: `Entra ID tokens issued by issuer '${iss}' may not be used for federated identity credential flows for applications or managed identities registered in this tenant.`,
  }),
  noFic: (iss: string, sub: string, aud: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 70021,
    text: `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${aud}'.`,
  }),
  ficIssuer: (iss: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 700211,
    text: `No matching federated identity record found for presented assertion issuer '${iss}'. ${FIC_HINT}`,
  }),
  ficSubject: (sub: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 700213,
    text: `No matching federated identity record found for presented assertion subject '${sub}'. ${FIC_HINT}`,
  }),
  ficAudience: (aud: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 7002121,
    text: `No matching federated identity record found for presented assertion audience '${aud}'. ${FIC_HINT}`,
  }),
  badSignature: (): EntraError => ({
    status: 401,
    error: "invalid_client",
    code: 50013,
    text: "Assertion failed signature validation.",
  }),
  assertionExpired: (): EntraError => ({
    status: 400,
    error: "invalid_client",
    code: 500133,
    text: "Assertion is not within its valid time range.",
  }),
  invalidScope: (scope: string): EntraError => ({
    status: 400,
    error: "invalid_scope",
    code: 70011,
    text: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
  resourceNotFound: (resource: string, tenant: string): EntraError => ({
    status: 400,
    error: "invalid_resource",
    code: 500011,
    text: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
};
