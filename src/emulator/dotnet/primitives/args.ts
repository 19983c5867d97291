// Argument reading for the primitive types' implementations: one place that turns a wrong argument shape into
// NotEmulated (an overload the emulator does not have) and a null into ArgumentNullException as .NET does.

import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, MethodImpl, PropertyImpl } from "../../runtime-types.js";
import { NetArray, NetEnum, type NetValue, Num } from "../../values.js";

export function method(call: MethodImpl["call"]): MethodImpl {
  return { kind: "method", call };
}

export function property(get: PropertyImpl["get"]): PropertyImpl {
  return { kind: "property", get };
}

export function constant(v: NetValue): PropertyImpl {
  return { kind: "property", get: () => v };
}

export function unsupported(what: string, call: CallInfo): never {
  throw new NotEmulated(what, call.at);
}

export function argumentNull(param: string, call: CallInfo): NetException {
  return new NetException("ArgumentNullException", `Value cannot be null. (Parameter '${param}')`, call.at);
}

export function argumentOutOfRange(param: string, message: string, call: CallInfo): NetException {
  return new NetException("ArgumentOutOfRangeException", `${message} (Parameter '${param}')`, call.at);
}

export function isString(v: NetValue): v is string {
  return typeof v === "string";
}

export function isNum(v: NetValue, ...types: string[]): v is Num {
  return v instanceof Num && (types.length === 0 || types.includes(v.type));
}

/** An int argument (the small integral types and char convert implicitly). */
export function asInt(v: NetValue): number | undefined {
  if (!(v instanceof Num)) return undefined;
  switch (v.type) {
    case "int":
    case "short":
    case "ushort":
    case "sbyte":
    case "byte":
    case "char":
      return v.value as number;
    default:
      return undefined;
  }
}

export function isEnumOf(v: NetValue, key: string): v is NetEnum {
  return v instanceof NetEnum && v.$type === key;
}

export function isStringArray(v: NetValue): v is NetArray {
  return v instanceof NetArray && v.items.every((x) => x === null || typeof x === "string");
}

export function isCharArray(v: NetValue): v is NetArray {
  return v instanceof NetArray && v.items.every((x) => x instanceof Num && x.type === "char");
}

/** The values of the arguments, after checking that none is named (named arguments need the parameter names). */
export function values(args: readonly Arg[], what: string, call: CallInfo): NetValue[] {
  if (args.some((a) => a.name !== undefined)) throw new NotEmulated(`${what} with named arguments`, call.at);
  return args.map((a) => a.value);
}

export function overload(what: string, args: readonly NetValue[], call: CallInfo): never {
  const shape = args.map((a) =>
    a === null
      ? "null"
      : a instanceof Num
        ? a.type
        : a instanceof NetArray
          ? "array"
          : typeof a === "object"
            ? ((a as { $type?: string }).$type ?? "object")
            : typeof a,
  );
  throw new NotEmulated(`${what}(${shape.join(", ")})`, call.at);
}

export type Members = Record<string, MemberImpl>;
