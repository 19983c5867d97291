// The loaded type model: the data modules (context.ts, system.ts, ...) read once into TypeInfo/MemberInfo with
// resolved TypeRefs, and the lookups the checker, the lint rules and the language server ask: a type by key or by
// simple name, namespaces, the members of a type (inherited ones and `object`'s included), extension methods,
// the supertypes of a type (for conversions and for extension receivers).
//
// The model is immutable once built; typeModel() builds it on first use and returns the same object afterwards.
import { ALLOWED_TYPES, RESTRICTIONS } from "./allow-list.js";
import { COLLECTION_TYPES } from "./collections.js";
import { CONTEXT_NAMESPACE, CONTEXT_TYPES } from "./context.js";
import { CRYPTO_TYPES } from "./crypto.js";
import { DENIED_TYPES } from "./denied.js";
import { EXTENSION_TYPES } from "./extensions.js";
import { keywordType } from "./keywords.js";
import { LINQ_TYPES } from "./linq.js";
import { MemberTable } from "./members.js";
import type {
  AllowedTypeData,
  DeniedTypeData,
  MemberEntry,
  OnlyIn,
  RestrictionData,
  Source,
  TypeData,
  TypeKind,
} from "./model.js";
import { NEWTONSOFT_TYPES } from "./newtonsoft.js";
import { REGEX_TYPES } from "./regex.js";
import { parseSignature, type RawMemberKind, type RawType } from "./signature.js";
import { SYSTEM_TYPES } from "./system.js";
import { TEXT_NET_TYPES } from "./text-net.js";
import {
  arrayOf,
  DYNAMIC_TYPE,
  genericKey,
  K,
  type NamedType,
  named,
  nullableOf,
  substitute,
  type TypeRef,
} from "./type-ref.js";
import { XML_TYPES } from "./xml.js";

/** Every data module, in one list (the reference-sync and data tests read it too). */
export const ALL_TYPE_DATA: readonly (readonly TypeData[])[] = [
  CONTEXT_TYPES,
  EXTENSION_TYPES,
  SYSTEM_TYPES,
  COLLECTION_TYPES,
  LINQ_TYPES,
  NEWTONSOFT_TYPES,
  REGEX_TYPES,
  TEXT_NET_TYPES,
  CRYPTO_TYPES,
  XML_TYPES,
];

export type MemberKind = Exclude<RawMemberKind, never>;

export interface ParameterInfo {
  readonly name: string;
  readonly type: TypeRef;
  readonly modifier: "this" | "out" | "ref" | "in" | "params" | undefined;
  readonly optional: boolean;
}

export interface MemberInfo {
  readonly name: string;
  readonly kind: MemberKind;
  readonly static: boolean;
  /** An extension method: `parameters[0]` is the `this` parameter. */
  readonly extension: boolean;
  readonly declaringType: TypeInfo;
  /** Property/field/indexer/event type, method return type, conversion target; undefined for a constructor. */
  readonly type: TypeRef | undefined;
  readonly typeParameters: readonly string[];
  readonly parameters: readonly ParameterInfo[];
  readonly conversion: "implicit" | "explicit" | undefined;
  /** The declaration as written in the data. */
  readonly signature: string;
  /** Its own one-line description (docs.ts's memberDoc also finds an overload's). */
  readonly doc: string | undefined;
  readonly source: Source;
  readonly unverified: string | undefined;
  readonly only: OnlyIn | undefined;
  readonly docVersions: string | undefined;
}

/**
 * What APIM says about a type: `allowed` (on the allow-list, or part of the `context` object model), `denied`
 * (known not to be allowed: the checker reports its use by name), `unlisted` (neither: a type the model needs to
 * type a value, such as `DayOfWeek` or `Func<T, TResult>`; never reported).
 */
export type AllowStatus = "allowed" | "denied" | "unlisted";

