// What the generated policies mean, read through the parser (not by comparing text): the properties the
// issue asks for hold for every good config, whatever the golden files say.
import { describe, expect, it } from "vitest";
import { CLOUDS } from "../../src/config/clouds.js";
import type { Config } from "../../src/config/types.js";
import { type GeneratedFile, generate } from "../../src/generate/index.js";
import type { ElementNode } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import {
  attrText,
  childElement,
  childElements,
  elementText,
  findElements,
  walkElements,
} from "../../src/policy/query.js";
import { GOOD_CONFIGS, type GoodConfigName, goodConfig } from "./helpers.js";

const NAMES = Object.keys(GOOD_CONFIGS) as GoodConfigName[];

/** Replaces {{name}} with the values from named-values.json (what APIM does at runtime). */
function resolveNamedValues(files: GeneratedFile[], text: string): string {
  const nv = files.find((f) => f.path === "named-values.json");
  const values = new Map<string, string>(
    nv ? (JSON.parse(nv.content) as { name: string; value: string }[]).map((v) => [v.name, v.value]) : [],
  );
  return text.replace(/\{\{([A-Za-z0-9._-]+)\}\}/g, (m, name: string) => values.get(name) ?? m);
}

function resolvedPolicies(config: Config): Map<string, ElementNode> {
  const files = generate(config, { layout: "plain" });
  const out = new Map<string, ElementNode>();
  for (const f of files.filter((x) => x.kind === "policy")) {
    const doc = parsePolicy(resolveNamedValues(files, f.content), f.path);
    expect(doc.diagnostics, f.path).toEqual([]);
    out.set(f.path, doc.root!);
  }
  return out;
}

/**
 * The generated cache-store-value duration as a function of expires_in: the C# arithmetic is evaluated as
 * JavaScript (Math.Max/Min and int arithmetic mean the same there), with the response read replaced by the number.
 */
