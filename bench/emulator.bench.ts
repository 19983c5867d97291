// Emulator throughput (issue 13, "Must show: Benchmark"): the generated policies of examples/cross-tenant through
// emulate() with an in-process outbound handler, in one process:
//   caller-cache-hit   the caller with its state shared: the token is cached, no exchange;
//   caller-cache-miss  the caller with a fresh state per request: managed identity, send-request exchange, cache store;
//   provider-jwt       the provider's validate-jwt on a real RS256 token, metadata cached as the gateway caches it
//                      (one state across requests: an hour of emulated time).
// Each scenario: warm up, then several timed passes (best and median requests/s), and the split between parse and
// run: "run" is a warm request (the documents, compositions, expression trees and checks already made); "cold" is a
// first request of a never-seen policy text (its own parse, composition, expression parses and checks); parse is
// the difference, beside a direct measure of that work alone. Besides requests/s one after another: requests per
// CPU second of this process (steadier on a shared machine) and requests/s with several in flight. Prints JSON,
// asserts nothing; the machine is shared, so the load average is printed beside.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { EmulatedResponse, EmulateOptions, OutboundHandler } from "../src/emulator/api.js";
import { emulate, freshState } from "../src/emulator/index.js";
import { composeEffective } from "../src/policy/compose.js";
import { checkExpression } from "../src/policy/csharp/checker.js";
import { parseExpression } from "../src/policy/csharp/index.js";
import { parsePolicy } from "../src/policy/parser.js";
import { allElements } from "../src/policy/query.js";
import { packageRoot } from "../src/util/paths.js";

const PASSES = 7;
/** Requests per timed pass (and per warm-up). */
const PER_PASS = 4_000;
const COLD = 200;
/** Requests in flight at once for the concurrent figure (a validate-jwt waits for WebCrypto's thread pool). */
const IN_FLIGHT = 16;

const CLOCK = Date.parse("2026-06-01T12:00:00Z");
const TENANT = "22222222-2222-4222-8222-222222222222";

interface Scenario {
  name: string;
  /** The options of request i (a fresh state where the scenario wants one). */
  options: (policyText: string) => EmulateOptions;
  policy: { file: string; text: string };
  expectStatus: number;
}

/** An answer of the in-process network: the body's text made once (its cost is not the emulator's). */
function answer(status: number, body: unknown): () => EmulatedResponse {
  const text = JSON.stringify(body);
  return () => ({ status, headers: { "Content-Type": "application/json" }, body: text });
}

function loadExample(): {
  caller: string;
  provider: string;
  namedValues: Record<string, string>;
  jwks: unknown;
  token: string;
} {
  const dir = join(packageRoot(), "examples/cross-tenant");
  const nv = JSON.parse(readFileSync(join(dir, "generated/named-values.json"), "utf8")) as Array<{
    name: string;
    value: string;
  }>;
  // The provider test file's JWKS and its first (valid) token: signed by the example's key.
  const file = parseYaml(readFileSync(join(dir, "provider.apimtest.yaml"), "utf8")) as {
    mocks: { http: { url: string; response: { body: unknown } }[] };
    tests: { request: { headers?: { Authorization?: string } } }[];
  };
  const keys = file.mocks.http.find((m) => m.url.endsWith("/discovery/keys"))?.response.body;
  const token = file.tests[0]?.request.headers?.Authorization?.replace(/^Bearer /, "");
  if (!keys || !token) throw new Error("examples/cross-tenant/provider.apimtest.yaml: no JWKS or token found");
  return {
    caller: readFileSync(join(dir, "generated/callers/tenant1/policy.xml"), "utf8"),
    provider: readFileSync(join(dir, "generated/provider/policy.xml"), "utf8"),
    namedValues: Object.fromEntries(nv.map((v) => [v.name, v.value])),
    jwks: keys,
    token,
  };
}

function scenarios(): Scenario[] {
  const ex = loadExample();
  const tokenAnswer = answer(200, { token_type: "Bearer", expires_in: 3599, access_token: "provider-token" });
  const backendAnswer = answer(200, { message: "apimkit echo: the provider accepted the caller's token" });
  const callerOutbound: OutboundHandler = async (req, kind) => {
    if (kind === "send-request" && req.url === `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`)
      return tokenAnswer();
    if (kind === "backend") return backendAnswer();
    throw new Error(`unexpected ${kind} ${req.method} ${req.url}`);
  };
  const configAnswer = answer(200, {
    issuer: `https://sts.windows.net/${TENANT}/`,
    jwks_uri: "https://login.microsoftonline.com/common/discovery/keys",
  });
  const keysAnswer = answer(200, ex.jwks);
  const providerOutbound: OutboundHandler = async (req, kind) => {
    if (kind !== "metadata") throw new Error(`unexpected ${kind} ${req.url}`);
    if (req.url === `https://login.microsoftonline.com/${TENANT}/.well-known/openid-configuration`)
      return configAnswer();
    if (req.url === "https://login.microsoftonline.com/common/discovery/keys") return keysAnswer();
    throw new Error(`unexpected metadata ${req.url}`);
  };
  const callerRequest = {
    method: "GET",
    url: "https://tenant1-apim.azure-api.net/partner-proxy/orders?subscription-key=caller-key",
    headers: { "Ocp-Apim-Subscription-Key": "caller-key" },
  };
  const caller = (text: string, state: EmulateOptions["state"]): EmulateOptions => ({
    policy: { file: "callers/tenant1/policy.xml", text },
    namedValues: ex.namedValues,
    managedIdentity: { "api://AzureADTokenExchange": "managed-identity-assertion" },
    request: callerRequest,
    outbound: callerOutbound,
    state: state ?? freshState(CLOCK),
  });
  const shared = freshState(CLOCK);
  const providerState = freshState(CLOCK);
  return [
    {
      name: "caller-cache-hit",
      policy: { file: "callers/tenant1/policy.xml", text: ex.caller },
      options: (text) => caller(text, shared),
      expectStatus: 200,
    },
    {
      name: "caller-cache-miss",
      policy: { file: "callers/tenant1/policy.xml", text: ex.caller },
      options: (text) => caller(text, undefined),
      expectStatus: 200,
    },
    {
      name: "provider-jwt",
      policy: { file: "provider/policy.xml", text: ex.provider },
      options: (text) => ({
        policy: { file: "provider/policy.xml", text },
        namedValues: ex.namedValues,
        request: {
          method: "GET",
          url: "https://tenant2-apim.azure-api.net/partner/validate",
          headers: { Authorization: `Bearer ${ex.token}` },
        },
        outbound: providerOutbound,
        state: providerState,
      }),
      expectStatus: 200,
    },
  ];
}

