// C# conversions as far as the checker needs them: implicit conversions (overload resolution, expected types),
// numeric promotion (operators), and the casts that can never succeed. Pure functions over the type model.
// "Unknown" is never a mismatch: every function answers "fine" when a type is missing or outside the model.
import type { TypeModel } from "./types/lookup.js";
import { K, type NamedType, named, nullableOf, nullableUnderlying, sameType, type TypeRef } from "./types/type-ref.js";

/** The number types, in C#'s promotion order. */
export const NUMBER_KEYS: readonly string[] = [
  K.sbyte,
  K.byte,
  K.short,
  K.ushort,
  K.int,
  K.uint,
  K.long,
  K.ulong,
  K.float,
  K.double,
  K.decimal,
];

/** The types numeric conversions apply to: the numbers, and char (it converts like ushort). */
const NUMERIC = new Set<string>([...NUMBER_KEYS, K.char]);

const INTEGRAL = new Set<string>([K.sbyte, K.byte, K.short, K.ushort, K.int, K.uint, K.long, K.ulong, K.char]);

/** C# §10.2.3 implicit numeric conversions: from -> the types it widens to. */
const WIDENS_TO: Readonly<Record<string, readonly string[]>> = {
  [K.sbyte]: [K.short, K.int, K.long, K.float, K.double, K.decimal],
  [K.byte]: [K.short, K.ushort, K.int, K.uint, K.long, K.ulong, K.float, K.double, K.decimal],
  [K.short]: [K.int, K.long, K.float, K.double, K.decimal],
  [K.ushort]: [K.int, K.uint, K.long, K.ulong, K.float, K.double, K.decimal],
  [K.int]: [K.long, K.float, K.double, K.decimal],
  [K.uint]: [K.long, K.ulong, K.float, K.double, K.decimal],
  [K.long]: [K.float, K.double, K.decimal],
  [K.ulong]: [K.float, K.double, K.decimal],
  [K.char]: [K.ushort, K.int, K.uint, K.long, K.ulong, K.float, K.double, K.decimal],
  [K.float]: [K.double],
};

/**
 * Types whose conversions C# fully defines without user code: between two of them (nullable or not) an explicit
 * conversion exists only when they are the same type or both numeric. A cast between them that is neither can
 * never compile (CS0030), so the checker may say so with certainty.
 */
const CLOSED = new Set<string>([...NUMERIC, K.bool, K.string, K.dateTime, K.timeSpan, K.guid]);

/** Covariant generic interfaces and delegates (`out T`): IEnumerable<JObject> converts to IEnumerable<JToken>. */
const COVARIANT = new Set<string>([
  "System.Collections.Generic.IEnumerable`1",
  "System.Collections.Generic.IEnumerator`1",
  "System.Collections.Generic.IReadOnlyCollection`1",
  "System.Collections.Generic.IReadOnlyList`1",
  "System.Linq.IOrderedEnumerable`1",
  "System.Linq.IGrouping`2",
  "Newtonsoft.Json.Linq.IJEnumerable`1",
]);

export function isNumeric(t: TypeRef | undefined): boolean {
  return t?.kind === "named" && NUMERIC.has(t.key);
}

export function isIntegral(t: TypeRef | undefined): boolean {
  return t?.kind === "named" && INTEGRAL.has(t.key);
}

/** A type the checker can reason about: in the model (or an array of such), not object, dynamic or a parameter. */
export function isDefinite(model: TypeModel, t: TypeRef | undefined): t is TypeRef {
  if (!t) return false;
  if (t.kind === "array") return isDefinite(model, t.element);
  if (t.kind !== "named") return false;
  if (t.key === K.object || t.key === "System.ValueType" || t.key === K.enum) return false;
  // Index loops, no closures: a closure over `model` would make a context object on every call.
  for (let i = 0; i < t.args.length; i++) if (!isDefinite(model, t.args[i])) return false;
  return model.type(t.key) !== undefined || t.key === K.void;
}

export function isValueType(model: TypeModel, t: TypeRef | undefined): boolean {
  return t?.kind === "named" && model.type(t.key)?.valueType === true;
}

/** A reference type, or a type the model does not know (null may convert to it). */
function acceptsNull(model: TypeModel, t: TypeRef): boolean {
  if (t.kind !== "named") return true;
  if (t.key === K.nullable) return true;
  const info = model.type(t.key);
  return !info?.valueType;
}

