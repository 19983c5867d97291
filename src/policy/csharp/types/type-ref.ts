// A type as the checker reasons about it: a reference to a model type (with its generic arguments), an array, a
// type parameter of a generic signature, the type of `null`, or `dynamic`. "Unknown" is not a TypeRef: it is
// `undefined`, and everything unknown stays silent.

/** `System.String`, `List<JObject>` (key ``System.Collections.Generic.List`1``), `int?` (``System.Nullable`1``). */
export interface NamedType {
  readonly kind: "named";
  /** The model key: the full name, plus `` `n `` for a generic type of arity n. */
  readonly key: string;
  readonly args: readonly TypeRef[];
}

export interface ArrayType {
  readonly kind: "array";
  readonly element: TypeRef;
  readonly rank: number;
}

/** `T` in `T As<T>()` or in `List<T>`: only inside signatures; substituted before the checker sees a value. */
export interface TypeParameterType {
  readonly kind: "typeParameter";
  readonly name: string;
}

/** The type of the `null` literal (converts to any reference or nullable type). */
export interface NullType {
  readonly kind: "null";
}

/** `dynamic` (the toolkit's `context.NamedValue`): member access on it is never checked. */
export interface DynamicType {
  readonly kind: "dynamic";
}

export type TypeRef = NamedType | ArrayType | TypeParameterType | NullType | DynamicType;

const NO_ARGS: readonly TypeRef[] = [];

export function named(key: string, args: readonly TypeRef[] = NO_ARGS): NamedType {
  return { kind: "named", key, args };
}

export function arrayOf(element: TypeRef, rank = 1): ArrayType {
  return { kind: "array", element, rank };
}

export const NULL_TYPE: NullType = { kind: "null" };
export const DYNAMIC_TYPE: DynamicType = { kind: "dynamic" };

/** The key of a generic type: ``List`1``; the plain name when `arity` is 0. */
export function genericKey(fullName: string, arity: number): string {
  return arity === 0 ? fullName : `${fullName}\`${arity}`;
}

/** Keys the checker needs by name (one place, so that a typo is a compile error rather than a silent miss). */
export const K = {
  object: "System.Object",
  string: "System.String",
  bool: "System.Boolean",
  char: "System.Char",
  sbyte: "System.SByte",
  byte: "System.Byte",
  short: "System.Int16",
  ushort: "System.UInt16",
  int: "System.Int32",
  uint: "System.UInt32",
  long: "System.Int64",
  ulong: "System.UInt64",
  float: "System.Single",
  double: "System.Double",
  decimal: "System.Decimal",
  void: "System.Void",
  nullable: "System.Nullable`1",
  dateTime: "System.DateTime",
  dateTimeOffset: "System.DateTimeOffset",
  timeSpan: "System.TimeSpan",
  guid: "System.Guid",
  type: "System.Type",
  exception: "System.Exception",
  array: "System.Array",
  enum: "System.Enum",
  ienumerable: "System.Collections.Generic.IEnumerable`1",
  ienumerator: "System.Collections.Generic.IEnumerator`1",
  keyValuePair: "System.Collections.Generic.KeyValuePair`2",
  jtoken: "Newtonsoft.Json.Linq.JToken",
  context: "Microsoft.Azure.ApiManagement.PolicyToolkit.Authoring.Expressions.IExpressionContext",
} as const;

export const STRING = named(K.string);
export const BOOL = named(K.bool);
export const OBJECT = named(K.object);
export const INT = named(K.int);

export function nullableOf(t: TypeRef): NamedType {
  return named(K.nullable, [t]);
}

/** `T` of `Nullable<T>`, else undefined. */
export function nullableUnderlying(t: TypeRef | undefined): TypeRef | undefined {
  return t?.kind === "named" && t.key === K.nullable ? t.args[0] : undefined;
}

export function isNamed(t: TypeRef | undefined, key: string): boolean {
  return t?.kind === "named" && t.key === key;
}

export function sameType(a: TypeRef, b: TypeRef): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case "named": {
      if (b.kind !== "named" || a.key !== b.key || a.args.length !== b.args.length) return false;
      for (let i = 0; i < a.args.length; i++) if (!sameType(a.args[i]!, b.args[i]!)) return false;
      return true;
    }
    case "array":
      return b.kind === "array" && a.rank === b.rank && sameType(a.element, b.element);
    case "typeParameter":
      return b.kind === "typeParameter" && a.name === b.name;
    default:
      return a.kind === b.kind;
  }
}

/** Replaces type parameters by their bindings (unbound ones stay as they are). */
export function substitute(t: TypeRef, map: ReadonlyMap<string, TypeRef>): TypeRef {
  if (map.size === 0) return t;
  switch (t.kind) {
    case "typeParameter":
      return map.get(t.name) ?? t;
    case "named":
      return t.args.length === 0 ? t : named(t.key, substituteAll(t.args, map));
    case "array":
      return arrayOf(substitute(t.element, map), t.rank);
    default:
      return t;
  }
}

/** substitute over a list (a loop, not a closure over `map`: that would make a context on every substitute). */
function substituteAll(args: readonly TypeRef[], map: ReadonlyMap<string, TypeRef>): TypeRef[] {
  const out: TypeRef[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) out[i] = substitute(args[i]!, map);
  return out;
}

/** True when a type parameter occurs anywhere in `t` (an inference that did not bind everything). */
export function hasTypeParameter(t: TypeRef): boolean {
  switch (t.kind) {
    case "typeParameter":
      return true;
    case "named":
      return t.args.some(hasTypeParameter);
    case "array":
      return hasTypeParameter(t.element);
    default:
      return false;
  }
}

/** C# keyword spelling of the predefined types, for messages. */
const KEYWORD_OF: Readonly<Record<string, string>> = {
  [K.object]: "object",
  [K.string]: "string",
  [K.bool]: "bool",
  [K.char]: "char",
  [K.sbyte]: "sbyte",
  [K.byte]: "byte",
  [K.short]: "short",
  [K.ushort]: "ushort",
  [K.int]: "int",
  [K.uint]: "uint",
  [K.long]: "long",
  [K.ulong]: "ulong",
  [K.float]: "float",
  [K.double]: "double",
  [K.decimal]: "decimal",
  [K.void]: "void",
};

/** C# spelling: `string`, `int?`, `List<JObject>`, `string[]`, `IReadOnlyDictionary<string, string[]>`. */
export function formatType(t: TypeRef | undefined): string {
  if (t === undefined) return "?";
  switch (t.kind) {
    case "named": {
      const kw = KEYWORD_OF[t.key];
      if (kw) return kw;
      if (t.key === K.nullable && t.args[0]) return `${formatType(t.args[0])}?`;
      const tick = t.key.indexOf("`");
      const full = tick < 0 ? t.key : t.key.slice(0, tick);
      const simple = full.slice(full.lastIndexOf(".") + 1);
      return t.args.length === 0 ? simple : `${simple}<${t.args.map(formatType).join(", ")}>`;
    }
    case "array":
      return `${formatType(t.element)}[${",".repeat(t.rank - 1)}]`;
    case "typeParameter":
      return t.name;
    case "null":
      return "null";
    case "dynamic":
      return "dynamic";
  }
}
