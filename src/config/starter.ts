// The starter apimkit.json written by `apimkit init`: every value to fill in is a <placeholder>, so
// `apimkit generate` lists exactly what is left to do instead of generating policies for made-up ids.
import type { CloudName } from "./clouds.js";

export const SCHEMA_REF = "node_modules/apimkit/schemas/apimkit.schema.json";

export function starterConfig(schemaRef: string): Record<string, unknown> {
  const cloud: CloudName = "AzureCloud";
  return {
    $schema: schemaRef,
    cloud,
    namedValues: true,
    provider: {
      tenantId: "<provider (tenant2) tenant id>",
      subscriptionId: "<provider subscription id>",
      resourceGroup: "tenant2-rg",
      serviceName: "tenant2-apim",
      apiId: "partner-api",
      apiApp: {
        appId: "<API app client id in tenant2>",
        identifierUri: "api://<API app client id in tenant2>",
        tokenVersion: 1,
        roles: ["access_as_app"],
      },
      validator: "validate-jwt",
      backend: "echo",
    },
    callers: [
      {
        name: "tenant1",
        tenantId: "<caller (tenant1) tenant id>",
        subscriptionId: "<caller subscription id>",
        resourceGroup: "tenant1-rg",
        serviceName: "tenant1-apim",
        apiId: "partner-proxy",
        managedIdentity: {
          clientId: "<user-assigned identity client id>",
          principalId: "<user-assigned identity principal (object) id>",
        },
        bridgeApp: { appId: "<multi-tenant bridge app client id in tenant1>" },
        role: "access_as_app",
        providerPath: "/partner",
        timeoutSeconds: 20,
        tokenCache: { enabled: true, marginSeconds: 300 },
      },
    ],
  };
}
