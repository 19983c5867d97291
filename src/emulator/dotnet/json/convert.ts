// Conversions between JTokens and .NET values, as Json.NET 13 does them:
// - into a token: JContainer.CreateFromContent and the implicit operators (`obj["a"] = 1`, `new JProperty("a", 1)`);
// - out of a token: the explicit operators (`(int)token`, `(string)token`: JToken.cs, ValidateToken then
//   System.Convert with the invariant culture), Extensions.Convert behind `Value<T>()` (Convert.ChangeType), and
//   ToObject<T> (the operators for primitives, the serializer for containers).
// The serializer's own conversions are emulated only where they give the same value as a plain copy (a JSON
// string into a string, an integer into an integral type in range, ...); others are NotEmulated.

import { K, named, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { AnonymousObject } from "../../interpreter/anonymous.js";
import { convertNum, isIntegralType, NUMERIC_KEY, numericTypeOfKey } from "../../interpreter/numbers.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { isNetObject, long, NetArray, NetEnum, type NetValue, Num, type NumericType } from "../../values.js";
import { describeType, iterableOf } from "../collections/support.js";
import { formatNumber } from "../format/number.js";
import { NetDateTime } from "../time/date-time.js";
import { invariantDateText } from "./dates.js";
import {
  isJToken,
  JARRAY,
  JArray,
  JOBJECT,
  JObject,
  JPROPERTY,
  JProperty,
  JTOKEN,
  type JToken,
  type JTokenTypeName,
  JVALUE,
  JValue,
} from "./model.js";

/** The JValue a primitive becomes (JValue(object): GetValueType). */
export function valueToken(v: NetValue, call: CallInfo): JToken {
  if (isJToken(v)) return v;
  if (v === null) return new JValue("Null", null);
  if (typeof v === "string") return new JValue("String", v);
  if (typeof v === "boolean") return new JValue("Boolean", v);
  if (v instanceof Num) {
    if (v.type === "char") return new JValue("String", String.fromCharCode(v.value as number));
    if (v.type === "ulong") return new JValue("Integer", v);
    if (isIntegralType(v.type)) return new JValue("Integer", convertNum(v, "long"));
    return new JValue("Float", v);
  }
  if (v instanceof NetDateTime) return new JValue("Date", v);
  throw new NotEmulated(`a JValue made from ${describeType(v)}`, call.at);
}

/** JContainer.IsMultiContent: an IEnumerable that is not a string, a token or a byte[] is added item by item. */
export function multiContent(registry: RuntimeRegistry, v: NetValue, call: CallInfo): Iterable<NetValue> | undefined {
  if (v === null || typeof v === "string" || isJToken(v)) return undefined;
  if (v instanceof NetArray && v.elementType.kind === "named" && v.elementType.key === K.byte) return undefined;
  return iterableOf(registry, v, call);
}

const STRING_TYPES: readonly JTokenTypeName[] = [
  "Date",
  "Integer",
  "Float",
  "String",
  "Comment",
  "Raw",
  "Boolean",
  "Bytes",
  "Guid",
  "TimeSpan",
  "Uri",
];
const NUMBER_TYPES: readonly JTokenTypeName[] = ["Integer", "Float", "String", "Comment", "Raw", "Boolean"];
const BOOLEAN_TYPES: readonly JTokenTypeName[] = ["Boolean", "Integer", "Float", "String", "Comment", "Raw"];
const DATE_TYPES: readonly JTokenTypeName[] = ["Date", "String", "Comment", "Raw"];
const CHAR_TYPES: readonly JTokenTypeName[] = ["Integer", "Float", "String", "Comment", "Raw"];

/** .NET's name of a conversion target, as the operators' messages spell it. */
const TARGET_NAME: Readonly<Record<string, string>> = {
  [K.string]: "String",
  [K.bool]: "Boolean",
  [K.dateTime]: "DateTime",
  ...Object.fromEntries(Object.values(NUMERIC_KEY).map((k) => [k, k.slice("System.".length)])),
};

function unwrapNullable(t: TypeRef): { key: string | undefined; nullable: boolean } {
  if (t.kind !== "named") return { key: undefined, nullable: false };
  if (t.key === K.nullable) {
    const inner = t.args[0];
    return { key: inner?.kind === "named" ? inner.key : undefined, nullable: true };
  }
  return { key: t.key, nullable: false };
}

/** `(T)token` for the primitive targets of JToken's explicit operators; undefined when T is not one of them. */
export function explicitFromToken(
  registry: RuntimeRegistry,
  token: JToken | null,
  target: TypeRef,
  call: CallInfo,
): NetValue | undefined {
  const { key, nullable } = unwrapNullable(target);
  if (key === undefined || TARGET_NAME[key] === undefined) return undefined;
  const isString = key === K.string;
  if (token === null) {
    if (isString || nullable) return null;
    throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'value')", call.at);
  }
  const inner = token instanceof JProperty ? token.value : token;
  const valid = isString
    ? STRING_TYPES
    : key === K.bool
      ? BOOLEAN_TYPES
      : key === K.dateTime
        ? DATE_TYPES
        : key === K.char
          ? CHAR_TYPES
          : NUMBER_TYPES;
  const ok =
    inner instanceof JValue &&
    (valid.includes(inner.tokenType) ||
      ((isString || nullable) && (inner.tokenType === "Null" || inner.tokenType === "Undefined")));
  if (!ok)
    throw new NetException("ArgumentException", `Can not convert ${inner.tokenType} to ${TARGET_NAME[key]}.`, call.at);
  const v = (inner as JValue).value;
  if (v === null) return null;
  return changeType(registry, v, key, call);
}

