// rate-limit and rate-limit-by-key (runtime reference §5.8): sliding windows in EmulatorState.counters on the
// emulated clock; 429 with Retry-After and APIM's JSON body.
import type { ElementNode } from "../../../policy/model.js";
import { attr, childElements } from "../../../policy/query.js";
import { int } from "../../values.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { jsonRefusal, onlyIn, required, where } from "./refusal.js";

/** The calls inside one sliding window, oldest first. */
interface Window {
  events: Array<{ at: number; count: number }>;
}

function windowOf(run: Run, key: string, periodMs: number): Window {
  let w = run.state.counters.get(key) as Window | undefined;
  if (!w) {
    w = { events: [] };
    run.state.counters.set(key, w);
  }
  const from = run.now() - periodMs;
  w.events = w.events.filter((e) => e.at > from);
  return w;
}

const used = (w: Window) => w.events.reduce((n, e) => n + e.count, 0);

/** Seconds until enough of the window's calls leave it for `count` more to fit under `calls` (at least 1). */
function retryAfter(w: Window, calls: number, count: number, periodMs: number, now: number): number {
  let excess = used(w) + count - calls;
  for (const e of w.events) {
    excess -= e.count;
    if (excess <= 0) return Math.max(1, Math.ceil((e.at + periodMs - now) / 1000));
  }
  return Math.max(1, Math.ceil(periodMs / 1000));
}

interface Limit {
  key: string;
  calls: number;
  periodMs: number;
}

function limitOf(run: Run, el: ElementNode, key: string): Limit {
  const calls = run.number(el, "calls");
  const period = run.number(el, "renewal-period");
  if (calls === undefined || period === undefined || calls < 0 || period <= 0)
    throw new EmulationError(`<${el.name}> at ${where(run, el)} needs calls and renewal-period (seconds)`);
  return { key, calls, periodMs: period * 1000 };
}

function position(run: Run, el: ElementNode): string {
  return where(run, el);
}

/** Sets the remaining-calls / total-calls / retry-after headers and variables the element names. */
function report(run: Run, el: ElementNode, limit: Limit, remaining: number): void {
  const remainingVar = run.string(el, "remaining-calls-variable-name")?.trim();
  if (remainingVar) run.context.variables.set(remainingVar, int(remaining));
  const remainingHeader = run.string(el, "remaining-calls-header-name")?.trim();
  const totalHeader = run.string(el, "total-calls-header-name")?.trim();
  if (remainingHeader || totalHeader)
    run.afterResponse(() => {
      const h = run.context.response.headers;
      if (remainingHeader) h.set(remainingHeader, [String(remaining)]);
      if (totalHeader) h.set(totalHeader, [String(limit.calls)]);
    });
}

function refuse(run: Run, el: ElementNode, seconds: number): never {
  const header = run.string(el, "retry-after-header-name")?.trim() || "Retry-After";
  const variable = run.string(el, "retry-after-variable-name")?.trim();
  if (variable) run.context.variables.set(variable, int(seconds));
  run.trace(el, `exceeded: retry after ${seconds} s`, "rate-limit");
  return run.fail(
    "RateLimitExceeded",
    "Rate limit is exceeded",
    jsonRefusal(429, `Rate limit is exceeded. Try again in ${seconds} seconds.`, { [header]: String(seconds) }),
  );
}

/**
 * Checks `count` more calls against each limit; when all fit they are recorded at once (a refused call is not
 * counted [U]). Returns the first limit's remaining calls.
 */
function take(run: Run, el: ElementNode, limits: Limit[], count: number, record: boolean): number {
  const windows = limits.map((l) => windowOf(run, l.key, l.periodMs));
  limits.forEach((l, i) => {
    const w = windows[i] as Window;
    if (used(w) + count > l.calls) refuse(run, el, retryAfter(w, l.calls, count, l.periodMs, run.now()));
  });
  if (record) for (const w of windows) w.events.push({ at: run.now(), count });
  const first = limits[0] as Limit;
  return Math.max(0, first.calls - used(windows[0] as Window) - (record ? 0 : count));
}

/** A matching <api> (id wins over name) and, inside it, a matching <operation>. */
function nested(run: Run, el: ElementNode, base: string): Limit[] {
  const out: Limit[] = [];
  const c = run.context.records;
  const matches = (e: ElementNode, rec: typeof c.api) => {
    const id = attr(e, "id") ? run.string(e, "id") : undefined;
    if (id !== undefined) return String(rec?.fields.Id ?? "") === id;
    return String(rec?.fields.Name ?? "") === run.string(e, "name");
  };
  for (const api of childElements(el, "api")) {
    if (!matches(api, c.api)) continue;
    out.push(limitOf(run, api, `${base}\u0000api\u0000${position(run, api)}`));
    for (const op of childElements(api, "operation"))
      if (matches(op, c.operation)) out.push(limitOf(run, op, `${base}\u0000op\u0000${position(run, op)}`));
  }
  return out;
}

/**
 * rate-limit: per subscription, one window per policy definition (and per matching <api>/<operation>); only when
 * a subscription key is used (§5.8).
 */
export const rateLimit: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const sub = run.context.records.subscription;
  const subKey = sub?.fields.Key;
  if (!sub || subKey === null || subKey === undefined) {
    run.trace(el, "no subscription key: not limited", "rate-limit");
    return;
  }
  const base = `rate-limit\u0000${String(sub.fields.Id ?? "")}\u0000${position(run, el)}`;
  const limits = [limitOf(run, el, base), ...nested(run, el, base)];
  const remaining = take(run, el, limits, 1, true);
  report(run, el, limits[0] as Limit, remaining);
  run.trace(el, `${remaining} call(s) left`, "rate-limit");
};

/**
 * rate-limit-by-key: one window per counter-key value shared by every scope. With increment-condition the call is
 * counted once the response is final, the condition evaluated then (the docs' examples read
 * context.Response.StatusCode in inbound) [U]; without it, at once.
 */
export const rateLimitByKey: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const counterKey = required(run, el, "counter-key");
  const limit = limitOf(run, el, `rate-limit-by-key\u0000${counterKey}`);
  const count = run.number(el, "increment-count") ?? 1;
  const conditional = attr(el, "increment-condition") !== undefined;
  const remaining = take(run, el, [limit], count, !conditional);
  report(run, el, limit, remaining);
  if (conditional) {
    run.assume("rate-limit-by-key increment-condition is evaluated on the final response");
    const at = run.now();
    run.afterResponse(() => {
      const counted = run.bool(el, "increment-condition", true);
      if (counted) windowOf(run, limit.key, limit.periodMs).events.push({ at, count });
      run.trace(el, `increment-condition ${counted}: ${counted ? "counted" : "not counted"}`, "rate-limit");
    });
  }
  run.trace(el, `${counterKey}: ${remaining} call(s) left`, "rate-limit");
};
