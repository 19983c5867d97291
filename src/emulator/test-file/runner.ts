// Runs the tests of loaded test files through emulate(): one EmulatorState per test (its steps share the cache,
// the counters and the clock), one MockNetwork per test, and each step's expectations checked on its result.
// A step that fails stops its sequence: the later steps were written for the state it should have left.
import type { EmulateOptions, EmulateResult, EmulatorState, OutboundHandler, TraceEvent } from "../api.js";
import { NotEmulated } from "../errors.js";
import { checkExpectations, type Miss } from "./expect.js";
import type { LoadedStep, LoadedTest, LoadedTestFile } from "./load.js";
import { message } from "./messages.js";
import { MockNetwork } from "./mocks.js";

export type EmulateFunction = (options: EmulateOptions) => Promise<EmulateResult>;

export interface RunOptions {
  /** The emulator to run the policies in; the gateway's emulate() when absent. */
  emulate?: EmulateFunction;
  /** Answers the outbound calls that no mock of the test answers (without it, such a call fails the test). */
  outbound?: OutboundHandler;
  /** Policies to skip in every test (`--no-op`), on top of each file's and test's own noOp lists. */
  noOp?: readonly string[];
  /** Only the tests whose name contains this text. */
  filter?: string;
  /** Receives each trace event with the test it belongs to (already redacted by the gateway). */
  trace?: (event: TraceEvent, test: { file: string; name: string; step?: string }) => void;
  /** Receives each [U] choice a step's run relied on (EmulateResult.assumptions), after the step. */
  assumption?: (text: string, test: { file: string; name: string; step?: string }) => void;
  /** The emulated start time of a test that sets no clock; the real time when absent. */
  now?: () => number;
}

export interface TestResult {
  file: string;
  name: string;
  status: "passed" | "failed";
  /** Why it failed: one line per miss (empty when it passed). */
  message: string;
  /** The misses with their diffs (a test error, such as a call no mock answers, is one miss keyed `error`). */
  misses: Miss[];
  /** The [U] choices the runs relied on (every step's, each once), so a test can see what it pinned. */
  assumptions: string[];
  /** The step that failed, for a sequence: 1-based index and name. */
  failedStep?: { index: number; name?: string };
  durationMs: number;
}

let gatewayEmulate: EmulateFunction | undefined;

async function defaultEmulate(): Promise<EmulateFunction> {
  if (!gatewayEmulate) {
    // Loaded on first use: the CLI's other commands and the loader's own tests do not pay for the gateway.
    gatewayEmulate = (await import("../index.js")).emulate;
  }
  return gatewayEmulate;
}

/** Plain objects merged key by key, later layers winning; anything else replaced whole. */
export function mergeContext(layers: readonly Record<string, unknown>[]): Record<string, unknown> {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlain(a) || !isPlain(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  };
  return layers.reduce<Record<string, unknown>>((acc, layer) => merge(acc, layer) as Record<string, unknown>, {});
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function errorMiss(err: unknown): Miss {
  // The emulator's own words: what it does not emulate, or what the test's setup lacks (a fragment, a named value).
  if (err instanceof NotEmulated || (err instanceof Error && err.name === "EmulationError")) {
    return { key: "error", message: err.message };
  }
  const text = err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
  return { key: "error", message: `the run failed: ${text}` };
}

function stepOptions(
  file: LoadedTestFile,
  test: LoadedTest,
  step: LoadedStep,
  network: MockNetwork,
  state: EmulatorState,
  options: RunOptions,
): EmulateOptions {
  const { headers, body } = message(step.request.headers, step.request.body);
  const identity = network.managedIdentity();
  const noOp = [...(options.noOp ?? []), ...test.noOp];
  const context = mergeContext(step.context);
  const trace = options.trace;
  return {
    policy: file.policy,
    scopes: file.scopes,
    fragments: file.fragments,
    namedValues: file.namedValues,
    ...(Object.keys(context).length > 0 ? { context } : {}),
    request: {
      method: step.request.method ?? "GET",
      url: step.request.url,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(step.request.ipAddress !== undefined ? { ipAddress: step.request.ipAddress } : {}),
    },
    ...(identity !== undefined ? { managedIdentity: identity } : {}),
    outbound: network.handler,
    ...(noOp.length > 0 ? { noOp } : {}),
    state,
    ...(trace
      ? {
          trace: (event: TraceEvent) => {
            trace(event, { file: file.file, name: test.name, ...(step.name ? { step: step.name } : {}) });
          },
        }
      : {}),
  };
}

export async function runTest(file: LoadedTestFile, test: LoadedTest, options: RunOptions = {}): Promise<TestResult> {
  // Loading the emulator is not the first test's time.
  const emulate = options.emulate ?? (await defaultEmulate());
  const started = performance.now();
  const network = new MockNetwork(options.outbound);
  const state: EmulatorState = {
    now: test.clock ?? (options.now ?? Date.now)(),
    cache: new Map(),
    counters: new Map(),
  };
  let misses: Miss[] = [];
  let failedStep: TestResult["failedStep"];
  const assumptions = new Set<string>();
  for (const [i, step] of test.steps.entries()) {
    state.now += step.advance;
    network.use(step.mocks);
    const before = network.unmatched.length;
    let result: EmulateResult | undefined;
    try {
      result = await emulate(stepOptions(file, test, step, network, state, options));
    } catch (err) {
      misses = [errorMiss(err)];
    }
    // A call no mock answered is the test's error whatever the gateway made of the failed call.
    const unmatched = network.unmatched.slice(before);
    if (unmatched.length > 0) {
      misses = unmatched.map((u) => ({ key: "error", message: `${u.message} (add a mock for it)` }));
    } else if (result) {
      misses = checkExpectations(step.expect, result);
    }
    for (const text of result?.assumptions ?? []) {
      options.assumption?.(text, { file: file.file, name: test.name, ...(step.name ? { step: step.name } : {}) });
      assumptions.add(text);
    }
    if (misses.length > 0) {
      if (test.sequence) failedStep = { index: i + 1, ...(step.name ? { name: step.name } : {}) };
      break;
    }
  }
  const prefix = failedStep ? `step ${failedStep.index}${failedStep.name ? ` (${failedStep.name})` : ""}: ` : "";
  return {
    file: file.file,
    name: test.name,
    status: misses.length === 0 ? "passed" : "failed",
    message: misses.map((m) => `${prefix}${m.message}`).join("\n"),
    misses,
    assumptions: [...assumptions],
    ...(failedStep ? { failedStep } : {}),
    durationMs: performance.now() - started,
  };
}

/** The tests of one loaded file, in order (those `filter` selects). */
export async function runLoadedFile(file: LoadedTestFile, options: RunOptions = {}): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of file.tests) {
    if (options.filter !== undefined && !test.name.includes(options.filter)) continue;
    results.push(await runTest(file, test, options));
  }
  return results;
}