/**
 * System.Convert.ChangeType(value, type, InvariantCulture) for a value a JValue holds and a primitive target key.
 * Integral results are range-checked (OverflowException), doubles round half to even into integers.
 */
export function changeType(registry: RuntimeRegistry, v: NetValue, key: string, call: CallInfo): NetValue {
  if (key === K.string) return invariantText(v, call);
  if (key === K.object) return v;
  if (key === K.bool) {
    if (typeof v === "boolean") return v;
    if (typeof v === "string") {
      const t = v.replace(/^[\s\0]+|[\s\0]+$/g, "").toLowerCase();
      if (t === "true") return true;
      if (t === "false") return false;
      throw new NetException("FormatException", `String '${v}' was not recognized as a valid Boolean.`, call.at);
    }
    if (v instanceof Num) return v.type === "decimal" ? formatNumber(v, undefined) !== "0" : Number(v.value) !== 0;
    throw invalidCast(v, key, call);
  }
  if (key === K.dateTime) {
    if (v instanceof NetDateTime) return v;
    if (typeof v === "string") {
      const parse = registry.member(K.dateTime, "Parse", true);
      if (parse?.kind === "method") return parse.call(null, [{ value: v }], call);
      throw new NotEmulated("DateTime.Parse (no System.DateTime in the registry)", call.at);
    }
    throw invalidCast(v, key, call);
  }
  const t = numericTypeOfKey(key);
  if (t === undefined) throw new NotEmulated(`conversion of a JSON value to ${key}`, call.at);
  if (typeof v === "boolean") return convertNum(new Num("int", v ? 1 : 0), t);
  if (typeof v === "string") return parseNumber(v, t, call);
  if (v instanceof Num) return convertNumChecked(v, t, call);
  throw invalidCast(v, key, call);
}

function invalidCast(v: NetValue, key: string, call: CallInfo): NetException {
  const from = v instanceof NetDateTime ? "DateTime" : describeType(v).replace(/^System\./, "");
  return new NetException(
    "InvalidCastException",
    `Invalid cast from '${from}' to '${key.replace(/^System\./, "")}'.`,
    call.at,
  );
}

const OVERFLOW_NOUN: Readonly<Record<NumericType, string>> = {
  sbyte: "a signed byte",
  byte: "an unsigned byte",
  short: "an Int16",
  ushort: "a UInt16",
  char: "a character",
  int: "an Int32",
  uint: "a UInt32",
  long: "an Int64",
  ulong: "a UInt64",
  float: "a Single",
  double: "a Double",
  decimal: "a Decimal",
};

function overflow(t: NumericType, call: CallInfo): NetException {
  return new NetException(
    "OverflowException",
    `Value was either too large or too small for ${OVERFLOW_NOUN[t]}.`,
    call.at,
  );
}

