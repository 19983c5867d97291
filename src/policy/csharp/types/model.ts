// The data format of the type model: the types an APIM policy expression can see (the `context` object model,
// APIM's allowed .NET types, a few types they expose) and their members, each with the source it comes from.
//
// Members are written as C# declarations (`string Substring(int startIndex, int length)`,
// `static T As<T>(bool preserveContent = false)`, `JToken this[object key]`, `static readonly string Empty`,
// `explicit operator string(JToken value)`, constructors as `JObject(params object[] content)`): one line a member
// overload, easy to check against the documentation; lookup.ts parses them once into MemberInfo.
// Type names inside a declaration are C# keywords, type parameters in scope, simple names of model types (unique
// across the model) or full names (`System.Xml.Linq.Extensions`).
//
// A type or member may carry `doc`: one line (one sentence, at most DOC_MAX_LENGTH characters) in the style of the
// .NET API docs ("Gets the value of ..."), that the language server shows on hover. Its wording comes from the
// entry's source; it says what the member is and no more than that source says. Like the .NET docs' one summary
// per method group, a member's doc serves its overloads of the same name in the same type that have none (see
// memberDoc in docs.ts): write it once, on the first overload, and again only on an overload that differs.

/** The longest `doc` (characters): a hover line, not a paragraph. */
export const DOC_MAX_LENGTH = 100;

/**
 * Where a fact comes from. Conventions: `"doc D-EXPR"` (Microsoft Learn, key of §0 of the runtime reference),
 * `"toolkit T-EXPR IUrl.cs"` (the policy toolkit), `".NET BCL"` (the public .NET API, for the common members
 * that the reference does not list one by one), `"3P X-SNIP"` (third party), `"apimkit"` (a choice of ours).
 */
export type Source = string;

/** A fact that only one side has: `docs` (Microsoft Learn, not the toolkit) or `toolkit` (not the docs). */
export type OnlyIn = "docs" | "toolkit";

export interface MemberData {
  /** One overload, as a C# declaration. */
  sig: string;
  /** One-line description (see the top of this file). */
  doc?: string;
  /** Defaults to the type's source. */
  source?: Source;
  /** Set for a fact tagged [U] in the reference: what conflicts and what we chose. */
  unverified?: string;
  only?: OnlyIn;
  /** The documentation versions that have it (`"2026"`, `"2022"`), when they differ. */
  docVersions?: string;
}

export type MemberEntry = string | MemberData;

export type TypeKind = "class" | "struct" | "interface" | "enum" | "delegate";

export interface TypeData {
  /** Namespace, `System.Collections.Generic`. */
  ns: string;
  /** Name inside the namespace with its type parameters: `List<T>`, `Func<T, TResult>`, `TimeZoneInfo.AdjustmentRule`. */
  name: string;
  kind: TypeKind;
  /** Sealed (or static) class: no derived type can exist, so some casts can never succeed. */
  sealed?: boolean;
  /** A static class (`Math`, `Enumerable`): members only through the type name. */
  static?: boolean;
  /** Base class (classes only; `object` when absent, `ValueType` for structs, `Enum` for enums). */
  base?: string;
  /** Directly implemented or extended interfaces, e.g. `IEnumerable<KeyValuePair<TKey, TValue>>`. */
  interfaces?: readonly string[];
  /**
   * Every public member name of the type itself is listed (the union of .NET Framework 4.8 and current .NET), so a
   * name that is not here and not inherited is certainly not a member. False: the list is partial and a missing
   * name says nothing.
   */
  complete: boolean;
  members: readonly MemberEntry[];
  /** Enum members (static fields of the enum type). */
  values?: readonly string[];
  /** One-line descriptions of enum members, by name (each a name of `values`). */
  valueDocs?: Readonly<Record<string, string>>;
  /** One-line description (see the top of this file). */
  doc?: string;
  source: Source;
  unverified?: string;
  only?: OnlyIn;
  docVersions?: string;
}

/** A type that APIM does not allow, known by name so that the checker can say so with certainty. */
export interface DeniedTypeData {
  ns: string;
  name: string;
  /** Why it matters (what it would give access to). */
  note: string;
  source: Source;
}

/** An entry of APIM's allow-list (§2.1 of the runtime reference). */
export interface AllowedTypeData {
  /** Full name without type parameters: `System.Collections.Generic.Dictionary`, `System.TimeZoneInfo.AdjustmentRule`. */
  fullName: string;
  source: Source;
  /** The documentation versions that list it, when not all of them do. */
  docVersions?: string;
  unverified?: string;
}

/**
 * A member restriction (§2.2): `allow` lists the only members APIM allows (constructor as `.ctor`, indexer as
 * `Item`); `deny` lists the members it forbids, an overload being named by its parameter count (`Create/0`).
 */
export interface RestrictionData {
  fullName: string;
  mode: "allow" | "deny";
  members: readonly string[];
  source: Source;
  /** What the toolkit analyzer (T-ANA) does, when it differs. */
  toolkit?: string;
  docVersions?: string;
  unverified?: string;
}
