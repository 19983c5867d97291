// What the collections, LINQ, JSON and XML modules share about runtime values: iterating anything the registry can
// iterate, EqualityComparer<T>.Default equality and a hash that agrees with it, Comparer<T>.Default ordering, and
// the text of a value in a message. Every one of them refuses (NotEmulated) a value it cannot decide about.

import { formatType, K, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { compareNums, convertNum, numericTypeOfKey, promote, zero } from "../../interpreter/numbers.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { char, isNetObject, NetArray, NetDelegate, NetEnum, type NetValue, Num } from "../../values.js";
import { formatNumber } from "../format/number.js";

/** A CallInfo for work done outside a call (tests, iteration started by the interpreter). */
export const NO_CALL: CallInfo = { typeArgs: [], at: undefined, now: () => 0 };

/** The elements of `v` as IEnumerable: arrays, strings (IEnumerable<char>) and every type with `iterate`. */
export function iterableOf(registry: RuntimeRegistry, v: NetValue, call: CallInfo): Iterable<NetValue> | undefined {
  if (v instanceof NetArray) return v.items;
  if (typeof v === "string") return stringChars(v);
  if (isNetObject(v)) {
    const t = registry.find(v.$type, "iterate");
    if (t?.iterate) return t.iterate(v, call);
  }
  return undefined;
}

/** Whether `v` is IEnumerable for the emulator, without starting an enumeration. */
export function canIterate(registry: RuntimeRegistry, v: NetValue): boolean {
  if (v instanceof NetArray || typeof v === "string") return true;
  return isNetObject(v) && registry.find(v.$type, "iterate") !== undefined;
}

function* stringChars(s: string): Iterable<NetValue> {
  for (let i = 0; i < s.length; i++) yield char(s.charCodeAt(i));
}

/** `iterableOf`, or the exception .NET gives for null and NotEmulated for anything else. */
export function iterate(registry: RuntimeRegistry, v: NetValue, call: CallInfo, param = "source"): Iterable<NetValue> {
  if (v === null) throw argumentNull(param, call);
  const it = iterableOf(registry, v, call);
  if (!it) throw new NotEmulated(`iteration over ${describeType(v)}`, call.at);
  return it;
}

export function argumentNull(param: string, call: CallInfo): NetException {
  return new NetException("ArgumentNullException", `Value cannot be null. (Parameter '${param}')`, call.at);
}

export function invalidOperation(message: string, call: CallInfo): NetException {
  return new NetException("InvalidOperationException", message, call.at);
}

export function argumentOutOfRange(
  param: string,
  call: CallInfo,
  message = "Index was out of range. Must be non-negative and less than the size of the collection.",
): NetException {
  return new NetException("ArgumentOutOfRangeException", `${message} (Parameter '${param}')`, call.at);
}

/** The runtime type's name as .NET's GetType().ToString() would start it (for messages). */
export function describeType(v: NetValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return "System.String";
  if (typeof v === "boolean") return "System.Boolean";
  if (v instanceof Num) return v.type;
  if (v instanceof NetArray) return `${formatType(v.elementType)}[]`;
  if (v instanceof NetEnum) return v.$type;
  if (v instanceof NetDelegate) return "delegate";
  return v.$type;
}

/**
 * `object.Equals(a, b)` / EqualityComparer<T>.Default: strings ordinal, numbers equal only with the same boxed type
 * (`1.Equals(1L)` is false in .NET; a collection's T makes both the same type in practice), NaN equals NaN
 * (Double.Equals), enums by type and value, objects through their runtime type's `equals`, else by reference.
 */
export function valueEquals(registry: RuntimeRegistry, a: NetValue, b: NetValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Num) {
    if (!(b instanceof Num) || a.type !== b.type) return false;
    if (a.type === "double" || a.type === "float") {
      const x = a.value as number;
      const y = b.value as number;
      return x === y || (Number.isNaN(x) && Number.isNaN(y));
    }
    return compareNums(a, b) === 0;
  }
  if (a instanceof NetEnum) return b instanceof NetEnum && a.$type === b.$type && a.value === b.value;
  if (isNetObject(a) && isNetObject(b)) {
    const own = OBJECT_EQUALS.get(a.$type);
    if (own) return own(a, b);
    const t = registry.find(a.$type, "equals");
    return t?.equals ? t.equals(a, b) : false;
  }
  return false;
}

/**
 * Object.Equals overrides of reference types whose `==` stays reference equality (JValue: Equals compares values,
 * `==` on JTokens compares references). RuntimeType.equals would make the interpreter's `==` compare values too, so
 * such types register here instead; EqualityComparer<T>.Default (collections, LINQ) uses them.
 */