const RANGE: Readonly<Partial<Record<NumericType, [bigint, bigint]>>> = {
  sbyte: [-128n, 127n],
  byte: [0n, 255n],
  short: [-32768n, 32767n],
  ushort: [0n, 65535n],
  char: [0n, 65535n],
  int: [-2147483648n, 2147483647n],
  uint: [0n, 4294967295n],
  long: [-(1n << 63n), (1n << 63n) - 1n],
  ulong: [0n, (1n << 64n) - 1n],
};

/** Convert.ToXxx(number): integral targets checked; from double and decimal rounded half to even first. */
function convertNumChecked(n: Num, t: NumericType, call: CallInfo): Num {
  const range = RANGE[t];
  if (!range) return convertNum(n, t);
  if (t === "char" && (n.type === "double" || n.type === "float" || n.type === "decimal")) {
    throw new NetException(
      "InvalidCastException",
      `Invalid cast from '${NUMERIC_KEY[n.type].slice(7)}' to 'Char'.`,
      call.at,
    );
  }
  let exact: bigint;
  if (isIntegralType(n.type)) exact = typeof n.value === "bigint" ? n.value : BigInt(n.value as number);
  else if (n.type === "decimal") {
    const text = formatNumber(n, "F0");
    exact = BigInt(text.replace(/^-0$/, "0"));
  } else {
    const x = n.value as number;
    if (!Number.isFinite(x)) throw overflow(t, call);
    exact = BigInt(roundHalfEven(x));
  }
  if (exact < range[0] || exact > range[1]) throw overflow(t, call);
  return convertNum(t === "long" || t === "ulong" ? new Num(t, exact) : new Num("long", exact), t);
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** int.Parse/double.Parse/decimal.Parse with the invariant culture (NumberStyles.Integer, Float|AllowThousands, Number). */
function parseNumber(s: string, t: NumericType, call: CallInfo): Num {
  const text = s.trim();
  const bad = () => new NetException("FormatException", "Input string was not in a correct format.", call.at);
  if (RANGE[t] && t !== "char") {
    if (!/^[+-]?\d+$/.test(text)) throw bad();
    const n = BigInt(text);
    const [lo, hi] = RANGE[t]!;
    if (n < lo || n > hi) throw overflow(t, call);
    return convertNum(new Num("long", BigInt.asIntN(64, n)), t === "ulong" ? "long" : t).type === t
      ? convertNum(new Num("long", n), t)
      : new Num(t, t === "ulong" ? n : Number(n));
  }
  if (t === "char") {
    if (s.length !== 1)
      throw new NetException("FormatException", "String must be exactly one character long.", call.at);
    return new Num("char", s.charCodeAt(0));
  }
  if (t === "decimal") {
    const m = /^([+-])?(\d[\d,]*)?(?:\.(\d*))?$/.exec(text);
    if (!m || (m[2] === undefined && !m[3])) throw bad();
    const digits = `${(m[2] ?? "").replace(/,/g, "")}${m[3] ?? ""}`;
    const mantissa = BigInt(digits === "" ? "0" : digits) * (m[1] === "-" ? -1n : 1n);
    return new Num("decimal", { mantissa, scale: (m[3] ?? "").length });
  }
  const special = /^([+-])?(infinity|∞|nan)$/i.exec(text);
  let x: number;
  if (special) x = special[2]!.toLowerCase() === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity;
  else {
    if (!/^[+-]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw bad();
    x = Number(text.replace(/,/g, ""));
  }
  if (t === "float") {
    const f = Math.fround(x);
    if (!Number.isFinite(f) && Number.isFinite(x)) throw overflow(t, call);
    return new Num("float", f);
  }
  return new Num("double", x);
}

/** Convert.ToString(value, InvariantCulture). */
export function invariantText(v: NetValue, call: CallInfo): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof Num) return formatNumber(v, undefined, call.at);
  if (v instanceof NetDateTime) return invariantDateText(v);
  if (v instanceof NetEnum) return v.name;
  throw new NotEmulated(`Convert.ToString of ${describeType(v)}`, call.at);
}

function isJTokenKey(key: string): boolean {
  return (
    key === JTOKEN ||
    key === JOBJECT ||
    key === JARRAY ||
    key === JVALUE ||
    key === JPROPERTY ||
    key === "Newtonsoft.Json.Linq.JContainer"
  );
}

