// The fake ARM itself: it must behave as apim-reference §6 describes, or the publish tests prove nothing.
import { request } from "node:https";
import { ApiManagementClient } from "@azure/arm-apimanagement";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { readPolicy } from "../../src/publish/arm-ops.js";
import { StaticTokenCredential } from "../../src/publish/credentials.js";
import type { PolicyTarget } from "../../src/publish/targets.js";
import type { FakeArm } from "../support/fake-arm/server.js";
import { CALLER_A, CALLER_POLICY, CALLER_SCOPE, PROVIDER, startFake, TOKEN } from "./harness.js";

let fake: FakeArm;
let client: ApiManagementClient;
beforeAll(async () => {
  fake = await startFake();
  client = new ApiManagementClient(new StaticTokenCredential(TOKEN), CALLER_A.subscriptionId, {
    endpoint: fake.url,
    tlsOptions: { ca: fake.ca },
  });
  // CALLER_POLICY references {{PartnerKey}}: without it the fake (like APIM) refuses the policy.
  fake.setNamedValue(CALLER_A, { id: "PartnerKey", displayName: "PartnerKey", value: "k", secret: true });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.clearLog();
  fake.clearFaults();
});

const base = `/subscriptions/${CALLER_A.subscriptionId}/resourceGroups/${CALLER_A.resourceGroup}/providers/Microsoft.ApiManagement/service/${CALLER_A.serviceName}`;
const { resourceGroup: rg, serviceName: svc } = CALLER_A;
const apiTarget: PolicyTarget = {
  kind: "policy",
  key: "t",
  owner: "caller:a",
  service: CALLER_A,
  scope: "api",
  apiId: "partner-proxy",
};

