// A local two-tenant fake Entra ID on 127.0.0.1: OpenID configuration (v1 and v2) and JWKS per tenant, a
// managed-identity endpoint (IMDS shape) issuing the FIC assertion, and a v2.0 token endpoint implementing
// client_credentials with jwt-bearer client assertions, FIC matching, service principals and app role assignments.
// Tokens carry the real Entra issuers (https://sts.windows.net/{tid}/, https://login.microsoftonline.com/{tid}/v2.0)
// so the policies apimkit generates validate them unchanged; only the key URLs point here.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload, SignJWT } from "jose";
import {
  type AppRegistration,
  type Directory,
  findApp,
  findServicePrincipal,
  findTenant,
  type Tenant,
} from "./directory.js";
import { AADSTS, type EntraError, entraErrorBody } from "./errors.js";

export const LOGIN = "https://login.microsoftonline.com";
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface FakeEntraOptions {
  /** The lab's clock (default: the real one). */
  now?: () => Date;
  /** Lifetime of issued access tokens (Entra: 60-90 min; default 3599 s). */
  accessTokenSeconds?: number;
}

export interface FakeEntra {
  url: string;
  directory: Directory;
  /** The OpenID configuration URL of a tenant (version 1 or 2 metadata). */
  openidConfigUrl(tenantId: string, version: 1 | 2): string;
  /** The managed-identity endpoint (IMDS shape: GET ?resource=&client_id= with Metadata: true). */
  managedIdentityUrl: string;
  tokenEndpoint(tenantId: string): string;
  /** Signs arbitrary claims as the tenant (kid chooses the key, also an unpublished one). */
  sign(tenantId: string, claims: JWTPayload, kid?: string): Promise<string>;
  close(): Promise<void>;
}

