// Runs the composed policy of one request: statements in order per section, <base /> already expanded by the
// composer (src/policy/compose.ts), errors to on-error with LastError (runtime reference §5.2), return-response and
// mock-response ending the pipeline (§5.3), NotEmulated stopping the run with its message.

import { allowedSections } from "../../../policy/catalogue.js";
import type { EffectiveChild, EffectiveElement, EffectivePolicy, Origin } from "../../../policy/compose.js";
import type { ParsedExpression } from "../../../policy/csharp/ast.js";
import type { ElementNode, PolicyDocument, PolicyValue } from "../../../policy/model.js";
import { attr, elementText } from "../../../policy/query.js";
import { redactSecrets } from "../../../util/redact.js";
import type {
  EmulatedResponse,
  EmulateOptions,
  EmulateResult,
  EmulatorState,
  OutboundKind,
  OutboundRequest,
  TraceEvent,
} from "../../api.js";
import { NetException, NotEmulated, type SourceLocation } from "../../errors.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import type { NetValue } from "../../values.js";
import { buildRecord, type ContextData } from "../context/index.js";
import type { Handler, HandlerTable, Run, SectionName, StatementSource } from "../handlers/handler.js";
import { GatewayResponse, HeaderMap, MessageBody, reasonPhrase } from "../message.js";
import { type EvalEnv, evaluateExpression, toNetString } from "./interpreter.js";
import { errorPath, type LastErrorFields } from "./last-error.js";
import { EmulationError, type ErrorResponse, PipelineEnd, PolicyError } from "./signals.js";
import { boolOf, describe, numberOf, substitute, substitutedExpression, treeOf } from "./values.js";

const INDEXES = new WeakMap<
  EffectivePolicy,
  { origins: WeakMap<ElementNode, Origin>; composed: WeakMap<ElementNode, EffectiveElement> }
>();

const NO_LOCATION: SourceLocation = { file: "", line: 0, column: 0 };

/**
 * file:line:column of an offset, kept per document: the interpreter asks for the position of every member call it
 * makes (CallInfo.at), whether or not anything is ever reported there. Frozen: the same object answers every request.
 */
const LOCATIONS = new WeakMap<PolicyDocument, Map<number, SourceLocation>>();

export function locateIn(doc: PolicyDocument, offset: number): SourceLocation {
  let byOffset = LOCATIONS.get(doc);
  if (!byOffset) {
    byOffset = new Map();
    LOCATIONS.set(doc, byOffset);
  }
  let at = byOffset.get(offset);
  if (!at) {
    const p = doc.positionAt(offset);
    at = Object.freeze({ file: doc.file, line: p.line, column: p.column });
    byOffset.set(offset, at);
  }
  return at;
}

/** An error that already has its LastError (made where it happened, so outer statements pass it on unchanged). */
export class Failure extends Error {
  constructor(
    readonly fields: LastErrorFields,
    readonly response: ErrorResponse,
  ) {
    super(fields.Message);
    this.name = "Failure";
  }
}

/**
 * What the client gets when an error has no on-error to handle it: 500 with APIM's JSON error body (runtime
 * reference §5.2: "the caller gets a 400 or 500"; the body shape is APIM's as observed [U], docs/emulator.md).
 */
export function internalError(requestId: string): ErrorResponse {
  return {
    status: 500,
    reason: "Internal Server Error",
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: `{ "statusCode": 500, "message": "Internal server error", "activityId": "${requestId}" }`,
  };
}

export interface RunnerInput {
  options: EmulateOptions;
  registry: RuntimeRegistry;
  handlers: HandlerTable;
  policy: EffectivePolicy;
  context: ContextData;
  contextObject: NetValue;
  state: EmulatorState;
}

export class Runner {
  readonly captured: EmulateResult["captured"] = { trace: [], eventhub: [], metrics: [] };
  readonly assumptions = new Set<string>();
  backend: OutboundRequest | null = null;
  readonly requests: OutboundRequest[] = [];
  /** Run.afterResponse callbacks, in order. */
  readonly finishers: Array<() => void | Promise<void>> = [];
  private readonly origins: WeakMap<ElementNode, Origin>;
  private readonly composed: WeakMap<ElementNode, EffectiveElement>;
  private readonly envs = new Map<PolicyDocument, EvalEnv>();
  /** The statements running, innermost last (for runChildren and LastError). */
  readonly stack: EffectiveElement[] = [];
  private readonly noOp: ReadonlySet<string>;

