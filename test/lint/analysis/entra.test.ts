import { describe, expect, it } from "vitest";
import { parseEntraIssuer, parseEntraMetadata, tenantKind } from "../../../src/lint/analysis/entra.js";

describe("Entra issuer and metadata reading", () => {
  it.each([
    ["https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", 1, "guid", "/"],
    ["https://sts.windows.net/{{t2-tenant-id}}/", 1, "named-value", "/"],
    ["https://sts.windows.net/{{t2-tenant-id}}", 1, "named-value", ""],
    ["https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", 2, "domain", "/v2.0"],
    ["https://login.microsoftonline.us/{{tid}}/v2.0", 2, "named-value", "/v2.0"],
    ["https://login.chinacloudapi.cn/common/v2.0/", 2, "multi-tenant", "/v2.0/"],
    ["https://sts.chinacloudapi.cn/not a tenant/", 1, "invalid", "/"],
  ] as const)("%s", (text, version, kind, rest) => {
    const issuer = parseEntraIssuer(text);
    if (version === undefined) {
      expect(issuer).toBeUndefined();
      return;
    }
    expect(issuer).toMatchObject({ version, tenantKind: kind, rest });
  });

  it("leaves other identity providers alone", () => {
    expect(parseEntraIssuer("https://dev-123.auth0.com/")).toBeUndefined();
    expect(parseEntraIssuer("https://contoso.b2clogin.com/tfp/abc/v2.0/")).toBeUndefined();
    expect(parseEntraMetadata("https://accounts.google.com/.well-known/openid-configuration")).toBeUndefined();
  });

  it.each([
    ["https://login.microsoftonline.com/{{tid}}/.well-known/openid-configuration", 1],
    ["https://login.microsoftonline.com/{{tid}}/.well-known/openid-configuration?appid=abc", 1],
    ["https://login.microsoftonline.com/{{tid}}/v2.0/.well-known/openid-configuration", 2],
    ["https://login.microsoftonline.us/contoso.us/v2.0/.well-known/openid-configuration", 2],
  ] as const)("metadata %s is v%d", (url, version) => {
    expect(parseEntraMetadata(url)?.version).toBe(version);
  });

  it("classifies tenants", () => {
    expect(tenantKind("72F988BF-86F1-41AF-91AB-2D7CD011DB47")).toBe("guid");
    expect(tenantKind("organizations")).toBe("multi-tenant");
    expect(tenantKind("contoso.com")).toBe("domain");
    expect(tenantKind("{{t2-tenant-id}}")).toBe("named-value");
    expect(tenantKind("tenant-id")).toBe("invalid");
  });
});
