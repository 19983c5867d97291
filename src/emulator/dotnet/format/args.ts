// Reading evaluated arguments as the JavaScript values the date/time, text, regex, web and crypto modules compute
// with. A wrong argument type is a programming error of the interpreter's overload choice or a construct this module
// does not know, so it is NotEmulated (never a guessed conversion).

import { arrayOf, K, named } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo } from "../../runtime-types.js";
import { NetArray, NetEnum, type NetValue, Num } from "../../values.js";

export const BYTE_TYPE = named(K.byte);
export const STRING_TYPE = named(K.string);

export function isNum(v: NetValue): v is Num {
  return v instanceof Num;
}

/** A Num as a JS number (decimal and long through their exact value, rounded once). */
export function numberOf(v: Num): number {
  const x = v.value;
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  return Number(x.mantissa) / 10 ** x.scale;
}

const INTEGRAL = new Set(["sbyte", "byte", "short", "ushort", "char", "int", "uint", "long", "ulong"]);

export function isIntegral(v: Num): boolean {
  return INTEGRAL.has(v.type);
}

export function bigintOf(v: Num): bigint {
  const x = v.value;
  if (typeof x === "bigint") return x;
  if (typeof x === "number") return BigInt(Math.trunc(x));
  return x.mantissa / 10n ** BigInt(x.scale);
}

/** What a call site is, for messages: `Type.Member`. */
export function fail(construct: string, call: CallInfo): never {
  throw new NotEmulated(construct, call.at);
}

export function argNullException(param: string, call: CallInfo): NetException {
  return new NetException("ArgumentNullException", `Value cannot be null. (Parameter '${param}')`, call.at);
}

/** The i-th argument as a string; null is ArgumentNullException (the BCL's contract for these parameters). */
export function stringArg(args: readonly Arg[], i: number, what: string, call: CallInfo, param = "input"): string {
  const v = args[i]?.value;
  if (v === null) throw argNullException(param, call);
  if (typeof v !== "string") fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return v;
}

export function optStringArg(args: readonly Arg[], i: number, what: string, call: CallInfo): string | null {
  const v = args[i]?.value;
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") fail(`${what} with a ${describe(v)} argument`, call);
  return v;
}

/** The i-th argument as an integral JS number. */
export function intArg(args: readonly Arg[], i: number, what: string, call: CallInfo): number {
  const v = args[i]?.value;
  if (!(v instanceof Num) || !isIntegral(v)) fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return numberOf(v);
}

/** The i-th argument as a double (any numeric type converts implicitly to double). */
export function doubleArg(args: readonly Arg[], i: number, what: string, call: CallInfo): number {
  const v = args[i]?.value;
  if (!(v instanceof Num) || v.type === "decimal") fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return numberOf(v);
}

export function enumArg(args: readonly Arg[], i: number, type: string, what: string, call: CallInfo): NetEnum {
  const v = args[i]?.value;
  if (!(v instanceof NetEnum) || v.$type !== type) fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return v;
}

/** A byte[] argument as bytes; null is ArgumentNullException. */
export function bytesArg(args: readonly Arg[], i: number, what: string, call: CallInfo, param = "bytes"): Uint8Array {
  const v = args[i]?.value;
  if (v === null) throw argNullException(param, call);
  if (!(v instanceof NetArray)) fail(`${what} with a ${describe(v ?? null)} argument`, call);
  const out = new Uint8Array(v.items.length);
  v.items.forEach((item, k) => {
    if (!(item instanceof Num) || item.type !== "byte") fail(`${what} with a non-byte array`, call);
    out[k] = item.value as number;
  });
  return out;
}

export function byteArray(bytes: Uint8Array): NetArray {
  return new NetArray(
    BYTE_TYPE,
    Array.from(bytes, (b) => new Num("byte", b)),
  );
}

export function stringArray(items: readonly string[]): NetArray {
  return new NetArray(STRING_TYPE, [...items]);
}

export const STRING_ARRAY_TYPE = arrayOf(STRING_TYPE);

/** A short description of a runtime value for NotEmulated messages. */
export function describe(v: NetValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v instanceof Num) return v.type;
  if (v instanceof NetArray) return "array";
  if (v instanceof NetEnum) return v.$type;
  if ("$type" in v) return v.$type;
  return "delegate";
}

/** Out-parameter write for TryParse-style methods. */
export function writeOut(args: readonly Arg[], i: number, value: NetValue, what: string, call: CallInfo): void {
  const ref = args[i]?.ref;
  if (!ref) fail(`${what} without an out argument`, call);
  ref.set(value);
}

export function formatException(message: string, call: CallInfo): NetException {
  return new NetException("FormatException", message, call.at);
}
