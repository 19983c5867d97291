// The test file as written (*.apimtest.yaml/.yml/.json), after schemas/apimtest.schema.json accepted it. The key
// lists below are checked against the schema's property lists by a test, and against these interfaces by tsc
// (`satisfies Record<keyof T, true>`), so the two cannot drift apart.

export type HeaderValues = Record<string, string | string[]>;

/** A string is sent as is; any other value as JSON. */
export type BodySpec = unknown;

export interface RequestSpec {
  method?: string;
  url: string;
  headers?: HeaderValues;
  body?: BodySpec;
  ipAddress?: string;
}

export interface ResponseSpec {
  status?: number;
  reason?: string;
  headers?: HeaderValues;
  body?: BodySpec;
}

export interface HttpMockSpec {
  method?: string;
  url: string;
  response: ResponseSpec;
  times?: number;
}

export interface MocksSpec {
  managedIdentity?: string | Record<string, string>;
  http?: HttpMockSpec[];
  backend?: ResponseSpec;
}

export type HeadersExpect = Record<string, string | string[] | null>;

export interface OutboundExpect {
  method?: string;
  url?: string;
  headers?: HeadersExpect;
  body?: BodySpec;
  bodyContains?: string | string[];
}

export interface ExpectSpec {
  status?: number;
  reason?: string;
  headers?: HeadersExpect;
  body?: BodySpec;
  bodyContains?: string | string[];
  backend?: OutboundExpect | null;
  requests?: number | OutboundExpect[];
  variables?: Record<string, unknown>;
  lastError?: Record<string, string | null> | null;
  /** What trace, log-to-eventhub and emit-metric captured: a count, or each record in order. */
  traces?: number | Record<string, unknown>[];
  eventhub?: number | Record<string, unknown>[];
  metrics?: number | Record<string, unknown>[];
}

export interface StepSpec {
  name?: string;
  advance?: string;
  request: RequestSpec;
  context?: Record<string, unknown>;
  mocks?: MocksSpec;
  expect?: ExpectSpec;
}

export interface TestSpec {
  name: string;
  clock?: string;
  context?: Record<string, unknown>;
  request?: RequestSpec;
  mocks?: MocksSpec;
  expect?: ExpectSpec;
  noOp?: string[];
  steps?: StepSpec[];
}

export interface TestFileSpec {
  $schema?: string;
  policy: string;
  scopes?: { global?: string; workspace?: string; product?: string; api?: string };
  fragments?: string;
  namedValues?: string | Record<string, string>;
  context?: Record<string, unknown>;
  mocks?: MocksSpec;
  noOp?: string[];
  tests: TestSpec[];
}

/** Schema definition (or "" for the root) -> the keys its interface has. */
export const SCHEMA_KEYS = {
  "": {
    $schema: true,
    policy: true,
    scopes: true,
    fragments: true,
    namedValues: true,
    context: true,
    mocks: true,
    noOp: true,
    tests: true,
  } satisfies Record<keyof TestFileSpec, true>,
  request: { method: true, url: true, headers: true, body: true, ipAddress: true } satisfies Record<
    keyof RequestSpec,
    true
  >,
  response: { status: true, reason: true, headers: true, body: true } satisfies Record<keyof ResponseSpec, true>,
  httpMock: { method: true, url: true, response: true, times: true } satisfies Record<keyof HttpMockSpec, true>,
  mocks: { managedIdentity: true, http: true, backend: true } satisfies Record<keyof MocksSpec, true>,
  outboundExpect: { method: true, url: true, headers: true, body: true, bodyContains: true } satisfies Record<
    keyof OutboundExpect,
    true
  >,
  expect: {
    status: true,
    reason: true,
    headers: true,
    body: true,
    bodyContains: true,
    backend: true,
    requests: true,
    variables: true,
    lastError: true,
    traces: true,
    eventhub: true,
    metrics: true,
  } satisfies Record<keyof ExpectSpec, true>,
  step: { name: true, advance: true, request: true, context: true, mocks: true, expect: true } satisfies Record<
    keyof StepSpec,
    true
  >,
  test: {
    name: true,
    clock: true,
    context: true,
    request: true,
    mocks: true,
    expect: true,
    noOp: true,
    steps: true,
  } satisfies Record<keyof TestSpec, true>,
} as const;
