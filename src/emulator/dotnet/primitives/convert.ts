// System.Convert and System.BitConverter. Convert.ToInt32/ToInt64 of a floating or decimal value round half to
// even (Convert.ToInt32(2.5) is 2) and throw OverflowException out of range; of a string they parse with the
// invariant culture (null gives 0); FromBase64String ignores white space and throws FormatException as .NET.
//
// Convert.ToString(null) returns "" (the ToString(object) overload; the ToString(string) overload would return
// null, which the runtime value cannot tell apart).

import { K, named } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { decRound } from "../../interpreter/decimal.js";
import { convertNum, integral, isIntegralType } from "../../interpreter/numbers.js";
import { netToString } from "../../interpreter/text.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import {
  char,
  type DecimalValue,
  double,
  int,
  long,
  NetArray,
  NetEnum,
  type NetValue,
  Num,
  type NumericType,
} from "../../values.js";
import { argumentNull, argumentOutOfRange, asInt, type Members, method, overload, values } from "./args.js";
import { roundDouble } from "./math.js";
import { parseNumber } from "./numbers.js";

const BYTE = named(K.byte);

export function bytesOf(v: NetValue, param: string, call: CallInfo): Uint8Array {
  if (v === null) throw argumentNull(param, call);
  if (!(v instanceof NetArray) || !v.items.every((x) => x instanceof Num && x.type === "byte")) {
    throw new NotEmulated(`a ${param} argument that is not a byte[]`, call.at);
  }
  return Uint8Array.from(v.items.map((x) => (x as Num).value as number));
}

export function byteArray(bytes: Uint8Array): NetArray {
  return new NetArray(
    BYTE,
    [...bytes].map((b) => new Num("byte", b)),
  );
}

function overflowFor(t: NumericType, call: CallInfo): NetException {
  const name = {
    sbyte: "an SByte",
    byte: "an unsigned byte",
    short: "an Int16",
    ushort: "a UInt16",
    int: "an Int32",
    uint: "a UInt32",
    long: "an Int64",
    ulong: "a UInt64",
  }[t as "int"];
  return new NetException("OverflowException", `Value was either too large or too small for ${name ?? t}.`, call.at);
}

/** Convert.ToXxx(value) for an integral target: checked, rounding floating and decimal values half to even. */
function toIntegral(t: NumericType, v: NetValue, call: CallInfo): Num {
  if (v === null) return integral(t, 0n);
  if (typeof v === "boolean") return integral(t, v ? 1n : 0n);
  if (typeof v === "string") return parseNumber(t, v, call);
  if (v instanceof NetEnum) return toIntegral(t, int(v.value), call);
  if (!(v instanceof Num))
    throw new NotEmulated(`Convert to ${t} of a ${(v as { $type?: string }).$type ?? typeof v}`, call.at);
  if (
    v.type === "char" &&
    t !== "char" &&
    !["int", "uint", "long", "ulong", "ushort"].includes(t) &&
    (v.value as number) > 0x7fff
  )
    throw overflowFor(t, call);
  try {
    if (isIntegralType(v.type)) return convertNum(v, t, true);
    if (v.type === "decimal")
      return convertNum(new Num("decimal", decRound(v.value as DecimalValue, 0, "even")), t, true);
    const r = roundDouble(v.value as number, "even");
    if (!Number.isFinite(r)) throw overflowFor(t, call);
    return convertNum(double(r), t, true);
  } catch (e) {
    if (e instanceof NetException && e.type === "OverflowException") throw overflowFor(t, call);
    throw e;
  }
}

function toFloating(t: "double" | "float" | "decimal", v: NetValue, call: CallInfo): Num {
  if (v === null) return convertNum(int(0), t);
  if (typeof v === "boolean") return convertNum(int(v ? 1 : 0), t);
  if (typeof v === "string") return parseNumber(t, v, call);
  if (v instanceof Num) {
    if (v.type === "char")
      throw new NetException(
        "InvalidCastException",
        `Invalid cast from 'Char' to '${t === "decimal" ? "Decimal" : t === "float" ? "Single" : "Double"}'.`,
        call.at,
      );
    return convertNum(v, t);
  }
  throw new NotEmulated(`Convert to ${t} of this value`, call.at);
}

function toBoolean(v: NetValue, call: CallInfo): boolean {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
    throw new NetException("FormatException", `String '${v}' was not recognized as a valid Boolean.`, call.at);
  }
  if (v instanceof Num) {
    if (v.type === "char")
      throw new NetException("InvalidCastException", "Invalid cast from 'Char' to 'Boolean'.", call.at);
    if (v.type === "decimal") return (v.value as DecimalValue).mantissa !== 0n;
    return typeof v.value === "bigint" ? v.value !== 0n : v.value !== 0;
  }
  throw new NotEmulated("Convert.ToBoolean of this value", call.at);
}

