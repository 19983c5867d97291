// The loader's own contract: positions, warnings, the thrown error's shape, and the JSON reader.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childPath, readJson } from "../../src/config/json-source.js";
import {
  ConfigError,
  loadConfig,
  loadConfigWithWarnings,
  parseConfigText,
  validateConfig,
} from "../../src/config/load.js";
import { GOOD_CONFIGS } from "../generate/helpers.js";

const work = mkdtempSync(join(tmpdir(), "apimkit-load-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function problemsOf(fn: () => unknown): ConfigError["problems"] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("loads every good config with no warnings", () => {
    for (const path of Object.values(GOOD_CONFIGS)) {
      const loaded = loadConfigWithWarnings(path);
      expect(loaded.warnings, path).toEqual([]);
      expect(loaded.config.callers.length).toBeGreaterThan(0);
      expect(loadConfig(path)).toEqual(loaded.config);
    }
  });

  it("warns (without failing) when a caller is in the provider's tenant, with the position of the tenant id", () => {
    const text = `{
  "provider": {
    "tenantId": "22222222-2222-4222-8222-222222222222", "subscriptionId": "2a2a2a2a-2a2a-4a2a-8a2a-2a2a2a2a2a2a",
    "resourceGroup": "rg", "serviceName": "apim2", "apiId": "api",
    "apiApp": { "appId": "b2b2b2b2-0000-4000-8000-000000000002", "identifierUri": "api://x", "tokenVersion": 2, "roles": ["r"] }
  },
  "callers": [{
    "name": "same", "tenantId": "22222222-2222-4222-8222-222222222222", "subscriptionId": "2a2a2a2a-2a2a-4a2a-8a2a-2a2a2a2a2a2a",
    "resourceGroup": "rg", "serviceName": "apim1", "apiId": "proxy",
    "managedIdentity": { "clientId": "c1c1c1c1-0000-4000-8000-0000000000c1", "principalId": "d1d1d1d1-0000-4000-8000-0000000000d1" },
    "bridgeApp": { "appId": "a1a1a1a1-0000-4000-8000-0000000000a1" }, "role": "r", "providerPath": "/p"
  }]
}`;
    const { warnings } = parseConfigText(text, "same.json");
    expect(warnings).toEqual([
      {
        path: "callers[0].tenantId",
        message: expect.stringContaining(
          "is the provider's tenant: a same-tenant call does not need the cross-tenant token exchange",
        ),
        line: 8,
        column: 33,
      },
    ]);
  });

  it("throws ConfigError naming the file, with every problem as {path, message, line, column}", () => {
    const file = join(work, "c.json");
    writeFileSync(file, '{\n  "cloud": 7,\n  "callers": "none"\n}\n');
    let error: ConfigError | undefined;
    try {
      loadConfig(file);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.file).toBe(file);
    expect(error!.message.split("\n")[0]).toBe(`${file}: 3 problems in the config`);
    expect(error!.problems).toEqual([
      { path: "provider", message: expect.stringMatching(/^is required/), line: 1, column: 1 },
      { path: "cloud", message: "must be a string, got number 7", line: 2, column: 12 },
      { path: "callers", message: 'must be an array, got "none"', line: 3, column: 14 },
    ]);
  });

  it("validateConfig works without a source (no positions) for values built in code", () => {
    const problems = problemsOf(() => validateConfig({ provider: {}, callers: [] }, "<memory>"));
    expect(problems.every((p) => p.line === undefined)).toBe(true);
    expect(problems.map((p) => p.path)).toContain("provider.tenantId");
  });

  it("two callers on one API policy, or a caller on the provider's own API, are errors", () => {
    const base = JSON.parse(JSON.stringify(loadConfig(GOOD_CONFIGS["v2-jwt-three-callers"])));
    base.callers[1].serviceName = base.callers[0].serviceName;
    base.callers[1].apiId = base.callers[0].apiId.toUpperCase();
    base.callers[2].serviceName = base.provider.serviceName;
    base.callers[2].apiId = base.provider.apiId;
    const problems = problemsOf(() => validateConfig(base, "x.json"));
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `callers[1].apiId: callers[0] already owns the policy of API "ORDERS-PROXY" on "fabrikam-apim": one API policy cannot serve two callers`,
      `callers[2].apiId: is the provider's own API on "provider-apim": the caller policy needs an API of its own`,
    ]);
  });

  it("the bridge app cannot be the provider's API app", () => {
    const base = JSON.parse(JSON.stringify(loadConfig(GOOD_CONFIGS.flagship)));
    base.callers[0].bridgeApp.appId = base.provider.apiApp.appId;
    expect(problemsOf(() => validateConfig(base, "x.json")).map((p) => p.path)).toEqual(["callers[0].bridgeApp.appId"]);
  });
});

describe("readJson", () => {
  it("records the position of values and keys by path", () => {
    const src = readJson('{\n  "a": [1, {"b c": true}],\n  "d": "x"\n}');
    expect(src.value).toEqual({ a: [1, { "b c": true }], d: "x" });
    expect(src.valueAt("a[1]")).toEqual({ line: 2, column: 12 });
    expect(src.keyAt('a[1]["b c"]')).toEqual({ line: 2, column: 13 });
    expect(src.valueAt("d")).toEqual({ line: 3, column: 8 });
  });

  it("parses what JSON.parse parses (escapes, numbers, BOM)", () => {
    const text = '\uFEFF{"s":"\\u00e9\\n\\"\\/","n":[-0.5,1e3,0],"t":null}';
    expect(readJson(text).value).toEqual(JSON.parse(text.slice(1)));
  });

  it.each([
    ['{"a": 1,}', "expected a property name in double quotes"],
    ["[1 2]", "expected ',' or ']'"],
    ['{"a": 01}', "expected ',' or '}'"],
    ['{"a": "x\ny"}', "no raw control character"],
    ["{'a': 1}", "expected a property name in double quotes"],
    ['{"a": 1} x', "expected end of file after the top-level value"],
    ['{"a": tru}', "expected a value"],
    ['{\n  // a comment\n  "a": 1\n}', 'found "/" (JSON has no comments)'],
  ])("rejects %j (%s)", (text, expected) => {
    expect(() => readJson(text)).toThrow(expected);
  });

  it("joins paths the way messages print them", () => {
    expect(childPath("", "a")).toBe("a");
    expect(childPath("a", 0)).toBe("a[0]");
    expect(childPath("a[0]", "$schema")).toBe("a[0].$schema");
    expect(childPath("a", "x-y")).toBe('a["x-y"]');
  });
});
