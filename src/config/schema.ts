// The JSON Schema of apimkit.json, typed against the Config interfaces: if they drift apart, tsc fails.
// schemas/apimkit.schema.json is written from this object (test/config/schema-file.test.ts keeps them equal).
import type { JSONSchemaType } from "ajv";
import { CLOUDS, type CloudName } from "./clouds.js";
import type { Config } from "./types.js";

/** Named patterns: errors against them read "must be <expected>" (see messages.ts). */
export const PATTERNS = {
  guid: {
    pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    expected: "a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
  },
  callerName: {
    pattern: "^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$",
    expected: "1-40 lower-case letters, digits or '-', not starting or ending with '-'",
  },
  resourceGroup: {
    pattern: "^[-\\w.()]{0,89}[-\\w()]$",
    expected: "a resource group name (1-90 letters, digits, '-', '_', '.', '(', ')', not ending with '.')",
  },
  serviceName: {
    pattern: "^[a-zA-Z](?:[a-zA-Z0-9-]{0,48}[a-zA-Z0-9])?$",
    expected: "an API Management service name (1-50 letters, digits or '-', starting with a letter)",
  },
  entityId: {
    pattern: "^[^*#&+:<>?/\\\\\\s\"'{}]{1,256}$",
    expected: "an APIM id (1-256 characters, none of * # & + : < > ? / \\ \" ' { } or spaces)",
  },
  identifierUri: {
    pattern: "^[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>&{}\\\\]*[^\\s\"'<>&{}\\\\/]$",
    expected: "an Application ID URI such as api://<guid> (no spaces, quotes, <, >, &, braces or trailing '/')",
  },
  role: {
    pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$",
    expected: "an app role value (letters, digits, '.', '_', ':', '-'; no spaces)",
  },
  path: {
    pattern: "^/[A-Za-z0-9._~()*+,;=:@%/-]*$",
    expected: "a path starting with '/' (letters, digits and . _ ~ ( ) * + , ; = : @ % / -)",
  },
  baseUrl: {
    pattern: "^https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$",
    expected: "an https:// URL without query, e.g. https://tenant2-apim.azure-api.net",
  },
  namedValueName: {
    pattern: "^[A-Za-z0-9._-]{1,256}$",
    expected: "a named value name (letters, digits, '.', '_', '-')",
  },
  headerName: {
    pattern: "^[A-Za-z0-9-]{1,100}$",
    expected: "an HTTP header name (letters, digits, '-')",
  },
} as const;

export type PatternName = keyof typeof PATTERNS;

const ref = (name: PatternName) => ({ $ref: `#/definitions/${name}` });

const cloudNames = Object.keys(CLOUDS) as CloudName[];

const common = {
  tenantId: ref("guid"),
  subscriptionId: ref("guid"),
  resourceGroup: ref("resourceGroup"),
  serviceName: ref("serviceName"),
  apiId: ref("entityId"),
} as const;

