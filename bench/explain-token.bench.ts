// explain-token throughput: the generated provider policy read once, then N real RS256 tokens evaluated against it
// (decode, signature with jose, lifetime, audience, issuer, required claims). Prints JSON; asserts nothing.
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Config } from "../src/config/types.js";
import { explainToken } from "../src/token/evaluate.js";
import { specFromPolicy } from "../src/token/explain.js";
import { generatedProvider } from "../src/token/provider-policy.js";

const T2 = "22222222-2222-4222-8222-222222222222";
const API = "b2b2b2b2-0000-4000-8000-000000000002";
const BRIDGE = "a1a1a1a1-0000-4000-8000-0000000000a1";

const config: Config = {
  provider: {
    tenantId: T2,
    subscriptionId: "2a2a2a2a-2a2a-4a2a-8a2a-2a2a2a2a2a2a",
    resourceGroup: "rg2",
    serviceName: "apim2",
    apiId: "api",
    apiApp: { appId: API, identifierUri: `api://${API}`, tokenVersion: 1, roles: ["access_as_app"] },
  },
  callers: [
    {
      name: "tenant1",
      tenantId: "11111111-1111-4111-8111-111111111111",
      subscriptionId: "1a1a1a1a-1a1a-4a1a-8a1a-1a1a1a1a1a1a",
      resourceGroup: "rg1",
      serviceName: "apim1",
      apiId: "proxy",
      managedIdentity: {
        clientId: "c1c1c1c1-0000-4000-8000-0000000000c1",
        principalId: "d1d1d1d1-0000-4000-8000-0000000000d1",
      },
      bridgeApp: { appId: BRIDGE },
      role: "access_as_app",
      providerPath: "/p",
    },
  ],
};

export async function run(): Promise<void> {
  const N = 2000;
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1" };
  const provider = await generatedProvider(config);
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let i = 0; i < N; i++) {
    tokens.push(
      await new SignJWT({
        aud: `api://${API}`,
        iss: `https://sts.windows.net/${T2}/`,
        appid: BRIDGE,
        appidacr: "2",
        roles: ["access_as_app"],
        tid: T2,
        ver: "1.0",
        iat: now,
        nbf: now,
        exp: now + 3600,
        uti: String(i),
      })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .sign(privateKey),
    );
  }
  const t0 = performance.now();
  const { spec } = specFromPolicy(provider.source, provider.file, provider.namedValues);
  const tSpec = performance.now() - t0;
  let valid = 0;
  const t1 = performance.now();
  for (const token of tokens) {
    const e = await explainToken({ spec, token, keys: { keys: [jwk], source: "bench", unusable: [] }, at: new Date() });
    if (e.valid) valid++;
  }
  const ms = performance.now() - t1;
  console.log(
    JSON.stringify({
      bench: "explain-token",
      tokens: N,
      valid,
      policyReadMs: Number(tSpec.toFixed(2)),
      totalMs: Number(ms.toFixed(1)),
      perTokenMs: Number((ms / N).toFixed(3)),
      tokensPerSecond: Math.round((N / ms) * 1000),
    }),
  );
}