/**
 * Is there an implicit conversion from `from` to `to`? Identity, numeric widening, nullable lifting, `null` to a
 * reference or nullable type, reference conversions (base classes, interfaces, covariance), boxing, and the
 * user-defined implicit operators of the model (string -> JToken, string -> XName, DateTime -> DateTimeOffset).
 * `userDefined: false` for extension-method receivers, where C# allows no user-defined conversion.
 * Unknown types, type parameters and `dynamic` convert to anything and from anything.
 */
export function convertsImplicitly(
  model: TypeModel,
  from: TypeRef | undefined,
  to: TypeRef | undefined,
  userDefined = true,
  intLiteral = false,
): boolean {
  if (!from || !to) return true;
  if (from.kind === "dynamic" || to.kind === "dynamic") return true;
  if (from.kind === "typeParameter" || to.kind === "typeParameter") return true;
  if (sameType(from, to)) return true;
  if (from.kind === "null") return acceptsNull(model, to);
  if (to.kind === "named" && to.key === K.object) return true;
  if (to.kind === "named" && to.key === K.nullable) {
    const target = to.args[0];
    const source = nullableUnderlying(from) ?? from;
    return convertsImplicitly(model, source, target, userDefined, intLiteral);
  }
  if (from.kind === "named" && to.kind === "named") {
    if (NUMERIC.has(from.key) && NUMERIC.has(to.key)) {
      // An int constant converts to any numeric type it fits (C# §10.2.11); we do not track values, so any.
      if (intLiteral && from.key === K.int && to.key !== K.char) return true;
      return WIDENS_TO[from.key]?.includes(to.key) === true;
    }
  }
  if (referenceConverts(model, from, to)) return true;
  if (userDefined && userDefinedImplicit(model, from, to, intLiteral)) return true;
  // Outside the model we cannot tell.
  return !known(model, from) || !known(model, to);
}

function known(model: TypeModel, t: TypeRef): boolean {
  if (t.kind === "array") return known(model, t.element);
  if (t.kind !== "named") return false;
  if (model.type(t.key) === undefined) return false;
  for (let i = 0; i < t.args.length; i++) if (!known(model, t.args[i]!)) return false;
  return true;
}

/** Reference (and boxing) conversion: `to` is among the supertypes of `from`, allowing covariance. */
function referenceConverts(model: TypeModel, from: TypeRef, to: TypeRef): boolean {
  if (to.kind === "array") {
    if (from.kind !== "array" || from.rank !== to.rank) return false;
    // Array covariance holds for reference-type elements only.
    return (
      sameType(from.element, to.element) ||
      (!isValueType(model, from.element) && referenceConverts(model, from.element, to.element))
    );
  }
  if (to.kind !== "named") return false;
  for (const s of model.supertypes(from)) {
    if (s.kind !== "named" || s.key !== to.key) continue;
    if (sameType(s, to)) return true;
    if (COVARIANT.has(s.key) && covariantArgumentsConvert(model, s.args, to.args)) return true;
  }
  return false;
}

/** Each argument of a covariant type converts by reference (value types never do). */
function covariantArgumentsConvert(model: TypeModel, from: readonly TypeRef[], to: readonly TypeRef[]): boolean {
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    if (isValueType(model, a) || !referenceConvertsOrSame(model, a, to[i]!)) return false;
  }
  return true;
}

function referenceConvertsOrSame(model: TypeModel, a: TypeRef, b: TypeRef): boolean {
  return sameType(a, b) || b.kind === "typeParameter" || referenceConverts(model, a, b);
}

/** A user-defined `implicit operator` of `from`'s or `to`'s type (or their bases) that gives `to` from `from`. */
function userDefinedImplicit(model: TypeModel, from: TypeRef, to: TypeRef, intLiteral: boolean): boolean {
  for (const owner of [from, to]) {
    for (const s of model.supertypes(owner)) {
      const ops = model.info(s)?.members.get("op_Implicit");
      if (!ops) continue;
      for (const op of ops) {
        const param = op.parameters[0]?.type;
        if (!param || !op.type) continue;
        if (
          convertsImplicitly(model, from, param, false, intLiteral) &&
          convertsImplicitly(model, op.type, to, false, false)
        )
          return true;
      }
    }
  }
  return false;
}

/** Identity, or the same type up to nullability of the source (`int` for an `int?` parameter is not exact). */
export function isExact(from: TypeRef | undefined, to: TypeRef | undefined): boolean {
  return !!from && !!to && sameType(from, to);
}

