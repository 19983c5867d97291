// One policy expression's environment outside a pipeline run (the corpus coverage bench, tools that evaluate a
// single expression): the gateway's own request model, `context` objects and registry, set up as emulate() sets them
// up, with context.Response, context.LastError and context.Variables given by the caller instead of by the policies
// that would have run before.
import type { Expression, PolicyDocument } from "../../policy/model.js";
import type { EmulatedRequest, EmulatedResponse } from "../api.js";
import type { EvalEnv } from "../interpreter/index.js";
import type { RuntimeRegistry } from "../runtime-types.js";
import type { NetValue } from "../values.js";
import { buildRecord, type ContextData, ContextHost } from "./context/index.js";
import { GatewayResponse, HeaderMap, MessageBody, reasonPhrase } from "./message.js";
import { evaluateExpression } from "./pipeline/interpreter.js";
import type { LastErrorFields } from "./pipeline/last-error.js";
import { gatewayRegistry } from "./pipeline/registry.js";
import { incomingRequest } from "./pipeline/request.js";
import { locateIn } from "./pipeline/runner.js";
import { treeOf } from "./pipeline/values.js";

export interface ExpressionEnvironmentOptions {
  request: EmulatedRequest;
  /** Overrides of the context defaults, as EmulateOptions.context. */
  context?: Readonly<Record<string, unknown>>;
  namedValues?: Readonly<Record<string, string>>;
  /** The emulated clock (ms since the epoch); the request arrives then. */
  now?: number;
  /** context.Response; absent: 200 OK without headers or body, as before the backend answers. */
  response?: EmulatedResponse;
  /** context.LastError; absent: null (no error happened). */
  lastError?: LastErrorFields;
  /** context.Variables (shared with the caller: what earlier elements set). */
  variables?: Map<string, NetValue>;
  /** context.Trace(message). */
  trace?: (message: string) => void;
}

export interface ExpressionEnvironment {
  readonly registry: RuntimeRegistry;
  readonly data: ContextData;
  /** The interpreter's environment for expressions of `doc` (positions in its messages are of that file). */
  envFor(doc: PolicyDocument): EvalEnv;
  /** Evaluates one expression of `doc`: throws NetException, NotEmulated, or EmulationError for a C# error. */
  evaluate(doc: PolicyDocument, expression: Expression): NetValue;
}

export function expressionEnvironment(options: ExpressionEnvironmentOptions): ExpressionEnvironment {
  const registry = gatewayRegistry();
  const now = options.now ?? Date.now();
  const incoming = incomingRequest(
    { policy: { file: "", text: "" }, request: options.request, outbound: refuse, context: options.context },
    now,
  );
  const r = options.response;
  const data: ContextData = {
    request: incoming.request,
    response: r
      ? new GatewayResponse(
          r.status,
          r.reason ?? reasonPhrase(r.status),
          HeaderMap.from(r.headers),
          r.body === undefined ? null : new MessageBody(r.body),
        )
      : new GatewayResponse(200, "OK", new HeaderMap(), null),
    variables: options.variables ?? new Map(),
    lastError: options.lastError ? buildRecord("ILastError", { ...options.lastError }, undefined, "LastError") : null,
    records: incoming.records,
    receivedAt: now,
    requestId: "00000000-0000-0000-0000-000000000001",
    tracing: false,
    matchedParameters: incoming.matched,
    templateQuery: incoming.templateQuery,
    trace: options.trace ?? (() => {}),
  };
  const contextObject = new ContextHost(data);
  const envs = new Map<PolicyDocument, EvalEnv>();
  const envFor = (doc: PolicyDocument): EvalEnv => {
    let env = envs.get(doc);
    if (!env) {
      env = {
        registry,
        context: contextObject,
        locate: (offset) => locateIn(doc, offset),
        now: () => now,
        namedValue: (name) => options.namedValues?.[name],
      };
      envs.set(doc, env);
    }
    return env;
  };
  return {
    registry,
    data,
    envFor,
    evaluate: (doc, expression) => {
      const env = envFor(doc);
      return evaluateExpression(treeOf(doc, expression), env, env.locate(expression.range.start.offset));
    },
  };
}

/** No outbound call is made while one expression is evaluated. */
async function refuse(): Promise<never> {
  throw new Error("expressionEnvironment makes no outbound calls");
}
