// The network of one test: every outbound call of the emulated gateway is answered by the test's mocks, or
// recorded as unmatched (a test error naming the call, never a made-up 404). Library users may pass their own
// handler for what no mock answers.
import type { EmulatedResponse, OutboundHandler, OutboundKind, OutboundRequest } from "../api.js";
import { responseOf } from "./messages.js";
import type { HttpMockSpec, MocksSpec } from "./types.js";

/** `*` matches any run of characters (also none); everything else literally; the whole URL must match. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(text);
}

export class UnmatchedCall extends Error {
  override name = "UnmatchedCall";
  constructor(
    readonly kind: OutboundKind,
    readonly request: OutboundRequest,
  ) {
    super(`no mock answers the ${kind} call ${request.method} ${request.url}`);
  }
}

export interface NetworkCall {
  kind: OutboundKind;
  request: OutboundRequest;
  response: EmulatedResponse;
}

/** Lives for one test: `times` counts across its steps. */
export class MockNetwork {
  readonly calls: NetworkCall[] = [];
  readonly unmatched: UnmatchedCall[] = [];
  private readonly used = new Map<HttpMockSpec, number>();
  private layers: readonly MocksSpec[] = [];

  constructor(private readonly fallback?: OutboundHandler) {}

  /** The mocks of the step about to run, narrowest first. */
  use(layers: readonly MocksSpec[]): void {
    this.layers = layers;
  }

  managedIdentity(): string | Record<string, string> | undefined {
    return this.layers.find((l) => l.managedIdentity !== undefined)?.managedIdentity;
  }

  readonly handler: OutboundHandler = async (request, kind) => {
    const response = this.answer(request, kind) ?? (this.fallback ? await this.fallback(request, kind) : undefined);
    if (!response) {
      const miss = new UnmatchedCall(kind, request);
      this.unmatched.push(miss);
      throw miss;
    }
    this.calls.push({ kind, request, response });
    return response;
  };

  private answer(request: OutboundRequest, kind: OutboundKind): EmulatedResponse | undefined {
    if (kind === "backend") {
      const backend = this.layers.find((l) => l.backend !== undefined)?.backend;
      if (backend) return responseOf(backend);
    }
    for (const layer of this.layers) {
      for (const mock of layer.http ?? []) {
        if (mock.method !== undefined && mock.method.toUpperCase() !== request.method.toUpperCase()) continue;
        if (!wildcardMatch(mock.url, request.url)) continue;
        const count = this.used.get(mock) ?? 0;
        if (mock.times !== undefined && count >= mock.times) continue;
        this.used.set(mock, count + 1);
        return responseOf(mock.response);
      }
    }
    return undefined;
  }
}
