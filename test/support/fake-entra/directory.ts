// The fake Entra directory: tenants, app registrations, service principals, managed identities, federated
// credentials. Plain data the tests shape per scenario; the server reads it on every request.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";

export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description?: string;
}

export interface AppRegistration {
  appId: string;
  displayName: string;
  /** The tenant the app is registered in. */
  homeTenantId: string;
  identifierUris: string[];
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs";
  /** api.requestedAccessTokenVersion: null/1 -> v1 tokens, 2 -> v2 tokens (decided by the RESOURCE). */
  requestedAccessTokenVersion: 1 | 2 | null;
  appRoles: string[];
  federatedCredentials: FederatedCredential[];
}

export interface AppRoleAssignment {
  /** appId of the resource (API app) whose role is assigned. */
  resourceAppId: string;
  role: string;
}

export interface ServicePrincipal {
  appId: string;
  objectId: string;
  appRoleAssignments: AppRoleAssignment[];
}

export interface ManagedIdentity {
  clientId: string;
  principalId: string;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** False for a key the tenant signs with but does not publish (a rogue or stale key). */
  published: boolean;
}

export interface Tenant {
  id: string;
  keys: SigningKey[];
  /** The kid new tokens are signed with. */
  activeKid: string;
  servicePrincipals: ServicePrincipal[];
  managedIdentities: ManagedIdentity[];
}

export interface Directory {
  tenants: Tenant[];
  applications: AppRegistration[];
}

/**
 * RSA key pairs, made once per worker and handed out in turn: a 2048-bit pair costs about 0.1 s of CPU and the lab
 * tests made two or three per test. A directory holds far fewer keys than the pool, so the keys it holds are
 * distinct pairs (what the tests of unknown or unpublished keys rely on); each key still gets its own kid.
 */
const KEY_POOL_SIZE = 8;
const keyPairs: Promise<CryptoKeyPair>[] = [];
let nextKeyPair = 0;

function pooledKeyPair(): Promise<CryptoKeyPair> {
  const i = nextKeyPair++ % KEY_POOL_SIZE;
  keyPairs[i] ??= generateKeyPair("RS256", { extractable: true });
  return keyPairs[i];
}

export async function newSigningKey(
  kid = randomUUID().replace(/-/g, "").slice(0, 20),
  published = true,
): Promise<SigningKey> {
  const { privateKey, publicKey } = await pooledKeyPair();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: "sig", kty: "RSA" };
  return { kid, privateKey, publicJwk, published };
}

export async function newTenant(id: string): Promise<Tenant> {
  const key = await newSigningKey();
  return { id, keys: [key], activeKid: key.kid, servicePrincipals: [], managedIdentities: [] };
}

export function findTenant(dir: Directory, id: string): Tenant | undefined {
  return dir.tenants.find((t) => t.id.toLowerCase() === id.toLowerCase());
}

export function findApp(dir: Directory, appId: string): AppRegistration | undefined {
  return dir.applications.find((a) => a.appId.toLowerCase() === appId.toLowerCase());
}

export function findServicePrincipal(tenant: Tenant, appId: string): ServicePrincipal | undefined {
  return tenant.servicePrincipals.find((sp) => sp.appId.toLowerCase() === appId.toLowerCase());
}

export function addServicePrincipal(
  tenant: Tenant,
  appId: string,
  assignments: AppRoleAssignment[] = [],
): ServicePrincipal {
  const sp = { appId, objectId: randomUUID(), appRoleAssignments: assignments };
  tenant.servicePrincipals.push(sp);
  return sp;
}
