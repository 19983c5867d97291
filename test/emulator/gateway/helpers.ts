// Shared setup of the gateway tests: a policy text in, the result and the outbound calls out.
import type {
  EmulatedResponse,
  EmulateOptions,
  OutboundKind,
  OutboundRequest,
  TraceEvent,
} from "../../../src/emulator/api.js";
import { emulate, freshState } from "../../../src/emulator/gateway/emulate.js";

export interface Call {
  request: OutboundRequest;
  kind: OutboundKind;
}

export interface RunOptions extends Partial<Omit<EmulateOptions, "policy" | "outbound">> {
  /** Answers outbound calls (default: 200 with an empty body). */
  answer?: (request: OutboundRequest, kind: OutboundKind) => EmulatedResponse | Promise<EmulatedResponse>;
}

/** A `<policies>` document with the given sections' inner XML. */
export function policies(s: { inbound?: string; backend?: string; outbound?: string; onError?: string }): string {
  return `<policies>
  <inbound>${s.inbound ?? "<base />"}</inbound>
  <backend>${s.backend ?? "<base />"}</backend>
  <outbound>${s.outbound ?? "<base />"}</outbound>
  <on-error>${s.onError ?? "<base />"}</on-error>
</policies>
`;
}

export async function run(text: string, opts: RunOptions = {}) {
  const calls: Call[] = [];
  const events: TraceEvent[] = [];
  const { answer, ...rest } = opts;
  const result = await emulate({
    request: { method: "GET", url: "https://apim.example.com/api/items?x=1" },
    context: { api: { path: "api", serviceUrl: "https://backend.example.com/base" } },
    state: freshState(Date.UTC(2026, 5, 1, 12, 0, 0)),
    ...rest,
    policy: { file: "policy.xml", text },
    outbound: async (request, kind) => {
      calls.push({ request, kind });
      return answer ? answer(request, kind) : { status: 200, body: "" };
    },
    trace: (e) => events.push(e),
  });
  return { result, calls, events };
}
