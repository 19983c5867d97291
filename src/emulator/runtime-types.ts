// How the interpreter finds the implementation of a .NET member: one registry of runtime types, keyed by the type
// model's keys (`System.String`, ``System.Collections.Generic.List`1``), filled by the modules of src/emulator/dotnet
// and by the gateway's `context` objects. A member the registry lacks is NotEmulated, never a guess.
//
// Overloads are not separate entries: an implementation receives the evaluated arguments (with their names, for
// `preserveContent: true`) and the generic arguments, and chooses by count and runtime type, as the one place that
// knows that member.

import type { TypeRef } from "../policy/csharp/types/type-ref.js";
import type { SourceLocation } from "./errors.js";
import type { NetValue, Ref } from "./values.js";

/** An evaluated argument. `ref` is set for `out`/`ref` arguments (write the result through it). */
export interface Arg {
  value: NetValue;
  /** `name: value` */
  name?: string;
  ref?: Ref;
}

/** What an implementation may need besides its arguments. */
export interface CallInfo {
  /** Explicit generic arguments (`As<JObject>()`), [] when none were written. */
  typeArgs: readonly TypeRef[];
  /** The call's position, for exception and NotEmulated messages. */
  at: SourceLocation | undefined;
  /** The emulated clock (DateTime.UtcNow, context.Timestamp): ms since the Unix epoch. */
  now(): number;
}

export interface PropertyImpl {
  kind: "property";
  get(self: NetValue, call: CallInfo): NetValue;
  /** Absent: read-only (all of `context` is read-only). */
  set?(self: NetValue, value: NetValue, call: CallInfo): void;
}

export interface MethodImpl {
  kind: "method";
  call(self: NetValue, args: readonly Arg[], call: CallInfo): NetValue;
}

export type MemberImpl = PropertyImpl | MethodImpl;

/** The implementation of one .NET type. `self` is null for static members. */
export interface RuntimeType {
  /** Type model key. */
  key: string;
  /** Keys of the base class and interfaces, searched in order when a member is not found here. */
  supertypes?: readonly string[];
  instance?: Readonly<Record<string, MemberImpl>>;
  static?: Readonly<Record<string, MemberImpl>>;
  /** The indexer `this[...]` (get; set when assignable). */
  indexer?: {
    get(self: NetValue, args: readonly Arg[], call: CallInfo): NetValue;
    set?(self: NetValue, args: readonly Arg[], value: NetValue, call: CallInfo): void;
  };
  /** `new T(...)`, with the generic arguments of T in `call.typeArgs`. */
  construct?(args: readonly Arg[], call: CallInfo): NetValue;
  /** `ToString()` and string concatenation/interpolation: `format` is the interpolation's or ToString's format. */
  toString?(self: NetValue, format: string | undefined, call: CallInfo): string;
  /** `Equals`/`==` for value semantics (structs, strings); reference equality when absent. */
  equals?(a: NetValue, b: NetValue): boolean;
  /** Explicit or implicit conversion of `value` (of this type) to `target`; undefined when there is none. */
  convertTo?(value: NetValue, target: TypeRef, explicit: boolean, call: CallInfo): NetValue | undefined;
  /** Conversion of `value` (of another type) to this type (`(JToken)"x"`, `(int)jtoken` lives on JToken). */
  convertFrom?(value: NetValue, explicit: boolean, call: CallInfo): NetValue | undefined;
  /** Iteration for foreach and LINQ (IEnumerable<T>). */
  iterate?(self: NetValue, call: CallInfo): Iterable<NetValue>;
}

/** An extension method (`this T` first parameter): LINQ, `GetValueOrDefault`, `AsJwt`, `Descendants`, ... */
export interface ExtensionImpl {
  name: string;
  /** Whether it applies to this receiver (by runtime type); the first that applies is called. */
  appliesTo(self: NetValue): boolean;
  call(self: NetValue, args: readonly Arg[], call: CallInfo): NetValue;
}

interface MemoOfKey {
  instance: Map<string, MemberImpl | null>;
  static: Map<string, MemberImpl | null>;
  find: Map<keyof RuntimeType, RuntimeType | null>;
}

export class RuntimeRegistry {
  private readonly types = new Map<string, RuntimeType>();
  private readonly extensions = new Map<string, ExtensionImpl[]>();
  /**
   * Answers of member() and find(), per key: every member access of every request asks them again, and the walk
   * over supertypes allocates. Emptied whenever a type is defined (a new type can answer for a supertype walk).
   */
  private readonly memo = new Map<string, MemoOfKey>();

  /** Adds a type; a key registered twice is a programming error. */
  define(type: RuntimeType): void {
    if (this.types.has(type.key)) throw new Error(`runtime type ${type.key} defined twice`);
    this.types.set(type.key, type);
    this.memo.clear();
  }

  private memoFor(key: string): MemoOfKey {
    let m = this.memo.get(key);
    if (!m) {
      m = { instance: new Map(), static: new Map(), find: new Map() };
      this.memo.set(key, m);
    }
    return m;
  }

  defineExtension(ext: ExtensionImpl): void {
    const list = this.extensions.get(ext.name);
    if (list) list.push(ext);
    else this.extensions.set(ext.name, [ext]);
  }

  type(key: string): RuntimeType | undefined {
    return this.types.get(key);
  }

  extensionsNamed(name: string): readonly ExtensionImpl[] {
    return this.extensions.get(name) ?? [];
  }

  /** The member `name` of `key` or of its supertypes, searched depth-first in declaration order. */
  member(key: string, name: string, isStatic: boolean): MemberImpl | undefined {
    const memo = isStatic ? this.memoFor(key).static : this.memoFor(key).instance;
    const known = memo.get(name);
    if (known !== undefined) return known ?? undefined;
    const found = this.walkMember(key, name, isStatic);
    memo.set(name, found ?? null);
    return found;
  }

  private walkMember(key: string, name: string, isStatic: boolean): MemberImpl | undefined {
    const seen = new Set<string>();
    const find = (k: string): MemberImpl | undefined => {
      if (seen.has(k)) return undefined;
      seen.add(k);
      const t = this.types.get(k);
      if (!t) return undefined;
      const own = isStatic ? t.static?.[name] : t.instance?.[name];
      if (own) return own;
      for (const s of t.supertypes ?? []) {
        const m = find(s);
        if (m) return m;
      }
      return undefined;
    };
    return find(key);
  }

  /** The first type on the supertype chain of `key` (itself included) that has `pick`. */
  find<K extends keyof RuntimeType>(key: string, pick: K): RuntimeType | undefined {
    const memo = this.memoFor(key).find;
    const known = memo.get(pick);
    if (known !== undefined) return known ?? undefined;
    const found = this.walkFind(key, pick);
    memo.set(pick, found ?? null);
    return found;
  }

  private walkFind<K extends keyof RuntimeType>(key: string, pick: K): RuntimeType | undefined {
    const seen = new Set<string>();
    const go = (k: string): RuntimeType | undefined => {
      if (seen.has(k)) return undefined;
      seen.add(k);
      const t = this.types.get(k);
      if (!t) return undefined;
      // Own properties only: `toString` is on every object's prototype.
      if (Object.hasOwn(t, pick) && t[pick] !== undefined) return t;
      for (const s of t.supertypes ?? []) {
        const r = go(s);
        if (r) return r;
      }
      return undefined;
    };
    return go(key);
  }
}
