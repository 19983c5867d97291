// quota and quota-by-key (runtime reference §5.8): fixed periods in EmulatorState.counters on the emulated clock;
// 403 with Retry-After and APIM's JSON body.
import type { ElementNode } from "../../../policy/model.js";
import { attr, childElements } from "../../../policy/query.js";
import type { ContextData } from "../context/index.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { jsonRefusal, onlyIn, required, where } from "./refusal.js";

interface Period {
  start: number;
  calls: number;
  kilobytes: number;
}

interface Quota {
  key: string;
  calls?: number;
  kilobytes?: number;
  /** 0: one period that never ends. */
  periodMs: number;
  firstStart: number;
}

/** first-period-start's default (§5.8). */
const YEAR_ONE = Date.parse("0001-01-01T00:00:00Z");

/** Keys already counted by this request: "incremented only once per request" (§5.8). */
const counted = new WeakMap<ContextData, Set<string>>();

function quotaOf(run: Run, el: ElementNode, key: string): Quota {
  const calls = run.number(el, "calls");
  const kilobytes = run.number(el, "bandwidth");
  const period = run.number(el, "renewal-period");
  if ((calls === undefined && kilobytes === undefined) || period === undefined || period < 0)
    throw new EmulationError(`<${el.name}> at ${where(run, el)} needs calls or bandwidth, and renewal-period`);
  const first = run.string(el, "first-period-start");
  const firstStart = first === undefined ? YEAR_ONE : Date.parse(first);
  if (Number.isNaN(firstStart))
    throw new EmulationError(`<${el.name}> first-period-start at ${where(run, el)}: not a date`);
  return { key, calls, kilobytes, periodMs: period * 1000, firstStart };
}

function periodOf(run: Run, q: Quota): Period {
  const now = run.now();
  const start =
    q.periodMs === 0 ? q.firstStart : q.firstStart + Math.floor((now - q.firstStart) / q.periodMs) * q.periodMs;
  let p = run.state.counters.get(q.key) as Period | undefined;
  if (!p || p.start !== start) {
    p = { start, calls: 0, kilobytes: 0 };
    run.state.counters.set(q.key, p);
  }
  return p;
}

/** TimeSpan's constant format ([d.]hh:mm:ss): the docs' "replenished in xx:xx:xx" (§5.2). */
function timeSpan(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const hms = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return d > 0 ? `${d}.${hms}` : hms;
}

function check(run: Run, el: ElementNode, q: Quota): void {
  // A key this request already counted is not checked again (its own call is in the count).
  if (counted.get(run.context)?.has(q.key)) return;
  const p = periodOf(run, q);
  const overCalls = q.calls !== undefined && p.calls + 1 > q.calls;
  const overBandwidth = q.kilobytes !== undefined && p.kilobytes >= q.kilobytes;
  if (!overCalls && !overBandwidth) return;
  const headers: Record<string, string> = {};
  let wait = "";
  if (q.periodMs > 0) {
    const seconds = Math.max(1, Math.ceil((p.start + q.periodMs - run.now()) / 1000));
    headers["Retry-After"] = String(seconds);
    wait = ` Quota will be replenished in ${timeSpan(seconds)}.`;
  }
  // [U] the bandwidth message follows the call-volume one ("bandwidth variant", §5.2); the body carries the same text.
  const message = `${overCalls ? "Out of call volume quota." : "Out of bandwidth quota."}${wait}`;
  run.assume("quota messages use the docs' hh:mm:ss wait in both LastError and the 403 body");
  run.trace(el, message, "rate-limit");
  run.fail("QuotaExceeded", message, jsonRefusal(403, message, headers));
}

/** Counts the call (once per key and request) and, once the response is final, the kilobytes sent and received. */
function count(run: Run, el: ElementNode, quotas: Quota[], condition: boolean): void {
  const done = counted.get(run.context) ?? new Set<string>();
  counted.set(run.context, done);
  const fresh = quotas.filter((q) => !done.has(q.key));
  for (const q of fresh) done.add(q.key);
  if (fresh.length === 0) return;
  const periods = fresh.map((q) => periodOf(run, q));
  const calls = () => {
    for (const p of periods) p.calls += 1;
  };
  if (!condition) calls();
  run.afterResponse(() => {
    if (condition) {
      const yes = run.bool(el, "increment-condition", true);
      run.trace(el, `increment-condition ${yes}`, "rate-limit");
      if (!yes) return;
      calls();
    }
    if (fresh.some((q) => q.kilobytes !== undefined)) {
      // [U] bandwidth = the request body as received plus the response body sent, in KB of 1024 bytes.
      const bytes =
        Buffer.byteLength(run.context.request.body?.text ?? "") +
        Buffer.byteLength(run.context.response.body?.text ?? "");
      for (const p of periods) p.kilobytes += bytes / 1024;
    }
  });
}

function nested(run: Run, el: ElementNode, base: string): Quota[] {
  const out: Quota[] = [];
  const c = run.context.records;
  const matches = (e: ElementNode, rec: typeof c.api) => {
    if (attr(e, "id")) return String(rec?.fields.Id ?? "") === run.string(e, "id");
    return String(rec?.fields.Name ?? "") === run.string(e, "name");
  };
  for (const api of childElements(el, "api")) {
    if (!matches(api, c.api)) continue;
    out.push(quotaOf(run, api, `${base}\u0000api\u0000${where(run, api)}`));
    for (const op of childElements(api, "operation"))
      if (matches(op, c.operation)) out.push(quotaOf(run, op, `${base}\u0000op\u0000${where(run, op)}`));
  }
  return out;
}

/** quota: per subscription and policy definition (and per matching <api>/<operation>). */
export const quota: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const sub = run.context.records.subscription;
  if (!sub || sub.fields.Key === null || sub.fields.Key === undefined) {
    run.trace(el, "no subscription key: no quota", "rate-limit");
    return;
  }
  const base = `quota\u0000${String(sub.fields.Id ?? "")}\u0000${where(run, el)}`;
  const quotas = [quotaOf(run, el, base), ...nested(run, el, base)];
  for (const q of quotas) check(run, el, q);
  count(run, el, quotas, false);
  run.trace(el, "within quota", "rate-limit");
};

/** quota-by-key: one period per counter-key value; increment-condition is evaluated on the final response [U]. */
export const quotaByKey: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const counterKey = required(run, el, "counter-key");
  const q = quotaOf(run, el, `quota-by-key\u0000${counterKey}`);
  check(run, el, q);
  const conditional = attr(el, "increment-condition") !== undefined;
  if (conditional) run.assume("quota-by-key increment-condition is evaluated on the final response");
  count(run, el, [q], conditional);
  run.trace(el, `${counterKey}: within quota`, "rate-limit");
};
