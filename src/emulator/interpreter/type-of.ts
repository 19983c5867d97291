// Runtime types of values and types as written: the key a value's members are found under, `is`/`as`/cast tests,
// and TypeNode -> TypeRef resolution the way the checker resolves names (src/policy/csharp/checker.ts).

import type { TypeNode } from "../../policy/csharp/ast.js";
import { keywordType } from "../../policy/csharp/types/keywords.js";
import { type TypeInfo, typeModel } from "../../policy/csharp/types/lookup.js";
import {
  arrayOf,
  DYNAMIC_TYPE,
  K,
  named,
  nullableOf,
  sameType,
  type TypeRef,
} from "../../policy/csharp/types/type-ref.js";
import { isNetObject, NetArray, NetDelegate, NetEnum, type NetValue, Num } from "../values.js";
import { NUMERIC_KEY } from "./numbers.js";

/** The type key members of `v` are found under; undefined for null. */
export function runtimeKey(v: NetValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "string") return K.string;
  if (typeof v === "boolean") return K.bool;
  if (v instanceof Num) return NUMERIC_KEY[v.type];
  if (v instanceof NetEnum) return v.$type;
  if (v instanceof NetArray) return K.array;
  if (v instanceof NetDelegate) return "System.Delegate";
  return (v as { $type: string }).$type;
}

/** The runtime type of a non-null value as a TypeRef (arrays with their element type). */
export function typeRefOf(v: NetValue): TypeRef | undefined {
  if (v === null) return undefined;
  if (v instanceof NetArray) return arrayOf(v.elementType);
  if (isNetObject(v)) return named(v.$type, v.$typeArgs ?? []);
  return named(runtimeKey(v)!);
}

/** .NET's full name of a runtime type (`System.String[]`), as Object.ToString() and cast messages print it. */
export function formatTypeName(key: string, v?: NetValue): string {
  if (v instanceof NetArray) return `${fullNameOf(v.elementType)}[]`;
  return key;
}

export function fullNameOf(t: TypeRef): string {
  if (t.kind === "array") return `${fullNameOf(t.element)}[${",".repeat(t.rank - 1)}]`;
  if (t.kind === "named") {
    if (t.args.length === 0) return t.key;
    // Type.ToString()'s form, which .NET's messages print (FullName adds assembly names in double brackets).
    return `${t.key}[${t.args.map((a) => fullNameOf(a)).join(",")}]`;
  }
  return t.kind;
}

/** The model's info of a type key (undefined when the model does not know it). */
export function typeInfo(key: string): TypeInfo | undefined {
  return typeModel().type(key);
}

/**
 * `v is T` for a non-null `v`: true/false, or undefined when the model cannot tell (a runtime type the model does
 * not know).
 */
export function isInstance(v: NetValue, target: TypeRef): boolean | undefined {
  if (v === null) return false;
  if (target.kind === "dynamic") return true;
  if (target.kind === "array") {
    if (!(v instanceof NetArray)) return false;
    if (target.rank !== 1) return undefined;
    return elementConverts(v.elementType, target.element);
  }
  if (target.kind !== "named") return undefined;
  if (target.key === K.object) return true;
  if (target.key === K.nullable) return target.args[0] ? isInstance(v, target.args[0]) : undefined;
  const own = typeRefOf(v)!;
  if (own.kind === "named" && own.key === target.key) {
    if (target.args.length === 0 || own.args.length === 0)
      return target.args.length === own.args.length || own.args.length === 0 ? true : undefined;
    return target.args.every((a, i) => own.args[i] !== undefined && sameType(a, own.args[i]!));
  }
  const model = typeModel();
  if (own.kind === "named" && !model.type(own.key)) return undefined;
  for (const s of model.supertypes(own)) {
    if (s.kind !== "named" || s.key !== target.key) continue;
    if (target.args.length === 0) return true;
    if (s.args.length === target.args.length && s.args.every((a, i) => sameType(a, target.args[i]!))) return true;
  }
  return false;
}

/** Array covariance: a reference element type converts to its supertypes; value types only to themselves. */
function elementConverts(from: TypeRef, to: TypeRef): boolean | undefined {
  if (sameType(from, to)) return true;
  if (to.kind === "named" && to.key === K.object) return from.kind === "array" || !isValueTypeRef(from);
  if (from.kind !== "named" || to.kind !== "named") return undefined;
  if (isValueTypeRef(from)) return false;
  return typeModel()
    .supertypes(from)
    .some((s) => sameType(s, to));
}

export function isValueTypeRef(t: TypeRef): boolean {
  return t.kind === "named" && (typeModel().type(t.key)?.valueType ?? false);
}

/** `JObject`, `System.IO.File`, `TimeZoneInfo.AdjustmentRule`: the model's type, as the checker resolves it. */
export function resolveTypeName(dotted: string, arity: number): TypeInfo | undefined {
  return typeModel().resolveTypeName(dotted, arity);
}

/** A type as written; undefined when the model does not know it (the caller reports NotEmulated). */
export function resolveTypeNode(t: TypeNode): TypeRef | undefined {
  if (t.tupleElements) return undefined;
  const args: TypeRef[] = [];
  for (const a of t.typeArguments) {
    const r = resolveTypeNode(a);
    if (!r) return undefined;
    args.push(r);
  }
  let resolved: TypeRef | undefined;
  const kw = keywordType(t.name);
  if (kw) resolved = named(kw);
  else if (t.name === "dynamic") resolved = DYNAMIC_TYPE;
  else {
    const info = resolveTypeName(t.name, t.typeArguments.length);
    if (info) resolved = named(info.key, args);
  }
  if (!resolved) return undefined;
  if (t.nullable && resolved.kind === "named" && typeModel().type(resolved.key)?.valueType)
    resolved = nullableOf(resolved);
  for (let i = t.arrayRanks.length - 1; i >= 0; i--) resolved = arrayOf(resolved, t.arrayRanks[i]);
  return resolved;
}

/** How a type node reads in messages (`List<string>`, `int?`). */
export function typeNodeText(t: TypeNode): string {
  if (t.tupleElements) return `(${t.tupleElements.map(typeNodeText).join(", ")})`;
  const args = t.typeArguments.length ? `<${t.typeArguments.map(typeNodeText).join(", ")}>` : "";
  return `${t.name}${args}${t.nullable ? "?" : ""}${t.arrayRanks.map((r) => `[${",".repeat(r - 1)}]`).join("")}`;
}