export interface TypeInfo {
  readonly key: string;
  /** `System.Collections.Generic.List` (no type parameters). */
  readonly fullName: string;
  /** `List` */
  readonly name: string;
  /** `List<T>` */
  readonly displayName: string;
  readonly namespace: string;
  readonly kind: TypeKind;
  readonly typeParameters: readonly string[];
  readonly base: NamedType | undefined;
  readonly interfaces: readonly NamedType[];
  readonly sealed: boolean;
  readonly static: boolean;
  readonly valueType: boolean;
  readonly complete: boolean;
  /** Part of the `context` object model (docs §3 / toolkit T-EXPR). */
  readonly contextModel: boolean;
  readonly allowed: AllowStatus;
  readonly allowEntry: AllowedTypeData | undefined;
  readonly restriction: RestrictionData | undefined;
  readonly denied: DeniedTypeData | undefined;
  readonly declaringType: string | undefined;
  readonly doc: string | undefined;
  readonly source: Source;
  readonly unverified: string | undefined;
  readonly only: OnlyIn | undefined;
  readonly docVersions: string | undefined;
  /** Own members by name (constructors `.ctor`, indexers `Item`, conversions `op_Implicit`/`op_Explicit`). */
  readonly members: ReadonlyMap<string, readonly MemberInfo[]>;
  readonly nested: ReadonlyMap<string, TypeInfo>;
}

/** A member found on a type, with the substitution of the type it was found on (`List<string>` gives T=string). */
export interface FoundMember {
  readonly member: MemberInfo;
  /** The type it was found on (the receiver itself, a base class, an interface). */
  readonly owner: TypeRef;
  readonly substitution: ReadonlyMap<string, TypeRef>;
  /** 0 for the receiver's own members, more for inherited ones (C# prefers the most derived). */
  readonly depth: number;
}

interface MutableTypeInfo extends TypeInfo {
  base: NamedType | undefined;
  interfaces: NamedType[];
  allowed: AllowStatus;
  allowEntry: AllowedTypeData | undefined;
  restriction: RestrictionData | undefined;
  denied: DeniedTypeData | undefined;
  members: MemberTable<MemberInfo>;
  nested: Map<string, TypeInfo>;
}

/**
 * The keys the checker names (K), as the model's own keys: a lookup by K.string then finds its entry by identity,
 * without comparing characters.
 */
const CHECKER_KEYS: ReadonlyMap<string, string> = new Map(Object.values(K).map((k) => [k, k]));

export interface ModelOptions {
  /**
   * Read a type's member declarations when a member of their name is first asked for (see members.ts), not when the
   * model is built: for the shared model, whose building is part of the first lint of every process.
   */
  lazyMembers?: boolean;
}

/** The model key of a type of the data. */
function keyOf(d: TypeData): string {
  const { path, typeParameters } = splitName(d.name);
  return genericKey(`${d.ns}.${path}`, typeParameters.length);
}

/**
 * Whether a declaration may be an extension method (`static T F<T>(this IEnumerable<T> source)`): a `this` right
 * after the opening parenthesis. Wider than the loader's test (which reads the modifier), never narrower: only the
 * types with such a declaration have their declarations' heads read when the model is built.
 */
