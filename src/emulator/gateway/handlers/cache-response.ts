// cache-lookup and cache-store: the response cache (docs cache-lookup-policy / cache-store-policy) over
// EmulatorState.cache on the emulated clock.
import type { ElementNode } from "../../../policy/model.js";
import { childElements } from "../../../policy/query.js";
import { NotEmulated } from "../../errors.js";
import type { ContextData } from "../context/index.js";
import { GatewayResponse, HeaderMap, MessageBody } from "../message.js";
import { EmulationError } from "../pipeline/signals.js";
import { liveEntry } from "./cache-value.js";
import type { Handler, Run } from "./handler.js";
import { onlyIn, where } from "./refusal.js";

const RESPONSE_PREFIX = "response\u0000";

interface CachedResponse {
  status: number;
  reason: string;
  headers: Array<[string, string[]]>;
  body: string | null;
  /** The cache-store that stored it had policies after it in its section (APIM resumes there on a hit). */
  followed: boolean;
}

/** The key cache-lookup computed for the request it runs in: cache-store stores under it. */
const lookups = new WeakMap<ContextData, string>();

function flag(run: Run, el: ElementNode, name: string): boolean {
  return run.bool(el, name, false);
}

/**
 * The cache key: API, operation, path, the vary-by-query-parameter values (several names per element, split on
 * `;`), the vary-by-header values, and the user with vary-by-developer(-groups). Without vary-by-query-parameter
 * the query string is not part of the key [U] (the docs say only "per value of specified query parameters").
 */
function cacheKey(run: Run, el: ElementNode): string {
  const c = run.context;
  const parts: string[] = [
    String(c.records.api?.fields.Id ?? ""),
    String(c.records.operation?.fields.Id ?? ""),
    c.request.originalUrl.path.toLowerCase(),
  ];
  for (const v of childElements(el, "vary-by-query-parameter")) {
    for (const name of (run.textString(v) ?? "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const values = c.request.originalUrl.query.filter(([k]) => k === name).map(([, x]) => x);
      parts.push(`q:${name}=${values.join(",")}`);
    }
  }
  for (const v of childElements(el, "vary-by-header")) {
    const name = (run.textString(v) ?? "").trim();
    if (name) parts.push(`h:${name.toLowerCase()}=${(c.request.headers.get(name) ?? []).join(",")}`);
  }
  const byDeveloper = flag(run, el, "vary-by-developer");
  const byGroups = flag(run, el, "vary-by-developer-groups");
  if (byDeveloper || byGroups) {
    // Groups are not in the emulated context: the user stands for them (two users never share an entry) [U].
    if (byGroups) run.assume("cache-lookup vary-by-developer-groups keys by the user (groups are not emulated)");
    parts.push(`u:${String(c.records.user?.fields.Id ?? "")}`);
  }
  return RESPONSE_PREFIX + parts.join("\u0000");
}

/**
 * cache-lookup (inbound): only GET requests, and none carrying Authorization unless allow-private-response-caching
 * is true, are looked up. A hit becomes the response and the request goes no further: no backend, and the
 * outbound statements before cache-store are skipped; APIM then resumes after the corresponding cache-store, which
 * the emulator does only when nothing follows it there (otherwise: not emulated).
 */
export const cacheLookup: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const downstream = (run.string(el, "downstream-caching-type") ?? "none").trim();
  if (downstream !== "none") throw new NotEmulated(`cache-lookup downstream-caching-type="${downstream}"`, run.at(el));
  const req = run.context.request;
  if (req.method.toUpperCase() !== "GET") {
    run.trace(el, `${req.method} is not cached (GET only)`, "cache");
    return;
  }
  if (req.headers.has("Authorization") && !flag(run, el, "allow-private-response-caching")) {
    run.trace(el, "the request carries Authorization and allow-private-response-caching is false: not cached", "cache");
    return;
  }
  const key = cacheKey(run, el);
  lookups.set(run.context, key);
  const hit = liveEntry(run, key);
  if (!hit) {
    run.trace(el, "miss", "cache");
    return;
  }
  const cached = hit.value as CachedResponse;
  if (cached.followed)
    throw new NotEmulated(
      "cache-lookup hit when cache-store has policies after it (APIM resumes after cache-store)",
      run.at(el),
    );
  const res = new GatewayResponse(cached.status, cached.reason, new HeaderMap(), null);
  for (const [name, values] of cached.headers) res.headers.set(name, values);
  if (cached.body !== null) res.body = new MessageBody(cached.body);
  run.context.response = res;
  run.trace(el, `hit: ${cached.status} from the cache`, "cache");
  run.end("cache-lookup");
};

/** cache-store (outbound): the response under the key of this request's cache-lookup, for `duration` seconds. */
export const cacheStore: Handler = (el, run) => {
  onlyIn(run, el, ["outbound"]);
  const duration = run.number(el, "duration");
  if (duration === undefined) throw new EmulationError(`cache-store needs duration at ${where(run, el)}`);
  const key = lookups.get(run.context);
  if (key === undefined) {
    run.trace(el, "no cache-lookup looked this request up: nothing stored", "cache");
    return;
  }
  const res = run.context.response;
  // Only 200 OK is stored unless cache-response="true" (docs cache-store-policy).
  if (res.status !== 200 && !flag(run, el, "cache-response")) {
    run.trace(el, `${res.status} is not stored (200 only unless cache-response)`, "cache");
    return;
  }
  const followed = el.parent
    ? el.parent.children.slice(el.parent.children.indexOf(el) + 1).some((k) => k.type === "element")
    : false;
  const entry: CachedResponse = {
    status: res.status,
    reason: res.reason,
    headers: res.headers.names().map((n) => [n, [...(res.headers.get(n) ?? [])]]),
    body: res.body ? (res.body.consumed ? "" : res.body.text) : null,
    followed,
  };
  run.state.cache.set(key, { value: entry, expires: run.now() + duration * 1000 });
  run.trace(el, `stored ${res.status} for ${duration} s`, "cache");
};