const OBJECT_EQUALS = new Map<string, (a: NetValue, b: NetValue) => boolean>();

export function defineObjectEquals(key: string, equals: (a: NetValue, b: NetValue) => boolean): void {
  OBJECT_EQUALS.set(key, equals);
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** A hash key consistent with valueEquals: equal values give equal keys (objects with value equality share one per type). */
export function hashKey(registry: RuntimeRegistry, v: NetValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return `s:${v}`;
  if (typeof v === "boolean") return v ? "b:1" : "b:0";
  if (v instanceof Num) {
    if (v.type === "decimal") {
      // 1.0m and 1.00m are equal: the key drops trailing zeros of the fraction.
      const text = formatNumber(v, undefined);
      return `n:decimal:${text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text}`;
    }
    const x = v.value;
    return `n:${v.type}:${typeof x === "number" && Number.isNaN(x) ? "NaN" : String(x === 0 ? 0 : x)}`;
  }
  if (v instanceof NetEnum) return `e:${v.$type}:${v.value}`;
  if (isNetObject(v) && (OBJECT_EQUALS.has(v.$type) || registry.find(v.$type, "equals"))) return `o:${v.$type}`;
  let id = identities.get(v);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(v, id);
  }
  return `r:${id}`;
}

/**
 * Comparer<T>.Default: null first, numbers by value (same promoted type), booleans false < true, strings with a
 * culture-sensitive comparison as .NET does. .NET (ICU on Linux, NLS on Windows) orders "a" < "B" < "b"; the
 * emulator uses ICU's root collation through Intl.Collator, so punctuation handling may differ from NLS
 * (docs/emulator.md, Collections).
 */
export function compareDefault(registry: RuntimeRegistry, a: NetValue, b: NetValue, call: CallInfo): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") return compareCulture(a, b);
  if (a instanceof Num && b instanceof Num) {
    const t = promote(a.type, b.type);
    const r = compareNums(convertNum(a, t), convertNum(b, t));
    if (Number.isNaN(r)) {
      // Double.CompareTo orders NaN before every other value.
      const an = Number.isNaN(a.value as number);
      const bn = Number.isNaN(b.value as number);
      return an && bn ? 0 : an ? -1 : 1;
    }
    return r;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof NetEnum && b instanceof NetEnum && a.$type === b.$type) return Math.sign(a.value - b.value);
  void registry;
  throw new NotEmulated(`default comparison of ${describeType(a)} and ${describeType(b)}`, call.at);
}

const collator = new Intl.Collator("en-US", { sensitivity: "variant", usage: "sort" });

/** String.Compare(a, b) in a culture: ICU root collation, ties broken ordinally so that sorting is deterministic. */
export function compareCulture(a: string, b: string): number {
  const r = collator.compare(a, b);
  if (r !== 0) return r;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ToString()` of an element inside a message or a container's text: strings as is, numbers invariant. */
export function valueText(registry: RuntimeRegistry, v: NetValue, call: CallInfo): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof Num) return formatNumber(v, undefined, call.at);
  if (v instanceof NetEnum) return v.name;
  if (isNetObject(v)) {
    const t = registry.find(v.$type, "toString");
    if (t?.toString) return t.toString(v, undefined, call);
    throw new NotEmulated(`ToString() of ${v.$type}`, call.at);
  }
  throw new NotEmulated(`ToString() of ${describeType(v)}`, call.at);
}

/** Calls a lambda or method group with the given arguments. */
export function invoke(fn: NetValue, args: readonly NetValue[], call: CallInfo): NetValue {
  if (!(fn instanceof NetDelegate)) {
    if (fn === null) throw argumentNull("predicate", call);
    throw new NotEmulated(`a ${describeType(fn)} used as a delegate`, call.at);
  }
  return fn.invoke(args);
}

/** A predicate's result: a C# lambda returning bool. */
export function truthy(v: NetValue, call: CallInfo): boolean {
  if (typeof v !== "boolean") throw new NotEmulated(`a predicate returning ${describeType(v)}`, call.at);
  return v;
}

/** Value types whose default the emulator cannot build here (their modules own them). */
const OTHER_VALUE_TYPES = new Set<string>([K.dateTime, K.dateTimeOffset, K.timeSpan, K.guid, K.keyValuePair]);

/** default(T): zero for numbers, false for bool, null for reference types and Nullable<T>. */
export function defaultValue(t: TypeRef | undefined, call: CallInfo): NetValue {
  if (t === undefined || t.kind !== "named") return null;
  if (t.key === K.bool) return false;
  const n = numericTypeOfKey(t.key);
  if (n) return zero(n);
  if (OTHER_VALUE_TYPES.has(t.key)) throw new NotEmulated(`default(${formatType(t)})`, call.at);
  return null;
}
