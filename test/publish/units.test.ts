// The small pieces of publish: layout-insensitive comparison, credentials, named-values.json, ARM error lines.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RestError } from "@azure/core-rest-pipeline";
import { describe, expect, test } from "vitest";
import { normalisePolicy, samePolicy, unifiedDiff } from "../../src/publish/compare.js";
import { createCredential, StaticTokenCredential } from "../../src/publish/credentials.js";
import { describeArmFailure, SecretMask } from "../../src/publish/errors.js";
import { readNamedValues } from "../../src/publish/inputs.js";
import type { PolicyTarget } from "../../src/publish/targets.js";
import { CALLER_POLICY, PROVIDER } from "./harness.js";

const target: PolicyTarget = {
  kind: "policy",
  key: "provider",
  owner: "provider",
  service: PROVIDER,
  scope: "api",
  apiId: "partner-api",
  file: "out/provider/policy.xml",
};

function restError(status: number, body: unknown): RestError {
  const bodyAsText = JSON.stringify(body);
  return new RestError("failed", {
    statusCode: status,
    code: (body as { error?: { code?: string } }).error?.code,
    response: {
      status,
      bodyAsText,
      headers: {
        get: () => undefined,
        has: () => false,
        set: () => {},
        delete: () => {},
        toJSON: () => ({}),
        [Symbol.iterator]: function* () {},
      },
      request: {},
    } as never,
  });
}

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none" })}.${b64(claims)}.sig`;
}

describe("compare", () => {
  test("indentation, CRLF, BOM, blank lines and `/>` spacing are not changes", () => {
    const apim = `\uFEFF${CALLER_POLICY.replace(/^ +/gm, (s) => "\t".repeat(s.length / 2))
      .replace(/ \/>/g, "/>")
      .replace(/\n/g, "\r\n\r\n")}`;
    expect(samePolicy(apim, CALLER_POLICY)).toBe(true);
  });

  test("a changed value, attribute or expression is a change", () => {
    expect(samePolicy(CALLER_POLICY, CALLER_POLICY.replace('"POST"', '"PUT"'))).toBe(false);
    expect(samePolicy(CALLER_POLICY, CALLER_POLICY.replace('exists-action="override"', 'exists-action="skip"'))).toBe(
      false,
    );
    expect(normalisePolicy("<a>\n  x  y\n</a>")).toBe("<a>\nx  y\n</a>");
  });

  test("unified diff from the service's resource to the local file; /dev/null for a new target", () => {
    const labels = { from: "apim/apis/a/policies/policy", to: "out/provider/policy.xml" };
    const d = unifiedDiff(labels, "<a>\r\n1\r\n</a>", "<a>\n2\n</a>\n");
    expect(d).toBe(
      "--- apim/apis/a/policies/policy\n+++ out/provider/policy.xml\n@@ -1,3 +1,3 @@\n <a>\n-1\n+2\n </a>\n",
    );
    expect(unifiedDiff(labels, undefined, "<a/>")).toBe(
      "--- /dev/null\n+++ out/provider/policy.xml\n@@ -0,0 +1,1 @@\n+<a/>\n",
    );
  });
});

describe("credentials", () => {
  const T = "22222222-2222-4222-8222-222222222222";
  test("--auth token: per-tenant variable wins over AZURE_BEARER_TOKEN; missing token is a usage error", async () => {
    const shared = createCredential("token", T, { AZURE_BEARER_TOKEN: "shared-token" });
    expect((await shared.getToken("x"))?.token).toBe("shared-token");
    const own = createCredential("token", T, {
      AZURE_BEARER_TOKEN: "shared-token",
      [`AZURE_BEARER_TOKEN_${T.replace(/-/g, "_")}`]: "own-token",
    });
    expect((await own.getToken("x"))?.token).toBe("own-token");
    expect(() => createCredential("token", T, {})).toThrow(/--auth token needs a bearer token for tenant 2222/);
  });

  test("a JWT for another tenant is refused without printing it; its exp becomes the expiry", async () => {
    const other = jwt({ tid: "11111111-1111-4111-8111-111111111111", exp: 2_000_000_000 });
    expect(() => createCredential("token", T, { AZURE_BEARER_TOKEN: other })).toThrow(
      /AZURE_BEARER_TOKEN holds a token issued for tenant 11111111-1111-4111-8111-111111111111, but tenant 2222/,
    );
    try {
      createCredential("token", T, { AZURE_BEARER_TOKEN: other });
    } catch (err) {
      expect((err as Error).message).not.toContain(other);
    }
    const mine = await new StaticTokenCredential(jwt({ tid: T, exp: 2_000_000_000 })).getToken();
    expect(mine.expiresOnTimestamp).toBe(2_000_000_000_000);
  });

  test("default and cli build one credential for the tenant", () => {
    expect(createCredential("cli", T).constructor.name).toBe("AzureCliCredential");
    expect(createCredential("default", T).constructor.name).toBe("DefaultAzureCredential");
  });
});

