// `is T` and `default(T)` for the few places where the gateway itself casts a stored value: Variables'
// GetValueOrDefault<T> (the docs: a cast, so a stored value of another type throws; runtime reference §3).
import { K, nullableUnderlying, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import { NUMERIC_KEY } from "../../interpreter/numbers.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import {
  char,
  double,
  int,
  isNetObject,
  long,
  NetArray,
  NetDelegate,
  NetEnum,
  type NetValue,
  Num,
  type NumericType,
} from "../../values.js";

/** The runtime type key of a value (null has none). */
export function runtimeKey(v: NetValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "boolean") return K.bool;
  if (typeof v === "string") return K.string;
  if (v instanceof Num) return NUMERIC_KEY[v.type];
  if (v instanceof NetEnum) return v.$type;
  if (v instanceof NetArray) return K.array;
  if (v instanceof NetDelegate) return "System.Delegate";
  return v.$type;
}

/** Whether `key` is `target` or derives from it (through the registry's supertypes). */
export function derivesFrom(registry: RuntimeRegistry, key: string, target: string): boolean {
  const seen = new Set<string>();
  const go = (k: string): boolean => {
    if (k === target) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return (registry.type(k)?.supertypes ?? []).some(go);
  };
  return go(key);
}

/** `v is T` (null is never an instance). */
export function isInstanceOf(registry: RuntimeRegistry, v: NetValue, t: TypeRef): boolean {
  if (v === null) return false;
  if (t.kind === "dynamic") return true;
  if (t.kind === "array") {
    return v instanceof NetArray && t.rank === 1 && sameElement(v.elementType, t.element);
  }
  if (t.kind !== "named") return false;
  const under = nullableUnderlying(t);
  if (under) return isInstanceOf(registry, v, under);
  if (t.key === K.object) return true;
  const key = runtimeKey(v);
  if (key === undefined) return false;
  if (key === t.key) return true;
  if (isNetObject(v) || v instanceof NetEnum) return derivesFrom(registry, key, t.key);
  return false;
}

function sameElement(a: TypeRef, b: TypeRef): boolean {
  return a.kind === "named" && b.kind === "named" ? a.key === b.key : a.kind === b.kind;
}

const VALUE_TYPES = new Set(["System.DateTime", "System.TimeSpan", "System.Guid", "System.DateTimeOffset"]);

/** Whether null converts to T (a reference type or Nullable<T>). */
export function acceptsNull(t: TypeRef): boolean {
  if (t.kind !== "named") return true;
  if (nullableUnderlying(t)) return true;
  return !(t.key in NUMERIC_BY_KEY) && t.key !== K.bool && !VALUE_TYPES.has(t.key);
}

const NUMERIC_BY_KEY: Readonly<Record<string, NumericType>> = Object.fromEntries(
  Object.entries(NUMERIC_KEY).map(([n, k]) => [k, n as NumericType]),
);

/** `default(T)`. */
export function defaultOf(registry: RuntimeRegistry, t: TypeRef, call: CallInfo): NetValue {
  if (acceptsNull(t) || t.kind !== "named") return null;
  if (t.key === K.bool) return false;
  const n = NUMERIC_BY_KEY[t.key];
  if (n !== undefined) {
    if (n === "long" || n === "ulong") return n === "long" ? long(0) : new Num("ulong", 0n);
    if (n === "decimal") return new Num("decimal", { mantissa: 0n, scale: 0 });
    if (n === "double") return double(0);
    if (n === "char") return char(0);
    if (n === "int") return int(0);
    return new Num(n, 0);
  }
  const type = registry.type(t.key);
  if (!type?.construct) throw new NotEmulated(`default(${t.key})`, call.at);
  return type.construct([], { ...call, typeArgs: [] });
}