/** Typed against Config. `nullable` is only there for the typing: runtimeSchema() removes it (null is not "unset"). */
export const configSchema: JSONSchemaType<Config> = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/apimkit/apimkit/schemas/apimkit.schema.json",
  title: "apimkit.json",
  description: "apimkit config: one provider API (tenant2) and the caller APIM instances (other tenants) that call it.",
  type: "object",
  additionalProperties: false,
  required: ["provider", "callers"],
  properties: {
    $schema: { type: "string", nullable: true, description: "Path or URL of this schema, for editors." },
    cloud: {
      type: "string",
      enum: cloudNames,
      nullable: true,
      default: "AzureCloud",
      description: "Decides the login host, the ARM endpoint and the token-exchange audience.",
    },
    namedValues: {
      type: "boolean",
      nullable: true,
      default: true,
      description: "Reference ids through APIM named values (true) or inline them in the policies (false).",
    },
    provider: {
      type: "object",
      additionalProperties: false,
      description: "The APIM instance and API in tenant2 that validates the exchanged token.",
      required: ["tenantId", "subscriptionId", "resourceGroup", "serviceName", "apiId", "apiApp"],
      properties: {
        ...common,
        operationId: { ...ref("entityId"), type: "string", nullable: true },
        apiApp: {
          type: "object",
          additionalProperties: false,
          description: "The tenant2 API app registration the token is issued for.",
          required: ["appId", "identifierUri", "tokenVersion", "roles"],
          properties: {
            appId: ref("guid"),
            identifierUri: ref("identifierUri"),
            tokenVersion: {
              type: "integer",
              enum: [1, 2],
              description: "The app's api.requestedAccessTokenVersion (null in Entra means 1).",
            },
            roles: {
              type: "array",
              minItems: 1,
              uniqueItems: true,
              items: ref("role") as unknown as JSONSchemaType<string>,
              description: "The app roles the API app defines.",
            },
          },
        },
        validator: {
          type: "string",
          enum: ["validate-jwt", "validate-azure-ad-token"],
          nullable: true,
          default: "validate-jwt",
        },
        backend: {
          type: "string",
          enum: ["forward", "echo"],
          nullable: true,
          default: "forward",
          description: "forward to the API's backend, or echo the caller identity as JSON (first end-to-end test).",
        },
      },
    },
    callers: {
      type: "array",
      minItems: 1,
      description: "The APIM instances (one per caller API) that call the provider.",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "name",
          "tenantId",
          "subscriptionId",
          "resourceGroup",
          "serviceName",
          "apiId",
          "managedIdentity",
          "bridgeApp",
          "role",
          "providerPath",
        ],
        properties: {
          name: ref("callerName"),
          ...common,
          managedIdentity: {
            type: "object",
            additionalProperties: false,
            description: "The user-assigned managed identity attached to the caller APIM.",
            required: ["clientId", "principalId"],
            properties: {
              clientId: { ...ref("guid"), type: "string", description: "Client (application) id." },
              principalId: {
                ...ref("guid"),
                type: "string",
                description: "Object (principal) id: the federated credential subject.",
              },
              name: { ...ref("serviceName"), type: "string", nullable: true },
              resourceGroup: { ...ref("resourceGroup"), type: "string", nullable: true },
            },
          },
          bridgeApp: {
            type: "object",
            additionalProperties: false,
            description: "The multi-tenant app in the caller tenant that carries the federated credential.",
            required: ["appId"],
            properties: { appId: ref("guid") },
          },
          role: ref("role"),
          providerPath: ref("path"),
          providerBaseUrl: { ...ref("baseUrl"), type: "string", nullable: true },
          providerSubscriptionKey: {
            type: "object",
            nullable: true,
            additionalProperties: false,
            required: ["namedValue"],
            properties: {
              namedValue: ref("namedValueName"),
              header: { ...ref("headerName"), type: "string", nullable: true },
            },
          },
          timeoutSeconds: { type: "integer", minimum: 1, maximum: 240, nullable: true, default: 20 },
          tokenCache: {
            type: "object",
            nullable: true,
            additionalProperties: false,
            required: [],
            properties: {
              enabled: { type: "boolean", nullable: true, default: true },
              marginSeconds: { type: "integer", minimum: 0, maximum: 3000, nullable: true, default: 300 },
            },
          },
        },
      },
    },
  },
  definitions: Object.fromEntries(
    Object.entries(PATTERNS).map(([name, p]) => [
      name,
      { type: "string", pattern: p.pattern, description: p.expected },
    ]),
  ) as Record<string, JSONSchemaType<string>>,
};

/** The schema ajv compiles and users see: `nullable` (typing only) removed, so null is an error. */
export function runtimeSchema(): Record<string, unknown> {
  return stripNullable(configSchema) as Record<string, unknown>;
}

function stripNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNullable);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "nullable") out[k] = stripNullable(v);
    return out;
  }
  return value;
}