function cacheDuration(expression: string): (expiresIn: number) => number {
  const read =
    /\(int\)\(\(IResponse\)context\.Variables\["apimkitExchange"\]\)\.Body\.As<JObject>\(preserveContent: true\)\["expires_in"\]/g;
  expect(expression).toMatch(read);
  const js = expression
    .replace(read, "expiresInFromResponse")
    .replace(/Math\.(Max|Min)\(/g, (_m, f: string) => `Math.${f.toLowerCase()}(`)
    .replace(/\bvar\b/g, "let");
  const body = js.startsWith("@{") ? js.slice(2, -1) : `return ${js.slice(2, -1)};`;
  expect(expression.startsWith("@{") ? expression.endsWith("}") : expression.endsWith(")")).toBe(true);
  return new Function("expiresInFromResponse", body) as (expiresIn: number) => number;
}

const texts = (els: ElementNode[]) => els.map((e) => elementText(e)?.text.trim() ?? "");

describe("every generated policy", () => {
  for (const name of NAMES) {
    it(`${name}: four sections, each starting with <base />`, () => {
      for (const [path, root] of resolvedPolicies(goodConfig(name))) {
        expect(
          childElements(root).map((s) => s.name),
          path,
        ).toEqual(["inbound", "backend", "outbound", "on-error"]);
        for (const section of childElements(root))
          expect(childElements(section)[0]?.name, `${path} ${section.name}`).toBe("base");
      }
    });
  }
});

describe("provider policy", () => {
  for (const name of NAMES) {
    it(`${name}: issuer, metadata, audiences and claims match the token version`, () => {
      const config = goodConfig(name);
      const p = config.provider;
      const cloud = CLOUDS[config.cloud ?? "AzureCloud"];
      const root = resolvedPolicies(config).get("provider/policy.xml")!;
      const v2 = p.apiApp.tokenVersion === 2;
      const validator = findElements(root, p.validator ?? "validate-jwt")[0]!;
      expect(validator, "validator element").toBeDefined();
      expect(attrText(validator, "output-token-variable-name") !== undefined).toBe(p.backend === "echo");
      const audiences = texts(findElements(validator, "audience"));
      // v1: aud is whichever form the caller asked for, so both; v2: aud is always the client id (apim-reference §4).
      expect(audiences.sort()).toEqual(v2 ? [p.apiApp.appId] : [p.apiApp.appId, p.apiApp.identifierUri].sort());
      const claims = new Map(
        findElements(validator, "claim").map((c) => [
          attrText(c, "name"),
          { match: attrText(c, "match"), values: texts(childElements(c, "value")) },
        ]),
      );
      expect([...claims.keys()].sort()).toEqual(v2 ? ["azp", "azpacr", "roles"] : ["appid", "appidacr", "roles"]);
      expect(claims.get("roles")).toEqual({ match: "any", values: [...new Set(config.callers.map((c) => c.role))] });
      expect(claims.get(v2 ? "azp" : "appid")).toEqual({
        match: "any",
        values: config.callers.map((c) => c.bridgeApp.appId),
      });
      expect(claims.get(v2 ? "azpacr" : "appidacr")?.values).toEqual(["2"]);
      if (validator.name === "validate-jwt") {
        const openid = attrText(findElements(validator, "openid-config")[0]!, "url");
        expect(openid).toBe(`${cloud.loginHost}/${p.tenantId}${v2 ? "/v2.0" : ""}/.well-known/openid-configuration`);
        const issuers = texts(findElements(validator, "issuer"));
        expect(issuers).toEqual([
          v2 ? `${cloud.loginHost}/${p.tenantId}/v2.0` : `https://sts.windows.net/${p.tenantId}/`,
        ]);
      } else {
        expect(attrText(validator, "tenant-id")).toBe(p.tenantId);
        expect(texts(findElements(validator, "application-id"))).toEqual(config.callers.map((c) => c.bridgeApp.appId));
      }
    });

    it(`${name}: echo answers with claims only; forward drops the token before the backend`, () => {
      const config = goodConfig(name);
      const root = resolvedPolicies(config).get("provider/policy.xml")!;
      const inbound = childElement(root, "inbound")!;
      const ret = findElements(inbound, "return-response")[0];
      if (config.provider.backend === "echo") {
        const body = elementText(findElements(ret!, "set-body")[0]!)!.text;
        expect(body).toContain('context.Variables["apimkitJwt"]');
        expect(body).toMatch(/"roles"/);
        expect(body).not.toMatch(/Authorization|AsJwt|Headers/);
      } else {
        expect(ret).toBeUndefined();
        const last = childElements(inbound).at(-1)!;
        expect([last.name, attrText(last, "name"), attrText(last, "exists-action")]).toEqual([
          "set-header",
          "Authorization",
          "delete",
        ]);
      }
    });
  }
});

describe("caller policies", () => {
  for (const name of NAMES) {
    it(`${name}: managed identity assertion, URL-encoded exchange, cache, Authorization override, backend`, () => {
      const config = goodConfig(name);
      const cloud = CLOUDS[config.cloud ?? "AzureCloud"];
      const policies = resolvedPolicies(config);
      const keys = new Set<string>();
      for (const c of config.callers) {
        const root = policies.get(`callers/${c.name}/policy.xml`)!;
        const mi = findElements(root, "authentication-managed-identity");
        expect(mi).toHaveLength(1);
        expect(mi[0]!.parent?.name, "used directly, not inside send-request").not.toBe("send-request");
        expect(attrText(mi[0]!, "resource")).toBe(cloud.exchangeAudience);
        expect(attrText(mi[0]!, "client-id")).toBe(c.managedIdentity.clientId);
        expect(attrText(mi[0]!, "ignore-error")).toBe("false");
        const send = findElements(root, "send-request")[0]!;
        expect(attrText(send, "ignore-error")).toBe("false");
        expect(attrText(send, "timeout")).toBe(String(c.timeoutSeconds ?? 20));
        expect(elementText(childElement(send, "set-url")!)?.text).toBe(
          `${cloud.loginHost}/${config.provider.tenantId}/oauth2/v2.0/token`,
        );
        const body = elementText(childElement(send, "set-body")!)!.text;
        for (const field of ["client_id", "scope", "client_assertion_type", "client_assertion"]) {
          expect(body, field).toMatch(new RegExp(`&${field}=" \\+ System\\.Net\\.WebUtility\\.UrlEncode\\(`));
        }
        expect(body).toContain(`"${config.provider.apiApp.identifierUri}/.default"`);
        expect(body).not.toMatch(/client_secret/);

        const lookups = findElements(root, "cache-lookup-value");
        const stores = findElements(root, "cache-store-value");
        if (c.tokenCache?.enabled === false) {
          expect([lookups.length, stores.length]).toEqual([0, 0]);
        } else {
          expect([lookups.length, stores.length]).toEqual([1, 1]);
          const key = attrText(lookups[0]!, "key")!;
          expect(attrText(stores[0]!, "key")).toBe(key);
          expect(keys.has(key), "cache key shared with another caller").toBe(false);
          keys.add(key);
          const margin = c.tokenCache?.marginSeconds ?? 300;
          const duration = cacheDuration(attrText(stores[0]!, "duration")!);
          // expires_in minus the margin, never below 60 s, and never longer than the token lives.
          for (const expiresIn of [3599, 600, margin + 61, margin + 59, 120, 60, 59, 30, 1]) {
            const expected = Math.min(expiresIn, Math.max(60, expiresIn - margin));
            expect(duration(expiresIn), `expires_in ${expiresIn}, margin ${margin}`).toBe(expected);
          }
          expect(duration(0), "an expired token is kept at most a second").toBe(1);
        }

        const inbound = childElement(root, "inbound")!;
        const auth = childElements(inbound, "set-header").find((h) => attrText(h, "name") === "Authorization")!;
        expect(attrText(auth, "exists-action")).toBe("override");
        expect(elementText(childElement(auth, "value")!)?.text).toBe(
          '@("Bearer " + (string)context.Variables["apimkitToken"])',
        );
        // The caller gateway's own key goes, under whatever header name its API uses; then the provider key
        // (when configured) is set, so the two never collide even when they share a header name.
        const OWN_HEADER = '@(context.Api.SubscriptionKeyParameterNames?.Header ?? "Ocp-Apim-Subscription-Key")';
        const keyHeaders = childElements(inbound, "set-header")
          .filter((h) => attrText(h, "name") !== "Authorization")
          .map((h) => [
            attrText(h, "name"),
            attrText(h, "exists-action"),
            childElement(h, "value") ? elementText(childElement(h, "value")!)?.text : null,
          ]);
        expect(keyHeaders, "the caller's own key never goes on; the provider key when configured").toEqual([
          [OWN_HEADER, "delete", null],
          ...(c.providerSubscriptionKey
            ? [
                [
                  c.providerSubscriptionKey.header ?? "Ocp-Apim-Subscription-Key",
                  "override",
                  `{{${c.providerSubscriptionKey.namedValue}}}`,
                ],
              ]
            : []),
        ]);
        // APIM forwards a subscription key given in the query string too, and copy-unmatched-params would carry
        // the caller's own key to the provider organisation: the policy drops it.
        const queryDrops = childElements(inbound, "set-query-parameter").map((q) => [
          attrText(q, "name"),
          attrText(q, "exists-action"),
        ]);
        expect(queryDrops).toEqual([
          ['@(context.Api.SubscriptionKeyParameterNames?.Query ?? "subscription-key")', "delete"],
        ]);
        expect(childElements(inbound).at(-1)?.name, "after rewrite-uri, which copies the query").toBe(
          "set-query-parameter",
        );
        const base = (c.providerBaseUrl ?? `https://${config.provider.serviceName}.${cloud.apimGatewaySuffix}`).replace(
          /\/$/,
          "",
        );
        expect(attrText(findElements(inbound, "set-backend-service")[0]!, "base-url")).toBe(base);
        expect(attrText(findElements(inbound, "rewrite-uri")[0]!, "template")).toBe(c.providerPath);
      }
    });

    it(`${name}: failures answer 502 problem+json without token material or debug headers`, () => {
      const config = goodConfig(name);
      for (const c of config.callers) {
        const root = resolvedPolicies(config).get(`callers/${c.name}/policy.xml`)!;
        const returns = findElements(root, "return-response");
        expect(returns.length).toBe(2);
        for (const r of returns) {
          expect(attrText(findElements(r, "set-status")[0]!, "code")).toBe("502");
          const ct = findElements(r, "set-header").find((h) => attrText(h, "name") === "Content-Type")!;
          expect(elementText(childElement(ct, "value")!)?.text).toBe("application/problem+json");
          expect(findElements(r, "set-header"), "no other headers").toHaveLength(1);
          const body = elementText(findElements(r, "set-body")[0]!)!.text;
          expect(body).not.toMatch(/apimkitToken|apimkitAssertion|access_token|error_description|LastError\.Message/);
          expect(body).toContain("requestId");
        }
        const exchangeFailure = elementText(findElements(returns[0]!, "set-body")[0]!)!.text;
        expect(exchangeFailure).toContain('error["error_codes"]');
        expect(exchangeFailure).toContain('"correlationId"');
        const onError = childElement(root, "on-error")!;
        for (const el of walkElements(onError)) {
          expect(el.name === "set-header" && attrText(el, "name") !== "Content-Type", "debug header in on-error").toBe(
            false,
          );
        }
      }
    });
  }
});

describe("named values on and off", () => {
  for (const name of NAMES) {
    it(`${name}: inlining gives exactly the policies that resolving the named values gives`, () => {
      const config = goodConfig(name);
      const on = generate({ ...config, namedValues: true }, { layout: "plain" });
      const off = generate({ ...config, namedValues: false }, { layout: "plain" });
      expect(off.some((f) => f.path === "named-values.json")).toBe(false);
      const offPolicies = new Map(off.filter((f) => f.kind === "policy").map((f) => [f.path, f.content]));
      const onPolicies = on.filter((f) => f.kind === "policy");
      expect(onPolicies.length).toBe(offPolicies.size);
      for (const f of onPolicies) expect(resolveNamedValues(on, f.content), f.path).toBe(offPolicies.get(f.path));
      // With named values off, the only {{ref}} left is a provider subscription key (a secret the user owns).
      const secretRefs = config.callers.flatMap((c) =>
        c.providerSubscriptionKey ? [c.providerSubscriptionKey.namedValue] : [],
      );
      for (const content of offPolicies.values()) {
        for (const m of content.matchAll(/\{\{([^}]+)\}\}/g)) expect(secretRefs).toContain(m[1]);
      }
    });
  }
});

