// Flow: choose, retry, wait, include-fragment, limit-concurrency (runtime reference §5.7, §5.11).
import type { ElementNode } from "../../../policy/model.js";
import { parsePolicy } from "../../../policy/parser.js";
import { attr, childElements } from "../../../policy/query.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";

function where(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

/** The first `<when>` whose condition is true runs, in document order; later conditions are not evaluated. */
export const choose: Handler = async (el, run) => {
  let i = 0;
  for (const branch of childElements(el)) {
    if (branch.name === "when") {
      i++;
      if (!attr(branch, "condition")) throw new EmulationError(`<when> without a condition at ${where(run, branch)}`);
      if (run.bool(branch, "condition", false)) {
        run.trace(branch, `when[${i}] matched`, "when");
        await run.runChildren(branch);
        return;
      }
    } else if (branch.name === "otherwise") {
      run.trace(branch, "otherwise", "when");
      await run.runChildren(branch);
      return;
    }
  }
  run.trace(el, "no branch matched", "when");
};

/**
 * retry: the children run once, then again while `condition` (evaluated after each run) is true and retries are
 * left. Waits advance the emulated clock: fixed `interval`, linear `interval + (n-1)*delta`, exponential
 * `interval + (2^n - 1)*delta` (the docs' random factor 0.8-1.2 taken as 1 [U]), capped at `max-interval`;
 * `first-fast-retry` makes the first wait 0. An error in a child is not retried: it propagates [U] (§5.7).
 */
export const retry: Handler = async (el, run) => {
  const count = run.number(el, "count");
  const interval = run.number(el, "interval");
  if (count === undefined || interval === undefined)
    throw new EmulationError(`retry needs count and interval at ${where(run, el)}`);
  if (!attr(el, "condition")) throw new EmulationError(`retry needs a condition at ${where(run, el)}`);
  const delta = run.number(el, "delta");
  const maxInterval = run.number(el, "max-interval");
  const fast = run.bool(el, "first-fast-retry", false);
  await run.runChildren(el);
  for (let n = 1; n <= count; n++) {
    if (!run.bool(el, "condition", false)) return;
    let wait = interval;
    if (delta !== undefined)
      wait = maxInterval !== undefined ? interval + (2 ** n - 1) * delta : interval + (n - 1) * delta;
    if (maxInterval !== undefined) wait = Math.min(wait, maxInterval);
    if (n === 1 && fast) wait = 0;
    run.advance(wait * 1000);
    run.trace(el, `retry ${n} of ${count} after ${wait} s`);
    await run.runChildren(el);
  }
};

/**
 * wait: the children run in parallel in APIM; offline they answer at once, so they run in document order and the
 * outcome is the same for `all` and `any` [U] (docs/emulator.md).
 */
export const wait: Handler = async (el, run) => {
  const mode = (run.string(el, "for") ?? "all").trim();
  if (mode !== "all" && mode !== "any") throw new EmulationError(`wait for="${mode}" at ${where(run, el)}`);
  await run.runChildren(el);
};

/** include-fragment when composition did not inline it (the composer inlines every fragment it finds). */
export const includeFragment: Handler = async (el, run) => {
  const id = attr(el, "fragment-id")?.value.text.trim() ?? "";
  const src = run.options.fragments?.[id];
  if (!src) throw new EmulationError(`fragment '${id}' at ${where(run, el)} is not given (fragments)`);
  const doc = parsePolicy(src.text, src.file);
  const root = doc.root;
  if (root?.name !== "fragment") throw new EmulationError(`${src.file}: not a <fragment> document`);
  await run.runStatements(childElements(root), { document: doc, fragment: id });
};

/**
 * limit-concurrency: the children run; the count of requests inside is kept in the state per key. Requests of a
 * test never overlap, so only max-count="0" can exceed it: 429 (the docs' status; the reason name is ours [U]).
 */
export const limitConcurrency: Handler = async (el, run) => {
  const key = run.string(el, "key") ?? "";
  const max = run.number(el, "max-count");
  if (max === undefined) throw new EmulationError(`limit-concurrency needs max-count at ${where(run, el)}`);
  const counter = `limit-concurrency:${key}`;
  const inside = ((run.state.counters.get(counter) as number | undefined) ?? 0) + 1;
  if (inside > max) {
    run.fail("ConcurrencyLimitExceeded", "Too many concurrent requests.", {
      status: 429,
      reason: "Too Many Requests",
      headers: { "Content-Type": "application/json" },
      body: `{ "statusCode": 429, "message": "Too many concurrent requests." }`,
    });
  }
  run.state.counters.set(counter, inside);
  try {
    await run.runChildren(el);
  } finally {
    run.state.counters.set(counter, inside - 1);
  }
};