  constructor(readonly input: RunnerInput) {
    this.noOp = new Set(input.options.noOp ?? []);
    // The index of a composition is the same for every request through it (compositions are cached).
    let index = INDEXES.get(input.policy);
    if (!index) {
      index = { origins: new WeakMap(), composed: new WeakMap() };
      INDEXES.set(input.policy, index);
      this.origins = index.origins;
      this.composed = index.composed;
      for (const s of input.policy.sections) this.index(s.children);
    }
    this.origins = index.origins;
    this.composed = index.composed;
    for (const a of input.policy.assumptions) this.assumptions.add(a);
  }

  private index(children: readonly EffectiveChild[]): void {
    for (const k of children) {
      if (k.type !== "element") continue;
      this.origins.set(k.element, k.origin);
      this.composed.set(k.element, k);
      this.index(k.children);
    }
  }

  originOf(el: ElementNode): Origin {
    for (let e: ElementNode | undefined = el; e; e = e.parent) {
      const o = this.origins.get(e);
      if (o) return o;
    }
    const doc = this.input.policy.document;
    return {
      document: doc,
      file: doc.file,
      line: el.range.start.line,
      column: el.range.start.column,
      scope: this.input.policy.scope,
    };
  }

  /** Registers the elements of a document not reached through composition (a fragment included at run time). */
  adopt(children: readonly ElementNode[], origin: Omit<Origin, "line" | "column">): void {
    const visit = (el: ElementNode) => {
      if (!this.origins.has(el))
        this.origins.set(el, { ...origin, line: el.range.start.line, column: el.range.start.column });
      for (const k of el.children) if (k.type === "element") visit(k);
    };
    for (const el of children) visit(el);
  }

  location(el: ElementNode, offset?: number): SourceLocation {
    const o = this.originOf(el);
    if (offset === undefined) return { file: o.file, line: el.range.start.line, column: el.range.start.column };
    const p = o.document.positionAt(offset);
    return { file: o.file, line: p.line, column: p.column };
  }

  envFor(doc: PolicyDocument): EvalEnv {
    let env = this.envs.get(doc);
    if (!env) {
      const { registry, options, state, contextObject } = this.input;
      env = {
        registry,
        context: contextObject,
        locate: (offset) => locateIn(doc, offset),
        now: () => state.now,
        namedValue: (name) => options.namedValues?.[name],
      };
      this.envs.set(doc, env);
    }
    return env;
  }

  scopeLabel(el: ElementNode): string {
    const o = this.originOf(el);
    return o.fragment !== undefined ? `fragment:${o.fragment}` : o.scope;
  }

  /** Whether anyone listens to the trace (events cost positions, text and redaction: none are made otherwise). */
  get tracing(): boolean {
    return this.input.options.trace !== undefined;
  }

  emit(section: SectionName, el: ElementNode, policy: string, message: string, where?: SourceLocation): void {
    if (!this.input.options.trace) return;
    const at = where ?? this.location(el);
    const event: TraceEvent = {
      section,
      scope: this.scopeLabel(el),
      policy,
      at: `${at.file}:${at.line}:${at.column}`,
      message: redactSecrets(message),
    };
    this.input.options.trace?.(event);
  }

  async runSection(section: SectionName): Promise<void> {
    const s = this.input.policy.section(section);
    await new SectionRun(this, section).runEffective(s.children);
  }

  effectiveChildren(parent: ElementNode): readonly EffectiveChild[] | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i] as EffectiveElement;
      if (e.element === parent) return e.children;
    }
    return this.composed.get(parent)?.children;
  }

  /** An element not reached through composition gets a wrapper of its own (children of a run-time fragment). */
  wrap(el: ElementNode): EffectiveElement {
    const known = this.composed.get(el);
    if (known) return known;
    const origin = this.originOf(el);
    const children: EffectiveChild[] = el.children.map((k) => (k.type === "element" ? this.wrap(k) : k));
    const w: EffectiveElement = { type: "element", name: el.name, element: el, origin, children };
    this.composed.set(el, w);
    return w;
  }

  isNoOp(name: string): boolean {
    return this.noOp.has(name);
  }

  handler(name: string): Handler | undefined {
    return this.input.handlers.get(name);
  }

  /** LastError for an error raised while `el` ran. */
  failureOf(err: PolicyError | NetException, el: ElementNode, section: SectionName): Failure {
    const origin = this.originOf(el);
    const id = attr(el, "id")?.value.text;
    const base = {
      Scope: origin.scope,
      Section: section,
      Path: errorPath(el),
      PolicyId: id ?? null,
    };
    if (err instanceof PolicyError) {
      return new Failure(
        { Source: err.source ?? el.name, Reason: err.reason, Message: err.message, ...base },
        err.response ?? internalError(this.input.context.requestId),
      );
    }
    // [U] the message APIM's trace shows for a failing expression: "Expression evaluation failed." and the
    // exception's message (runtime reference §5.2 names only the reason).
    return new Failure(
      {
        Source: el.name,
        Reason: "ExpressionValueEvaluationFailure",
        Message: `Expression evaluation failed. ${err.message}`,
        ...base,
      },
      internalError(this.input.context.requestId),
    );
  }

  setLastError(f: Failure): void {
    this.input.context.lastError = buildRecord("ILastError", { ...f.fields }, undefined, "LastError");
    const r = f.response;
    this.input.context.response = new GatewayResponse(
      r.status,
      r.reason ?? reasonPhrase(r.status),
      HeaderMap.from(r.headers),
      r.body === undefined ? null : new MessageBody(r.body),
    );
  }
}

