// The policy handler contract: one async function per policy element name, given the element and the Run (what
// the gateway lends a handler: evaluation with conversion to the attribute's type, the messages, the outbound
// edge, the state shared across steps, the trace). Handlers never parse and never print: they ask the Run.
import type { ElementNode, PolicyDocument, PolicyValue } from "../../../policy/model.js";
import type {
  EmulatedResponse,
  EmulateOptions,
  EmulateResult,
  EmulatorState,
  OutboundKind,
  OutboundRequest,
} from "../../api.js";
import type { SourceLocation } from "../../errors.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import type { NetValue } from "../../values.js";
import type { ContextData } from "../context/index.js";
import type { GatewayRequest, GatewayResponse } from "../message.js";
import type { ErrorResponse } from "../pipeline/signals.js";

export type SectionName = "inbound" | "backend" | "outbound" | "on-error";

/**
 * Runs one policy element. Throws PolicyError (-> on-error), NetException (-> on-error), NotEmulated (stops). A
 * handler that never waits is a plain function: the runner then goes on without a turn of the event loop.
 */
export type Handler = (element: ElementNode, run: Run) => void | Promise<void>;

export interface Run {
  /** The section the element runs in. */
  readonly section: SectionName;
  readonly registry: RuntimeRegistry;
  /** The live gateway state behind `context` (request, response, variables, records). */
  readonly context: ContextData;
  /** The `context` object itself, e.g. to pass to a Liquid template or to store. */
  readonly contextObject: NetValue;
  readonly options: EmulateOptions;
  /** Cache entries, counters and the clock, shared across the steps of a test. */
  readonly state: EmulatorState;
  readonly captured: EmulateResult["captured"];
  /** Whether anyone listens to the trace: a message that costs work to make is made only then. */
  readonly tracing: boolean;

  /** The scope the element came from: global, workspace, product, api, operation, fragment:<id>. */
  scopeOf(element: ElementNode): string;
  /** file:line:column of an element (its start tag) or of an offset of the element's document. */
  at(element: ElementNode, offset?: number): SourceLocation;

  /**
   * A value: an expression is evaluated (as is: any NetValue); literal text is a string with `{{name}}` named values
   * substituted. `element` says whose document the value belongs to (positions).
   */
  value(element: ElementNode, value: PolicyValue): NetValue;
  /** The attribute's value as is (undefined when absent). */
  attr(element: ElementNode, name: string): NetValue | undefined;
  /** The attribute as a string (an expression's value converted as .NET's ToString does; null -> ""). */
  string(element: ElementNode, name: string): string | undefined;
  /** The attribute as a bool: `true`/`false` literals (case-insensitive), or an expression that returns bool. */
  bool(element: ElementNode, name: string, fallback: boolean): boolean;
  /** The attribute as a number: a numeric literal, or an expression returning a number or a numeric string. */
  number(element: ElementNode, name: string): number | undefined;
  /** The element's text evaluated (undefined when it has none). */
  text(element: ElementNode): NetValue | undefined;
  /** The element's text as a string. */
  textString(element: ElementNode): string | undefined;

  /** The message header/body policies act on here: the request in inbound/backend, the response otherwise. */
  message(): GatewayRequest | GatewayResponse;

  /** Runs the child policy elements of `parent` in order, as statements of this section (choose, retry, ...). */
  runChildren(parent: ElementNode): Promise<void>;
  /** Runs these statements; `from` names their document when it is not one the composer saw (a fragment). */
  runStatements(elements: readonly ElementNode[], from?: StatementSource): Promise<void>;

  /** Sends through EmulateOptions.outbound: recorded, traced (redacted). */
  outbound(request: OutboundRequest, kind: OutboundKind): Promise<EmulatedResponse>;
  /** Emulated time (ms since the epoch) and waiting on it: never a real sleep. */
  now(): number;
  advance(ms: number): void;

  /** A trace event for the running element. */
  trace(element: ElementNode, message: string, policy?: string): void;
  /** Records a [U] choice the run relied on (EmulateResult.assumptions). */
  assume(text: string): void;
  /** Raises a gateway error: LastError.Reason/Message, and the response the client gets without on-error. */
  fail(reason: string, message: string, response?: ErrorResponse): never;
  /** Ends the pipeline (return-response, mock-response). */
  end(by: string): never;
  /**
   * Runs `fn` once the response is final (after outbound or on-error, also when the pipeline ended early), before
   * the client gets it, in registration order: cors headers, counters whose increment-condition reads the response.
   */
  afterResponse(fn: () => void | Promise<void>): void;
}

/** Where statements come from when a handler brings in a document of its own (include-fragment at run time). */
export interface StatementSource {
  document: PolicyDocument;
  fragment?: string;
}

/** The handlers by element name. */
export type HandlerTable = ReadonlyMap<string, Handler>;
