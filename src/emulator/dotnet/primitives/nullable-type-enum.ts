// Nullable<T> (HasValue, Value, GetValueOrDefault: the interpreter routes a receiver the checker typed as T? here,
// with `self` null when it has no value), System.Type (typeof), and System.Enum's Parse/TryParse/ToString.

import { K, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { fullNameOf } from "../../interpreter/type-of.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { NetEnum, type NetObject, type NetValue, Num } from "../../values.js";
import { argumentNull, method, property, values } from "./args.js";
import { isWhiteSpace } from "./chars.js";

export class TypeObject implements NetObject {
  readonly $type = K.type;
  constructor(readonly ref: TypeRef) {}
}

function noValue(call: CallInfo): NetException {
  return new NetException("InvalidOperationException", "Nullable object must have a value.", call.at);
}

/** The members of an enum type (the NetEnum constants among the runtime type's statics). */
function enumMembers(registry: RuntimeRegistry, key: string, call: CallInfo): NetEnum[] {
  const t = registry.type(key);
  if (!t) throw new NotEmulated(`enum ${key}`, call.at);
  const out: NetEnum[] = [];
  for (const [name, m] of Object.entries(t.static ?? {})) {
    if (name.startsWith("__") || m.kind !== "property") continue;
    const v = m.get(null, call);
    if (v instanceof NetEnum) out.push(v);
  }
  return out;
}

function parseEnum(
  registry: RuntimeRegistry,
  key: string,
  text: NetValue,
  ignoreCase: boolean,
  call: CallInfo,
): NetEnum {
  if (text === null) throw argumentNull("value", call);
  if (typeof text !== "string") throw new NotEmulated("Enum.Parse of a non-string", call.at);
  const members = enumMembers(registry, key, call);
  let s = text;
  while (s && isWhiteSpace(s.charCodeAt(0))) s = s.slice(1);
  while (s && isWhiteSpace(s.charCodeAt(s.length - 1))) s = s.slice(0, -1);
  if (/^[+-]?\d+$/.test(s)) {
    const n = Number(s);
    const hit = members.find((m) => m.value === n);
    if (hit) return hit;
    throw new NotEmulated(`Enum.Parse of the unnamed value ${s}`, call.at);
  }
  if (s.includes(",")) throw new NotEmulated("Enum.Parse of a flags combination", call.at);
  const hit = members.find((m) => (ignoreCase ? m.name.toLowerCase() === s.toLowerCase() : m.name === s));
  if (hit) return hit;
  throw new NetException("ArgumentException", `Requested value '${text}' was not found.`, call.at);
}

export function defineNullableTypeEnum(registry: RuntimeRegistry): void {
  registry.define({
    key: K.nullable,
    instance: {
      HasValue: property((self) => self !== null),
      Value: property((self, call) => {
        if (self === null) throw noValue(call);
        return self;
      }),
      GetValueOrDefault: method((self, args, call) => {
        const a = values(args, "GetValueOrDefault", call);
        if (self !== null) return self;
        if (a.length === 1) return a[0]!;
        throw new NotEmulated("Nullable<T>.GetValueOrDefault() of a null (its T is not known at run time)", call.at);
      }),
    },
  });
  registry.define({
    key: K.type,
    supertypes: [K.object],
    instance: {
      Name: property((self) => {
        // The name without namespace or generic arguments (List`1), as Type.Name gives it.
        const ref = (self as TypeObject).ref;
        const full = ref.kind === "named" ? ref.key : fullNameOf(ref);
        return full.slice(full.lastIndexOf(".") + 1);
      }),
      FullName: property((self, call) => {
        const ref = (self as TypeObject).ref;
        // A constructed generic type's FullName names each argument's assembly (version-specific): not guessed.
        if (ref.kind === "named" && ref.args.length > 0)
          throw new NotEmulated("Type.FullName of a constructed generic type (assembly-qualified names)", call.at);
        return fullNameOf(ref);
      }),
    },
    construct: (_args, call) => new TypeObject(call.typeArgs[0]!),
    toString: (self) => fullNameOf((self as TypeObject).ref),
    equals: (a, b) => fullNameOf((a as TypeObject).ref) === fullNameOf((b as TypeObject).ref),
  });
  const keyOfType = (v: NetValue, call: CallInfo): string => {
    if (!(v instanceof TypeObject) || v.ref.kind !== "named")
      throw new NotEmulated("Enum method with a non-enum type", call.at);
    return v.ref.key;
  };
  registry.define({
    key: K.enum,
    supertypes: ["System.ValueType", K.object],
    static: {
      Parse: method((_s, args, call) => {
        const a = values(args, "Enum.Parse", call);
        if (a[0] instanceof TypeObject)
          return parseEnum(registry, keyOfType(a[0], call), a[1] ?? null, a[2] === true, call);
        const t = call.typeArgs[0];
        if (t?.kind === "named") return parseEnum(registry, t.key, a[0] ?? null, a[1] === true, call);
        throw new NotEmulated("Enum.Parse with these arguments", call.at);
      }),
      TryParse: method((_s, args, call) => {
        const t = call.typeArgs[0];
        const out = args.at(-1);
        if (t?.kind !== "named" || !out?.ref) throw new NotEmulated("Enum.TryParse without its type argument", call.at);
        try {
          out.ref.set(parseEnum(registry, t.key, args[0]!.value, args.length === 3 && args[1]!.value === true, call));
          return true;
        } catch (e) {
          if (!(e instanceof NetException)) throw e;
          out.ref.set(enumMembers(registry, t.key, call).find((m) => m.value === 0) ?? null);
          return false;
        }
      }),
      IsDefined: method((_s, args, call) => {
        const a = values(args, "Enum.IsDefined", call);
        const members = enumMembers(registry, keyOfType(a[0] ?? null, call), call);
        const v = a[1] ?? null;
        if (typeof v === "string") return members.some((m) => m.name === v);
        if (v instanceof Num) return members.some((m) => m.value === Number(v.value));
        if (v instanceof NetEnum) return members.some((m) => m.value === v.value);
        throw new NotEmulated("Enum.IsDefined with this value", call.at);
      }),
    },
    instance: {
      HasFlag: method((self, args, call) => {
        const f = values(args, "HasFlag", call)[0] ?? null;
        if (!(f instanceof NetEnum) || !(self instanceof NetEnum)) throw new NotEmulated("HasFlag", call.at);
        return (self.value & f.value) === f.value;
      }),
      ToString: method((self, args, call) => {
        const a = values(args, "Enum.ToString", call);
        const e = self as NetEnum;
        const t = registry.type(e.$type);
        if (t && Object.hasOwn(t, "toString") && t.toString)
          return t.toString(e, (a[0] as string | undefined) ?? undefined, call);
        if (a.length === 0) return e.name;
        throw new NotEmulated(`ToString of ${e.$type} with a format`, call.at);
      }),
      CompareTo: method((self, args, call) => {
        const b = values(args, "Enum.CompareTo", call)[0] ?? null;
        if (!(b instanceof NetEnum) || b.$type !== (self as NetEnum).$type)
          throw new NetException("ArgumentException", "Object must be the same type as the enum.", call.at);
        return new Num("int", Math.sign((self as NetEnum).value - b.value));
      }),
    },
  });
}