/** The Run of one section (a handler's view of the gateway). */
export class SectionRun implements Run {
  constructor(
    private readonly runner: Runner,
    readonly section: SectionName,
  ) {}

  get registry(): RuntimeRegistry {
    return this.runner.input.registry;
  }
  get context(): ContextData {
    return this.runner.input.context;
  }
  get contextObject(): NetValue {
    return this.runner.input.contextObject;
  }
  get options(): EmulateOptions {
    return this.runner.input.options;
  }
  get state(): EmulatorState {
    return this.runner.input.state;
  }
  get captured(): EmulateResult["captured"] {
    return this.runner.captured;
  }
  get tracing(): boolean {
    return this.runner.tracing;
  }

  scopeOf(element: ElementNode): string {
    return this.runner.scopeLabel(element);
  }

  at(element: ElementNode, offset?: number): SourceLocation {
    return this.runner.location(element, offset);
  }

  async runEffective(children: readonly EffectiveChild[]): Promise<void> {
    for (const k of children) {
      if (k.type !== "element") continue;
      const waiting = this.runStatement(k);
      if (waiting) await waiting;
    }
  }

  /** Runs one statement; a promise only when its handler waits (most never do: no await, no microtask, per statement). */
  private runStatement(eff: EffectiveElement): Promise<void> | undefined {
    const el = eff.element;
    const runner = this.runner;
    if (runner.isNoOp(el.name)) {
      runner.emit(this.section, el, el.name, "skipped (--no-op)");
      return;
    }
    const handler = runner.handler(el.name);
    // An unknown policy (or one the emulator lacks) names itself; `--no-op NAME` skips it instead.
    if (!handler) throw new NotEmulated(`policy <${el.name}> (use --no-op ${el.name} to skip it)`, this.at(el));
    // APIM refuses to save a policy in a section it does not allow (the catalogue's sections, the widest source).
    const sections = allowedSections(el.name);
    if (sections && !sections.includes(this.section)) {
      const at = this.at(el);
      throw new EmulationError(
        `<${el.name}> at ${at.file}:${at.line}:${at.column} is not allowed in ${this.section} (only ${sections.join(", ")})`,
      );
    }
    runner.emit(this.section, el, el.name, "run");
    runner.stack.push(eff);
    let waiting: void | Promise<void>;
    try {
      waiting = handler(el, this);
    } catch (e) {
      const failure = this.failure(e, el);
      runner.stack.pop();
      throw failure;
    }
    if (!waiting) {
      runner.stack.pop();
      return undefined;
    }
    return waiting.then(
      () => {
        runner.stack.pop();
      },
      (e: unknown) => {
        const failure = this.failure(e, el);
        runner.stack.pop();
        throw failure;
      },
    );
  }

  /** What an error thrown by a handler becomes: PolicyError and NetException a Failure (traced), others as they are. */
  private failure(e: unknown, el: ElementNode): unknown {
    if (e instanceof PolicyError || e instanceof NetException) {
      const f = this.runner.failureOf(e, el, this.section);
      this.runner.emit(this.section, el, el.name, `error ${f.fields.Reason}: ${f.fields.Message}`);
      return f;
    }
    return e;
  }

  value(element: ElementNode, value: PolicyValue): NetValue {
    const origin = this.runner.originOf(element);
    const doc = origin.document;
    const env = this.runner.envFor(doc);
    if (value.kind === "expression" && value.expression) {
      const tree = treeOf(doc, value.expression);
      // Only for messages: NotEmulated and exceptions take their positions from env.locate.
      const at = this.runner.tracing ? this.at(element, value.expression.range.start.offset) : NO_LOCATION;
      return this.evaluated(element, tree, env, at, value.text);
    }
    const text = substitute(value, env.namedValue, doc);
    if (value.kind === "template") {
      const tree = substitutedExpression(text);
      if (tree) {
        const at = this.at(element, value.range.start.offset);
        // The tree's offsets are of the substituted text: positions inside it are reported at the value.
        return this.evaluated(element, tree, { ...env, locate: () => at }, at, "{{named value}}");
      }
    }
    return text;
  }

