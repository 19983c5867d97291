// The `context` object (runtime reference §3) and its Request and Response: host views over the gateway's live
// state, registered under the type model's keys so the checker and the emulator speak of the same members.
import { K } from "../../../policy/csharp/types/type-ref.js";
import { NetException } from "../../errors.js";
import type { RuntimeRegistry, RuntimeType } from "../../runtime-types.js";
import { int, type NetObject, type NetValue } from "../../values.js";
import type { GatewayRequest, GatewayResponse, HeaderMap } from "../message.js";
import { MessageBodyHost } from "./body.js";
import type { RecordHost } from "./data.js";
import { ReadOnlyDictionary } from "./dictionary.js";
import { ctxKey, dateTime, guid, method, prop, stringArray, timeSpan } from "./host.js";
import { UrlHost } from "./url.js";

/** What `context` reads: the gateway's state of this request. */
export interface ContextData {
  request: GatewayRequest;
  response: GatewayResponse;
  readonly variables: Map<string, NetValue>;
  /** Set when the pipeline went to on-error. */
  lastError: RecordHost | null;
  readonly records: {
    api: RecordHost | null;
    deployment: RecordHost | null;
    operation: RecordHost | null;
    product: RecordHost | null;
    subscription: RecordHost | null;
    user: RecordHost | null;
  };
  /** When the request arrived (ms since the epoch): Timestamp, and Elapsed's start. */
  readonly receivedAt: number;
  readonly requestId: string;
  readonly tracing: boolean;
  readonly matchedParameters: ReadonlyMap<string, string>;
  /** Query parameter names of the operation's URL template (`/get?a={b}` has `a`): rewrite-uri's "matched" ones. */
  readonly templateQuery: readonly string[];
  /** context.Trace(message). */
  trace(message: string): void;
}

// The host objects carry the type model keys themselves (the interfaces of context.ts): the interpreter answers
// `is` and casts from the model, and the checker and the emulator then name the same types.
export const CONTEXT_IMPL_KEY = K.context;

export class ContextHost implements NetObject {
  readonly $type = CONTEXT_IMPL_KEY;
  constructor(readonly data: ContextData) {}
}

export class RequestHost implements NetObject {
  readonly $type = ctxKey("IRequest");
  constructor(readonly data: ContextData) {}
}

export class ResponseHost implements NetObject {
  readonly $type = ctxKey("IResponse");
  /** `read` gives the response: context.Response, or a send-request response held in a variable. */
  constructor(readonly read: () => GatewayResponse) {}
}

export function headerDictionary(read: () => HeaderMap): ReadOnlyDictionary {
  return new ReadOnlyDictionary("headers", {
    keys: () => read().names(),
    get: (k) => {
      const v = read().get(k);
      return v === undefined ? undefined : stringArray(v);
    },
  });
}

export function variablesDictionary(vars: Map<string, NetValue>): ReadOnlyDictionary {
  return new ReadOnlyDictionary("variables", { keys: () => [...vars.keys()], get: (k) => vars.get(k) });
}

export function contextTypes(registry: RuntimeRegistry): RuntimeType[] {
  const context: RuntimeType = {
    key: CONTEXT_IMPL_KEY,
    supertypes: [K.object],
    instance: {
      Api: prop<ContextHost>((c) => c.data.records.api),
      Deployment: prop<ContextHost>((c) => c.data.records.deployment),
      Elapsed: prop<ContextHost>((c, call) => timeSpan(registry, call.now() - c.data.receivedAt, call)),
      LastError: prop<ContextHost>((c) => c.data.lastError),
      Operation: prop<ContextHost>((c) => c.data.records.operation),
      Product: prop<ContextHost>((c) => c.data.records.product),
      Request: prop<ContextHost>((c) => new RequestHost(c.data)),
      RequestId: prop<ContextHost>((c, call) => guid(registry, c.data.requestId, call)),
      Response: prop<ContextHost>((c) => new ResponseHost(() => c.data.response)),
      Subscription: prop<ContextHost>((c) => c.data.records.subscription),
      Timestamp: prop<ContextHost>((c, call) => dateTime(registry, c.data.receivedAt, call)),
      Tracing: prop<ContextHost>((c) => c.data.tracing),
      User: prop<ContextHost>((c) => c.data.records.user),
      Variables: prop<ContextHost>((c) => variablesDictionary(c.data.variables)),
      Trace: method<ContextHost>((c, args, call) => {
        const m = args[0]?.value ?? null;
        if (m !== null && typeof m !== "string")
          throw new NetException("InvalidCastException", "Trace takes a string", call.at);
        c.data.trace(m ?? "");
        return null;
      }),
    },
  };
  const request: RuntimeType = {
    key: ctxKey("IRequest"),
    supertypes: [K.object],
    instance: {
      // null when the request has no body [doc D-EXPR].
      Body: prop<RequestHost>((r) => (r.data.request.body ? new MessageBodyHost(r.data.request.body) : null)),
      // No client certificates offline.
      Certificate: prop<RequestHost>(() => null),
      Headers: prop<RequestHost>((r) => headerDictionary(() => r.data.request.headers)),
      IpAddress: prop<RequestHost>((r) => r.data.request.ipAddress),
      MatchedParameters: prop<RequestHost>((r) => {
        const m = r.data.matchedParameters;
        return new ReadOnlyDictionary("matched", { keys: () => [...m.keys()], get: (k) => lookupIgnoreCase(m, k) });
      }),
      Method: prop<RequestHost>((r) => r.data.request.method),
      OriginalUrl: prop<RequestHost>((r) => new UrlHost(() => r.data.request.originalUrl)),
      Url: prop<RequestHost>((r) => new UrlHost(() => r.data.request.url)),
      // Not via a private endpoint offline [doc: null if not].
      PrivateEndpointConnection: prop<RequestHost>(() => null),
    },
  };
  const response: RuntimeType = {
    key: ctxKey("IResponse"),
    supertypes: [K.object],
    instance: {
      Body: prop<ResponseHost>((r) => {
        const b = r.read().body;
        return b ? new MessageBodyHost(b) : null;
      }),
      Headers: prop<ResponseHost>((r) => headerDictionary(() => r.read().headers)),
      StatusCode: prop<ResponseHost>((r) => int(r.read().status)),
      StatusReason: prop<ResponseHost>((r) => r.read().reason),
    },
  };
  return [context, request, response];
}

function lookupIgnoreCase(m: ReadonlyMap<string, string>, key: string): string | undefined {
  const direct = m.get(key);
  if (direct !== undefined) return direct;
  for (const [k, v] of m) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}
