// One ApiManagementClient and one credential per tenant (and subscription), made on first use.
import { ApiManagementClient } from "@azure/arm-apimanagement";
import type { TokenCredential } from "@azure/core-auth";
import { type AuthMode, createCredential } from "./credentials.js";
import type { ServiceCoordinates } from "./targets.js";

export interface ClientOptions {
  auth: AuthMode;
  /** ARM endpoint (the cloud's, or --arm-endpoint), without trailing slash. */
  armEndpoint: string;
  /** Extra trusted CA (PEM) for a test ARM endpoint; otherwise NODE_EXTRA_CA_CERTS or the system store applies. */
  tlsCa?: string;
  env?: NodeJS.ProcessEnv;
}

export class ArmClients {
  private readonly credentials = new Map<string, TokenCredential>();
  private readonly clients = new Map<string, ApiManagementClient>();

  constructor(private readonly options: ClientOptions) {}

  credentialFor(tenantId: string): TokenCredential {
    const key = tenantId.toLowerCase();
    let credential = this.credentials.get(key);
    if (!credential) {
      credential = createCredential(this.options.auth, tenantId, this.options.env ?? process.env);
      this.credentials.set(key, credential);
    }
    return credential;
  }

  clientFor(service: ServiceCoordinates): ApiManagementClient {
    const key = `${service.tenantId}/${service.subscriptionId}`.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      // `endpoint` moves both the URL and the token scope; `$host` alone would not (apim-reference §6).
      client = new ApiManagementClient(this.credentialFor(service.tenantId), service.subscriptionId, {
        endpoint: this.options.armEndpoint,
        ...(this.options.tlsCa ? { tlsOptions: { ca: this.options.tlsCa } } : {}),
        userAgentOptions: { userAgentPrefix: "apimkit" },
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
