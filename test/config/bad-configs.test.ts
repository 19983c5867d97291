// The table of bad configs from the issue: each one gives its own exact message, exit 2, and no file written.
// Runs the CLI entry point (main, in-process: test/support/run-cli.ts) on a real file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const example = JSON.parse(readFileSync("examples/cross-tenant/apimkit.json", "utf8"));
const work = mkdtempSync(join(tmpdir(), "apimkit-bad-config-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: the cases edit arbitrary places of the example JSON
type Json = Record<string, any>;
const edit = (change: (c: Json) => void) => {
  const c = structuredClone(example);
  change(c);
  return JSON.stringify(c, null, 2);
};

interface Case {
  name: string;
  text: string;
  /** Every problem line, exactly, after "FILE:LINE:COLUMN: " (in file order). */
  problems: string[];
  /** Exact LINE:COLUMN of the first problem, when the case pins it. */
  at?: string;
}

const GUID = "a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)";

const CASES: Case[] = [
  {
    name: "invalid JSON: missing comma (with its line and column)",
    text: '{\n  "cloud": "AzureCloud"\n  "namedValues": true\n}\n',
    problems: [`invalid JSON: expected ',' or '}', found "\\""`],
    at: "3:3",
  },
  {
    name: "invalid JSON: trailing comma",
    text: '{\n  "cloud": "AzureCloud",\n}\n',
    problems: [`invalid JSON: expected a property name in double quotes, found "}"`],
    at: "3:1",
  },
  {
    name: "invalid JSON: truncated file",
    text: '{\n  "provider": {\n',
    problems: ["invalid JSON: expected a property name in double quotes, found end of file"],
    at: "3:1",
  },
  {
    name: "wrong type: namedValues as a string",
    text: edit((c) => {
      c.namedValues = "yes";
    }),
    problems: [`namedValues: must be true or false, got "yes"`],
    at: "4:18",
  },
  {
    name: "wrong type: tokenVersion as a string",
    text: edit((c) => {
      c.provider.apiApp.tokenVersion = "1";
    }),
    problems: [`provider.apiApp.tokenVersion: must be an integer, got "1"`],
  },
  {
    name: "wrong value: tokenVersion 3",
    text: edit((c) => {
      c.provider.apiApp.tokenVersion = 3;
    }),
    problems: ["provider.apiApp.tokenVersion: must be one of 1, 2, got number 3"],
  },
  {
    name: "missing field: provider.apiApp",
    text: edit((c) => {
      delete c.provider.apiApp;
    }),
    problems: ["provider.apiApp: is required (The tenant2 API app registration the token is issued for)"],
  },
  {
    name: "missing field: callers[0].managedIdentity.principalId",
    text: edit((c) => {
      delete c.callers[0].managedIdentity.principalId;
    }),
    problems: [
      "callers[0].managedIdentity.principalId: is required (Object (principal) id: the federated credential subject)",
    ],
  },
  {
    name: "bad GUID: principalId",
    text: edit((c) => {
      c.callers[0].managedIdentity.principalId = "d1d1d1d1-0000-4000-8000";
    }),
    problems: [`callers[0].managedIdentity.principalId: must be ${GUID}, got "d1d1d1d1-0000-4000-8000"`],
  },
  {
    // A client secret pasted where the app id goes must not be echoed (a JWT in the same place is redacted too).
    name: "bad GUID: a client secret in the bridge app id is redacted",
    text: edit((c) => {
      c.callers[0].bridgeApp.appId = "Abc8Q~abcdefghijklmnopqrstuvwxyz0123456";
    }),
    problems: [`callers[0].bridgeApp.appId: must be ${GUID}, got "[redacted client secret]"`],
  },
  {
    name: "bad GUID: provider tenant as a domain name",
    text: edit((c) => {
      c.provider.tenantId = "contoso.onmicrosoft.com";
    }),
    problems: [`provider.tenantId: must be ${GUID}, got "contoso.onmicrosoft.com"`],
  },
  {
    name: "clientId equal to principalId",
    text: edit((c) => {
      c.callers[0].managedIdentity.principalId = c.callers[0].managedIdentity.clientId;
    }),
    problems: [
      "callers[0].managedIdentity.principalId: equals managedIdentity.clientId: the principal (object) id is a different GUID, and it is the federated credential's subject (az identity show --query principalId)",
    ],
  },
  {
    name: "caller role the API app does not define",
    text: edit((c) => {
      c.callers[0].role = "access_as_user";
    }),
    problems: [`callers[0].role: "access_as_user" is not a role of provider.apiApp (it defines: access_as_app)`],
  },
  {
    name: "unknown cloud",
    text: edit((c) => {
      c.cloud = "AzureGermanCloud";
    }),
    problems: [`cloud: must be one of "AzureCloud", "AzureUSGovernment", "AzureChinaCloud", got "AzureGermanCloud"`],
    at: "3:12",
  },
  {
    name: "unknown key at the top (misspelt)",
    text: edit((c) => {
      c.calers = c.callers;
    }),
    problems: [
      `calers: unknown key: did you mean "callers"? (allowed here: $schema, cloud, namedValues, provider, callers)`,
    ],
  },
  {
    name: "unknown key inside a caller",
    text: edit((c) => {
      c.callers[0].clientSecret = "do-not-put-secrets-here";
    }),
    problems: [
      "callers[0].clientSecret: unknown key (allowed here: name, tenantId, subscriptionId, resourceGroup, serviceName, apiId, managedIdentity, bridgeApp, role, providerPath, providerBaseUrl, providerSubscriptionKey, timeoutSeconds, tokenCache)",
    ],
  },
  {
    name: "duplicate caller names",
    text: edit((c) => {
      c.callers.push({ ...structuredClone(c.callers[0]), apiId: "other-proxy" });
    }),
    problems: [`callers[1].name: duplicate caller name "tenant1" (also callers[0].name)`],
  },
  {
    name: "no callers",
    text: edit((c) => {
      c.callers = [];
    }),
    problems: ["callers: must have at least 1 item"],
  },
  {
    name: "timeout out of range",
    text: edit((c) => {
      c.callers[0].timeoutSeconds = 0;
    }),
    problems: ["callers[0].timeoutSeconds: must be >= 1, got number 0"],
  },
  {
    name: "caller name with capitals",
    text: edit((c) => {
      c.callers[0].name = "Tenant1";
    }),
    problems: [
      `callers[0].name: must be 1-40 lower-case letters, digits or '-', not starting or ending with '-', got "Tenant1"`,
    ],
  },
  {
    name: "provider path without a leading slash",
    text: edit((c) => {
      c.callers[0].providerPath = "partner/validate";
    }),
    problems: [
      `callers[0].providerPath: must be a path starting with '/' (letters, digits and . _ ~ ( ) * + , ; = : @ % / -), got "partner/validate"`,
    ],
  },
  {
    name: "null for an optional key",
    text: edit((c) => {
      c.cloud = null;
    }),
    problems: ["cloud: must be a string, got null"],
  },
  {
    name: "bridge app id equal to the managed identity's client id",
    text: edit((c) => {
      c.callers[0].bridgeApp.appId = c.callers[0].managedIdentity.clientId;
    }),
    problems: [
      "callers[0].bridgeApp.appId: equals managedIdentity.clientId: the bridge app is an app registration, not the managed identity",
    ],
  },
  {
    name: "a key written twice",
    text: '{\n  "cloud": "AzureCloud",\n  "cloud": "AzureUSGovernment"\n}\n',
    // Missing keys are reported at the object that lacks them (here the root, line 1).
    problems: [
      "callers: is required (The APIM instances (one per caller API) that call the provider)",
      "provider: is required (The APIM instance and API in tenant2 that validates the exchanged token)",
      "cloud: key written twice (JSON keeps only the last one)",
    ],
  },
  {
    name: "the root is not an object",
    text: "[]\n",
    problems: ["must be an object, got an array"],
  },
];

describe("bad configs (apimkit generate)", () => {
  it("has at least 15 cases, each with its own message", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(CASES.map((c) => c.problems.join("\n"))).size).toBe(CASES.length);
  });

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const file = join(work, `bad-${i}.json`);
      const out = join(work, `out-${i}`);
      writeFileSync(file, c.text);
      const r = await runCli(["generate", "-c", file, "-o", out]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(existsSync(out), "nothing written").toBe(false);
      const lines = r.stderr.trimEnd().split("\n");
      const n = c.problems.length;
      // One problem is one line ("apimkit: FILE:L:C: ..."); several get a header and one line each.
      if (n > 1) expect(lines[0]).toBe(`apimkit: ${file}: ${n} problems in the config`);
      else expect(lines).toHaveLength(1);
      const problems = (n > 1 ? lines.slice(1) : [lines[0]!.replace(/^apimkit: /, "  ")]).map((l) => {
        const m = /^ {2}(.+?):(\d+):(\d+): (.*)$/.exec(l);
        expect(m, `problem line names file:line:column: ${l}`).not.toBeNull();
        expect(m![1]).toBe(file);
        return { at: `${m![2]}:${m![3]}`, text: m![4] };
      });
      expect(problems.map((p) => p.text)).toEqual(c.problems);
      if (c.at) expect(problems[0]!.at).toBe(c.at);
      expect(r.stderr).not.toMatch(/\n\s+at .+\.(ts|js):\d+/); // no stack trace
    });
  });

  it("reports every problem of a config at once, in file order", async () => {
    const file = join(work, "many.json");
    writeFileSync(
      file,
      edit((c) => {
        c.cloud = "Mars";
        c.provider.tenantId = "t2";
        c.callers[0].role = "nope";
        c.callers[0].managedIdentity.principalId = c.callers[0].managedIdentity.clientId;
      }),
    );
    const r = await runCli(["generate", "-c", file, "-o", join(work, "many-out")]);
    expect(r.code).toBe(2);
    const paths = r.stderr
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => /:\d+:\d+: ([^:]+):/.exec(l)?.[1]);
    expect(paths).toEqual(["cloud", "provider.tenantId", "callers[0].managedIdentity.principalId", "callers[0].role"]);
  });

  it("a missing config file says how to make one", async () => {
    const r = await runCli(["generate", "-c", join(work, "nope.json"), "-o", join(work, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.json: file not found (create one with 'apimkit init')");
  });

  it("a config path that is a folder says so, without suggesting init", async () => {
    const r = await runCli(["generate", "-c", work, "-o", join(work, "y")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(": is a folder");
    expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
    expect(r.stderr).not.toContain("apimkit init");
  });

  it("an unchanged good config still generates (the table's base is valid)", async () => {
    const file = join(work, "good.json");
    writeFileSync(
      file,
      edit(() => {}),
    );
    const r = await runCli(["generate", "-c", file, "-o", join(work, "good-out")]);
    expect(r.stderr).toContain("wrote 4 files");
    expect(r.code).toBe(0);
  });
});
