// Small helpers shared by the `context` host classes: type keys, read-only properties, and values of BCL types the
// gateway must hand out (DateTime, TimeSpan, Guid) built through their registered constructors, so that the
// gateway never depends on how the .NET library represents them.
import { CONTEXT_NAMESPACE } from "../../../policy/csharp/types/context.js";
import { named, STRING, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MethodImpl, PropertyImpl, RuntimeRegistry } from "../../runtime-types.js";
import { long, NetArray, NetEnum, type NetValue } from "../../values.js";

/** The type model key of a context type (`IRequest` -> `Microsoft.Azure...Expressions.IRequest`). */
export function ctxKey(name: string): string {
  // One string per key: registry lookups hash it once, not once per context object of every request.
  let key = CTX_KEYS.get(name);
  if (key === undefined) {
    key = `${CONTEXT_NAMESPACE}.${name}`;
    CTX_KEYS.set(name, key);
  }
  return key;
}

const CTX_KEYS = new Map<string, string>();

export const ctxType = (name: string): TypeRef => named(ctxKey(name));

export function prop<T>(get: (self: T, call: CallInfo) => NetValue): PropertyImpl {
  return { kind: "property", get: (self, call) => get(self as T, call) };
}

export function method<T>(call: (self: T, args: readonly Arg[], info: CallInfo) => NetValue): MethodImpl {
  return { kind: "method", call: (self, args, info) => call(self as T, args, info) };
}

export function stringArray(values: readonly string[]): NetArray {
  return new NetArray(STRING, [...values]);
}

const TICKS_AT_EPOCH = 621355968000000000n;

/** `new DateTime(ticks, DateTimeKind.Utc)` for a time in ms since the Unix epoch. */
export function dateTime(registry: RuntimeRegistry, ms: number, call: CallInfo): NetValue {
  const ticks = TICKS_AT_EPOCH + BigInt(Math.round(ms)) * 10000n;
  return construct(registry, "System.DateTime", [long(ticks), new NetEnum("System.DateTimeKind", "Utc", 1)], call);
}

/** `new TimeSpan(ticks)` for a duration in ms. */
export function timeSpan(registry: RuntimeRegistry, ms: number, call: CallInfo): NetValue {
  return construct(registry, "System.TimeSpan", [long(BigInt(Math.round(ms)) * 10000n)], call);
}

/** `new Guid(text)`. */
export function guid(registry: RuntimeRegistry, text: string, call: CallInfo): NetValue {
  return construct(registry, "System.Guid", [text], call);
}

export function construct(registry: RuntimeRegistry, key: string, args: NetValue[], call: CallInfo): NetValue {
  const t = registry.type(key);
  if (!t?.construct) throw new NotEmulated(`${key} (no runtime type registered)`, call.at);
  return t.construct(
    args.map((value) => ({ value })),
    call,
  );
}

/** A static method of a registered type (`JObject.Parse`), or NotEmulated naming it. */
export function callStatic(
  registry: RuntimeRegistry,
  key: string,
  name: string,
  args: NetValue[],
  call: CallInfo,
): NetValue {
  const m = registry.member(key, name, true);
  if (m?.kind !== "method") throw new NotEmulated(`${key}.${name}`, call.at);
  return m.call(
    null,
    args.map((value) => ({ value })),
    call,
  );
}

/** The argument named `name`, else the positional one at `index`. */
export function argument(args: readonly Arg[], index: number, name: string): Arg | undefined {
  return args.find((a) => a.name === name) ?? args.filter((a) => a.name === undefined)[index];
}
