// The AADSTS errors of the cross-tenant token exchange: what each code means and, given the apimkit config, the
// misconfiguration that most likely caused it in this setup (apim-reference §5).

import { cloudByName } from "../config/clouds.js";
import type { CallerConfig, Config } from "../config/types.js";

export interface AadstsEntry {
  code: number;
  meaning: string;
  /** The likely misconfiguration in the cross-tenant setup and its fix; `facts` are values quoted in the error. */
  diagnose: (setup: SetupFacts, facts: ErrorFacts) => string;
}

/** The setup values a diagnosis quotes (from the config, when one is given). */
export interface SetupFacts {
  config?: Config;
  caller?: CallerConfig;
}

export interface ErrorFacts {
  /** Values quoted in the message: '...' pieces in order. */
  quoted: string[];
  text: string;
}

const ficIssuerOf = (c: CallerConfig | undefined) =>
  c ? `https://login.microsoftonline.com/${c.tenantId}/v2.0` : "https://login.microsoftonline.com/{caller tenant}/v2.0";

function exchangeAudience(s: SetupFacts): string {
  return cloudByName(s.config?.cloud).exchangeAudience;
}

function ficLine(s: SetupFacts): string {
  const c = s.caller;
  return `the bridge app${c ? ` ${c.bridgeApp.appId}` : ""} needs a federated credential with issuer ${ficIssuerOf(c)}, subject ${c ? c.managedIdentity.principalId : "the identity's principal (object) ID"} and audience ${exchangeAudience(s)}`;
}