/**
 * `(to)from` cannot compile: both are closed types (numbers, bool, char, string, DateTime, TimeSpan, Guid, or
 * nullable ones), different, and not both numeric. `null` to a non-nullable closed value type is also an error.
 */
export function castNeverCompiles(from: TypeRef | undefined, to: TypeRef | undefined): boolean {
  if (!from || !to) return false;
  const target = nullableUnderlying(to) ?? to;
  if (target.kind !== "named" || !CLOSED.has(target.key)) return false;
  if (from.kind === "null") return to.kind === "named" && to.key !== K.nullable && target.key !== K.string;
  const source = nullableUnderlying(from) ?? from;
  if (source.kind !== "named" || !CLOSED.has(source.key)) return false;
  if (source.key === target.key) return false;
  return !(NUMERIC.has(source.key) && NUMERIC.has(target.key));
}

/**
 * A value whose run-time type is `held` (or derives from it) cast to `to` always throws: no class can be both.
 * Unboxing needs the exact value type (`(long)(object)1` throws). Only for types the model knows.
 */
export function castAlwaysFailsAtRuntime(model: TypeModel, held: TypeRef, to: TypeRef): boolean {
  const target = nullableUnderlying(to) ?? to;
  if (held.kind !== "named" || target.kind !== "named") return false;
  if (held.key === K.object || target.key === K.object) return false;
  const h = model.type(held.key);
  const t = model.type(target.key);
  if (!h || !t) return false;
  if (h.valueType || t.valueType) return !sameType(held, target);
  if (derives(model, held, target) || derives(model, target, held)) return false;
  const hClass = h.kind === "class" || h.kind === "delegate";
  const tClass = t.kind === "class" || t.kind === "delegate";
  if (hClass && tClass) return true;
  // One is an interface: only a sealed class that does not implement it is certain.
  if (hClass) return h.sealed;
  if (tClass) return t.sealed;
  return false;
}

function derives(model: TypeModel, a: TypeRef, b: TypeRef): boolean {
  if (b.kind !== "named") return false;
  const supers = model.supertypes(a);
  for (let i = 0; i < supers.length; i++) {
    const s = supers[i]!;
    if (s.kind === "named" && s.key === b.key) return true;
  }
  return false;
}

/** The type of `a op b` for arithmetic operators on numbers (C# binary numeric promotion), undefined otherwise. */
export function promoteNumeric(a: TypeRef | undefined, b: TypeRef | undefined): TypeRef | undefined {
  const ua = nullableUnderlying(a) ?? a;
  const ub = nullableUnderlying(b) ?? b;
  if (!isNumeric(ua) || !isNumeric(ub)) return undefined;
  const ka = (ua as NamedType).key;
  const kb = (ub as NamedType).key;
  let key: string | undefined;
  const has = (k: string): boolean => ka === k || kb === k;
  if (has(K.decimal)) key = has(K.float) || has(K.double) ? undefined : K.decimal;
  else if (has(K.double)) key = K.double;
  else if (has(K.float)) key = K.float;
  else if (has(K.ulong)) key = isSigned(ka) || isSigned(kb) ? undefined : K.ulong;
  else if (has(K.long)) key = K.long;
  else if (has(K.uint)) key = isSigned(ka) || isSigned(kb) ? K.long : K.uint;
  else key = K.int;
  if (!key) return undefined;
  const lifted = nullableUnderlying(a) !== undefined || nullableUnderlying(b) !== undefined;
  return lifted ? nullableOf(named(key)) : named(key);
}

function isSigned(k: string): boolean {
  return k === K.sbyte || k === K.short || k === K.int || k === K.long;
}

/** The type of a unary `+`/`-`/`~` on a number: promoted to at least int (`-uint` is long). */
export function promoteUnary(t: TypeRef | undefined, op: "+" | "-" | "~"): TypeRef | undefined {
  const u = nullableUnderlying(t) ?? t;
  if (!isNumeric(u)) return undefined;
  const k = (u as NamedType).key;
  let key: string;
  if (k === K.decimal || k === K.double || k === K.float || k === K.long || k === K.ulong) key = k;
  else if (k === K.uint) key = op === "-" ? K.long : K.uint;
  else key = K.int;
  if (op === "-" && key === K.ulong) return undefined;
  if (op === "~" && (key === K.float || key === K.double || key === K.decimal)) return undefined;
  return nullableUnderlying(t) ? nullableOf(named(key)) : named(key);
}