const v1Issuer = (t: string) => `https://sts.windows.net/${t}/`;
const v2Issuer = (t: string) => `${LOGIN}/${t}/v2.0`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class Refusal extends Error {
  constructor(readonly entra: EntraError) {
    super(`AADSTS${entra.code}`);
  }
}
const refuse = (e: EntraError): never => {
  throw new Refusal(e);
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

export async function startFakeEntra(directory: Directory, options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const now = options.now ?? (() => new Date());
  const lifetime = options.accessTokenSeconds ?? 3599;
  let base = "";

  async function sign(tenantId: string, claims: JWTPayload, kid?: string, extraHeader: Record<string, unknown> = {}) {
    const tenant = findTenant(directory, tenantId);
    if (!tenant) throw new Error(`lab: no tenant ${tenantId}`);
    const key = tenant.keys.find((k) => k.kid === (kid ?? tenant.activeKid));
    if (!key) throw new Error(`lab: tenant ${tenantId} has no key ${kid}`);
    return new SignJWT(claims)
      .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid, ...extraHeader })
      .sign(key.privateKey);
  }

  function openidConfig(tenant: Tenant, version: 1 | 2) {
    const t = tenant.id;
    return {
      token_endpoint: `${base}/${t}/oauth2/${version === 2 ? "v2.0/" : ""}token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/${t}/discovery/${version === 2 ? "v2.0/" : ""}keys`,
      response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: version === 2 ? v2Issuer(t) : v1Issuer(t),
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
    };
  }

  function jwks(tenant: Tenant) {
    return { keys: tenant.keys.filter((k) => k.published).map((k) => ({ ...k.publicJwk, x5t: k.kid })) };
  }

  async function managedIdentityToken(url: URL, req: IncomingMessage) {
    if (req.headers.metadata !== "true") {
      return {
        status: 400,
        body: { error: "invalid_request", error_description: "Required metadata header not specified" },
      };
    }
    const resource = url.searchParams.get("resource");
    const clientId = url.searchParams.get("client_id");
    if (!resource)
      return {
        status: 400,
        body: { error: "invalid_request", error_description: "Required audience parameter not specified" },
      };
    const tenant = directory.tenants.find((t) => t.managedIdentities.some((m) => m.clientId === clientId));
    const mi = tenant?.managedIdentities.find((m) => m.clientId === clientId);
    if (!tenant || !mi) {
      return { status: 400, body: { error: "invalid_request", error_description: "Identity not found" } };
    }
    const iat = Math.floor(now().getTime() / 1000);
    const token = await sign(tenant.id, {
      aud: resource,
      iss: v2Issuer(tenant.id),
      iat,
      nbf: iat,
      exp: iat + 86399,
      azp: mi.clientId,
      azpacr: "2",
      idtyp: "app",
      oid: mi.principalId,
      sub: mi.principalId,
      tid: tenant.id,
      uti: randomUUID(),
      ver: "2.0",
    });
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: "86399",
        expires_on: String(iat + 86399),
        resource,
        token_type: "Bearer",
        client_id: clientId,
      },
    };
  }

  /** Verifies the client assertion and finds the federated credential it matches on the app. */
  async function checkAssertion(app: AppRegistration, assertion: string): Promise<void> {
    let claims: JWTPayload;
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      return refuse(AADSTS.malformedAssertion());
    }
    const iss = String(claims.iss ?? "");
    const sub = String(claims.sub ?? "");
    const aud = Array.isArray(claims.aud) ? claims.aud : [String(claims.aud ?? "")];
    const entraIssuer = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/.exec(iss);
    // An Entra-issued assertion may only be used by an app registered in the issuing tenant.
    if (entraIssuer && entraIssuer[1]!.toLowerCase() !== app.homeTenantId.toLowerCase())
      refuse(AADSTS.crossTenantFic(iss));
    const fics = app.federatedCredentials;
    if (fics.length === 0) refuse(AADSTS.noFic(iss, sub, aud.join(",")));
    const byIssuer = fics.filter((f) => f.issuer === iss);
    if (byIssuer.length === 0) refuse(AADSTS.ficIssuer(iss));
    const bySubject = byIssuer.filter((f) => f.subject === sub); // case-sensitive, as Entra matches it
    if (bySubject.length === 0) refuse(AADSTS.ficSubject(sub));
    if (!bySubject.some((f) => f.audiences.some((a) => aud.includes(a)))) refuse(AADSTS.ficAudience(aud.join(",")));
    // The assertion itself: signed by the issuing tenant's published keys, within its lifetime.
    const issuerTenant = entraIssuer ? findTenant(directory, entraIssuer[1]!) : undefined;
    const key = issuerTenant?.keys.find((k) => k.published && k.kid === header.kid);
    if (!key) refuse(AADSTS.badSignature());
    try {
      await compactVerify(assertion, await importJWK({ ...key!.publicJwk, alg: "RS256" }, "RS256"));
    } catch {
      refuse(AADSTS.badSignature());
    }
    const t = Math.floor(now().getTime() / 1000);
    if (typeof claims.exp !== "number" || claims.exp <= t || (typeof claims.nbf === "number" && claims.nbf > t + 300)) {
      refuse(AADSTS.assertionExpired());
    }
  }

  async function tokenEndpoint(tenantId: string, form: URLSearchParams) {
    const tenant = findTenant(directory, tenantId);
    if (!tenant) return refuse(AADSTS.tenantNotFound(tenantId));
    const grant = form.get("grant_type");
    if (!grant) refuse(AADSTS.missingParameter("grant_type"));
    if (grant !== "client_credentials") refuse(AADSTS.unsupportedGrant(grant!));
    const clientId = form.get("client_id");
    if (!clientId) return refuse(AADSTS.missingParameter("client_id"));
    const assertion = form.get("client_assertion");
    const secret = form.get("client_secret");
    if (!assertion && !secret) refuse(AADSTS.noCredential());
    // The client must be an app with a service principal in the tenant the request goes to.
    const app = findApp(directory, clientId);
    const clientSp = findServicePrincipal(tenant, clientId);
    const reachable = app && (app.homeTenantId === tenant.id || app.signInAudience === "AzureADMultipleOrgs");
    if (!app || !clientSp || !reachable) return refuse(AADSTS.appNotFound(clientId, tenant.id));
    if (secret) refuse(AADSTS.invalidSecret(clientId)); // the lab's apps have no secrets
    if (form.get("client_assertion_type") !== JWT_BEARER) refuse(AADSTS.missingParameter("client_assertion_type"));
    await checkAssertion(app, assertion!);
    // One resource, /.default.
    const scope = (form.get("scope") ?? "").trim();
    if (!scope) refuse(AADSTS.missingParameter("scope"));
    const scopes = scope.split(/\s+/);
    if (scopes.length !== 1 || !scopes[0]!.endsWith("/.default")) refuse(AADSTS.invalidScope(scope));
    const requested = scopes[0]!.slice(0, -"/.default".length);
    const resourceApp = directory.applications.find(
      (a) =>
        (a.appId.toLowerCase() === requested.toLowerCase() || a.identifierUris.includes(requested)) &&
        findServicePrincipal(tenant, a.appId),
    );
    if (!resourceApp) return refuse(AADSTS.resourceNotFound(requested, tenant.id));
    const roles = clientSp.appRoleAssignments
      .filter(
        (r) =>
          r.resourceAppId.toLowerCase() === resourceApp.appId.toLowerCase() && resourceApp.appRoles.includes(r.role),
      )
      .map((r) => r.role);
    const iat = Math.floor(now().getTime() / 1000);
    const common = {
      iat,
      nbf: iat,
      exp: iat + lifetime,
      oid: clientSp.objectId,
      sub: clientSp.objectId,
      tid: tenant.id,
      uti: randomUUID(),
      ...(roles.length ? { roles } : {}),
    };
    const v2 = resourceApp.requestedAccessTokenVersion === 2;
    const claims: JWTPayload = v2
      ? { aud: resourceApp.appId, iss: v2Issuer(tenant.id), azp: app.appId, azpacr: "2", ...common, ver: "2.0" }
      : {
          aud: GUID.test(requested) ? resourceApp.appId : requested,
          iss: v1Issuer(tenant.id),
          idp: v1Issuer(app.homeTenantId),
          appid: app.appId,
          appidacr: "2",
          ...common,
          ver: "1.0",
        };
    const accessToken = await sign(tenant.id, claims, undefined, v2 ? {} : { x5t: tenant.activeKid });
    return { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const parts = url.pathname.split("/").filter(Boolean);
    try {
      if (req.method === "GET" && url.pathname === "/metadata/identity/oauth2/token") {
        const r = await managedIdentityToken(url, req);
        return send(res, r.status, r.body);
      }
      const tenant = parts[0] ? findTenant(directory, parts[0]) : undefined;
      const rest = parts.slice(1).join("/");
      if (
        req.method === "GET" &&
        (rest === ".well-known/openid-configuration" || rest === "v2.0/.well-known/openid-configuration")
      ) {
        if (!tenant) return send(res, 400, entraErrorBody(AADSTS.tenantNotFound(parts[0]!), now()));
        return send(res, 200, openidConfig(tenant, rest.startsWith("v2.0") ? 2 : 1));
      }
      if (req.method === "GET" && (rest === "discovery/keys" || rest === "discovery/v2.0/keys")) {
        if (!tenant) return send(res, 400, entraErrorBody(AADSTS.tenantNotFound(parts[0]!), now()));
        return send(res, 200, jwks(tenant));
      }
      if (req.method === "POST" && rest === "oauth2/v2.0/token") {
        const form = new URLSearchParams(await readBody(req));
        return send(res, 200, await tokenEndpoint(parts[0]!, form));
      }
      return send(res, 404, { error: "not_found", error_description: `lab: no route ${req.method} ${url.pathname}` });
    } catch (err) {
      if (err instanceof Refusal) return send(res, err.entra.status, entraErrorBody(err.entra, now()));
      return send(res, 500, { error: "server_error", error_description: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    directory,
    openidConfigUrl: (t, version) => `${base}/${t}/${version === 2 ? "v2.0/" : ""}.well-known/openid-configuration`,
    managedIdentityUrl: `${base}/metadata/identity/oauth2/token`,
    tokenEndpoint: (t) => `${base}/${t}/oauth2/v2.0/token`,
    sign: (t, claims, kid) => sign(t, claims, kid),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