describe("named-values.json", () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ["not an array", { name: "a" }, /expected an array of \{name, value, secret\}/],
    ["bad name", [{ name: "has space", value: "x" }], /\[0\]\.name: expected 1-256 characters/],
    [
      "empty value",
      [{ name: "a", value: "" }],
      /\[0\]\.value: expected a string of 1-4096 characters \(named value 'a'\)/,
    ],
    ["secret not boolean", [{ name: "a", value: "x", secret: "yes" }], /\[0\]\.secret: expected true or false/],
    [
      "duplicate",
      [
        { name: "a", value: "x" },
        { name: "A", value: "y" },
      ],
      /\[1\]\.name: duplicate named value 'A'/,
    ],
  ];
  for (const [name, data, message] of cases) {
    test(name, () => {
      const dir = mkdtempSync(join(tmpdir(), "apimkit-nv-"));
      writeFileSync(join(dir, "named-values.json"), JSON.stringify(data));
      expect(() => readNamedValues(join(dir, "named-values.json"), dir)).toThrow(message);
    });
  }
  test("invalid JSON names the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "apimkit-nv-"));
    writeFileSync(join(dir, "named-values.json"), "[{");
    expect(() => readNamedValues(join(dir, "named-values.json"), dir)).toThrow(/^named-values\.json: not valid JSON/);
  });
});

describe("ARM failures", () => {
  const mask = new SecretMask();
  test("400 ValidationError: each APIM detail next to the policy file with its line:column", () => {
    const f = describeArmFailure(
      restError(400, {
        error: {
          code: "ValidationError",
          message: "One or more fields contain incorrect values:",
          details: [
            {
              code: "ValidationError",
              target: "set-variable",
              message: "Error in element 'set-variable' on line 76, column 4: Cannot find a property 'X'",
            },
            {
              code: "ValidationError",
              target: "representation",
              message: "An error occurred while parsing EntityName. Line 5, position 92.",
            },
          ],
        },
      }),
      target,
      mask,
    );
    expect(f.message).toBe(
      "APIM rejected provider: api partner-api policy on tenant2-apim (400 ValidationError):\n" +
        "  out/provider/policy.xml:76:4: Error in element 'set-variable' on line 76, column 4: Cannot find a property 'X'\n" +
        "  out/provider/policy.xml:5:92: An error occurred while parsing EntityName. Line 5, position 92.",
    );
  });

  test("412 says who changed what and that it was not overwritten", () => {
    const f = describeArmFailure(
      restError(412, { error: { code: "ValidationError", message: "Resource was modified since last retrieval." } }),
      target,
      mask,
    );
    expect(f.conflict).toBe(true);
    expect(f.message).toMatch(
      /changed by someone else after the plan read it \(412 Precondition Failed.*it was not overwritten/,
    );
  });

  test("transport failures get a hint: untrusted certificate, unknown host", () => {
    const tls = Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(describeArmFailure(tls, target, mask).message).toBe(
      "provider: api partner-api policy on tenant2-apim: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate (the ARM endpoint's certificate is not trusted; for a test endpoint set NODE_EXTRA_CA_CERTS to its CA)",
    );
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" });
    expect(describeArmFailure(dns, target, mask).message).toMatch(/does not resolve; check --arm-endpoint/);
  });

  test("no token to be had is said as such, with the tenant", () => {
    const err = Object.assign(new Error("Azure CLI could not be found."), { name: "CredentialUnavailableError" });
    const f = describeArmFailure(err, target, mask);
    expect(f.credential).toBe(true);
    expect(f.message).toBe(
      "could not get an ARM token for tenant 22222222-2222-4222-8222-222222222222 (CredentialUnavailableError): Azure CLI could not be found.",
    );
  });

  test("DefaultAzureCredential's list of failed sources becomes one line saying what to do", () => {
    const err = Object.assign(
      new Error(
        [
          "ChainedTokenCredential authentication failed.",
          "CredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used. To troubleshoot, visit https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot.",
          "CredentialUnavailableError: ManagedIdentityCredential: Network unreachable. Message: network_error: See https://aka.ms/msal.js.errors#network_error for details",
          "CredentialUnavailableError: Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.",
        ].join("\n"),
      ),
      { name: "AggregateAuthenticationError" },
    );
    const f = describeArmFailure(err, target, mask);
    expect(f.credential).toBe(true);
    expect(f.message).toBe(
      "could not get an ARM token for tenant 22222222-2222-4222-8222-222222222222 (AggregateAuthenticationError): no credential source gave a token (EnvironmentCredential is unavailable; ManagedIdentityCredential: Network unreachable; Azure CLI could not be found). Sign in to that tenant (az login --tenant 22222222-2222-4222-8222-222222222222), or use --auth token",
    );
  });

  test("tokens and known secret values are masked in every message", () => {
    const m = new SecretMask();
    m.add("hunter2-very-secret");
    const token = jwt({ tid: "x" });
    const f = describeArmFailure(
      restError(500, { error: { code: "Internal", message: `echo ${token} hunter2-very-secret` } }),
      target,
      m,
    );
    expect(f.message).not.toContain(token);
    expect(f.message).not.toContain("hunter2-very-secret");
    expect(f.message).toContain("[secret]");
  });
});
