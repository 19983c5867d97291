// Small builders for RuntimeType members, shared by the collections, LINQ, JSON and XML modules.

import { NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MethodImpl, PropertyImpl } from "../../runtime-types.js";
import { int, type NetValue, Num } from "../../values.js";
import { describeType, invalidOperation } from "./support.js";

export function method<S>(fn: (self: S, args: readonly Arg[], call: CallInfo) => NetValue): MethodImpl {
  return { kind: "method", call: (self, args, call) => fn(self as S, args, call) };
}

export function getter<S>(fn: (self: S, call: CallInfo) => NetValue): PropertyImpl {
  return { kind: "property", get: (self, call) => fn(self as S, call) };
}

/** The argument at `i`, or NotEmulated naming the member when the call has fewer arguments. */
export function arg(args: readonly Arg[], i: number, what: string, call: CallInfo): NetValue {
  const a = args[i];
  if (!a) throw new NotEmulated(`${what} with ${args.length} argument(s)`, call.at);
  return a.value;
}

/** An int argument (index, count). */
export function intArgument(args: readonly Arg[], i: number, what: string, call: CallInfo): number {
  const v = arg(args, i, what, call);
  if (!(v instanceof Num) || !["int", "short", "ushort", "sbyte", "byte", "char"].includes(v.type)) {
    throw new NotEmulated(`${what} with a ${describeType(v)} argument`, call.at);
  }
  return v.value as number;
}

export function arity(args: readonly Arg[], allowed: readonly number[], what: string, call: CallInfo): number {
  if (!allowed.includes(args.length)) throw new NotEmulated(`${what} with ${args.length} argument(s)`, call.at);
  return args.length;
}

export function count(n: number): Num {
  return int(n);
}

/** Enumerates `items` while checking that `version()` does not change (List/Dictionary enumerators). */
export function* guarded<T>(items: Iterable<T>, version: () => number, call: CallInfo): Iterable<T> {
  const start = version();
  for (const item of items) {
    if (version() !== start) throw modified(call);
    yield item;
  }
  if (version() !== start) throw modified(call);
}

export function modified(call: CallInfo) {
  return invalidOperation("Collection was modified; enumeration operation may not execute.", call);
}
