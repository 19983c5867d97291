// cache-lookup-value, cache-store-value, cache-remove-value (runtime reference §5.6, apim-reference §3) over
// EmulatorState.cache on the emulated clock.

import type { ElementNode } from "../../../policy/model.js";
import { JToken } from "../../dotnet/json/model.js";
import { NotEmulated } from "../../errors.js";
import { isNetObject, NetArray, type NetValue } from "../../values.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { required, where } from "./refusal.js";

/** Value entries live beside the response cache's (cache-response.ts) in the one EmulatorState.cache. */
const VALUE_PREFIX = "value\u0000";

/** .NET value types and immutable classes: a copy is the value itself. */
const IMMUTABLE = new Set(["System.DateTime", "System.TimeSpan", "System.DateTimeOffset", "System.Guid", "System.Uri"]);

/**
 * What the cache keeps of a value: a snapshot. APIM's cache is shared by all units of a region or is an external
 * Redis (§5.6 caching-type), so entries are serialized: a later change to a stored JObject does not reach the cache,
 * and each lookup gets its own copy [U] (docs/emulator.md). Values of other mutable types are not emulated.
 */
function snapshot(v: NetValue, run: Run, el: ElementNode): NetValue {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof NetArray)
    return new NetArray(
      v.elementType,
      v.items.map((x) => snapshot(x, run, el)),
    );
  if (v instanceof JToken) return v.clone();
  if (isNetObject(v) && !IMMUTABLE.has(v.$type))
    throw new NotEmulated(`${el.name} of a ${v.$type} (how the cache serializes it is not known)`, run.at(el));
  return v;
}

/** caching-type: prefer-external, external or internal; the emulator has one cache standing for both [U]. */
function cachingType(run: Run, el: ElementNode): string {
  const t = (run.string(el, "caching-type") ?? "prefer-external").trim();
  if (t !== "prefer-external" && t !== "external" && t !== "internal")
    throw new EmulationError(
      `${el.name} caching-type="${t}" at ${where(run, el)}: expected prefer-external, external or internal`,
    );
  if (t === "external")
    run.assume("caching-type external uses the emulator's one cache (as if an external cache were configured)");
  return t;
}

function keyOf(run: Run, el: ElementNode): string {
  return required(run, el, "key");
}

/** The live entry of `key`, dropping it once expired (expiry by the emulated clock only). */
export function liveEntry(run: Run, key: string): { value: unknown; expires: number } | undefined {
  const e = run.state.cache.get(key);
  if (e && e.expires <= run.now()) {
    run.state.cache.delete(key);
    return undefined;
  }
  return e;
}

/**
 * cache-lookup-value: a hit sets variable-name to a copy of the value. A miss sets default-value when given, and
 * otherwise leaves the variable unset (the doc conflicts: §5.6 [U]; apim-reference §3 reads "not set").
 */
export const cacheLookupValue: Handler = (el, run) => {
  const key = keyOf(run, el);
  cachingType(run, el);
  const name = run.string(el, "variable-name")?.trim();
  if (!name) throw new EmulationError(`cache-lookup-value needs variable-name at ${where(run, el)}`);
  const hit = liveEntry(run, VALUE_PREFIX + key);
  if (hit) {
    run.context.variables.set(name, snapshot(hit.value as NetValue, run, el));
    if (run.tracing) run.trace(el, `hit ${key} -> ${name}`, "cache");
    return;
  }
  const fallback = run.attr(el, "default-value");
  if (fallback !== undefined) {
    run.context.variables.set(name, fallback);
    run.trace(el, `miss ${key}: ${name} = default-value`, "cache");
    return;
  }
  run.assume("cache-lookup-value: a miss without default-value leaves the variable unset");
  run.trace(el, `miss ${key}: ${name} left unset`, "cache");
};

/**
 * cache-store-value: the value (a snapshot) for `duration` seconds of emulated time. The docs call the store
 * asynchronous ("may not be readable immediately"); here it is readable at once, deterministically [U].
 */
export const cacheStoreValue: Handler = (el, run) => {
  const key = keyOf(run, el);
  cachingType(run, el);
  const value = run.attr(el, "value");
  if (value === undefined) throw new EmulationError(`cache-store-value needs value at ${where(run, el)}`);
  const duration = run.number(el, "duration");
  if (duration === undefined) throw new EmulationError(`cache-store-value needs duration at ${where(run, el)}`);
  run.assume("cache-store-value is readable at once (APIM stores asynchronously)");
  if (duration <= 0) {
    run.state.cache.delete(VALUE_PREFIX + key);
    run.trace(el, `store ${key}: duration ${duration} s, nothing kept`, "cache");
    return;
  }
  run.state.cache.set(VALUE_PREFIX + key, { value: snapshot(value, run, el), expires: run.now() + duration * 1000 });
  run.trace(el, `store ${key} for ${duration} s`, "cache");
};

export const cacheRemoveValue: Handler = (el, run) => {
  const key = keyOf(run, el);
  cachingType(run, el);
  const had = run.state.cache.delete(VALUE_PREFIX + key);
  run.trace(el, `remove ${key}${had ? "" : " (absent)"}`, "cache");
};
