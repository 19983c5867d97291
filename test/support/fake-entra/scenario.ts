// Builds the lab's directory from an apimkit config, as setup.sh would configure Entra, with optional
// misconfigurations (the ones users actually make) applied on top.

import { cloudByName } from "../../../src/config/clouds.js";
import type { Config } from "../../../src/config/types.js";
import { addServicePrincipal, type Directory, findTenant, newTenant } from "./directory.js";

export interface Misconfiguration {
  /** The API app's real requestedAccessTokenVersion when it differs from the config's tokenVersion. */
  actualTokenVersion?: 1 | 2;
  /** The FIC subject holds the identity's clientId instead of its principalId. */
  ficSubjectIsClientId?: boolean;
  /** The FIC issuer as typed (e.g. with a trailing space, or the provider tenant). */
  ficIssuer?: string;
  /** The FIC audience as typed. */
  ficAudience?: string;
  /** The bridge app has no service principal in the provider tenant (never consented there). */
  noBridgeServicePrincipal?: boolean;
  /** The bridge app's service principal in the provider tenant has no app role assignment. */
  noRoleAssignment?: boolean;
  /** The bridge app is registered in the provider tenant instead of the caller tenant. */
  bridgeAppInProviderTenant?: boolean;
}

/** A directory holding the provider tenant and every caller tenant of the config. */
export async function directoryFromConfig(config: Config, mis: Misconfiguration = {}): Promise<Directory> {
  const cloud = cloudByName(config.cloud);
  const provider = config.provider;
  const dir: Directory = { tenants: [await newTenant(provider.tenantId)], applications: [] };
  const t2 = dir.tenants[0]!;
  dir.applications.push({
    appId: provider.apiApp.appId,
    displayName: "provider api",
    homeTenantId: t2.id,
    identifierUris: [provider.apiApp.identifierUri],
    signInAudience: "AzureADMyOrg",
    requestedAccessTokenVersion: mis.actualTokenVersion ?? provider.apiApp.tokenVersion,
    appRoles: [...provider.apiApp.roles],
    federatedCredentials: [],
  });
  addServicePrincipal(t2, provider.apiApp.appId);
  for (const caller of config.callers) {
    let t1 = findTenant(dir, caller.tenantId);
    if (!t1) {
      t1 = await newTenant(caller.tenantId);
      dir.tenants.push(t1);
    }
    t1.managedIdentities.push({ ...caller.managedIdentity });
    const home = mis.bridgeAppInProviderTenant ? t2 : t1;
    if (!dir.applications.some((a) => a.appId === caller.bridgeApp.appId)) {
      dir.applications.push({
        appId: caller.bridgeApp.appId,
        displayName: `${caller.name} bridge`,
        homeTenantId: home.id,
        identifierUris: [],
        signInAudience: "AzureADMultipleOrgs",
        requestedAccessTokenVersion: null,
        appRoles: [],
        federatedCredentials: [],
      });
      addServicePrincipal(home, caller.bridgeApp.appId);
    }
    dir.applications
      .find((a) => a.appId === caller.bridgeApp.appId)!
      .federatedCredentials.push({
        name: `${caller.name}-uami`,
        issuer: mis.ficIssuer ?? `https://login.microsoftonline.com/${caller.tenantId}/v2.0`,
        subject: mis.ficSubjectIsClientId ? caller.managedIdentity.clientId : caller.managedIdentity.principalId,
        audiences: [mis.ficAudience ?? cloud.exchangeAudience],
      });
    if (!mis.noBridgeServicePrincipal && home !== t2) {
      addServicePrincipal(
        t2,
        caller.bridgeApp.appId,
        mis.noRoleAssignment ? [] : [{ resourceAppId: provider.apiApp.appId, role: caller.role }],
      );
    } else if (home === t2 && !mis.noRoleAssignment) {
      const sp = t2.servicePrincipals.find((s) => s.appId === caller.bridgeApp.appId)!;
      sp.appRoleAssignments.push({ resourceAppId: provider.apiApp.appId, role: caller.role });
    }
  }
  return dir;
}
