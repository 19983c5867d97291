// The caller side of the lab, for real: the caller policy `apimkit generate` writes runs in the emulator, its
// managed-identity assertion comes from the lab's IMDS-shaped endpoint (what APIM's platform does for it), and its
// send-request reaches the lab's token endpoint over HTTP. Nothing here re-implements what the policy does.
import type { Config } from "../../../src/config/types.js";
import {
  type EmulatedResponse,
  type EmulateOptions,
  type EmulateResult,
  type EmulatorState,
  emulate,
  type OutboundRequest,
} from "../../../src/emulator/index.js";
import { generate } from "../../../src/generate/index.js";
import { NAMED_VALUE_NAMES } from "../../../src/generate/named-values.js";
import { parseNamedValues } from "../../../src/token/named-values.js";
import { type FakeEntra, LOGIN } from "./server.js";

export const EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** What generate writes for the config: the caller and provider policies and the named values' values. */
export interface GeneratedPolicies {
  caller: string;
  provider: string;
  namedValues: Record<string, string>;
}

export function generatedPolicies(config: Config): GeneratedPolicies {
  const files = generate(config, { layout: "plain" });
  const text = (path: string) => {
    const f = files.find((x) => x.path === path);
    if (!f) throw new Error(`generate wrote no ${path}`);
    return f.content;
  };
  return {
    caller: text(`callers/${config.callers[0]!.name}/policy.xml`),
    provider: text("provider/policy.xml"),
    namedValues: Object.fromEntries(parseNamedValues(text("named-values.json"), "named-values.json")),
  };
}

/** Real HTTP to the lab: Entra's public host stands for the lab's address, as DNS would make it. */
export async function toLab(lab: FakeEntra, req: OutboundRequest): Promise<EmulatedResponse> {
  const url = req.url.startsWith(LOGIN) ? lab.url + req.url.slice(LOGIN.length) : req.url;
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, [v].flat().join(", ")]));
  const res = await fetch(url, { method: req.method, headers, body: req.body });
  return {
    status: res.status,
    reason: res.statusText,
    headers: Object.fromEntries(res.headers),
    body: await res.text(),
  };
}

/** The managed identity's assertion for the token-exchange audience, from the lab's IMDS-shaped endpoint. */
export async function managedIdentityAssertion(
  lab: FakeEntra,
  clientId: string,
): Promise<{ ok: true; token: string } | { ok: false; status: number; body: Record<string, unknown> }> {
  const url = new URL(lab.managedIdentityUrl);
  url.searchParams.set("api-version", "2018-02-01");
  url.searchParams.set("resource", EXCHANGE_AUDIENCE);
  url.searchParams.set("client_id", clientId);
  const res = await fetch(url, { headers: { Metadata: "true" } });
  const body = (await res.json()) as Record<string, unknown>;
  return res.status === 200 ? { ok: true, token: String(body.access_token) } : { ok: false, status: res.status, body };
}

export interface CallerRequest {
  lab: FakeEntra;
  config: Config;
  /** Named values as the user set them, over generate's (a wrong tenant, scope or client id). */
  namedValues?: Record<string, string>;
  /** Answers the caller's forward-request (default: 200 with an empty JSON object). */
  backend?: (req: OutboundRequest) => Promise<EmulatedResponse>;
  state?: EmulatorState;
  editCaller?: (xml: string) => string;
}

export interface CallerRun {
  result: EmulateResult;
  /** The calls the caller gateway made to Entra, with the lab's answers. */
  exchanges: { request: OutboundRequest; response: EmulatedResponse }[];
}

/** One request through the generated caller policy in the emulator. */
export async function runCaller(r: CallerRequest, assertion: string | undefined): Promise<CallerRun> {
  const generated = generatedPolicies(r.config);
  const exchanges: CallerRun["exchanges"] = [];
  const options: EmulateOptions = {
    policy: {
      file: `callers/${r.config.callers[0]!.name}/policy.xml`,
      text: (r.editCaller ?? ((x) => x))(generated.caller),
    },
    namedValues: { ...generated.namedValues, ...r.namedValues },
    state: r.state,
    request: {
      method: "GET",
      url: "https://tenant1-apim.azure-api.net/partner-proxy/validate?subscription-key=caller-key",
      headers: { "Ocp-Apim-Subscription-Key": "caller-key" },
    },
    managedIdentity: assertion ? { [EXCHANGE_AUDIENCE]: assertion } : {},
    outbound: async (req, kind) => {
      if (kind === "backend") return r.backend ? r.backend(req) : { status: 200, headers: {}, body: "{}" };
      const response = await toLab(r.lab, req);
      exchanges.push({ request: req, response });
      return response;
    },
  };
  return { result: await emulate(options), exchanges };
}

export type ExchangeResult =
  | { ok: true; accessToken: string; assertion: string; run: CallerRun }
  | {
      ok: false;
      /** Where it failed: the platform's identity endpoint, or Entra's token endpoint (Entra's own status and body). */
      stage: "managed-identity" | "exchange";
      status: number;
      body: Record<string, unknown>;
      run?: CallerRun;
    };

/**
 * The token the caller gateway sends the provider: the generated caller policy's exchange, read off the
 * Authorization header of its forward-request.
 */
export async function exchangeThroughCaller(r: CallerRequest): Promise<ExchangeResult> {
  const mi = await managedIdentityAssertion(r.lab, r.config.callers[0]!.managedIdentity.clientId);
  if (!mi.ok) return { ok: false, stage: "managed-identity", status: mi.status, body: mi.body };
  const run = await runCaller(r, mi.token);
  const last = run.exchanges.at(-1);
  if (last && last.response.status !== 200) {
    return {
      ok: false,
      stage: "exchange",
      status: last.response.status,
      body: JSON.parse(last.response.body ?? "{}"),
      run,
    };
  }
  const auth = [run.result.backend?.headers.Authorization ?? ""].flat()[0] ?? "";
  if (!auth.startsWith("Bearer "))
    throw new Error(`the caller forwarded no bearer token (status ${run.result.response.status})`);
  return { ok: true, accessToken: auth.slice("Bearer ".length), assertion: mi.token, run };
}

/** Named values that send the exchange elsewhere than the config says: another scope, tenant or client id. */
export function exchangeOverrides(
  config: Config,
  over: { scope?: string; tenant?: string; client?: string },
): Record<string, string> {
  const n = NAMED_VALUE_NAMES;
  const out: Record<string, string> = {};
  if (over.scope !== undefined) out[n.apiScope] = over.scope;
  if (over.tenant !== undefined) out[n.providerTenantId] = over.tenant;
  if (over.client !== undefined) out[n.bridgeAppClientId(config.callers[0]!.name)] = over.client;
  return out;
}
