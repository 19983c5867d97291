// Conversions: implicit (declarations, assignments, arguments of lambdas) and explicit casts. A cast of a boxed
// value is an unboxing, which needs the exact type ((int)(object)5L throws InvalidCastException); a cast of a
// value whose static type is numeric is a numeric conversion (truncation, wrap-around). The checker's static type
// of the operand tells which one C# compiled.

import { typeModel } from "../../policy/csharp/types/lookup.js";
import { K, substitute, type TypeRef } from "../../policy/csharp/types/type-ref.js";
import { NetException } from "../errors.js";
import type { CallInfo, RuntimeRegistry } from "../runtime-types.js";
import { char, isNetObject, NetDelegate, NetEnum, type NetValue, Num, type NumericType } from "../values.js";
import type { Interpreter } from "./evaluator.js";
import { convertNum, numericTypeOfKey, zero } from "./numbers.js";
import { fullNameOf, isInstance, isValueTypeRef, runtimeKey, typeRefOf } from "./type-of.js";

interface Site {
  start: number;
}

function numericTarget(t: TypeRef): NumericType | undefined {
  return t.kind === "named" ? numericTypeOfKey(t.key) : undefined;
}

function underlying(t: TypeRef): TypeRef | undefined {
  return t.kind === "named" && t.key === K.nullable ? t.args[0] : undefined;
}

function isEnumRef(t: TypeRef | undefined): boolean {
  return t?.kind === "named" && typeModel().type(t.key)?.kind === "enum";
}

function callInfo(it: Interpreter, node: Site): CallInfo {
  return it.info(node);
}

/** A user-defined conversion the registry knows (JToken <-> string/int, XName from string, ...). */
function userConversion(
  registry: RuntimeRegistry,
  v: NetValue,
  target: TypeRef,
  explicit: boolean,
  call: CallInfo,
): NetValue | undefined {
  const from = runtimeKey(v);
  if (from) {
    const t = registry.find(from, "convertTo");
    const r = t?.convertTo?.(v, target, explicit, call);
    if (r !== undefined) return r;
  }
  if (target.kind === "named") {
    const t = registry.type(target.key);
    const r = t?.convertFrom?.(v, explicit, call);
    if (r !== undefined) return r;
  }
  return undefined;
}

/**
 * The implicit conversion of a value to a declared type: numeric widening (`long x = 5`, `double d = 1`), nullable
 * wrapping, user-defined implicit conversions; reference conversions and boxing leave the value as it is.
 */
export function implicitTo(v: NetValue, target: TypeRef | undefined, it: Interpreter, node: Site): NetValue {
  if (!target || v === null) return v;
  if (v instanceof NetDelegate) return typedDelegate(v, target, it, node);
  const inner = underlying(target) ?? target;
  const num = numericTarget(inner);
  if (num && v instanceof Num) return v.type === num ? v : convertNum(v, num);
  if (inner.kind !== "named" || inner.key === K.object) return v;
  const is = isInstance(v, inner);
  if (is) return v;
  const converted = userConversion(it.env.registry, v, inner, false, callInfo(it, node));
  return converted ?? v;
}

/**
 * A lambda given a delegate type (`Func<double> f = () => 1;`): C# converts its arguments to the parameter types and
 * its result to the return type, so `f()` is the double 1, not the int.
 */
function typedDelegate(fn: NetDelegate, target: TypeRef, it: Interpreter, node: Site): NetDelegate {
  if (target.kind !== "named" || typeModel().type(target.key)?.kind !== "delegate") return fn;
  const invoke = typeModel().findMembers(target, "Invoke")[0];
  if (!invoke) return fn;
  const params = invoke.member.parameters.map((p) => substitute(p.type, invoke.substitution));
  const ret = invoke.member.type ? substitute(invoke.member.type, invoke.substitution) : undefined;
  const returns = ret !== undefined && !(ret.kind === "named" && ret.key === K.void);
  return new NetDelegate(fn.arity, (args) => {
    const result = fn.invoke(args.map((a, i) => implicitTo(a, params[i], it, node)));
    return returns ? implicitTo(result, ret, it, node) : result;
  });
}