  private evaluated(
    element: ElementNode,
    tree: ParsedExpression,
    env: EvalEnv,
    at: SourceLocation,
    code: string,
  ): NetValue {
    const v = evaluateExpression(tree, env, at);
    if (!this.runner.tracing) return v;
    let shown: string;
    try {
      shown = v === null ? "null" : toNetString(v, env);
    } catch {
      shown = describe(v);
    }
    this.runner.emit(this.section, element, "expression", `${code} = ${shown}`, at);
    return v;
  }

  attr(element: ElementNode, name: string): NetValue | undefined {
    const a = attr(element, name);
    return a ? this.value(element, a.value) : undefined;
  }

  string(element: ElementNode, name: string): string | undefined {
    const v = this.attr(element, name);
    return v === undefined ? undefined : this.asString(element, v);
  }

  asString(element: ElementNode, v: NetValue): string {
    if (typeof v === "string") return v;
    if (v === null) return "";
    const env = this.runner.envFor(this.runner.originOf(element).document);
    return toNetString(v, env);
  }

  bool(element: ElementNode, name: string, fallback: boolean): boolean {
    const a = attr(element, name);
    if (!a) return fallback;
    const v = this.value(element, a.value);
    // An expression must give a bool itself (a "true" string is a type error); a literal is read as text.
    if (a.value.kind === "expression" && typeof v !== "boolean") {
      throw new NetException(
        "InvalidCastException",
        `${element.name} ${name}: the expression gives ${describe(v)}, not bool`,
        this.at(element, a.value.range.start.offset),
      );
    }
    return boolOf(v, `${element.name} ${name}`, this.at(element));
  }

  number(element: ElementNode, name: string): number | undefined {
    const v = this.attr(element, name);
    return v === undefined ? undefined : numberOf(v, `${element.name} ${name}`, this.at(element));
  }

  text(element: ElementNode): NetValue | undefined {
    const t = elementText(element);
    return t ? this.value(element, t) : undefined;
  }

  textString(element: ElementNode): string | undefined {
    const v = this.text(element);
    return v === undefined ? undefined : this.asString(element, v);
  }

  message() {
    const c = this.context;
    return this.section === "inbound" || this.section === "backend" ? c.request : c.response;
  }

  async runChildren(parent: ElementNode): Promise<void> {
    const children = this.runner.effectiveChildren(parent) ?? this.runner.wrap(parent).children;
    await this.runEffective(children);
  }

  async runStatements(elements: readonly ElementNode[], from?: StatementSource): Promise<void> {
    if (from) {
      const including = this.runner.stack[this.runner.stack.length - 1];
      this.runner.adopt(elements, {
        document: from.document,
        file: from.document.file,
        scope: including?.origin.scope ?? this.runner.input.policy.scope,
        ...(from.fragment !== undefined ? { fragment: from.fragment } : {}),
        ...(including ? { includedAt: including.origin } : {}),
      });
    }
    for (const el of elements) await this.runStatement(this.runner.wrap(el));
  }

  async outbound(request: OutboundRequest, kind: OutboundKind): Promise<EmulatedResponse> {
    const runner = this.runner;
    if (kind === "backend") runner.backend = request;
    else if (kind === "send-request" || kind === "send-one-way-request") runner.requests.push(request);
    const el = runner.stack[runner.stack.length - 1]?.element;
    if (el) runner.emit(this.section, el, "outbound", `${kind} ${request.method} ${request.url}`);
    const res = await this.options.outbound(request, kind);
    if (el) runner.emit(this.section, el, "outbound", `${kind} response ${res.status}`);
    return res;
  }

  now(): number {
    return this.state.now;
  }

  advance(ms: number): void {
    this.state.now += ms;
  }

  trace(element: ElementNode, message: string, policy?: string): void {
    this.runner.emit(this.section, element, policy ?? element.name, message);
  }

  assume(text: string): void {
    this.runner.assumptions.add(text);
  }

  fail(reason: string, message: string, response?: ErrorResponse): never {
    throw new PolicyError(reason, message, response);
  }

  end(by: string): never {
    throw new PipelineEnd(by);
  }

  afterResponse(fn: () => void | Promise<void>): void {
    this.runner.finishers.push(fn);
  }
}