function declaresExtension(entry: MemberEntry): boolean {
  return /\(\s*this\s/.test(typeof entry === "string" ? entry : entry.sig);
}

const EMPTY_MAP: ReadonlyMap<string, TypeRef> = new Map();
const NO_MEMBERS: readonly FoundMember[] = [];
const NO_EXTENSION_METHODS: readonly MemberInfo[] = [];

/**
 * Names a table of TypeModel.derived (facts by a string) or TypeModel.derivedFor (facts by a type and a name): one
 * constant per kind of fact, made with `derivedTable` / `typeTable`.
 */
export interface DerivedTable<V> {
  readonly name: string;
  /** Entries kept before the table is emptied. */
  readonly limit: number;
  /** Only carries V (never set). */
  readonly valueType?: V;
}

/** A DerivedTable whose facts are per (type, name). */
export interface TypeTable<V> extends DerivedTable<V> {
  readonly byType: true;
  /** Its slot in every model's list of per-type tables (an array index is cheaper than a map lookup). */
  readonly index: number;
}

let typeTables = 0;

export function derivedTable<V>(name: string, limit = 4096): DerivedTable<V> {
  return { name, limit };
}

export function typeTable<V>(name: string, limit = 1024): TypeTable<V> {
  return { name, limit, byType: true, index: typeTables++ };
}

/** A Map that empties itself before it holds more than `limit` entries (a memo that cannot grow without end). */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

const NO_TYPES: readonly TypeRef[] = [];
const NO_NAMES: ReadonlySet<string> = new Set();
/** typeFromText per text (null: names no model type). */
const TYPES_FROM_TEXT = derivedTable<TypeRef | null>("types from text", 1024);

/** findMembers per receiver type id, then per name. */
const FOUND_MEMBERS = typeTable<readonly FoundMember[]>("found members");

function splitName(name: string): { path: string; typeParameters: string[] } {
  const lt = name.indexOf("<");
  if (lt < 0) return { path: name, typeParameters: [] };
  return {
    path: name.slice(0, lt),
    typeParameters: name
      .slice(lt + 1, name.lastIndexOf(">"))
      .split(",")
      .map((s) => s.trim()),
  };
}

export class TypeModel {
  private readonly byKey = new Map<string, MutableTypeInfo>();
  private readonly supertypeMemo = new BoundedMap<number, readonly TypeRef[]>(4096);
  /** typeNumber's answers: per TypeRef object (weakly), and per typeId. */
  private readonly numberByRef = new WeakMap<TypeRef, number>();
  private readonly numberById = new BoundedMap<string, number>(16384);
  private nextNumber = 0;
  /** Top-level types by simple name (what a policy can name without a namespace). */
  private readonly bySimpleName = new Map<string, MutableTypeInfo[]>();
  /** Types by their name inside the namespace (`TimeZoneInfo.AdjustmentRule`), for the data's own references. */
  private readonly byLocalName = new Map<string, MutableTypeInfo[]>();
  private readonly namespaceSet = new Set<string>();
  /** The classes declaring an extension method of a name, in the data's order; their methods read on first ask. */
  private readonly extensionClassesByName = new Map<string, MutableTypeInfo[]>();
  private readonly extensionsByName = new Map<string, readonly MemberInfo[]>();
  private readonly extensionClasses: TypeInfo[] = [];
  private readonly derivedTables = new Map<DerivedTable<unknown>, Map<unknown, unknown>>();
  /** The per-(type, name) tables, by TypeTable.index: per type number, per name. */
  private readonly typeTables: (BoundedMap<number, BoundedMap<string, unknown>> | undefined)[] = [];
  private readonly plainTypes = new Map<string, NamedType>();
  /** listedByRestriction's answers (members are the model's own: bounded by its size). */
  private readonly listedMembers = new Map<MemberInfo, boolean>();

  constructor(
    data: readonly (readonly TypeData[])[] = ALL_TYPE_DATA,
    allowed: readonly AllowedTypeData[] = ALLOWED_TYPES,
    restrictions: readonly RestrictionData[] = RESTRICTIONS,
    denied: readonly DeniedTypeData[] = DENIED_TYPES,
    options: ModelOptions = {},
  ) {
    const all = data.flat();
    for (const d of all) this.declare(d);
    for (const d of denied) this.declareDenied(d);
    for (const d of all) this.resolve(d);
    this.applyAllowList(allowed, restrictions);
    for (const d of all) {
      const info = this.byKey.get(keyOf(d))!;
      // Eager: every declaration read now, so that one the loader cannot read is an error of the constructor.
      if (!options.lazyMembers) info.members.readAll();
      // The extension methods are found by name whatever the receiver: their classes and names are known at once.
      if (d.members.some(declaresExtension)) this.indexExtensions(info);
    }
  }

  private indexExtensions(info: MutableTypeInfo): void {
    let any = false;
    for (const h of info.members.declarationHeads()) {
      if (!h.extension) continue;
      any = true;
      const classes = this.extensionClassesByName.get(h.name);
      if (!classes) this.extensionClassesByName.set(h.name, [info]);
      else if (classes.at(-1) !== info) classes.push(info);
    }
    if (any) this.extensionClasses.push(info);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Building

  private declare(d: TypeData): void {
    const { path, typeParameters } = splitName(d.name);
    const fullName = `${d.ns}.${path}`;
    const generic = genericKey(fullName, typeParameters.length);
    const key = CHECKER_KEYS.get(generic) ?? generic;
    if (this.byKey.has(key)) throw new Error(`type model: ${key} is declared twice`);
    const dot = path.lastIndexOf(".");
    const simple = path.slice(dot + 1);
    const info: MutableTypeInfo = {
      key,
      fullName,
      name: simple,
      displayName: typeParameters.length ? `${simple}<${typeParameters.join(", ")}>` : simple,
      namespace: d.ns,
      kind: d.kind,
      typeParameters,
      base: undefined,
      interfaces: [],
      sealed: d.sealed === true || d.static === true || d.kind === "struct" || d.kind === "enum",
      static: d.static === true,
      valueType: d.kind === "struct" || d.kind === "enum",
      complete: d.complete,
      contextModel: d.ns === CONTEXT_NAMESPACE,
      allowed: "unlisted",
      allowEntry: undefined,
      restriction: undefined,
      denied: undefined,
      declaringType: dot < 0 ? undefined : genericKey(`${d.ns}.${path.slice(0, dot)}`, 0),
      doc: d.doc,
      source: d.source,
      unverified: d.unverified,
      only: d.only,
      docVersions: d.docVersions,
      // Set below (the table's members point back to `info`). A data property, not a getter: an object literal
      // with an accessor is made in dictionary mode, and every TypeInfo property read would be a hash lookup.
      members: undefined as unknown as MemberTable<MemberInfo>,
      nested: new Map(),
    };
    // Cheap to make: the table reads each declaration on first ask (see members.ts).
    info.members = this.memberTable(info, d, typeParameters);
    this.byKey.set(key, info);
    push(this.byLocalName, path, info);
    if (dot < 0) push(this.bySimpleName, simple, info);
    for (let ns = d.ns; ns; ns = ns.slice(0, Math.max(0, ns.lastIndexOf(".")))) this.namespaceSet.add(ns);
  }

  private declareDenied(d: DeniedTypeData): void {
    const fullName = `${d.ns}.${d.name}`;
    const existing = this.byKey.get(fullName);
    if (existing) {
      existing.allowed = "denied";
      existing.denied = d;
      return;
    }
    this.declare({ ns: d.ns, name: d.name, kind: "class", complete: false, members: [], source: d.source });
    const info = this.byKey.get(fullName)!;
    info.allowed = "denied";
    info.denied = d;
  }

  private resolve(d: TypeData): void {
    const { typeParameters } = splitName(d.name);
    const info = this.byKey.get(keyOf(d))!;
    if (info.declaringType) this.byKey.get(info.declaringType)?.nested.set(info.name, info);
    const scope = new Set(typeParameters);
    if (d.base) info.base = this.resolveNamed(d.base, scope, d.name);
    else if (d.kind === "struct") info.base = named("System.ValueType");
    else if (d.kind === "enum") info.base = named(K.enum);
    else if (d.kind === "class" && info.key !== K.object) info.base = named(K.object);
    for (const i of d.interfaces ?? []) info.interfaces.push(this.resolveNamed(i, scope, d.name));
  }

  /** The members of a type: its enum values, then its declarations in the data's order, each read on first ask. */
  private memberTable(info: MutableTypeInfo, d: TypeData, typeParameters: string[]): MemberTable<MemberInfo> {
    const scope = new Set(typeParameters);
    const values = (d.values ?? []).map(
      (v): MemberInfo => ({
        name: v,
        kind: "field",
        static: true,
        extension: false,
        declaringType: info,
        type: named(info.key),
        typeParameters: [],
        parameters: [],
        conversion: undefined,
        signature: `${info.name}.${v}`,
        doc: d.valueDocs?.[v],
        source: d.source,
        unverified: undefined,
        only: undefined,
        docVersions: undefined,
      }),
    );
    return new MemberTable(values, d.members, info.name, (entry) => this.readMember(entry, info, d, scope));
  }

  private readMember(entry: MemberEntry, info: MutableTypeInfo, d: TypeData, typeScope: Set<string>): MemberInfo {
    const m = typeof entry === "string" ? { sig: entry } : entry;
    const raw = parseSignature(m.sig, info.name);
    const scope = raw.typeParameters.length === 0 ? typeScope : new Set([...typeScope, ...raw.typeParameters]);
    const parameters: ParameterInfo[] = raw.parameters.map((p) => ({
      name: p.name,
      type: this.resolveRaw(p.type, scope, m.sig),
      modifier: p.modifier,
      optional: p.optional,
    }));
    return {
      name: raw.name,
      kind: raw.kind,
      static: raw.static || raw.kind === "constructor",
      extension: parameters[0]?.modifier === "this",
      declaringType: info,
      type: raw.type ? this.resolveRaw(raw.type, scope, m.sig) : undefined,
      typeParameters: raw.typeParameters,
      parameters,
      conversion: raw.conversion,
      signature: m.sig,
      doc: m.doc,
      source: m.source ?? d.source,
      unverified: m.unverified,
      only: m.only,
      docVersions: m.docVersions,
    };
  }

  private resolveNamed(text: string, scope: Set<string>, where: string): NamedType {
    const raw = parseSignature(`${text} x`, "").type!;
    const t = this.resolveRaw(raw, scope, where);
    if (t.kind !== "named") throw new Error(`type model: ${text} in ${where} is not a named type`);
    return t;
  }

  /** Resolves a type name of the data: type parameter, keyword, full name, or a unique name in the model. */
  private resolveRaw(raw: RawType, scope: ReadonlySet<string>, where: string): TypeRef {
    let t: TypeRef;
    const args = raw.args.length === 0 ? NO_TYPES : raw.args.map((a) => this.resolveRaw(a, scope, where));
    let valueType = false;
    if (raw.args.length === 0 && scope.has(raw.name)) t = { kind: "typeParameter", name: raw.name };
    else if (raw.name === "dynamic") t = DYNAMIC_TYPE;
    else {
      const kw = keywordType(raw.name);
      const info = kw ? this.byKey.get(kw) : this.findForData(raw.name, args.length);
      if (!info && kw !== K.void) throw new Error(`type model: unknown type ${raw.name} in "${where}"`);
      const key = kw ?? info!.key;
      t = args.length === 0 ? this.plain(key) : named(key, args);
      valueType = info?.valueType === true;
    }
    if (raw.nullable && valueType) t = nullableOf(t);
    for (let i = raw.ranks.length - 1; i >= 0; i--) t = arrayOf(t, raw.ranks[i]);
    return t;
  }

  /**
   * One NamedType object per non-generic type key, shared by every declaration and check that names it (fewer
   * objects, and memo keys by object: see typeNumber).
   */
  plain(key: string): NamedType {
    let t = this.plainTypes.get(key);
    if (t === undefined) {
      t = named(key);
      this.plainTypes.set(key, t);
    }
    return t;
  }

  private findForData(name: string, arity: number): MutableTypeInfo | undefined {
    const full = this.byKey.get(genericKey(name, arity));
    if (full) return full;
    let found: MutableTypeInfo | undefined;
    for (const t of this.byLocalName.get(name) ?? []) {
      if (t.typeParameters.length !== arity) continue;
      if (found) throw new Error(`type model: ${name} is ambiguous (${found.key}, ${t.key})`);
      found = t;
    }
    return found;
  }

  private applyAllowList(allowed: readonly AllowedTypeData[], restrictions: readonly RestrictionData[]): void {
    const entries = new Map(allowed.map((a) => [a.fullName, a]));
    const rules = new Map(restrictions.map((r) => [r.fullName, r]));
    for (const info of this.byKey.values()) {
      // One entry covers every arity (`System.Tuple` is the static class and Tuple<T1>...; `System.Nullable` is
      // also Nullable<T>, which `int?` means).
      const entry = entries.get(info.fullName);
      if (entry) {
        info.allowed = "allowed";
        info.allowEntry = entry;
      } else if (info.contextModel) info.allowed = "allowed";
      info.restriction = rules.get(info.fullName);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lookups

  /**
   * A type written as C# (`Jwt`, `IResponse`, `string`, `string[]`, `int?`, `List<JObject>`,
   * `Newtonsoft.Json.Linq.JObject`), resolved against the model; undefined when it names no model type. For
   * callers that know a type by name, such as the lint engine's variable types.
   */
  typeFromText(text: string): TypeRef | undefined {
    // Asked for the same few names in every document (the setters' types): kept per text.
    const memo = this.derived(TYPES_FROM_TEXT);
    let t = memo.get(text);
    if (t === undefined) {
      t = this.readTypeText(text) ?? null;
      memo.set(text, t);
    }
    return t ?? undefined;
  }

  private readTypeText(text: string): TypeRef | undefined {
    try {
      const raw = parseSignature(`${text} x`, "").type;
      return raw ? this.resolveRaw(raw, NO_NAMES, text) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every type of the model (allowed, denied and unlisted). */
  types(): IterableIterator<TypeInfo> {
    return this.byKey.values();
  }

  type(key: string): TypeInfo | undefined {
    return this.byKey.get(key);
  }

  /** The TypeInfo of a named TypeRef (undefined for arrays, type parameters and unknown keys). */
  info(t: TypeRef | undefined): TypeInfo | undefined {
    return t?.kind === "named" ? this.byKey.get(t.key) : undefined;
  }

  /** Top-level types a policy can name without a namespace (APIM imports the namespaces implicitly). */
  bySimple(name: string): readonly TypeInfo[] {
    return this.bySimpleName.get(name) ?? [];
  }

  /** `System.IO.File` -> the type; a nested type by `TimeZoneInfo.AdjustmentRule` after its namespace. */
  byFullName(fullName: string, arity: number): TypeInfo | undefined {
    return this.byKey.get(genericKey(fullName, arity));
  }

  /**
   * The type a name written in code means: `JObject` (a simple name, by arity), `Newtonsoft.Json.Linq.JObject`,
   * `System.IO.File`, `TimeZoneInfo.AdjustmentRule` (a nested type after a simple type name). The checker and the
   * emulator resolve names through this one function.
   */
  resolveTypeName(dotted: string, arity: number): TypeInfo | undefined {
    if (!dotted.includes(".")) return onlyOfArity(this.bySimple(dotted), arity);
    const full = this.byFullName(dotted, arity);
    if (full) return full;
    const parts = dotted.split(".");
    let outer = this.resolveTypeName(parts[0]!, 0);
    for (let i = 1; outer && i < parts.length; i++) outer = outer.nested.get(parts[i]!);
    return outer;
  }

  /** `System`, `System.Text`, `Newtonsoft.Json` (every namespace of a model type, and their prefixes). */
  isNamespace(dotted: string): boolean {
    return this.namespaceSet.has(dotted);
  }

  namespaces(): ReadonlySet<string> {
    return this.namespaceSet;
  }

  /** Names a policy can use as a simple type name (for did-you-mean). */
  simpleNames(): IterableIterator<string> {
    return this.bySimpleName.keys();
  }

  /** The static classes holding extension methods. */
  extensionTypes(): readonly TypeInfo[] {
    return this.extensionClasses;
  }

  /** Extension methods named `name` (any receiver; the caller unifies the `this` parameter). */
  extensionMethods(name: string): readonly MemberInfo[] {
    const classes = this.extensionClassesByName.get(name);
    if (!classes) return NO_EXTENSION_METHODS;
    let found = this.extensionsByName.get(name);
    if (found === undefined) {
      const list: MemberInfo[] = [];
      for (const info of classes) {
        for (const m of info.members.get(name) ?? []) if (m.extension) list.push(m);
      }
      found = list;
      this.extensionsByName.set(name, found);
    }
    return found;
  }

  /**
   * `t` and everything it converts to by inheritance, with their type arguments: the receiver, its base classes,
   * their interfaces (transitively), then `object`. Arrays implement IList<T> and friends; strings IEnumerable<char>.
   */
  supertypes(t: TypeRef): readonly TypeRef[] {
    // Asked again and again for the same few types (every member lookup, conversion and overload): kept per type.
    const key = this.typeNumber(t);
    let list = this.supertypeMemo.get(key);
    if (list === undefined) {
      list = this.computeSupertypes(t);
      this.supertypeMemo.set(key, list);
    }
    return list;
  }

  /**
   * A number for `t` that equal types share (same typeId), for memo keys: no string is built for a TypeRef object
   * seen before. Numbers are never reused, so a key made with one can never come to mean another type.
   */
  typeNumber(t: TypeRef): number {
    let n = this.numberByRef.get(t);
    if (n === undefined) {
      const id = typeId(t);
      n = this.numberById.get(id);
      if (n === undefined) {
        n = this.nextNumber++;
        this.numberById.set(id, n);
      }
      this.numberByRef.set(t, n);
    }
    return n;
  }

  private computeSupertypes(t: TypeRef): readonly TypeRef[] {
    const out: TypeRef[] = [];
    const seen = new Set<string>();
    const add = (x: TypeRef): void => {
      const id = typeId(x);
      if (seen.has(id)) return;
      seen.add(id);
      out.push(x);
    };
    if (t.kind === "array") {
      add(t);
      const e = t.element;
      if (t.rank === 1) {
        for (const k of ARRAY_INTERFACES) this.addWithAncestors(named(k, [e]), add);
      }
      this.addWithAncestors(named(K.array), add);
      add(named(K.object));
      return out;
    }
    if (t.kind !== "named") return out;
    const interfaces: NamedType[] = [];
    let cur: NamedType | undefined = t;
    let guard = 0;
    while (cur && guard++ < 32) {
      // `object` goes last, after the interfaces (its members are the fallback of every type).
      if (cur.key === K.object) break;
      add(cur);
      const info = this.byKey.get(cur.key);
      if (!info) break;
      const map = this.substitution(info, cur);
      for (const i of info.interfaces) interfaces.push(substitute(i, map) as NamedType);
      cur = info.base ? (substitute(info.base, map) as NamedType) : undefined;
    }
    for (const i of interfaces) this.addWithAncestors(i, add);
    add(named(K.object));
    return out;
  }

  private addWithAncestors(t: NamedType, add: (x: TypeRef) => void): void {
    const stack: NamedType[] = [t];
    let guard = 0;
    while (stack.length > 0 && guard++ < 256) {
      const cur = stack.pop()!;
      if (cur.key === K.object) continue;
      add(cur);
      const info = this.byKey.get(cur.key);
      if (!info) continue;
      const map = this.substitution(info, cur);
      for (const i of info.interfaces) stack.push(substitute(i, map) as NamedType);
      if (info.base) stack.push(substitute(info.base, map) as NamedType);
    }
  }

  /** The binding of a generic type's parameters to the arguments of `t` (`List<string>`: T=string). */
  substitution(info: TypeInfo, t: TypeRef): ReadonlyMap<string, TypeRef> {
    if (t.kind !== "named" || info.typeParameters.length === 0) return EMPTY_MAP;
    const map = new Map<string, TypeRef>();
    for (let i = 0; i < info.typeParameters.length; i++) {
      const a = t.args[i];
      if (a) map.set(info.typeParameters[i]!, a);
    }
    return map;
  }

  /**
   * Members named `name` of `t`: its own, then its base classes', its interfaces', then `object`'s, each with the
   * substitution of the type it was found on, by increasing depth. `Nullable<T>` has its own members only (plus
   * `object`'s).
   */
  findMembers(t: TypeRef, name: string): readonly FoundMember[] {
    // Every member access, call and indexer asks: kept per (type, name), shared (callers must not change the list).
    const byName = this.derivedOf(FOUND_MEMBERS, t);
    let found = byName.get(name);
    if (found === undefined) {
      found = this.computeMembers(t, name);
      byName.set(name, found);
    }
    return found;
  }

  private computeMembers(t: TypeRef, name: string): readonly FoundMember[] {
    const out: FoundMember[] = [];
    const supers = this.supertypes(t);
    supers.forEach((s, depth) => {
      const info = this.info(s);
      const found = info?.members.get(name);
      if (!info || !found) return;
      const substitution = this.substitution(info, s);
      for (const member of found) if (!member.extension) out.push({ member, owner: s, substitution, depth });
    });
    return out.length === 0 ? NO_MEMBERS : out;
  }

  /**
   * A table of facts derived from this model alone (member lists, candidate lists, conversions), created on first
   * use. The model never changes once built, so an entry never goes stale; each table is emptied when it grows past
   * a bound, so that unusual input (many distinct generic types) cannot grow it without end.
   */
  derived<V>(table: DerivedTable<V>): Map<string, V> {
    let map = this.derivedTables.get(table) as Map<string, V> | undefined;
    if (map === undefined) {
      map = new BoundedMap<string, V>(table.limit);
      this.derivedTables.set(table, map);
    }
    return map;
  }

  /** The entry of a per-(type, name) table for `t` and `name`, computed by `compute` on first use. */
  derivedFor<V>(table: TypeTable<V>, t: TypeRef, name: string, compute: () => V): V {
    const byName = this.derivedOf(table, t);
    let v = byName.get(name);
    if (v === undefined) {
      v = compute();
      byName.set(name, v);
    }
    return v;
  }

  /**
   * The entries of a per-(type, name) table for `t`, by name: a caller on a hot path gets its entry and sets it on
   * a miss itself, without a `compute` closure per question.
   */
  derivedOf<V>(table: TypeTable<V>, t: TypeRef): Map<string, V> {
    let memo = this.typeTables[table.index];
    if (memo === undefined) {
      memo = new BoundedMap<number, BoundedMap<string, unknown>>(table.limit);
      this.typeTables[table.index] = memo;
    }
    const id = this.typeNumber(t);
    let byName = memo.get(id);
    if (byName === undefined) {
      byName = new BoundedMap<string, unknown>(table.limit);
      memo.set(id, byName);
    }
    return byName as Map<string, V>;
  }

  /**
   * Whether the restriction of `m`'s declaring type names it: by name, or as `Name/n` for its overload of n
   * parameters. Asked at every use of a restricted type's member: kept per member.
   */
  listedByRestriction(m: MemberInfo): boolean {
    let listed = this.listedMembers.get(m);
    if (listed === undefined) {
      const r = m.declaringType.restriction;
      listed =
        r?.members.some((x) => {
          const [n, count] = x.split("/");
          return n === m.name && (count === undefined || Number(count) === m.parameters.length);
        }) === true;
      this.listedMembers.set(m, listed);
    }
    return listed;
  }

  /** Every member name of `t` (inherited ones included), for did-you-mean. */
  memberNames(t: TypeRef): Set<string> {
    const names = new Set<string>();
    for (const s of this.supertypes(t)) {
      const info = this.info(s);
      if (!info) continue;
      for (const [n, ms] of info.members) {
        if (n.startsWith(".") || n.startsWith("op_") || n === "Item") continue;
        if (ms.some((m) => !m.extension)) names.add(n);
      }
      for (const n of info.nested.keys()) names.add(n);
    }
    return names;
  }

  /**
   * True when the model knows every member of `t` and of everything it inherits: a name missing from all of them
   * is certainly not a member. Arrays: System.Array and the collection interfaces are complete in the model.
   */
  isComplete(t: TypeRef): boolean {
    if (t.kind !== "named" && t.kind !== "array") return false;
    for (const s of this.supertypes(t)) {
      if (s.kind === "array") continue;
      const info = this.info(s);
      if (!info?.complete) return false;
    }
    return true;
  }
}

/** The interfaces a one-dimensional array implements (generic ones; ICloneable and the non-generic ones omitted). */
const ARRAY_INTERFACES = ["System.Collections.Generic.IList`1", "System.Collections.Generic.IReadOnlyList`1"] as const;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A string that identifies a type (for de-duplication). */
export function typeId(t: TypeRef): string {
  switch (t.kind) {
    case "named":
      return t.args.length === 0 ? t.key : `${t.key}<${t.args.map(typeId).join(",")}>`;
    case "array":
      return `${typeId(t.element)}[${t.rank}]`;
    case "typeParameter":
      return `!${t.name}`;
    default:
      return t.kind;
  }
}

let shared: TypeModel | undefined;

/** The model of the data modules, built on first use (immutable, so one instance serves every caller). */
/** The one type of `types` with `arity` type parameters; undefined when none or several. */
export function onlyOfArity(types: readonly TypeInfo[], arity: number): TypeInfo | undefined {
  let found: TypeInfo | undefined;
  for (const t of types) {
    if (t.typeParameters.length !== arity) continue;
    if (found) return undefined;
    found = t;
  }
  return found;
}

export function typeModel(): TypeModel {
  shared ??= new TypeModel(ALL_TYPE_DATA, ALLOWED_TYPES, RESTRICTIONS, DENIED_TYPES, { lazyMembers: true });
  return shared;
}