describe("determinism", () => {
  const shuffleKeys = (v: unknown, seed: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, seed));
    if (v && typeof v === "object") {
      const entries = Object.entries(v).reverse();
      if (seed % 2) entries.push(entries.shift()!);
      return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, seed + 1)]));
    }
    return v;
  };
  for (const name of NAMES) {
    it(`${name}: same config (any key order), same bytes`, () => {
      const config = goodConfig(name);
      const a = generate(config, { layout: "plain" });
      const b = generate(shuffleKeys(config, 1) as Config, { layout: "plain" });
      const c = generate(structuredClone(config), { layout: "apiops" });
      const d = generate(shuffleKeys(config, 2) as Config, { layout: "apiops" });
      expect(b).toEqual(a);
      expect(d).toEqual(c);
    });
  }
});

describe("sovereign clouds", () => {
  // Issuers per cloud (learn.microsoft.com Q&A 1190472, "token issuers for the sovereign clouds"; national-cloud
  // endpoints page): US Gov v1 tokens keep sts.windows.net; China issues v1 from sts.chinacloudapi.cn and v2 from
  // login.partner.microsoftonline.cn (login.chinacloudapi.cn is only an alias of the login host).
  const cases = [
    ["AzureUSGovernment", 1, "https://sts.windows.net/T/"],
    ["AzureUSGovernment", 2, "https://login.microsoftonline.us/T/v2.0"],
    ["AzureChinaCloud", 1, "https://sts.chinacloudapi.cn/T/"],
    ["AzureChinaCloud", 2, "https://login.partner.microsoftonline.cn/T/v2.0"],
  ] as const;
  for (const [cloud, version, issuer] of cases) {
    it(`${cloud} v${version}: the issuer Entra writes in that cloud's tokens`, () => {
      const base = goodConfig("usgov-v2-aad-token");
      const config: Config = {
        ...base,
        cloud,
        namedValues: false,
        provider: {
          ...base.provider,
          validator: "validate-jwt",
          apiApp: { ...base.provider.apiApp, tokenVersion: version },
        },
      };
      const root = resolvedPolicies(config).get("provider/policy.xml")!;
      expect(texts(findElements(root, "issuer"))).toEqual([issuer.replace("T", config.provider.tenantId)]);
    });
  }
});
