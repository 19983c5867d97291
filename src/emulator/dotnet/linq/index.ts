// System.Linq.Enumerable over anything the registry can iterate (arrays, List, Dictionary, HashSet, JArray, JObject,
// strings as IEnumerable<char>, LINQ's own results). Deferred where .NET defers (Where, Select, OrderBy, ... are
// sequences that run their source again on every enumeration), immediate where .NET is (ToList, Count, First, ...).
// Ordering keys use Comparer<T>.Default: strings are compared culture-sensitively as .NET does, through ICU root
// collation (collections/support.ts compareCulture; docs/emulator.md, LINQ). OrderBy is a stable sort, as in .NET.
// A result's element type is the source's when the operator keeps elements, else the runtime type its values share;
// default(T) of an empty sequence of unknown element type (FirstOrDefault after Select) is not emulated.

import { K, named, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { arithmetic, convertNum, isIntegralType } from "../../interpreter/numbers.js";
import { fullNameOf, isInstance, typeRefOf } from "../../interpreter/type-of.js";
import type { Arg, CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { int, isNetObject, NetArray, NetDelegate, type NetValue, Num } from "../../values.js";
import { arg, getter } from "../collections/members.js";
import {
  KEY_VALUE_PAIR,
  NetDictionary,
  NetDictionaryView,
  NetHashSet,
  NetKeyValuePair,
  NetList,
  NetQueue,
  NetSequence,
  NetStack,
  OBJECT_TYPE,
  sequence,
} from "../collections/model.js";
import {
  argumentNull,
  argumentOutOfRange,
  canIterate,
  compareDefault,
  defaultValue,
  describeType,
  hashKey,
  invalidOperation,
  invoke,
  iterableOf,
  truthy,
  valueEquals,
  valueText,
} from "../collections/support.js";
import { JARRAY, JOBJECT, JTOKEN } from "../json/model.js";

export const ENUMERABLE = "System.Linq.Enumerable";
/** LINQ names that string or List<T> also have as instance methods. */
const INSTANCE_NAMES = new Set(["Contains", "ToArray", "Reverse"]);
const ORDERED = "System.Linq.OrderedEnumerable`2";
const GROUPING = "System.Linq.Grouping`2";

const CHAR = named(K.char);
const JTOKEN_TYPE = named(JTOKEN);

interface SortKey {
  selector: NetValue;
  descending: boolean;
}

/** OrderBy/ThenBy: the source and its keys, sorted on each enumeration. */
class NetOrdered extends NetSequence {
  override readonly $type = ORDERED as never;
  constructor(
    elementType: TypeRef | undefined,
    readonly inner: () => Iterable<NetValue>,
    readonly keys: readonly SortKey[],
    sort: (items: NetValue[]) => NetValue[],
  ) {
    super([elementType ?? OBJECT_TYPE], () => sort([...inner()]));
    this.known = elementType !== undefined;
  }
  readonly known: boolean;
}

class NetGrouping {
  readonly $type = GROUPING;
  constructor(
    readonly $typeArgs: readonly TypeRef[],
    readonly key: NetValue,
    readonly items: NetValue[],
  ) {}
}

/** The element type of a sequence when its runtime type tells (undefined when only its values could). */
export function elementTypeOf(v: NetValue): TypeRef | undefined {
  if (v instanceof NetArray) return v.elementType;
  if (typeof v === "string") return CHAR;
  if (v instanceof NetOrdered) return v.known ? v.$typeArgs[0] : undefined;
  if (
    v instanceof NetList ||
    v instanceof NetHashSet ||
    v instanceof NetQueue ||
    v instanceof NetStack ||
    v instanceof NetSequence
  ) {
    return unknownless(v.$typeArgs[0]);
  }
  if (v instanceof NetDictionary) return named(KEY_VALUE_PAIR, v.$typeArgs);
  if (v instanceof NetDictionaryView) return v.$typeArgs[v.$type.endsWith("KeyCollection") ? 0 : 1];
  if (v instanceof NetGrouping) return v.$typeArgs[1];
  if (isNetObject(v)) {
    if (v.$type === JOBJECT) return named(KEY_VALUE_PAIR, [named(K.string), JTOKEN_TYPE]);
    if (v.$type === JARRAY || v.$type.startsWith("Newtonsoft.Json.Linq.")) return JTOKEN_TYPE;
  }
  return undefined;
}

/** Sequences this module builds mark an unknown element type with this sentinel. */
const UNKNOWN: TypeRef = { kind: "named", key: "?", args: [] };

function unknownless(t: TypeRef | undefined): TypeRef | undefined {
  return t === UNKNOWN ? undefined : t;
}

/** The runtime type all non-null values share, else object (the T of a List built from computed values). */
function sharedType(values: readonly NetValue[]): TypeRef | undefined {
  let t: TypeRef | undefined;
  for (const v of values) {
    if (v === null) continue;
    const r = typeRefOf(v);
    if (!r) continue;
    if (!t) t = r;
    else if (fullNameOf(t) !== fullNameOf(r)) return OBJECT_TYPE;
  }
  return t;
}

export function defineLinq(registry: RuntimeRegistry): void {
  const eq = (a: NetValue, b: NetValue) => valueEquals(registry, a, b);

  const source = (self: NetValue, call: CallInfo): Iterable<NetValue> => {
    if (self === null) throw argumentNull("source", call);
    const it = iterableOf(registry, self, call);
    if (!it) throw new NotEmulated(`LINQ over ${describeType(self)}`, call.at);
    return it;
  };
  /** A re-runnable view of the source: every enumeration of the result enumerates the source again. */
  const lazy = (self: NetValue, call: CallInfo) => {
    if (self === null) throw argumentNull("source", call);
    return () => source(self, call);
  };
  const fn = (args: readonly Arg[], i: number, what: string, call: CallInfo, param = "predicate"): NetDelegate => {
    const v = arg(args, i, what, call);
    if (v === null) throw argumentNull(param, call);
    if (!(v instanceof NetDelegate)) throw new NotEmulated(`${what} with a ${describeType(v)} argument`, call.at);
    return v;
  };
  const test = (d: NetDelegate, call: CallInfo) => (x: NetValue, i: number) =>
    truthy(d.arity === 2 ? invoke(d, [x, int(i)], call) : invoke(d, [x], call), call);
  const map = (d: NetDelegate, call: CallInfo) => (x: NetValue, i: number) =>
    d.arity === 2 ? invoke(d, [x, int(i)], call) : invoke(d, [x], call);
  const intOf = (args: readonly Arg[], i: number, what: string, call: CallInfo): number => {
    const v = arg(args, i, what, call);
    if (!(v instanceof Num) || v.type !== "int")
      throw new NotEmulated(`${what} with a ${describeType(v)} argument`, call.at);
    return v.value as number;
  };
  const seqOf = (t: TypeRef | undefined, src: () => Iterable<NetValue>) => sequence(t ?? UNKNOWN, src);
  const defaultOf = (self: NetValue, what: string, call: CallInfo): NetValue => {
    const t = call.typeArgs[0] ?? elementTypeOf(self);
    if (t === undefined)
      throw new NotEmulated(`${what} on an empty sequence of unknown element type (default(T))`, call.at);
    return defaultValue(t, call);
  };

  const noElements = (call: CallInfo) => invalidOperation("Sequence contains no elements", call);
  const noMatch = (call: CallInfo) => invalidOperation("Sequence contains no matching element", call);

  type Impl = (self: NetValue, args: readonly Arg[], call: CallInfo) => NetValue;

  const firstLike =
    (which: "First" | "Last" | "Single", orDefault: boolean): Impl =>
    (self, args, call) => {
      const what = `${which}${orDefault ? "OrDefault" : ""}`;
      const pred = args.length > 0 ? test(fn(args, 0, what, call), call) : undefined;
      let found = false;
      let value: NetValue = null;
      let i = 0;
      for (const x of source(self, call)) {
        if (!pred || pred(x, i)) {
          if (which === "Single" && found) {
            throw invalidOperation(
              pred ? "Sequence contains more than one matching element" : "Sequence contains more than one element",
              call,
            );
          }
          found = true;
          value = x;
          if (which === "First") break;
        }
        i++;
      }
      if (found) return value;
      if (orDefault) return defaultOf(self, what, call);
      throw pred ? noMatch(call) : noElements(call);
    };

  const numericFold = (what: string, self: NetValue, args: readonly Arg[], call: CallInfo): Num[] => {
    const sel = args.length > 0 ? map(fn(args, 0, what, call, "selector"), call) : undefined;
    const out: Num[] = [];
    let i = 0;
    for (const x of source(self, call)) {
      const v = sel ? sel(x, i) : x;
      i++;
      if (v === null) continue; // the Nullable<T> overloads skip nulls
      if (!(v instanceof Num)) throw new NotEmulated(`${what} of ${describeType(v)} values`, call.at);
      out.push(v);
    }
    return out;
  };

  const sum = (nums: Num[], self: NetValue, call: CallInfo): Num => {
    let t = nums[0]?.type;
    if (!t) {
      const et = call.typeArgs[0] ?? elementTypeOf(self);
      const d = et ? defaultValue(et, call) : undefined;
      if (!(d instanceof Num)) throw new NotEmulated("Sum of an empty sequence of unknown element type", call.at);
      return d;
    }
    // The overload C# picks: Sum(int) for the small integral types, Sum(long) for uint.
    if (t === "sbyte" || t === "byte" || t === "short" || t === "ushort" || t === "char") t = "int";
    else if (t === "uint") t = "long";
    else if (t === "ulong") throw new NotEmulated("Sum of ulong values (no such overload)", call.at);
    if (t === "float") {
      // Enumerable.Sum(float) accumulates in double.
      const total = nums.reduce((a, n) => a + (n.value as number), 0);
      return new Num("float", Math.fround(total));
    }
    return nums.reduce(
      (acc, n) => arithmetic("+", acc, convertNum(n, acc.type), true),
      convertNum(new Num("int", 0), t),
    );
  };

  const minMax =
    (which: "Min" | "Max"): Impl =>
    (self, args, call) => {
      const sel = args.length > 0 ? map(fn(args, 0, which, call, "selector"), call) : undefined;
      let best: NetValue | undefined;
      let sawAny = false;
      let i = 0;
      for (const x of source(self, call)) {
        const v = sel ? sel(x, i) : x;
        i++;
        sawAny = true;
        if (v === null) continue;
        if (best === undefined) {
          best = v;
          continue;
        }
        const c = compareDefault(registry, v, best, call);
        if (which === "Min" ? c < 0 : c > 0) best = v;
      }
      if (best !== undefined) return best;
      // No value: null for reference and nullable types, the exception for value types.
      const t = call.typeArgs[0] ?? (sel ? undefined : elementTypeOf(self));
      if (sawAny) return null;
      if (t && defaultValue(t, call) === null) return null;
      throw noElements(call);
    };

  const keySelector = (args: readonly Arg[], what: string, call: CallInfo) => fn(args, 0, what, call, "keySelector");

  const ordered = (
    self: NetValue,
    keys: readonly SortKey[],
    call: CallInfo,
    inner: () => Iterable<NetValue>,
    t: TypeRef | undefined,
  ) =>
    new NetOrdered(t, inner, keys, (items) => {
      const keyed = items.map((v, i) => ({ v, i, k: keys.map((key) => invoke(key.selector, [v], call)) }));
      keyed.sort((a, b) => {
        for (let j = 0; j < keys.length; j++) {
          const c = compareDefault(registry, a.k[j]!, b.k[j]!, call);
          if (c !== 0) return keys[j]!.descending ? -c : c;
        }
        return a.i - b.i;
      });
      void self;
      return keyed.map((e) => e.v);
    });

  const distinctOf = function* (items: Iterable<NetValue>, seen: Map<string, NetValue[]>): Iterable<NetValue> {
    for (const x of items) {
      const h = hashKey(registry, x);
      const bucket = seen.get(h);
      if (bucket?.some((y) => eq(x, y))) continue;
      if (bucket) bucket.push(x);
      else seen.set(h, [x]);
      yield x;
    }
  };
  const setOf = (items: Iterable<NetValue>) => {
    const m = new Map<string, NetValue[]>();
    for (const _ of distinctOf(items, m));
    return m;
  };
  const inSet = (m: Map<string, NetValue[]>, x: NetValue) =>
    m.get(hashKey(registry, x))?.some((y) => eq(x, y)) ?? false;

  const other = (args: readonly Arg[], what: string, call: CallInfo, param = "second") => {
    const v = arg(args, 0, what, call);
    if (v === null) throw argumentNull(param, call);
    return () => source(v, call);
  };

  const ops: Record<string, Impl> = {
    Where: (self, a, c) => {
      const p = test(fn(a, 0, "Where", c), c);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        let i = 0;
        for (const x of src()) if (p(x, i++)) yield x;
      });
    },
    Select: (self, a, c) => {
      const f = map(fn(a, 0, "Select", c, "selector"), c);
      const src = lazy(self, c);
      return seqOf(c.typeArgs[1], function* () {
        let i = 0;
        for (const x of src()) yield f(x, i++);
      });
    },
    SelectMany: (self, a, c) => {
      const f = map(fn(a, 0, "SelectMany", c, "selector"), c);
      const result = a.length > 1 ? fn(a, 1, "SelectMany", c, "resultSelector") : undefined;
      const src = lazy(self, c);
      return seqOf(undefined, function* () {
        let i = 0;
        for (const x of src()) {
          const inner = f(x, i++);
          for (const y of source(inner, c)) yield result ? invoke(result, [x, y], c) : y;
        }
      });
    },
    Any: (self, a, c) => {
      const p = a.length > 0 ? test(fn(a, 0, "Any", c), c) : undefined;
      let i = 0;
      for (const x of source(self, c)) if (!p || p(x, i++)) return true;
      return false;
    },
    All: (self, a, c) => {
      const p = test(fn(a, 0, "All", c), c);
      let i = 0;
      for (const x of source(self, c)) if (!p(x, i++)) return false;
      return true;
    },
    Count: (self, a, c) => {
      const p = a.length > 0 ? test(fn(a, 0, "Count", c), c) : undefined;
      let n = 0;
      let i = 0;
      for (const x of source(self, c)) if (!p || p(x, i++)) n++;
      return int(n);
    },
    LongCount: (self, a, c) => new Num("long", BigInt((ops.Count!(self, a, c) as Num).value as number)),
    First: firstLike("First", false),
    FirstOrDefault: firstLike("First", true),
    Last: firstLike("Last", false),
    LastOrDefault: firstLike("Last", true),
    Single: firstLike("Single", false),
    SingleOrDefault: firstLike("Single", true),
    ElementAt: (self, a, c) => {
      const n = intOf(a, 0, "ElementAt", c);
      let i = 0;
      if (n >= 0) for (const x of source(self, c)) if (i++ === n) return x;
      throw argumentOutOfRange("index", c);
    },
    ElementAtOrDefault: (self, a, c) => {
      const n = intOf(a, 0, "ElementAtOrDefault", c);
      let i = 0;
      if (n >= 0) for (const x of source(self, c)) if (i++ === n) return x;
      return defaultOf(self, "ElementAtOrDefault", c);
    },
    Contains: (self, a, c) => {
      if (a.length > 1) throw new NotEmulated("Enumerable.Contains with a comparer", c.at);
      const v = arg(a, 0, "Contains", c);
      for (const x of source(self, c)) if (eq(x, v)) return true;
      return false;
    },
    Distinct: (self, a, c) => {
      if (a.length > 0) throw new NotEmulated("Enumerable.Distinct with a comparer", c.at);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), () => distinctOf(src(), new Map()));
    },
    Union: (self, a, c) => {
      const src = lazy(self, c);
      const second = other(a, "Union", c);
      return seqOf(elementTypeOf(self), function* () {
        const seen = new Map<string, NetValue[]>();
        yield* distinctOf(src(), seen);
        yield* distinctOf(second(), seen);
      });
    },
    Intersect: (self, a, c) => {
      const src = lazy(self, c);
      const second = other(a, "Intersect", c);
      return seqOf(elementTypeOf(self), function* () {
        const keep = setOf(second());
        for (const x of distinctOf(src(), new Map())) if (inSet(keep, x)) yield x;
      });
    },
    Except: (self, a, c) => {
      const src = lazy(self, c);
      const second = other(a, "Except", c);
      return seqOf(elementTypeOf(self), function* () {
        const drop = setOf(second());
        for (const x of distinctOf(src(), new Map())) if (!inSet(drop, x)) yield x;
      });
    },
    OrderBy: (self, a, c) =>
      ordered(
        self,
        [{ selector: keySelector(a, "OrderBy", c), descending: false }],
        c,
        lazy(self, c),
        elementTypeOf(self),
      ),
    OrderByDescending: (self, a, c) =>
      ordered(
        self,
        [{ selector: keySelector(a, "OrderByDescending", c), descending: true }],
        c,
        lazy(self, c),
        elementTypeOf(self),
      ),
    ThenBy: (self, a, c) => {
      if (!(self instanceof NetOrdered)) throw new NotEmulated("ThenBy on an unordered sequence", c.at);
      return ordered(
        self,
        [...self.keys, { selector: keySelector(a, "ThenBy", c), descending: false }],
        c,
        self.inner,
        elementTypeOf(self),
      );
    },
    ThenByDescending: (self, a, c) => {
      if (!(self instanceof NetOrdered)) throw new NotEmulated("ThenByDescending on an unordered sequence", c.at);
      return ordered(
        self,
        [...self.keys, { selector: keySelector(a, "ThenByDescending", c), descending: true }],
        c,
        self.inner,
        elementTypeOf(self),
      );
    },
    Take: (self, a, c) => {
      const n = intOf(a, 0, "Take", c);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        if (n <= 0) return;
        let i = 0;
        for (const x of src()) {
          yield x;
          if (++i >= n) return;
        }
      });
    },
    Skip: (self, a, c) => {
      const n = intOf(a, 0, "Skip", c);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        let i = 0;
        for (const x of src()) if (i++ >= n) yield x;
      });
    },
    TakeWhile: (self, a, c) => {
      const p = test(fn(a, 0, "TakeWhile", c), c);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        let i = 0;
        for (const x of src()) {
          if (!p(x, i++)) return;
          yield x;
        }
      });
    },
    SkipWhile: (self, a, c) => {
      const p = test(fn(a, 0, "SkipWhile", c), c);
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        let i = 0;
        let skipping = true;
        for (const x of src()) {
          if (skipping && p(x, i++)) continue;
          skipping = false;
          yield x;
        }
      });
    },
    Sum: (self, a, c) => sum(numericFold("Sum", self, a, c), self, c),
    Min: minMax("Min"),
    Max: minMax("Max"),
    Average: (self, a, c) => {
      const nums = numericFold("Average", self, a, c);
      if (nums.length === 0) {
        throw noElements(c);
      }
      const t = nums[0]!.type;
      if (t === "decimal") {
        const total = nums.reduce(
          (acc, n) => arithmetic("+", acc, convertNum(n, "decimal"), true),
          convertNum(int(0), "decimal"),
        );
        return arithmetic("/", total, convertNum(int(nums.length), "decimal"));
      }
      if (isIntegralType(t)) {
        // Average(int/long) sums in long (checked), then divides as double.
        const total = nums.reduce((acc, n) => arithmetic("+", acc, convertNum(n, "long"), true), new Num("long", 0n));
        return new Num("double", Number(total.value as bigint) / nums.length);
      }
      const total = nums.reduce((acc, n) => acc + (n.value as number), 0);
      return t === "float"
        ? new Num("float", Math.fround(total / nums.length))
        : new Num("double", total / nums.length);
    },
    Aggregate: (self, a, c) => {
      if (a.length === 1) {
        const f = fn(a, 0, "Aggregate", c, "func");
        let acc: NetValue | undefined;
        for (const x of source(self, c)) acc = acc === undefined ? x : invoke(f, [acc, x], c);
        if (acc === undefined) throw noElements(c);
        return acc;
      }
      let acc = arg(a, 0, "Aggregate", c);
      const f = fn(a, 1, "Aggregate", c, "func");
      for (const x of source(self, c)) acc = invoke(f, [acc, x], c);
      return a.length > 2 ? invoke(fn(a, 2, "Aggregate", c, "resultSelector"), [acc], c) : acc;
    },
    ToList: (self, _a, c) => {
      const items = [...source(self, c)];
      return new NetList([elementTypeOf(self) ?? sharedType(items) ?? OBJECT_TYPE], items);
    },
    ToArray: (self, _a, c) => {
      const items = [...source(self, c)];
      return new NetArray(elementTypeOf(self) ?? sharedType(items) ?? OBJECT_TYPE, items);
    },
    ToHashSet: (self, a, c) => {
      if (a.length > 0) throw new NotEmulated("ToHashSet with a comparer", c.at);
      const items = [...source(self, c)];
      const s = new NetHashSet([elementTypeOf(self) ?? sharedType(items) ?? OBJECT_TYPE]);
      for (const x of items)
        if (s.table.find(hashKey(registry, x), x, eq) < 0) s.table.add(hashKey(registry, x), x, null);
      return s;
    },
    ToDictionary: (self, a, c) => {
      const keyOf = fn(a, 0, "ToDictionary", c, "keySelector");
      const elementOf = a.length > 1 ? fn(a, 1, "ToDictionary", c, "elementSelector") : undefined;
      if (a.length > 2 || (a[1] && !(a[1].value instanceof NetDelegate)))
        throw new NotEmulated("ToDictionary with a comparer", c.at);
      const entries: [NetValue, NetValue][] = [];
      for (const x of source(self, c)) entries.push([invoke(keyOf, [x], c), elementOf ? invoke(elementOf, [x], c) : x]);
      const d = new NetDictionary([
        sharedType(entries.map((e) => e[0])) ?? OBJECT_TYPE,
        elementOf
          ? (sharedType(entries.map((e) => e[1])) ?? OBJECT_TYPE)
          : (elementTypeOf(self) ?? sharedType(entries.map((e) => e[1])) ?? OBJECT_TYPE),
      ]);
      for (const [k, v] of entries) {
        if (k === null) throw argumentNull("key", c);
        const h = hashKey(registry, k);
        if (d.table.find(h, k, eq) >= 0) {
          throw new NetException(
            "ArgumentException",
            `An item with the same key has already been added. Key: ${valueText(registry, k, c)}`,
            c.at,
          );
        }
        d.table.add(h, k, v);
      }
      return d;
    },
    GroupBy: (self, a, c) => {
      const keyOf = fn(a, 0, "GroupBy", c, "keySelector");
      const second = a[1]?.value;
      if (a.length > 2 || (second !== undefined && !(second instanceof NetDelegate)))
        throw new NotEmulated("GroupBy with a comparer or several selectors", c.at);
      const elementOf = second instanceof NetDelegate && second.arity === 1 ? second : undefined;
      const resultOf = second instanceof NetDelegate && second.arity === 2 ? second : undefined;
      const src = lazy(self, c);
      return seqOf(undefined, function* () {
        const groups: NetGrouping[] = [];
        const index = new Map<string, NetGrouping[]>();
        for (const x of src()) {
          const k = invoke(keyOf, [x], c);
          const h = hashKey(registry, k);
          let g = index.get(h)?.find((y) => eq(y.key, k));
          if (!g) {
            g = new NetGrouping(
              [typeRefOf(k) ?? OBJECT_TYPE, elementOf ? OBJECT_TYPE : (elementTypeOf(self) ?? OBJECT_TYPE)],
              k,
              [],
            );
            groups.push(g);
            const bucket = index.get(h);
            if (bucket) bucket.push(g);
            else index.set(h, [g]);
          }
          g.items.push(elementOf ? invoke(elementOf, [x], c) : x);
        }
        for (const g of groups) yield resultOf ? invoke(resultOf, [g.key, g], c) : g;
      });
    },
    Concat: (self, a, c) => {
      const src = lazy(self, c);
      const second = other(a, "Concat", c);
      return seqOf(elementTypeOf(self), function* () {
        yield* src();
        yield* second();
      });
    },
    Append: (self, a, c) => {
      const src = lazy(self, c);
      const x = arg(a, 0, "Append", c);
      return seqOf(elementTypeOf(self), function* () {
        yield* src();
        yield x;
      });
    },
    Prepend: (self, a, c) => {
      const src = lazy(self, c);
      const x = arg(a, 0, "Prepend", c);
      return seqOf(elementTypeOf(self), function* () {
        yield x;
        yield* src();
      });
    },
    Reverse: (self, _a, c) => {
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), () => [...src()].reverse());
    },
    Zip: (self, a, c) => {
      if (a.length < 2) throw new NotEmulated("Zip without a result selector (tuples)", c.at);
      const src = lazy(self, c);
      const second = other(a, "Zip", c);
      const f = fn(a, 1, "Zip", c, "resultSelector");
      return seqOf(undefined, function* () {
        const it = second()[Symbol.iterator]();
        for (const x of src()) {
          const y = it.next();
          if (y.done) return;
          yield invoke(f, [x, y.value], c);
        }
      });
    },
    Cast: (self, _a, c) => {
      const t = c.typeArgs[0];
      if (!t) throw new NotEmulated("Cast without its type argument", c.at);
      const src = lazy(self, c);
      return seqOf(t, function* () {
        for (const x of src()) {
          if (x === null || isInstance(x, t) === true) {
            yield x;
            continue;
          }
          if (isInstance(x, t) === undefined)
            throw new NotEmulated(`Cast<${fullNameOf(t)}> of ${describeType(x)}`, c.at);
          throw new NetException(
            "InvalidCastException",
            `Unable to cast object of type '${fullNameOf(typeRefOf(x)!)}' to type '${fullNameOf(t)}'.`,
            c.at,
          );
        }
      });
    },
    OfType: (self, _a, c) => {
      const t = c.typeArgs[0];
      if (!t) throw new NotEmulated("OfType without its type argument", c.at);
      const src = lazy(self, c);
      return seqOf(t, function* () {
        for (const x of src()) {
          const is = x !== null && isInstance(x, t);
          if (is === undefined) throw new NotEmulated(`OfType<${fullNameOf(t)}> of ${describeType(x)}`, c.at);
          if (is) yield x;
        }
      });
    },
    DefaultIfEmpty: (self, a, c) => {
      const src = lazy(self, c);
      return seqOf(elementTypeOf(self), function* () {
        let any = false;
        for (const x of src()) {
          any = true;
          yield x;
        }
        if (!any) yield a.length > 0 ? a[0]!.value : defaultOf(self, "DefaultIfEmpty", c);
      });
    },
    SequenceEqual: (self, a, c) => {
      if (a.length > 1) throw new NotEmulated("SequenceEqual with a comparer", c.at);
      const x = [...source(self, c)];
      const y = [...other(a, "SequenceEqual", c)()];
      return x.length === y.length && x.every((v, i) => eq(v, y[i]!));
    },
  };

  for (const [name, impl] of Object.entries(ops)) {
    // A null receiver of a LINQ method is ArgumentNullException (source), not NullReferenceException; except for the
    // names that are also instance methods of string and List (a null string's Contains is NullReferenceException),
    // where the static type the emulator does not see would decide.
    const nullIsSource = !INSTANCE_NAMES.has(name);
    registry.defineExtension({
      name,
      appliesTo: (self) => (self === null ? nullIsSource : canIterate(registry, self)),
      call: impl,
    });
  }

  const statics: Record<string, ReturnType<typeof getter> | { kind: "method"; call: Impl }> = {};
  for (const [name, impl] of Object.entries(ops)) {
    statics[name] = { kind: "method", call: (_s, args, call) => impl(args[0]?.value ?? null, args.slice(1), call) };
  }
  statics.Range = {
    kind: "method",
    call: (_s, a, c) => {
      const start = intOf(a, 0, "Enumerable.Range", c);
      const n = intOf(a, 1, "Enumerable.Range", c);
      if (n < 0 || start + n - 1 > 2147483647)
        throw argumentOutOfRange("count", c, "Specified argument was out of the range of valid values.");
      return sequence(named(K.int), function* () {
        for (let i = 0; i < n; i++) yield int(start + i);
      });
    },
  };
  statics.Repeat = {
    kind: "method",
    call: (_s, a, c) => {
      const x = arg(a, 0, "Enumerable.Repeat", c);
      const n = intOf(a, 1, "Enumerable.Repeat", c);
      if (n < 0) throw argumentOutOfRange("count", c, "Specified argument was out of the range of valid values.");
      return sequence(c.typeArgs[0] ?? typeRefOf(x) ?? UNKNOWN, function* () {
        for (let i = 0; i < n; i++) yield x;
      });
    },
  };
  statics.Empty = {
    kind: "method",
    call: (_s, _a, c) => {
      const t = c.typeArgs[0];
      if (!t) throw new NotEmulated("Enumerable.Empty without its type argument", c.at);
      return new NetArray(t, []);
    },
  };
  registry.define({ key: ENUMERABLE, static: statics });

  registry.define({
    key: ORDERED,
    supertypes: ["System.Linq.Enumerable+Iterator`1", "System.Collections.Generic.IEnumerable`1", "System.Object"],
  });
  registry.define({
    key: GROUPING,
    supertypes: ["System.Collections.Generic.IEnumerable`1", "System.Object"],
    instance: { Key: getter((g: NetGrouping) => g.key) },
    iterate: (self) => (self as NetGrouping).items,
  });
}

export { NetKeyValuePair };
