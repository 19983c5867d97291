// The emulator's public shape: what a test (a *.apimtest.yaml file, or a vitest test through
// `import { emulate } from "apimkit"`) gives the gateway and what it gets back. The gateway runtime
// (src/emulator/gateway) implements `emulate`; the test-file runner (src/emulator/test-file) only speaks these types.

/** Header values as the client sends them: one value or several (repeated header lines). */
export type Headers = Record<string, string | string[]>;

export interface EmulatedRequest {
  method: string;
  /** Absolute URL as the client called it (`https://host/api/path?q=1`). */
  url: string;
  headers?: Headers;
  /** Sent as is. */
  body?: string;
  /** The client's IP (`context.Request.IpAddress`); default 127.0.0.1. */
  ipAddress?: string;
}

export interface EmulatedResponse {
  status: number;
  reason?: string;
  headers?: Headers;
  body?: string;
}

/** What the emulated gateway sent somewhere (the backend, a send-request target, the identity endpoint). */
export interface OutboundRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
}

/** The network edge: every call the gateway makes leaves through this, so a test can answer it or send it on. */
export type OutboundHandler = (request: OutboundRequest, kind: OutboundKind) => Promise<EmulatedResponse>;

export type OutboundKind = "backend" | "send-request" | "send-one-way-request" | "metadata";

/** The policy documents of each scope, as text with their file names (positions in messages name these files). */
export interface PolicySource {
  file: string;
  text: string;
}

export interface ScopeSources {
  global?: PolicySource;
  workspace?: PolicySource;
  product?: PolicySource;
  api?: PolicySource;
  operation?: PolicySource;
}

/** What lives across the steps of one test (and only that): cache entries, rate-limit counters, the clock. */
export interface EmulatorState {
  /** Emulated time, ms since the Unix epoch. */
  now: number;
  readonly cache: Map<string, { value: unknown; expires: number }>;
  readonly counters: Map<string, unknown>;
}

export interface EmulateOptions {
  /** The document under test. */
  policy: PolicySource;
  /** Broader scopes reached through `<base />`; the policy under test is the narrowest one. */
  scopes?: ScopeSources;
  /** fragment-id -> fragment document. */
  fragments?: Readonly<Record<string, PolicySource>>;
  /** Named values by name (APIM substitutes `{{name}}` before the policy runs). */
  namedValues?: Readonly<Record<string, string>>;
  /** Overrides of the `context` defaults, keyed as the test file writes them (`{ api: { name: "a" } }`). */
  context?: Readonly<Record<string, unknown>>;
  request: EmulatedRequest;
  /** authentication-managed-identity: one token for every resource, or a token per resource. */
  managedIdentity?: string | Readonly<Record<string, string>>;
  outbound: OutboundHandler;
  /** Policies to skip instead of failing on them (`--no-op POLICY`). */
  noOp?: readonly string[];
  /** Shared across the steps of a sequence; a fresh one when absent. */
  state?: EmulatorState;
  /** Receives the trace as it happens (`--trace`): already redacted. */
  trace?: (event: TraceEvent) => void;
}

export interface TraceEvent {
  /** inbound, backend, outbound, on-error */
  section: string;
  /** global, product, api, operation, fragment:<id> */
  scope: string;
  /** The policy element (`set-variable`), or `expression`, `when`, `cache`, `rate-limit`, `outbound`. */
  policy: string;
  /** file:line:column of the element. */
  at: string;
  message: string;
}

/** What the test asserts on after the request went through. */
export interface EmulateResult {
  /** What the client gets. */
  response: EmulatedResponse;
  /** What forward-request sent to the backend; null when the backend was not called. */
  backend: OutboundRequest | null;
  /** send-request and send-one-way-request calls, in order (not backend, identity or metadata). */
  requests: OutboundRequest[];
  /** context.Variables at the end, as JSON-like values (strings, numbers, booleans, null, objects). */
  variables: Record<string, unknown>;
  /** context.LastError when the pipeline went to on-error. */
  lastError?: Record<string, string | undefined>;
  /** trace, log-to-eventhub and emit-metric, captured for assertions. */
  captured: { trace: unknown[]; eventhub: unknown[]; metrics: unknown[] };
  /** The [U] choices the run relied on (also in the trace), so a test can pin them. */
  assumptions: string[];
}
