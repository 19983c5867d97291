// Runtime values of the C# interpreter: one JavaScript representation per kind of .NET value, so that .NET
// semantics survive where they differ from JavaScript (int wrap-around and truncating division, long beyond 2^53,
// decimal, char arithmetic, boxing and unboxing, ordinal strings).
//
// The contract every part of the emulator shares (the interpreter, the .NET library, the gateway's `context`):
// - `null` is C# null; `undefined` is never a value (a missing value is a bug, not null);
// - a JS `boolean` is System.Boolean and a JS `string` is System.String;
// - every number, char included, is a `Num` carrying its .NET type: there are no bare JS numbers;
// - enum values are `NetEnum`; arrays are `NetArray`; lambdas and method groups are `NetDelegate`;
// - everything else (DateTime, JObject, List<T>, context.Request, ...) is a `NetObject`: a class instance whose
//   `$type` names its runtime type by the type model's key (src/policy/csharp/types, e.g. `System.DateTime`,
//   ``System.Collections.Generic.List`1``), so member lookup and the checker speak of types the same way.

import type { TypeRef } from "../policy/csharp/types/type-ref.js";

/** The .NET numeric types, char included (C# treats char as an integral type), by their C# keywords. */
export const NUMERIC_TYPES = [
  "sbyte",
  "byte",
  "short",
  "ushort",
  "char",
  "int",
  "uint",
  "long",
  "ulong",
  "float",
  "double",
  "decimal",
] as const;

export type NumericType = (typeof NUMERIC_TYPES)[number];

/** An exact decimal: `mantissa * 10^-scale` (System.Decimal: 96-bit mantissa, scale 0..28, trailing zeros kept). */
export interface DecimalValue {
  readonly mantissa: bigint;
  readonly scale: number;
}

/**
 * A number with its .NET type. `value` is a JS number for the types that fit one exactly (every type up to 32 bits,
 * float and double), a bigint for long and ulong, and a DecimalValue for decimal. Constructors keep the invariant
 * (an int is always an integer in [-2^31, 2^31)); use the factories below rather than `new`.
 */
export class Num {
  constructor(
    readonly type: NumericType,
    readonly value: number | bigint | DecimalValue,
  ) {}
}

export function int(value: number): Num {
  return new Num("int", value | 0);
}

export function long(value: bigint | number): Num {
  return new Num("long", BigInt.asIntN(64, typeof value === "bigint" ? value : BigInt(Math.trunc(value))));
}

export function double(value: number): Num {
  return new Num("double", value);
}

export function char(code: number): Num {
  return new Num("char", code & 0xffff);
}

/** A value of an enum type (`StringComparison.OrdinalIgnoreCase`): its type key, member name and underlying value. */
export class NetEnum {
  constructor(
    readonly $type: string,
    readonly name: string,
    readonly value: number,
  ) {}
}

/** `T[]`: the element type is kept so that `is string[]`, `GetType()` and covariance checks can be answered. */
export class NetArray {
  constructor(
    readonly elementType: TypeRef,
    readonly items: NetValue[],
  ) {}
}

/** A lambda or method group, already bound to its closure. */
export class NetDelegate {
  constructor(
    /** Number of parameters, for overload choice (`Select(x => ...)` vs `Select((x, i) => ...)`). */
    readonly arity: number,
    readonly invoke: (args: readonly NetValue[]) => NetValue,
  ) {}
}

/** Any other .NET object: host classes of the emulator implement it. */
export interface NetObject {
  /** The runtime type: a type model key. */
  readonly $type: string;
  /** Generic arguments of the runtime type (`List<string>` has [string]); [] when not generic. */
  readonly $typeArgs?: readonly TypeRef[];
}

export type NetValue = null | boolean | string | Num | NetEnum | NetArray | NetDelegate | NetObject;

export function isNetObject(v: NetValue): v is NetObject {
  return (
    typeof v === "object" &&
    v !== null &&
    !(v instanceof Num) &&
    !(v instanceof NetArray) &&
    !(v instanceof NetEnum) &&
    "$type" in v
  );
}

/** A storage location for `out` and `ref` arguments. */
export interface Ref {
  get(): NetValue;
  set(value: NetValue): void;
}