function tokenIs(token: JToken, key: string): boolean {
  if (key === JTOKEN) return true;
  if (key === "Newtonsoft.Json.Linq.JContainer") return !(token instanceof JValue);
  return token.$type === key;
}

/** `Value<T>()` (Extensions.Convert): null token gives default(T); a token that is a T is returned as is. */
export function valueAs(registry: RuntimeRegistry, token: JToken | null, target: TypeRef, call: CallInfo): NetValue {
  const { key, nullable } = unwrapNullable(target);
  if (key === undefined) throw new NotEmulated("Value<T> with this type argument", call.at);
  if (token === null) return nullable ? null : defaultOf(key, call);
  if (key === K.object || (isJTokenKey(key) && tokenIs(token, key))) return token;
  if (!(token instanceof JValue)) {
    throw new NetException("InvalidCastException", `Cannot cast ${token.$type} to ${JTOKEN}.`, call.at);
  }
  const v = token.value;
  if (v === null) {
    if (nullable || key === K.string) return null;
    if (numericTypeOfKey(key) !== undefined || key === K.bool || key === K.dateTime) {
      throw new NetException("InvalidCastException", "Null object cannot be converted to a value type.", call.at);
    }
    return null;
  }
  if (TARGET_NAME[key] === undefined) {
    if (typeof v === "string")
      throw new NetException("InvalidCastException", `Invalid cast from 'System.String' to '${key}'.`, call.at);
    throw new NotEmulated(`Value<${key}> of a JSON ${token.tokenType}`, call.at);
  }
  return changeType(registry, v, key, call);
}

/** default(T) for the value types Value<T> can produce; null for reference types. */
function defaultOf(key: string, call: CallInfo): NetValue {
  if (key === K.bool) return false;
  const t = numericTypeOfKey(key);
  if (t) return convertNum(new Num("int", 0), t);
  if (key === K.dateTime) return new NetDateTime(0n, "Unspecified");
  if (key === K.string || isJTokenKey(key) || key === K.object) return null;
  throw new NotEmulated(`default(${key})`, call.at);
}

const LIST = "System.Collections.Generic.List`1";
const DICTIONARY = "System.Collections.Generic.Dictionary`2";

/** Builds .NET collections for ToObject/DeserializeObject; supplied by the collections module. */
export interface CollectionFactory {
  list(elementType: TypeRef, items: NetValue[]): NetValue;
  dictionary(keyType: TypeRef, valueType: TypeRef, entries: [NetValue, NetValue][]): NetValue;
}

/** `token.ToObject<T>()`: the explicit operators for primitives, a copy for tokens, the serializer for collections. */
export function toObject(
  registry: RuntimeRegistry,
  token: JToken,
  target: TypeRef,
  collections: CollectionFactory,
  call: CallInfo,
): NetValue {
  const primitive = explicitFromToken(registry, token, target, call);
  if (primitive !== undefined) return primitive;
  return deserialize(registry, token, target, collections, call);
}

/** What JsonSerializer.Deserialize makes of `token` for type `target`. */
export function deserialize(
  registry: RuntimeRegistry,
  token: JToken | null,
  target: TypeRef,
  collections: CollectionFactory,
  call: CallInfo,
): NetValue {
  const t = token instanceof JValue && token.tokenType === "Null" ? null : token;
  if (target.kind === "array") {
    if (t === null) return null;
    if (!(t instanceof JArray)) throw notSerializer(token, target, call);
    return new NetArray(
      target.element,
      t.items.map((item) => deserialize(registry, item, target.element, collections, call)),
    );
  }
  const { key, nullable } = unwrapNullable(target);
  if (key === undefined) throw notSerializer(token, target, call);
  if (key === K.object) {
    if (t === null) return null;
    return t instanceof JValue ? t.value : t.clone();
  }
  if (isJTokenKey(key)) {
    if (token === null) return null;
    if (!tokenIs(token, key)) throw notSerializer(token, target, call);
    return token.clone();
  }
  if (key === LIST || key === DICTIONARY) {
    if (t === null) return null;
    const args = (target as { args: readonly TypeRef[] }).args;
    if (key === LIST && t instanceof JArray) {
      return collections.list(
        args[0]!,
        t.items.map((item) => deserialize(registry, item, args[0]!, collections, call)),
      );
    }
    if (key === DICTIONARY && t instanceof JObject && args[0]?.kind === "named" && args[0].key === K.string) {
      return collections.dictionary(
        args[0],
        args[1]!,
        t.properties.map((p) => [p.name, deserialize(registry, p.value, args[1]!, collections, call)]),
      );
    }
    throw notSerializer(token, target, call);
  }
  // Primitives read by the serializer: only the conversions that copy the value are emulated.
  if (t === null) {
    if (nullable || key === K.string) return null;
    throw notSerializer(token, target, call);
  }
  if (!(t instanceof JValue)) throw notSerializer(token, target, call);
  const v = t.value;
  if (key === K.string) {
    if (t.tokenType === "String" || t.tokenType === "Integer" || t.tokenType === "Float" || t.tokenType === "Boolean") {
      return invariantText(v, call);
    }
    throw notSerializer(token, target, call);
  }
  if (key === K.bool && typeof v === "boolean") return v;
  const nt = numericTypeOfKey(key);
  if (nt && v instanceof Num) {
    if (t.tokenType === "Integer") return convertNumChecked(v, nt, call);
    if (t.tokenType === "Float" && (nt === "double" || nt === "float" || nt === "decimal")) return convertNum(v, nt);
  }
  if (key === K.dateTime && v instanceof NetDateTime) return v;
  throw notSerializer(token, target, call);
}

