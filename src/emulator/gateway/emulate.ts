// emulate(): one request through the composed policy, offline (src/emulator/api.ts is the contract).
import { randomUUID } from "node:crypto";
import { type ComposeScope, composeEffective, type EffectivePolicy } from "../../policy/compose.js";
import type { PolicyDocument } from "../../policy/model.js";
import { parsePolicy } from "../../policy/parser.js";
import type { EmulatedResponse, EmulateOptions, EmulateResult, EmulatorState, PolicySource } from "../api.js";
import type { NetValue } from "../values.js";
import { type ContextData, ContextHost } from "./context/index.js";
import { type HandlerTable, standardHandlers } from "./handlers/index.js";
import { type GatewayRequest, GatewayResponse, HeaderMap } from "./message.js";
import { jsonLike } from "./pipeline/json-like.js";
import { gatewayRegistry } from "./pipeline/registry.js";
import { type IncomingRequest, incomingRequest } from "./pipeline/request.js";
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
// Looked up by the texts themselves, compared with ===, never by one joined key: a string keeps its hash, so the
// same text object is found without hashing (or copying) a policy's kilobytes on every request.
const CACHE_LIMIT = 64;

class TextCache<T> {
  /** First part (the policy's text) -> the entries made under it. */
  private readonly byFirst = new Map<string, Array<{ parts: readonly string[]; value: T }>>();
  private readonly order: Array<{ first: string; parts: readonly string[] }> = [];

  get(parts: readonly string[], make: () => T): T {
    const first = parts[0] as string;
    let list = this.byFirst.get(first);
    const hit = list?.find((e) => samePartsAs(e.parts, parts));
    if (hit) return hit.value;
    const value = make();
    if (this.order.length >= CACHE_LIMIT) this.evictOldest();
    if (!list) {
      list = [];
      this.byFirst.set(first, list);
    }
    list.push({ parts, value });
    this.order.push({ first, parts });
    return value;
  }

  private evictOldest(): void {
    const old = this.order.shift();
    if (!old) return;
    const list = this.byFirst.get(old.first);
    const i = list?.findIndex((e) => e.parts === old.parts) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
    if (list?.length === 0) this.byFirst.delete(old.first);
  }
}

function samePartsAs(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const documents = new TextCache<PolicyDocument>();
const compositions = new TextCache<EffectivePolicy>();

function parse(src: PolicySource): PolicyDocument {
  return documents.get([src.text, src.file], () => parsePolicy(src.text, src.file));
}

function compose(options: EmulateOptions): EffectivePolicy {
  const own = policyScope(options);
  const key: string[] = [options.policy.text, own, options.policy.file];
  for (const [scope, src] of Object.entries(options.scopes ?? {})) {
    if (src) {
      key.push(scope, src.file, src.text);
    }
  }
  for (const [id, src] of Object.entries(options.fragments ?? {})) key.push(`fragment:${id}`, src.file, src.text);
  return compositions.get(key, () => {
    const scopes: Partial<Record<ComposeScope, PolicyDocument>> = {};
    for (const [k, v] of Object.entries(options.scopes ?? {})) if (v) scopes[k as ComposeScope] = parse(v);
    scopes[own] = parse(options.policy);
    const fragments = Object.fromEntries(Object.entries(options.fragments ?? {}).map(([id, src]) => [id, parse(src)]));
    return composeEffective({ scopes, fragments });
  });
}

/** The gateway state of one request behind `context`. */
class RequestData implements ContextData {
  request: GatewayRequest;
  // Before the backend answers, context.Response is 200 OK without headers or body (the toolkit's default;
  // runtime reference §6 [U]).
  response = new GatewayResponse(200, "OK", new HeaderMap(), null);
  readonly variables = new Map<string, NetValue>();
  lastError: ContextData["lastError"] = null;
  readonly records: ContextData["records"];
  readonly matchedParameters: ReadonlyMap<string, string>;
  readonly templateQuery: readonly string[];

  constructor(
    incoming: IncomingRequest,
    readonly receivedAt: number,
    private id: string | undefined,
    readonly tracing: boolean,
    readonly trace: (message: string) => void,
  ) {
    this.request = incoming.request;
    this.records = incoming.records;
    this.matchedParameters = incoming.matched;
    this.templateQuery = incoming.templateQuery;
  }

  /** Made when first read (context.RequestId, an error body): a random UUID costs more than most policies. */
  get requestId(): string {
    this.id ??= randomUUID();
    return this.id;
  }
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
  const data = new RequestData(
    incoming,
    receivedAt,
    typeof overrides.requestId === "string" ? overrides.requestId : undefined,
    overrides.tracing === true,
    (message) => runner?.captured.trace.push({ source: "context.Trace", message }),
  );
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