function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${fake.url}${path}`, { method, headers, ca: fake.ca }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function thrown(
  p: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string; response?: { bodyAsText?: string } }> {
  return p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err) => err,
  );
}

describe("fake ARM", () => {
  test("401 without a bearer token, and for a token it does not accept", async () => {
    const none = await raw("GET", `${base}?api-version=2024-05-01`);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe("AuthenticationFailed");
    const wrong = await raw("GET", `${base}?api-version=2024-05-01`, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe("InvalidAuthenticationToken");
    const ok = await raw("GET", `${base}?api-version=2024-05-01`, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
  });

  test("subscription ids must be GUIDs (the SDK checks first; the server too)", async () => {
    const r = await raw(
      "GET",
      `/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ApiManagement/service/x?api-version=2024-05-01`,
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe("InvalidSubscriptionId");
    fake.clearLog();
    const bad = new ApiManagementClient(new StaticTokenCredential(TOKEN), "not-a-guid", {
      endpoint: fake.url,
      tlsOptions: { ca: fake.ca },
    });
    const err = await thrown(bad.apiManagementService.get("rg", "x"));
    expect(err.message).toMatch(/subscriptionId/);
    expect(fake.log).toEqual([]);
  });

  test("rawxml comes back as PUT; format=xml (the default) comes back XML-encoded", async () => {
    const put = await client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", {
      format: "rawxml",
      value: CALLER_POLICY,
    });
    expect(put.eTag).toMatch(/^".+"$/);
    expect((await readPolicy(client, apiTarget)).value).toBe(CALLER_POLICY);
    let xmlBody = "";
    await client.apiPolicy.get(rg, svc, "partner-proxy", "policy", {
      onResponse: (r) => {
        xmlBody = r.bodyAsText ?? "";
      },
    });
    const xml = JSON.parse(xmlBody).properties;
    expect(xml.format).toBe("xml");
    expect(xml.value).toContain(
      "context.Request.Method == &quot;POST&quot; &amp;&amp; context.Request.Url.Path.Length &gt; 0",
    );
  });

  test("SDK 10 apiPolicy.get loses the value (the bug publish works around); the operation-scope get does not", async () => {
    fake.setPolicy(CALLER_A, CALLER_SCOPE, CALLER_POLICY);
    const viaSdk = await client.apiPolicy.get(rg, svc, "partner-proxy", "policy", { format: "rawxml" });
    expect(viaSdk.value).toBeUndefined();
    expect((await readPolicy(client, apiTarget)).value).toBe(CALLER_POLICY);
  });

  test("ETags change on every write; a stale If-Match gets 412 with APIM's body", async () => {
    const first = await client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", {
      format: "rawxml",
      value: CALLER_POLICY,
    });
    const second = await client.apiPolicy.createOrUpdate(
      rg,
      svc,
      "partner-proxy",
      "policy",
      { format: "rawxml", value: CALLER_POLICY },
      { ifMatch: first.eTag },
    );
    expect(second.eTag).not.toBe(first.eTag);
    const err = await thrown(
      client.apiPolicy.createOrUpdate(
        rg,
        svc,
        "partner-proxy",
        "policy",
        { format: "rawxml", value: CALLER_POLICY },
        { ifMatch: first.eTag },
      ),
    );
    expect(err.statusCode).toBe(412);
    expect(JSON.parse(err.response?.bodyAsText ?? "").error.message).toBe(
      "Resource was modified since last retrieval.",
    );
    const head = await client.apiPolicy.getEntityTag(rg, svc, "partner-proxy", "policy");
    expect(head.eTag).toBe(second.eTag);
  });

  test("malformed rawxml: 400 ValidationError with APIM's line/position", async () => {
    const err = await thrown(
      client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", {
        format: "rawxml",
        value: "<policies>\n  <inbound>\n    <base>\n  </inbound>\n</policies>",
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("ValidationError");
    const detail = JSON.parse(err.response?.bodyAsText ?? "").error.details[0];
    expect(detail.target).toBe("representation");
    expect(detail.message).toMatch(/Line 4, position \d+\.$/);
  });

  test("the same raw quotes are rejected with format=xml: rawxml is what allows them", async () => {
    const err = await thrown(
      client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", { format: "xml", value: CALLER_POLICY }),
    );
    expect(err.statusCode).toBe(400);
  });

  test("a policy naming a missing named value: 400 Cannot find a property", async () => {
    const err = await thrown(
      client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", {
        format: "rawxml",
        value:
          '<policies>\n  <inbound>\n    <set-header name="k" exists-action="override"><value>{{Nope}}</value></set-header>\n  </inbound>\n</policies>',
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(JSON.parse(err.response?.bodyAsText ?? "").error.details[0].message).toBe(
      "Error in element 'value' on line 3, column 51: Cannot find a property 'Nope'",
    );
  });

  test("named-value PUT is a long-running operation the SDK polls to the end; secrets are not returned by GET", async () => {
    await client.namedValue.beginCreateOrUpdateAndWait(rg, svc, "lro-key", {
      displayName: "LroKey",
      value: "v-123456",
      secret: true,
    });
    const methods = fake.log.map(
      (l) => `${l.method} ${l.status} ${l.path.includes("fake-operations") ? "poll" : "entity"}`,
    );
    expect(methods).toEqual(["PUT 202 entity", "GET 200 poll", "GET 200 poll", "GET 200 entity"]);
    expect((await client.namedValue.get(rg, svc, "lro-key")).value).toBeUndefined();
    expect((await client.namedValue.listValue(rg, svc, "lro-key")).value).toBe("v-123456");
  });

  test("lroMode sync: the named-value PUT answers 201 at once, and the SDK's poller accepts it", async () => {
    const { FakeArm } = await import("../support/fake-arm/server.js");
    const sync = await FakeArm.start({ lroMode: "sync" });
    try {
      sync.addService(CALLER_A);
      const c = new ApiManagementClient(new StaticTokenCredential(TOKEN), CALLER_A.subscriptionId, {
        endpoint: sync.url,
        tlsOptions: { ca: sync.ca },
      });
      const nv = await c.namedValue.beginCreateOrUpdateAndWait(rg, svc, "k", { displayName: "K", value: "v" });
      expect(nv.displayName).toBe("K");
      expect(sync.log.map((l) => `${l.method} ${l.status}`)).toEqual(["PUT 201"]);
    } finally {
      await sync.close();
    }
  });

  test("every policy scope (service, product, API, operation) reads, writes and deletes through arm-ops", async () => {
    const { deletePolicy, writePolicy } = await import("../../src/publish/arm-ops.js");
    const { FakeArm } = await import("../support/fake-arm/server.js");
    const own = await FakeArm.start();
    try {
      own.addService(CALLER_A, { api1: ["op1"] }, ["starter"]);
      const c = new ApiManagementClient(new StaticTokenCredential(TOKEN), CALLER_A.subscriptionId, {
        endpoint: own.url,
        tlsOptions: { ca: own.ca },
      });
      const base = { kind: "policy" as const, owner: "provider" as const, service: CALLER_A };
      const targets: Array<[PolicyTarget, string]> = [
        [{ ...base, key: "s", scope: "service" }, ""],
        [{ ...base, key: "p", scope: "product", productId: "starter" }, "products/starter"],
        [{ ...base, key: "a", scope: "api", apiId: "api1" }, "apis/api1"],
        [{ ...base, key: "o", scope: "operation", apiId: "api1", operationId: "op1" }, "apis/api1/operations/op1"],
      ];
      for (const [t, scope] of targets) {
        const value = `<policies>\n  <inbound>\n    <set-header name="x-${t.key}" exists-action="override"><value>@("a" + "<${t.key}>")</value></set-header>\n  </inbound>\n</policies>`;
        expect(await readPolicy(c, t), t.scope).toEqual({ exists: false });
        const etag = await writePolicy(c, t, value, undefined);
        expect(own.policy(CALLER_A, scope)?.value, t.scope).toBe(value);
        expect(await readPolicy(c, t), t.scope).toEqual({ exists: true, value, etag });
        await deletePolicy(c, t, etag ?? "");
        expect(own.policy(CALLER_A, scope), t.scope).toBeUndefined();
      }
      expect(own.log.every((l) => l.method !== "GET" || l.format === "rawxml")).toBe(true);
    } finally {
      await own.close();
    }
  });

  test("a named value used by a policy cannot be deleted", async () => {
    fake.setNamedValue(CALLER_A, { id: "used", displayName: "UsedKey", value: "x", secret: false });
    fake.setPolicy(
      CALLER_A,
      CALLER_SCOPE,
      '<policies><inbound><set-header name="a" exists-action="override"><value>{{UsedKey}}</value></set-header></inbound></policies>',
    );
    const etag = (await client.namedValue.getEntityTag(rg, svc, "used")).eTag ?? "";
    const err = await thrown(client.namedValue.delete(rg, svc, "used", etag));
    expect(err.statusCode).toBe(400);
  });

  test("injected faults: 503 then success is retried by the SDK; a dropped connection too; the Nth write fails", async () => {
    fake.setPolicy(CALLER_A, CALLER_SCOPE, CALLER_POLICY);
    fake.addFault({
      match: { method: "GET", path: "/policies/policy" },
      action: { status: 503, retryAfterSeconds: 1 },
    });
    fake.addFault({ match: { method: "GET", path: "/policies/policy" }, action: { drop: true } });
    expect((await readPolicy(client, apiTarget)).value).toBe(CALLER_POLICY);
    expect(fake.log.map((l) => l.fault ?? String(l.status))).toEqual(["503", "drop", "200"]);

    fake.clearLog();
    fake.addFault({
      match: { write: true },
      skip: 1,
      action: { status: 409, code: "Conflict", message: "second write refused" },
    });
    await client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", {
      format: "rawxml",
      value: CALLER_POLICY,
    });
    const err = await thrown(
      client.apiPolicy.createOrUpdate(rg, svc, "partner-proxy", "policy", { format: "rawxml", value: CALLER_POLICY }),
    );
    expect(err.statusCode).toBe(409);
    expect(fake.writes().map((w) => w.status)).toEqual([200, 409]);
  });

  test("a provider-side policy scope needs its API and operation to exist", async () => {
    const other = new ApiManagementClient(new StaticTokenCredential(TOKEN), PROVIDER.subscriptionId, {
      endpoint: fake.url,
      tlsOptions: { ca: fake.ca },
    });
    const err = await thrown(
      other.apiOperationPolicy.createOrUpdate(
        PROVIDER.resourceGroup,
        PROVIDER.serviceName,
        "partner-api",
        "nope",
        "policy",
        { format: "rawxml", value: CALLER_POLICY },
      ),
    );
    expect(err.statusCode).toBe(404);
  });
});