function notSerializer(token: JToken | null, target: TypeRef, call: CallInfo): NotEmulated {
  const what = token === null ? "null" : `a JSON ${token.tokenType}`;
  const to = target.kind === "named" ? target.key : target.kind === "array" ? "an array type" : target.kind;
  return new NotEmulated(`Json.NET serializer conversion of ${what} to ${to}`, call.at);
}

/** JToken.FromObject / what JsonConvert.SerializeObject writes: tokens, primitives, dictionaries and sequences. */
export function fromObject(registry: RuntimeRegistry, v: NetValue, call: CallInfo, depth = 0): JToken {
  if (depth > 64) throw new NotEmulated("serializing a self-referencing object graph", call.at);
  if (isJToken(v)) return v.parent ? v.clone() : v;
  if (v === null || typeof v === "string" || typeof v === "boolean" || v instanceof Num || v instanceof NetDateTime) {
    return valueToken(v, call);
  }
  if (v instanceof NetEnum) return new JValue("Integer", long(v.value));
  if (v instanceof AnonymousObject) {
    // An anonymous type is serialized as an object of its properties, in declaration order.
    const o = new JObject();
    for (const name of v.names()) {
      const p = new JProperty(name);
      p.setValue(fromObject(registry, v.get(name) ?? null, call, depth + 1));
      o.append(p);
    }
    return o;
  }
  if (isNetObject(v)) {
    const entries = dictionaryEntries(registry, v, call);
    if (entries) {
      const o = new JObject();
      for (const [k, value] of entries) {
        const name = invariantText(k, call) ?? "";
        const existing = o.property(name);
        const p = existing ?? new JProperty(name);
        p.setValue(fromObject(registry, value, call, depth + 1));
        if (!existing) o.append(p);
      }
      return o;
    }
  }
  const items = multiContent(registry, v, call);
  if (items) {
    const a = new JArray();
    for (const item of items) a.add(fromObject(registry, item, call, depth + 1));
    return a;
  }
  throw new NotEmulated(`serializing ${describeType(v)} to JSON`, call.at);
}

/** The key/value pairs of a dictionary-like object (its runtime type exposes them through `iterate` of KeyValuePairs). */
function dictionaryEntries(registry: RuntimeRegistry, v: NetValue, call: CallInfo): [NetValue, NetValue][] | undefined {
  if (!isNetObject(v) || !/Dictionary`2$/.test(v.$type)) return undefined;
  const it = iterableOf(registry, v, call);
  if (!it) return undefined;
  const out: [NetValue, NetValue][] = [];
  for (const kv of it) {
    const key = registry.member((kv as { $type: string }).$type, "Key", false);
    const value = registry.member((kv as { $type: string }).$type, "Value", false);
    if (key?.kind !== "property" || value?.kind !== "property")
      throw new NotEmulated(`serializing ${v.$type}`, call.at);
    out.push([key.get(kv, call), value.get(kv, call)]);
  }
  return out;
}

export const TYPE_OBJECT = named(K.object);