/** A never-seen text of the same policy (the caches are per text): a comment inside the root. */
const uniqueText = (text: string, n: number): string => text.replace("<policies>", `<policies><!-- cold ${n} -->`);

async function once(s: Scenario, text: string): Promise<void> {
  const r = await emulate(s.options(text));
  if (r.response.status !== s.expectStatus)
    throw new Error(`${s.name}: status ${r.response.status}, expected ${s.expectStatus}: ${r.response.body ?? ""}`);
}

interface Timing {
  wall: number;
  /** This process's CPU seconds (all its threads): what the request cost, whatever else the machine runs. */
  cpu: number;
}

/** n calls of f, `inFlight` of them at a time (1: one after another). */
async function timed(n: number, f: (i: number) => Promise<void>, inFlight = 1): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < n) await f(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
}

/** Policy parse, composition, every expression's parse and check: the per-text work a cold request does first. */
function parseWork(file: string, text: string): void {
  const doc = parsePolicy(text, file);
  const policy = composeEffective({ scopes: { api: doc }, fragments: {} });
  if (policy.diagnostics.length) throw new Error(`${file}: ${policy.diagnostics[0]?.message}`);
  for (const el of allElements(doc)) {
    const values = [
      ...el.attributes.map((a) => a.value),
      ...el.children.flatMap((c) => (c.type === "text" ? [c.value] : [])),
    ];
    for (const v of values) if (v.expression) checkExpression(parseExpression(doc.source, v.expression));
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export async function run(): Promise<void> {
  const load0 = loadavg();
  const figures: Record<string, unknown>[] = [];
  let cold = 0;
  for (const s of scenarios()) {
    const warm = () => once(s, s.policy.text);
    await warm();
    await timed(PER_PASS, warm);
    const passes: Timing[] = [];
    for (let p = 0; p < PASSES; p++) passes.push(await timed(PER_PASS, warm));
    const concurrent: Timing[] = [];
    for (let p = 0; p < 3; p++) concurrent.push(await timed(PER_PASS, warm, IN_FLIGHT));
    const coldTiming = await timed(COLD, () => once(s, uniqueText(s.policy.text, cold++)));
    const parseReps = 200;
    await timed(20, async (i) => parseWork(s.policy.file, uniqueText(s.policy.text, -1 - i)));
    const parseTiming = await timed(parseReps, async (i) => parseWork(s.policy.file, uniqueText(s.policy.text, i)));
    const rates = passes.map((t) => PER_PASS / t.wall);
    const runMs = 1000 / median(rates);
    const coldMs = (coldTiming.wall * 1000) / COLD;
    figures.push({
      scenario: s.name,
      requestsPerSecond: Math.round(median(rates)),
      bestRequestsPerSecond: Math.round(Math.max(...rates)),
      requestsPerCpuSecond: Math.round(median(passes.map((t) => PER_PASS / t.cpu))),
      [`requestsPerSecond${IN_FLIGHT}InFlight`]: Math.round(median(concurrent.map((t) => PER_PASS / t.wall))),
      runMsPerRequest: round(runMs, 4),
      coldMsPerRequest: round(coldMs, 3),
      parseMsPerRequest: round(coldMs - runMs, 3),
      parseWorkMs: round((parseTiming.wall * 1000) / parseReps, 3),
    });
  }
  console.log(
    JSON.stringify({
      bench: "emulator",
      node: process.version,
      requestsPerPass: PER_PASS,
      passes: PASSES,
      loadAverageBefore: load0.map((x) => round(x, 2)),
      loadAverageAfter: loadavg().map((x) => round(x, 2)),
      scenarios: figures,
    }),
  );
}

/** For `node --cpu-prof`: one scenario's warm request, n times (nothing printed). */
export async function profile(name: string, n: number): Promise<void> {
  const s = scenarios().find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  await timed(n, () => once(s, s.policy.text));
}