/** `(T)v`. `operandType` is the operand's static type (undefined when the checker could not tell). */
export function castTo(
  v: NetValue,
  target: TypeRef,
  operandType: TypeRef | undefined,
  it: Interpreter,
  node: Site,
): NetValue {
  // A user-defined conversion of the operand's type is chosen before Nullable<T> is unwrapped or null is looked at:
  // Newtonsoft's explicit operator int?(JToken) gives null for a JSON null, its operator int(JToken) throws
  // ArgumentNullException for a null token (C# §10.5.5: the operator of the operand's static type applies to null).
  const user = userConversionOfObject(v, target, operandType, it, node);
  if (user !== undefined) return user;
  const nullableInner = underlying(target);
  if (nullableInner)
    return v === null
      ? null
      : castTo(v, nullableInner, operandType && (underlying(operandType) ?? operandType), it, node);
  const num = numericTarget(target);
  const targetIsEnum = isEnumRef(target);
  if (target.kind === "named" && target.key === K.object) return v;
  if (target.kind === "dynamic") return v;
  if (v === null) {
    if (num || targetIsEnum || (target.kind === "named" && isValueTypeRef(target))) throw it.nullReference(node);
    return null;
  }
  const staticInner = operandType ? (underlying(operandType) ?? operandType) : undefined;
  const staticNumeric = staticInner ? numericTarget(staticInner) !== undefined || isEnumRef(staticInner) : false;
  if (num) {
    if (v instanceof Num || v instanceof NetEnum) {
      const asNum = v instanceof NetEnum ? new Num("int", v.value) : v;
      if (staticNumeric) return convertNum(asNum, num, it.isChecked);
      // Unboxing: only to the exact type (an enum unboxes to its underlying type too).
      if (v instanceof Num && v.type === num) return v;
      if (v instanceof NetEnum && num === "int") return asNum;
      if (operandType === undefined)
        throw it.notEmulated(`cast of a ${runtimeKey(v)} of unknown static type to ${num}`, node);
      throw invalidCast(v, target, it, node);
    }
    const r = userConversion(it.env.registry, v, target, true, callInfo(it, node));
    if (r !== undefined) return r;
    throw invalidCast(v, target, it, node);
  }
  if (targetIsEnum) {
    if (v instanceof NetEnum && target.kind === "named" && v.$type === target.key) return v;
    if (v instanceof Num) {
      const t = it.env.registry.type((target as { key: string }).key);
      const fromValue = t?.static?.__fromValue;
      if (fromValue?.kind === "method")
        return fromValue.call(null, [{ value: convertNum(v, "int") }], callInfo(it, node));
      throw it.notEmulated(`cast of a number to ${fullNameOf(target)}`, node);
    }
    throw invalidCast(v, target, it, node);
  }
  const is = isInstance(v, target);
  if (is) return v;
  const r = userConversion(it.env.registry, v, target, true, callInfo(it, node));
  if (r !== undefined) return r;
  if (is === false) throw invalidCast(v, target, it, node);
  throw it.notEmulated(`cast of a ${runtimeKey(v)} to ${fullNameOf(target)}`, node);
}

/**
 * The explicit conversion a library class declares (JToken, XElement, XAttribute to string, numbers, their
 * nullables): for an object by its runtime type, for null by the operand's static type. Numbers, strings, enums and
 * other primitives take the built-in conversions (undefined here).
 */
function userConversionOfObject(
  v: NetValue,
  target: TypeRef,
  operandType: TypeRef | undefined,
  it: Interpreter,
  node: Site,
): NetValue | undefined {
  if (v === null) {
    const from = operandType?.kind === "named" && operandType.key !== K.nullable ? operandType.key : undefined;
    if (!from || from === K.object || from === K.string) return undefined;
    const t = it.env.registry.find(from, "convertTo");
    return t?.convertTo?.(null, target, true, callInfo(it, node));
  }
  if (!isNetObject(v)) return undefined;
  const t = it.env.registry.find(v.$type, "convertTo");
  return t?.convertTo?.(v, target, true, callInfo(it, node));
}

function invalidCast(v: NetValue, target: TypeRef, it: Interpreter, node: Site): NetException {
  const from = fullNameOf(typeRefOf(v)!);
  return new NetException(
    "InvalidCastException",
    `Unable to cast object of type '${from}' to type '${fullNameOf(target)}'.`,
    it.at(node),
  );
}

/** default(T): zero for numbers, false, '\0', null for references and nullables; structs through the registry. */
export function defaultOf(t: TypeRef, it: Interpreter, node: Site): NetValue {
  if (t.kind !== "named") return null;
  if (t.key === K.nullable) return null;
  const num = numericTypeOfKey(t.key);
  if (num === "char") return char(0);
  if (num) return zero(num);
  if (t.key === K.bool) return false;
  if (!isValueTypeRef(t)) return null;
  const rt = it.env.registry.type(t.key);
  const d = rt?.static?.__default;
  if (d?.kind === "property") return d.get(null, callInfo(it, node));
  if (isEnumRef(t)) {
    const fromValue = rt?.static?.__fromValue;
    if (fromValue?.kind === "method") return fromValue.call(null, [{ value: zero("int") }], callInfo(it, node));
  }
  throw it.notEmulated(`default(${fullNameOf(t)})`, node);
}
