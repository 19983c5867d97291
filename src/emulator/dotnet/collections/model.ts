// The runtime representation of System.Collections.Generic's classes. Dictionary<TKey,TValue> and HashSet<T> keep
// .NET's entry array with a free list (Dictionary.cs / HashSet.cs): enumeration is in entry order, a removed entry's
// slot is reused by the next Add, so `d.Remove("a"); d.Add("z", 1)` enumerates "z" where "a" was, as .NET does.
// Every mutation bumps a version so that an enumerator notices a change ("Collection was modified").

import { arrayOf, formatType, K, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import type { NetObject, NetValue } from "../../values.js";

export const GENERIC = "System.Collections.Generic";
export const LIST = `${GENERIC}.List\`1`;
export const DICTIONARY = `${GENERIC}.Dictionary\`2`;
export const KEY_COLLECTION = `${GENERIC}.Dictionary\`2+KeyCollection`;
export const VALUE_COLLECTION = `${GENERIC}.Dictionary\`2+ValueCollection`;
export const HASH_SET = `${GENERIC}.HashSet\`1`;
export const QUEUE = `${GENERIC}.Queue\`1`;
export const STACK = `${GENERIC}.Stack\`1`;
export const KEY_VALUE_PAIR = `${GENERIC}.KeyValuePair\`2`;
export const IENUMERABLE = `${GENERIC}.IEnumerable\`1`;
/** A lazy sequence (what LINQ operators and Json.NET's Children()/Properties() return). */
export const SEQUENCE = "System.Linq.Enumerable+Iterator`1";

export const OBJECT_TYPE: TypeRef = { kind: "named", key: K.object, args: [] };

/** Type.ToString(): `System.Collections.Generic.List`1[System.String]`, `System.Int32[]`. */
export function clrTypeName(t: TypeRef | undefined): string {
  if (!t) return K.object;
  switch (t.kind) {
    case "named":
      return t.args.length === 0 ? t.key : `${t.key}[${t.args.map(clrTypeName).join(",")}]`;
    case "array":
      return `${clrTypeName(t.element)}[${",".repeat(t.rank - 1)}]`;
    default:
      return formatType(t);
  }
}

export class NetList implements NetObject {
  readonly $type = LIST;
  version = 0;
  constructor(
    readonly $typeArgs: readonly TypeRef[],
    readonly items: NetValue[] = [],
  ) {}
  get elementType(): TypeRef {
    return this.$typeArgs[0] ?? OBJECT_TYPE;
  }
}

export class NetKeyValuePair implements NetObject {
  readonly $type = KEY_VALUE_PAIR;
  constructor(
    readonly $typeArgs: readonly TypeRef[],
    readonly key: NetValue,
    readonly value: NetValue,
  ) {}
}

interface Entry<V> {
  hash: string;
  key: NetValue;
  value: V;
}

/** The entry array of Dictionary/HashSet: slots in order, freed slots reused last-freed first. */
export class EntryTable<V> {
  private readonly entries: (Entry<V> | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly buckets = new Map<string, number[]>();
  version = 0;

  get count(): number {
    return this.entries.length - this.free.length;
  }

  find(hash: string, key: NetValue, eq: (a: NetValue, b: NetValue) => boolean): number {
    for (const i of this.buckets.get(hash) ?? []) if (eq(this.entries[i]!.key, key)) return i;
    return -1;
  }

  at(i: number): Entry<V> {
    return this.entries[i]!;
  }

  add(hash: string, key: NetValue, value: V): void {
    const slot = this.free.length > 0 ? this.free.pop()! : this.entries.length;
    this.entries[slot] = { hash, key, value };
    const bucket = this.buckets.get(hash);
    if (bucket) bucket.push(slot);
    else this.buckets.set(hash, [slot]);
    this.version++;
  }

  setValue(i: number, value: V): void {
    this.entries[i]!.value = value;
    this.version++;
  }

  removeAt(i: number): void {
    const e = this.entries[i]!;
    const bucket = this.buckets.get(e.hash)!;
    bucket.splice(bucket.indexOf(i), 1);
    if (bucket.length === 0) this.buckets.delete(e.hash);
    this.entries[i] = undefined;
    this.free.push(i);
    this.version++;
  }

  clear(): void {
    if (this.count > 0) this.version++;
    this.entries.length = 0;
    this.free.length = 0;
    this.buckets.clear();
  }

  *live(): Iterable<Entry<V>> {
    for (const e of this.entries) if (e) yield e;
  }
}

export class NetDictionary implements NetObject {
  readonly $type = DICTIONARY;
  readonly table = new EntryTable<NetValue>();
  constructor(readonly $typeArgs: readonly TypeRef[]) {}
  get keyType(): TypeRef {
    return this.$typeArgs[0] ?? OBJECT_TYPE;
  }
  get valueType(): TypeRef {
    return this.$typeArgs[1] ?? OBJECT_TYPE;
  }
}

/** Dictionary.Keys / Dictionary.Values: live views of the dictionary. */
export class NetDictionaryView implements NetObject {
  constructor(
    readonly $type: typeof KEY_COLLECTION | typeof VALUE_COLLECTION,
    readonly dictionary: NetDictionary,
  ) {}
  get $typeArgs(): readonly TypeRef[] {
    return this.dictionary.$typeArgs;
  }
}

export class NetHashSet implements NetObject {
  readonly $type = HASH_SET;
  readonly table = new EntryTable<null>();
  constructor(readonly $typeArgs: readonly TypeRef[]) {}
}

export class NetQueue implements NetObject {
  readonly $type = QUEUE;
  version = 0;
  readonly items: NetValue[] = [];
  constructor(readonly $typeArgs: readonly TypeRef[]) {}
}

export class NetStack implements NetObject {
  readonly $type = STACK;
  version = 0;
  /** Bottom first; enumeration is top first. */
  readonly items: NetValue[] = [];
  constructor(readonly $typeArgs: readonly TypeRef[]) {}
}

/** A deferred IEnumerable<T>: `source` runs again on every enumeration, as a LINQ iterator does. */
export class NetSequence implements NetObject {
  readonly $type = SEQUENCE;
  constructor(
    readonly $typeArgs: readonly TypeRef[],
    readonly source: () => Iterable<NetValue>,
  ) {}
}

export function sequence(elementType: TypeRef, source: () => Iterable<NetValue>): NetSequence {
  return new NetSequence([elementType], source);
}

export function arrayType(element: TypeRef): TypeRef {
  return arrayOf(element);
}