const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(s: NetValue, call: CallInfo): NetArray {
  if (s === null) throw argumentNull("s", call);
  if (typeof s !== "string") throw new NotEmulated("FromBase64String of a non-string", call.at);
  const compact = s.replace(/[ \t\r\n]/g, "");
  if (compact.length % 4 !== 0 || !BASE64_CHARS.test(compact)) {
    throw new NetException(
      "FormatException",
      "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.",
      call.at,
    );
  }
  return byteArray(Uint8Array.from(Buffer.from(compact, "base64")));
}

function toBase64(args: readonly NetValue[], call: CallInfo): string {
  let bytes = bytesOf(args[0] ?? null, "inArray", call);
  const rest = args.slice(1);
  let lineBreaks = false;
  if (rest.at(-1) instanceof NetEnum) lineBreaks = ((rest.pop() as NetEnum).value & 1) === 1;
  if (rest.length === 2) {
    const off = asInt(rest[0]!);
    const len = asInt(rest[1]!);
    if (off === undefined || len === undefined) overload("Convert.ToBase64String", args, call);
    if (off < 0 || len < 0 || off + len > bytes.length)
      throw argumentOutOfRange(
        "offset",
        "Index was out of range. Must be non-negative and less than the size of the collection.",
        call,
      );
    bytes = bytes.subarray(off, off + len);
  } else if (rest.length !== 0) overload("Convert.ToBase64String", args, call);
  const text = Buffer.from(bytes).toString("base64");
  // InsertLineBreaks: a CRLF after every 76 characters.
  return lineBreaks ? (text.match(/.{1,76}/g) ?? []).join("\r\n") : text;
}

export function defineConvert(registry: RuntimeRegistry): void {
  const statics: Members = {};
  const integralTargets: [string, NumericType][] = [
    ["ToSByte", "sbyte"],
    ["ToByte", "byte"],
    ["ToInt16", "short"],
    ["ToUInt16", "ushort"],
    ["ToInt32", "int"],
    ["ToUInt32", "uint"],
    ["ToInt64", "long"],
    ["ToUInt64", "ulong"],
  ];
  for (const [name, t] of integralTargets) {
    statics[name] = method((_s, args, call) => {
      const a = values(args, `Convert.${name}`, call);
      if (a.length === 2 && (typeof a[0] === "string" || a[0] === null) && asInt(a[1]!) !== undefined) {
        return fromBase(t, a[0] as string | null, asInt(a[1]!)!, call);
      }
      if (a.length !== 1) throw new NotEmulated(`Convert.${name} with an IFormatProvider`, call.at);
      return toIntegral(t, a[0]!, call);
    });
  }
  statics.ToDouble = method((_s, args, call) =>
    toFloating(
      "double",
      one(
        args.map((a) => a.value),
        "ToDouble",
        call,
      ),
      call,
    ),
  );
  statics.ToSingle = method((_s, args, call) =>
    toFloating(
      "float",
      one(
        args.map((a) => a.value),
        "ToSingle",
        call,
      ),
      call,
    ),
  );
  statics.ToDecimal = method((_s, args, call) =>
    toFloating(
      "decimal",
      one(
        args.map((a) => a.value),
        "ToDecimal",
        call,
      ),
      call,
    ),
  );
  statics.ToBoolean = method((_s, args, call) =>
    toBoolean(
      one(
        args.map((a) => a.value),
        "ToBoolean",
        call,
      ),
      call,
    ),
  );
  statics.ToChar = method((_s, args, call) => {
    const v = one(
      args.map((a) => a.value),
      "ToChar",
      call,
    );
    if (typeof v === "string") {
      if (v.length !== 1)
        throw new NetException("FormatException", "String must be exactly one character long.", call.at);
      return char(v.charCodeAt(0));
    }
    if (v === null) return char(0);
    return toIntegral("char", v, call);
  });
  statics.ToString = method((_s, args, call) => {
    const a = values(args, "Convert.ToString", call);
    if (a.length === 2 && a[0] instanceof Num && isIntegralType(a[0].type) && asInt(a[1]!) !== undefined)
      return toBase(a[0], asInt(a[1]!)!, call);
    if (a.length !== 1) throw new NotEmulated("Convert.ToString with an IFormatProvider", call.at);
    return netToString(a[0]!, { registry, now: call.now });
  });
  statics.ToBase64String = method((_s, args, call) => toBase64(values(args, "Convert.ToBase64String", call), call));
  statics.FromBase64String = method((_s, args, call) =>
    fromBase64(
      one(
        args.map((a) => a.value),
        "FromBase64String",
        call,
      ),
      call,
    ),
  );
  registry.define({ key: "System.Convert", static: statics });

  registry.define({
    key: "System.BitConverter",
    static: {
      IsLittleEndian: { kind: "property", get: () => true },
      ToString: method((_s, args, call) => {
        const a = values(args, "BitConverter.ToString", call);
        let bytes = bytesOf(a[0] ?? null, "value", call);
        const start = a.length > 1 ? asInt(a[1]!) : 0;
        if (start === undefined) return overload("BitConverter.ToString", a, call);
        const length = a.length > 2 ? asInt(a[2]!) : bytes.length - start;
        if (length === undefined) return overload("BitConverter.ToString", a, call);
        if (start < 0 || (start >= bytes.length && bytes.length > 0) || length < 0 || start + length > bytes.length) {
          throw argumentOutOfRange(
            "startIndex",
            "Index was out of range. Must be non-negative and less than the size of the collection.",
            call,
          );
        }
        bytes = bytes.subarray(start, start + length);
        return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("-");
      }),
      GetBytes: method((_s, args, call) => {
        const v = one(
          args.map((a) => a.value),
          "GetBytes",
          call,
        );
        if (typeof v === "boolean") return byteArray(Uint8Array.of(v ? 1 : 0));
        if (!(v instanceof Num) || v.type === "decimal") return overload("BitConverter.GetBytes", [v], call);
        const widths: Partial<Record<NumericType, number>> = {
          short: 2,
          ushort: 2,
          char: 2,
          int: 4,
          uint: 4,
          long: 8,
          ulong: 8,
          float: 4,
          double: 8,
        };
        const w = widths[v.type];
        if (!w) return overload("BitConverter.GetBytes", [v], call);
        const view = new DataView(new ArrayBuffer(w));
        if (v.type === "double") view.setFloat64(0, v.value as number, true);
        else if (v.type === "float") view.setFloat32(0, v.value as number, true);
        else if (w === 8) view.setBigUint64(0, BigInt.asUintN(64, v.value as bigint), true);
        else if (w === 4) view.setUint32(0, (v.value as number) >>> 0, true);
        else view.setUint16(0, (v.value as number) & 0xffff, true);
        return byteArray(new Uint8Array(view.buffer));
      }),
      ToInt32: method((_s, args, call) => {
        const a = values(args, "BitConverter.ToInt32", call);
        const bytes = bytesOf(a[0] ?? null, "value", call);
        const start = asInt(a[1] ?? null);
        if (start === undefined) return overload("BitConverter.ToInt32", a, call);
        if (start < 0 || start + 4 > bytes.length)
          throw argumentOutOfRange(
            "startIndex",
            "Index was out of range. Must be non-negative and less than the size of the collection.",
            call,
          );
        return int(new DataView(bytes.buffer, bytes.byteOffset).getInt32(start, true));
      }),
      ToInt64: method((_s, args, call) => {
        const a = values(args, "BitConverter.ToInt64", call);
        const bytes = bytesOf(a[0] ?? null, "value", call);
        const start = asInt(a[1] ?? null);
        if (start === undefined) return overload("BitConverter.ToInt64", a, call);
        if (start < 0 || start + 8 > bytes.length)
          throw argumentOutOfRange(
            "startIndex",
            "Index was out of range. Must be non-negative and less than the size of the collection.",
            call,
          );
        return long(new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(start, true));
      }),
    },
  });
}

