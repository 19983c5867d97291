// emulate(): one request through the composed policy, offline (src/emulator/api.ts is the contract).
import { randomUUID } from "node:crypto";
import { type ComposeScope, composeEffective, type EffectivePolicy } from "../../policy/compose.js";
import type { PolicyDocument } from "../../policy/model.js";
import { parsePolicy } from "../../policy/parser.js";
import type { EmulatedResponse, EmulateOptions, EmulateResult, EmulatorState, PolicySource } from "../api.js";
import type { NetValue } from "../values.js";
import { type ContextData, ContextHost } from "./context/index.js";
import { type HandlerTable, standardHandlers } from "./handlers/index.js";
import { GatewayResponse, HeaderMap } from "./message.js";
import { jsonLike } from "./pipeline/json-like.js";
import { gatewayRegistry } from "./pipeline/registry.js";
import { incomingRequest } from "./pipeline/request.js";
import { Failure, Runner } from "./pipeline/runner.js";
import { EmulationError, PipelineEnd } from "./pipeline/signals.js";

export function freshState(now = Date.now()): EmulatorState {
  return { now, cache: new Map(), counters: new Map() };
}

/**
 * The scope of the policy under test: one narrower than the narrowest scope given, "api" when none is given, or
 * when only global, workspace or product is [U] (docs/emulator.md "Pipeline").
 */
export function policyScope(options: EmulateOptions): ComposeScope {
  const s = options.scopes ?? {};
  if (s.operation) throw new EmulationError("scopes.operation: the policy under test is the narrowest scope");
  return s.api ? "operation" : "api";
}

// Documents and compositions are kept per text: a test runs the same policy many times, and a parsed document
// carries its expressions' trees and checks (the interpreter keeps them per tree). Bounded, oldest out first.
const CACHE_LIMIT = 64;
const documents = new Map<string, PolicyDocument>();
const compositions = new Map<string, EffectivePolicy>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, v);
  }
  return v;
}

function parse(src: PolicySource): PolicyDocument {
  return remember(documents, `${src.file}\u0000${src.text}`, () => parsePolicy(src.text, src.file));
}

function compose(options: EmulateOptions): EffectivePolicy {
  const key: string[] = [];
  for (const [scope, src] of Object.entries(options.scopes ?? {})) {
    if (src) {
      key.push(scope, src.file, src.text);
    }
  }
  const own = policyScope(options);
  key.push(own, options.policy.file, options.policy.text);
  for (const [id, src] of Object.entries(options.fragments ?? {})) key.push(`fragment:${id}`, src.file, src.text);
  return remember(compositions, key.join("\u0000"), () => {
    const scopes: Partial<Record<ComposeScope, PolicyDocument>> = {};
    for (const [k, v] of Object.entries(options.scopes ?? {})) if (v) scopes[k as ComposeScope] = parse(v);
    scopes[own] = parse(options.policy);
    const fragments = Object.fromEntries(Object.entries(options.fragments ?? {}).map(([id, src]) => [id, parse(src)]));
    return composeEffective({ scopes, fragments });
  });
}

let handlers: HandlerTable | undefined;

function handlerTable(): HandlerTable {
  handlers ??= standardHandlers();
  return handlers;
}

/** Runs the request; rejects with NotEmulated (its message names the construct and file:line:column) or EmulationError. */
export async function emulate(options: EmulateOptions): Promise<EmulateResult> {
  const registry = gatewayRegistry();
  const state = options.state ?? freshState();
  const policy = compose(options);
  const problem = policy.diagnostics[0];
  if (problem) throw new EmulationError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);

  const receivedAt = state.now;
  const incoming = incomingRequest(options, receivedAt);
  const overrides = (options.context ?? {}) as Record<string, unknown>;
  // context.Trace lands with the trace policy's records (the runner holds them; it is made below).
  let runner: Runner | undefined;
  const data: ContextData = {
    request: incoming.request,
    // Before the backend answers, context.Response is 200 OK without headers or body (the toolkit's default;
    // runtime reference §6 [U]).
    response: new GatewayResponse(200, "OK", new HeaderMap(), null),
    variables: new Map<string, NetValue>(),
    lastError: null,
    records: incoming.records,
    receivedAt,
    requestId: typeof overrides.requestId === "string" ? overrides.requestId : randomUUID(),
    tracing: overrides.tracing === true,
    matchedParameters: incoming.matched,
    templateQuery: incoming.templateQuery,
    trace: (message) => runner?.captured.trace.push({ source: "context.Trace", message }),
  };
  runner = new Runner({
    options,
    registry,
    handlers: handlerTable(),
    policy,
    context: data,
    contextObject: new ContextHost(data),
    state,
  });

  let failed: Failure | undefined;
  try {
    await runner.runSection("inbound");
    await runner.runSection("backend");
    await runner.runSection("outbound");
  } catch (e) {
    if (e instanceof Failure) failed = e;
    else if (!(e instanceof PipelineEnd)) throw e;
  }
  if (failed) {
    runner.setLastError(failed);
    try {
      await runner.runSection("on-error");
    } catch (e) {
      // An error inside on-error ends it; the client gets that error's response.
      if (e instanceof Failure) runner.setLastError(e);
      else if (!(e instanceof PipelineEnd)) throw e;
    }
  }

  for (const finish of runner.finishers) await finish();
  const res = data.response;
  const response: EmulatedResponse = { status: res.status, reason: res.reason, headers: res.headers.toHeaders() };
  // A body consumed without preserveContent and never replaced reaches the client empty [U] (docs/emulator.md).
  if (res.body) response.body = res.body.consumed ? "" : res.body.text;
  const result: EmulateResult = {
    response,
    backend: runner.backend,
    requests: runner.requests,
    variables: jsonLike(data.variables, registry),
    captured: runner.captured,
    assumptions: [...runner.assumptions],
  };
  if (data.lastError) {
    const f: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(data.lastError.fields))
      f[k] = v === null || v === undefined ? undefined : String(v);
    result.lastError = f;
  }
  return result;
}