const ENTRIES: AadstsEntry[] = [
  {
    code: 70021,
    meaning: "No matching federated identity record found for the presented assertion.",
    diagnose: (s) =>
      `${ficLine(s)}. Check it with 'az ad app federated-credential list --id <bridge app>' (or 'apimkit doctor --fic FILE'). A credential created in the last minutes may not have propagated yet: retry.`,
  },
  {
    code: 700213,
    meaning: "No federated credential matches the assertion's subject (compared case-sensitively).",
    diagnose: (s, f) => {
      const c = s.caller;
      const presented = f.quoted[0];
      if (c && presented === c.managedIdentity.principalId) {
        return `the assertion's subject is the managed identity's principalId ${presented}, as it should be: the federated credential's subject is wrong (often the clientId ${c.managedIdentity.clientId} was entered): set the subject to ${c.managedIdentity.principalId}.`;
      }
      if (c && presented && presented.toLowerCase() === c.managedIdentity.principalId.toLowerCase()) {
        return `the subjects differ only in letter case; the match is case-sensitive: set the subject to ${presented}.`;
      }
      if (c && presented) {
        return `the assertion comes from identity ${presented}, not the configured ${c.managedIdentity.principalId}: the caller policy's authentication-managed-identity client-id should be ${c.managedIdentity.clientId} (the clientId), and the credential's subject ${c.managedIdentity.principalId} (the principalId).`;
      }
      return "the federated credential's subject must be the managed identity's principal (object) ID, not its client ID.";
    },
  },
  {
    code: 700211,
    meaning: "No federated credential matches the assertion's issuer.",
    diagnose: (s, f) => {
      const expected = ficIssuerOf(s.caller);
      const presented = f.quoted[0];
      return `the credential's issuer must be exactly ${expected}${presented && presented !== expected ? ` (the assertion's issuer is ${presented})` : ""}: no leading or trailing whitespace, the v2.0 form, the caller tenant (where the managed identity lives).`;
    },
  },
  {
    code: 7002121,
    meaning: "No federated credential matches the assertion's audience.",
    diagnose: (s) =>
      `the credential's audience must be ${exchangeAudience(s)} and the caller policy's authentication-managed-identity resource the same value; cross-cloud exchange is not supported.`,
  },
  {
    code: 700236,
    meaning: "Entra-issued assertions may only be used by an app registered in the issuing tenant (cross-tenant FIC).",
    diagnose: (s) =>
      `the bridge app${s.caller ? ` ${s.caller.bridgeApp.appId}` : ""} must be registered in the caller tenant${s.caller ? ` ${s.caller.tenantId}` : ""} (where the managed identity is), as a multi-tenant app with a service principal in the provider tenant. An app registered in the provider tenant cannot use the caller's managed identity.`,
  },
  {
    code: 700016,
    meaning:
      "Application not found in the directory: the client has no service principal in the tenant the request went to.",
    diagnose: (s, f) => {
      const p = s.config?.provider.tenantId;
      const [appId, tenant] = f.quoted;
      if (p && tenant && tenant.toLowerCase() !== p.toLowerCase()) {
        return `the exchange went to tenant ${tenant}, not the provider tenant ${p}: the caller's token endpoint must be https://login.microsoftonline.com/${p}/oauth2/v2.0/token.`;
      }
      if (s.caller && appId && appId.toLowerCase() !== s.caller.bridgeApp.appId.toLowerCase()) {
        return `the caller sent client_id ${appId}, the config's bridge app is ${s.caller.bridgeApp.appId}.`;
      }
      return `the bridge app${s.caller ? ` ${s.caller.bridgeApp.appId}` : ""} has no service principal in the provider tenant${p ? ` ${p}` : ""}: make it multi-tenant (AzureADMultipleOrgs), then in the provider tenant run 'az ad sp create --id <bridge app id>' (or grant admin consent) and assign the API app's role.`;
    },
  },
  {
    code: 500011,
    meaning:
      "Resource principal not found in the tenant: wrong scope/App ID URI, or the API app has no service principal there.",
    diagnose: (s, f) => {
      const p = s.config?.provider;
      const resource = /principal named (\S+)/.exec(f.text)?.[1];
      const tenant = /tenant named (\S+?)\.?(?:\s|$)/.exec(f.text)?.[1];
      if (p && tenant && tenant.toLowerCase() !== p.tenantId.toLowerCase()) {
        return `the exchange went to tenant ${tenant}, but the API app lives in the provider tenant ${p.tenantId}.`;
      }
      return `the scope must be ${p ? `${p.apiApp.identifierUri}/.default (or ${p.apiApp.appId}/.default)` : "<API App ID URI>/.default"}${resource ? `; the request named ${resource}` : ""}, and the API app needs a service principal in the provider tenant.`;
    },
  },
  {
    code: 70011,
    meaning: "Invalid scope: client credentials take exactly one resource with /.default.",
    diagnose: (s) =>
      `send scope=${s.config ? `${s.config.provider.apiApp.identifierUri}/.default` : "<API App ID URI>/.default"} (URL-encoded in the form body), one resource only.`,
  },
  {
    code: 7000215,
    meaning: "Invalid client secret.",
    diagnose: () =>
      "this setup uses no secret: the caller must send client_assertion (the managed identity's token) with client_assertion_type jwt-bearer, not client_secret.",
  },
  {
    code: 7000218,
    meaning: "The request body must contain client_assertion or client_secret.",
    diagnose: () =>
      "the exchange request lacks client_assertion: check that authentication-managed-identity stored the token in its output-token-variable-name and that set-body appends it.",
  },
  {
    code: 50013,
    meaning: "The assertion is invalid: failed signature validation, or otherwise unusable.",
    diagnose: (s) =>
      `the client_assertion must be the managed identity's token for ${exchangeAudience(s)}, passed unmodified (URL-encoded only).`,
  },
  {
    code: 500133,
    meaning: "The assertion is not within its valid time range (expired).",
    diagnose: () =>
      "the caller reused an old managed-identity token: request a fresh one for each exchange (APIM caches it until shortly before expiry).",
  },
  {
    code: 90002,
    meaning: "Tenant not found.",
    diagnose: (s) =>
      `the token endpoint names an unknown tenant: use the provider tenant ID ${s.config?.provider.tenantId ?? "<tenant2 id>"}, and the login host of the right cloud (${cloudByName(s.config?.cloud).loginHost}).`,
  },
  {
    code: 700222,
    meaning: "AAD-issued tokens may not be used for federated identity flows (older limitation).",
    diagnose: (s) => `use a user-assigned managed identity's token for ${exchangeAudience(s)} as the assertion.`,
  },
  {
    code: 700226,
    meaning: "Only managed-identity tokens may be used as a federated credential for an Entra issuer.",
    diagnose: () =>
      "the assertion must come from the user-assigned managed identity (authentication-managed-identity with its client-id), not from an app.",
  },
  {
    code: 700229,
    meaning: "Only app-only tokens can be used as a federated credential for an Entra issuer.",
    diagnose: () => "the assertion must be the managed identity's app-only token, not a user token.",
  },
  {
    code: 900144,
    meaning: "A required parameter is missing from the request body.",
    diagnose: () =>
      "the form body must carry client_id, scope, client_assertion_type, client_assertion and grant_type=client_credentials, with Content-Type application/x-www-form-urlencoded.",
  },
  {
    code: 70003,
    meaning: "Unsupported grant type.",
    diagnose: () => "send grant_type=client_credentials.",
  },
  {
    code: 50027,
    meaning: "The JWT (here: the client assertion) is invalid or malformed.",
    diagnose: () =>
      "the client_assertion must be the managed identity's token itself; it was changed or truncated (check the URL encoding of the form body).",
  },
];

export const AADSTS_CODES: readonly number[] = ENTRIES.map((e) => e.code);

export interface AadstsDiagnosis {
  code: number;
  known: boolean;
  meaning: string;
  likelyCause: string;
  traceId?: string;
  correlationId?: string;
}

/** Reads an error text (Entra's JSON body, its error_description, or a log line) and explains each AADSTS code. */
export function diagnoseAadsts(text: string, setup: SetupFacts = {}): AadstsDiagnosis[] {
  let description = text;
  try {
    const body = JSON.parse(text) as { error_description?: unknown; error_codes?: unknown };
    if (typeof body.error_description === "string") description = body.error_description;
    else if (Array.isArray(body.error_codes)) description = body.error_codes.map((c) => `AADSTS${c}`).join(" ");
  } catch {
    // plain text
  }
  const codes = [...new Set([...description.matchAll(/AADSTS(\d{4,8})/g)].map((m) => Number(m[1])))];
  const quoted = [...description.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const traceId = /Trace ID: ([0-9a-f-]{36})/i.exec(description)?.[1];
  const correlationId = /Correlation ID: ([0-9a-f-]{36})/i.exec(description)?.[1];
  return codes.map((code) => {
    const entry = ENTRIES.find((e) => e.code === code);
    if (!entry) {
      return {
        code,
        known: false,
        meaning: "not in apimkit's table",
        likelyCause: `look it up at https://login.microsoftonline.com/error?code=${code}`,
        traceId,
        correlationId,
      };
    }
    return {
      code,
      known: true,
      meaning: entry.meaning,
      likelyCause: entry.diagnose(setup, { quoted, text: description }),
      traceId,
      correlationId,
    };
  });
}
