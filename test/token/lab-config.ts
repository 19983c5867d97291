// The flagship setup as an apimkit config (one caller in tenant1, one provider API in tenant2), for the lab tests.
import type { Config } from "../../src/config/types.js";
import { type ExchangeResult, exchangeOverrides, exchangeThroughCaller } from "../support/fake-entra/caller.js";
import type { FakeEntra } from "../support/fake-entra/server.js";

export const T1 = "11111111-1111-4111-8111-111111111111";
export const T2 = "22222222-2222-4222-8222-222222222222";
export const API_APP_ID = "33333333-3333-4333-8333-333333333333";
export const BRIDGE_APP_ID = "44444444-4444-4444-8444-444444444444";
export const MI_CLIENT_ID = "55555555-5555-4555-8555-555555555555";
export const MI_PRINCIPAL_ID = "6666abcd-6666-4666-8666-66666666abcd";
export const IDENTIFIER_URI = `api://${API_APP_ID}`;

export function labConfig(tokenVersion: 1 | 2 = 1): Config {
  return {
    cloud: "AzureCloud",
    namedValues: true,
    provider: {
      tenantId: T2,
      subscriptionId: "77777777-7777-4777-8777-777777777777",
      resourceGroup: "tenant2-rg",
      serviceName: "tenant2-apim",
      apiId: "partner-api",
      operationId: "validate",
      apiApp: { appId: API_APP_ID, identifierUri: IDENTIFIER_URI, tokenVersion, roles: ["access_as_app"] },
      validator: "validate-jwt",
      backend: "echo",
    },
    callers: [
      {
        name: "tenant1",
        tenantId: T1,
        subscriptionId: "88888888-8888-4888-8888-888888888888",
        resourceGroup: "tenant1-rg",
        serviceName: "tenant1-apim",
        apiId: "partner-proxy",
        managedIdentity: { clientId: MI_CLIENT_ID, principalId: MI_PRINCIPAL_ID },
        bridgeApp: { appId: BRIDGE_APP_ID },
        role: "access_as_app",
        providerPath: "/partner/validate",
        timeoutSeconds: 20,
        tokenCache: { enabled: true, marginSeconds: 300 },
      },
    ],
  };
}

/** The caller's exchange against the lab (the generated caller policy, emulated), with the lab config's ids unless overridden. */
export function exchangeInLab(
  lab: FakeEntra,
  over: { scope?: string; tenant?: string; client?: string } = {},
): Promise<ExchangeResult> {
  const config = labConfig(1);
  return exchangeThroughCaller({ lab, config, namedValues: exchangeOverrides(config, over) });
}