function one(a: readonly NetValue[], what: string, call: CallInfo): NetValue {
  if (a.length !== 1) throw new NotEmulated(`Convert.${what} with ${a.length} arguments`, call.at);
  return a[0]!;
}

const DIGITS = "0123456789abcdef";

function fromBase(t: NumericType, s: string | null, base: number, call: CallInfo): Num {
  if (![2, 8, 10, 16].includes(base)) throw new NetException("ArgumentException", "Invalid Base.", call.at);
  if (s === null) return integral(t, 0n);
  if (base === 10) return parseNumber(t, s, call);
  let text = s.toLowerCase();
  if (base === 16 && text.startsWith("0x")) text = text.slice(2);
  if (text === "" || [...text].some((c) => DIGITS.indexOf(c) < 0 || DIGITS.indexOf(c) >= base)) {
    throw new NetException("FormatException", "Could not find any recognizable digits.", call.at);
  }
  const v = BigInt(base === 2 ? `0b${text}` : base === 8 ? `0o${text}` : `0x${text}`);
  const info = { sbyte: 8, byte: 8, short: 16, ushort: 16, int: 32, uint: 32, long: 64, ulong: 64 }[t as "int"];
  if (v >= 1n << BigInt(info)) throw overflowFor(t, call);
  // Other bases read the bits as two's complement: Convert.ToInt32("ffffffff", 16) is -1.
  return integral(t, v);
}

function toBase(v: Num, base: number, call: CallInfo): string {
  if (![2, 8, 10, 16].includes(base)) throw new NetException("ArgumentException", "Invalid Base.", call.at);
  if (base === 10) return String(v.value);
  const bits = { sbyte: 8, byte: 8, short: 16, ushort: 16, char: 16, int: 32, uint: 32, long: 64, ulong: 64 }[
    v.type as "int"
  ];
  const big = typeof v.value === "bigint" ? v.value : BigInt(v.value as number);
  return BigInt.asUintN(bits, big).toString(base);
}
