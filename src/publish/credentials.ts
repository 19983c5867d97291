// One credential per tenant (apim-reference §6): --auth default | cli | token.
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { AzureCliCredential, DefaultAzureCredential } from "@azure/identity";
import { UsageError } from "../cli/command.js";

export type AuthMode = "default" | "cli" | "token";
export const AUTH_MODES: readonly AuthMode[] = ["default", "cli", "token"];

/**
 * A bearer token a pipeline already holds (as APIOps accepts). It is handed to the SDK as-is: it cannot be
 * refreshed, and it is never printed.
 */
export class StaticTokenCredential implements TokenCredential {
  private readonly expiresOnTimestamp: number;
  constructor(private readonly token: string) {
    this.expiresOnTimestamp = (jwtClaims(token)?.exp as number | undefined) ?? 0;
    if (!this.expiresOnTimestamp) this.expiresOnTimestamp = Date.now() + 60 * 60 * 1000;
    else this.expiresOnTimestamp *= 1000;
  }
  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: this.expiresOnTimestamp };
  }
}

/** The payload of a JWT, or undefined when the token is not a readable JWT (opaque tokens are fine). */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** The environment variable holding the bearer token for one tenant: a per-tenant one wins over the shared one. */
export function tokenVariableFor(tenantId: string, env: NodeJS.ProcessEnv): string | undefined {
  const perTenant = `AZURE_BEARER_TOKEN_${tenantId.replace(/-/g, "_").toUpperCase()}`;
  if (env[perTenant]) return perTenant;
  return env.AZURE_BEARER_TOKEN ? "AZURE_BEARER_TOKEN" : undefined;
}

export function createCredential(
  mode: AuthMode,
  tenantId: string,
  env: NodeJS.ProcessEnv = process.env,
): TokenCredential {
  switch (mode) {
    case "default":
      return new DefaultAzureCredential({ tenantId });
    case "cli":
      return new AzureCliCredential({ tenantId });
    case "token": {
      const variable = tokenVariableFor(tenantId, env);
      const token = variable ? env[variable] : undefined;
      if (!variable || !token) {
        throw new UsageError(
          `--auth token needs a bearer token for tenant ${tenantId}: set AZURE_BEARER_TOKEN (or AZURE_BEARER_TOKEN_${tenantId.replace(/-/g, "_").toUpperCase()} for this tenant only)`,
        );
      }
      const tid = jwtClaims(token)?.tid;
      if (typeof tid === "string" && tid.toLowerCase() !== tenantId.toLowerCase()) {
        throw new UsageError(
          `${variable} holds a token issued for tenant ${tid}, but tenant ${tenantId} needs its own: set AZURE_BEARER_TOKEN_${tenantId.replace(/-/g, "_").toUpperCase()}`,
        );
      }
      return new StaticTokenCredential(token);
    }
  }
}
