// System.Collections.Generic.List<T> (List.cs): bounds-checked indexer, version-checked enumeration and ForEach,
// and Sort as .NET's introsort does it for the sizes a policy sorts: up to 16 elements it is an insertion sort
// (stable); above that .NET's order of equal elements is its introsort's, not emulated when ties exist.

import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { int, NetArray, type NetValue, Num } from "../../values.js";
import { arg, arity, count, getter, guarded, intArgument, method, modified } from "./members.js";
import { clrTypeName, LIST, NetList, OBJECT_TYPE } from "./model.js";
import {
  argumentNull,
  argumentOutOfRange,
  compareDefault,
  defaultValue,
  describeType,
  invoke,
  iterate,
  truthy,
  valueEquals,
} from "./support.js";

function checkIndex(list: NetList, i: number, call: CallInfo, inclusive = false): void {
  if (i < 0 || i > list.items.length || (!inclusive && i === list.items.length)) {
    throw argumentOutOfRange("index", call);
  }
}

function mutate(list: NetList): void {
  list.version++;
}

/** Comparison result of a Comparison<T> delegate or IComparer (an int). */
function comparisonResult(v: NetValue, call: CallInfo): number {
  if (!(v instanceof Num) || v.type !== "int")
    throw new NotEmulated(`a comparison returning ${describeType(v)}`, call.at);
  return v.value as number;
}

/**
 * List<T>.Sort: .NET's IntroSort switches to insertion sort for partitions of at most 16 elements, so short lists
 * sort stably; longer lists are sorted stably here and refused when two distinct elements compare equal.
 */
export function sortItems(items: NetValue[], compare: (a: NetValue, b: NetValue) => number, call: CallInfo): void {
  if (items.length <= 16) {
    for (let i = 0; i < items.length - 1; i++) {
      const t = items[i + 1]!;
      let j = i;
      while (j >= 0 && compare(t, items[j]!) < 0) {
        items[j + 1] = items[j]!;
        j--;
      }
      items[j + 1] = t;
    }
    return;
  }
  const sorted = items.map((v, i) => ({ v, i })).sort((a, b) => compare(a.v, b.v) || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    if (compare(sorted[k - 1]!.v, sorted[k]!.v) === 0 && sorted[k - 1]!.v !== sorted[k]!.v) {
      throw new NotEmulated(
        "List.Sort of more than 16 elements with equal keys (the order of ties in .NET's introsort)",
        call.at,
      );
    }
  }
  sorted.forEach((e, k) => {
    items[k] = e.v;
  });
}

export function defineList(registry: RuntimeRegistry): void {
  const eq = (a: NetValue, b: NetValue) => valueEquals(registry, a, b);
  const indexOf = (list: NetList, x: NetValue, start = 0) => {
    for (let i = start; i < list.items.length; i++) if (eq(list.items[i]!, x)) return i;
    return -1;
  };
  const predicate = (args: readonly Arg[], what: string, call: CallInfo) => {
    const fn = arg(args, 0, what, call);
    if (fn === null) throw argumentNull("match", call);
    return (x: NetValue) => truthy(invoke(fn, [x], call), call);
  };
  const defaultOf = (list: NetList, call: CallInfo): NetValue => defaultValue(list.elementType, call);

  registry.define({
    key: LIST,
    supertypes: [
      "System.Collections.Generic.IList`1",
      "System.Collections.Generic.IReadOnlyList`1",
      "System.Collections.Generic.ICollection`1",
      "System.Collections.Generic.IReadOnlyCollection`1",
      "System.Collections.Generic.IEnumerable`1",
      "System.Object",
    ],
    construct(args, call) {
      const list = new NetList(call.typeArgs.length > 0 ? call.typeArgs : [OBJECT_TYPE]);
      if (args.length === 1) {
        const a = args[0]!.value;
        if (a instanceof Num) {
          if ((a.value as number) < 0) throw argumentOutOfRange("capacity", call, "Non-negative number required.");
        } else {
          if (a === null) throw argumentNull("collection", call);
          list.items.push(...iterate(registry, a, call, "collection"));
        }
      } else if (args.length > 1) throw new NotEmulated(`new List<T> with ${args.length} arguments`, call.at);
      return list;
    },
    instance: {
      Count: getter((l: NetList) => count(l.items.length)),
      Capacity: getter((l: NetList) => count(l.items.length)),
      Add: method((l: NetList, a, c) => {
        l.items.push(arg(a, 0, "List.Add", c));
        mutate(l);
        return null;
      }),
      AddRange: method((l: NetList, a, c) => {
        const src = arg(a, 0, "List.AddRange", c);
        if (src === null) throw argumentNull("collection", c);
        // A list added to itself: .NET copies it first.
        const items = [...iterate(registry, src, c, "collection")];
        l.items.push(...items);
        mutate(l);
        return null;
      }),
      Insert: method((l: NetList, a, c) => {
        const i = intArgument(a, 0, "List.Insert", c);
        checkIndex(l, i, c, true);
        l.items.splice(i, 0, arg(a, 1, "List.Insert", c));
        mutate(l);
        return null;
      }),
      InsertRange: method((l: NetList, a, c) => {
        const i = intArgument(a, 0, "List.InsertRange", c);
        checkIndex(l, i, c, true);
        const src = arg(a, 1, "List.InsertRange", c);
        if (src === null) throw argumentNull("collection", c);
        l.items.splice(i, 0, ...iterate(registry, src, c, "collection"));
        mutate(l);
        return null;
      }),
      Remove: method((l: NetList, a, c) => {
        const i = indexOf(l, arg(a, 0, "List.Remove", c));
        if (i < 0) return false;
        l.items.splice(i, 1);
        mutate(l);
        return true;
      }),
      RemoveAt: method((l: NetList, a, c) => {
        const i = intArgument(a, 0, "List.RemoveAt", c);
        checkIndex(l, i, c);
        l.items.splice(i, 1);
        mutate(l);
        return null;
      }),
      RemoveRange: method((l: NetList, a, c) => {
        const i = intArgument(a, 0, "List.RemoveRange", c);
        const n = intArgument(a, 1, "List.RemoveRange", c);
        if (i < 0) throw argumentOutOfRange("index", c, "Non-negative number required.");
        if (n < 0) throw argumentOutOfRange("count", c, "Non-negative number required.");
        if (l.items.length - i < n)
          throw new NetException(
            "ArgumentException",
            "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.",
            c.at,
          );
        l.items.splice(i, n);
        if (n > 0) mutate(l);
        return null;
      }),
      RemoveAll: method((l: NetList, a, c) => {
        const match = predicate(a, "List.RemoveAll", c);
        const keep = l.items.filter((x) => !match(x));
        const removed = l.items.length - keep.length;
        l.items.splice(0, l.items.length, ...keep);
        if (removed > 0) mutate(l);
        return int(removed);
      }),
      Clear: method((l: NetList) => {
        l.items.length = 0;
        mutate(l);
        return null;
      }),
      Contains: method((l: NetList, a, c) => indexOf(l, arg(a, 0, "List.Contains", c)) >= 0),
      IndexOf: method((l: NetList, a, c) => {
        arity(a, [1, 2], "List.IndexOf", c);
        const start = a.length > 1 ? intArgument(a, 1, "List.IndexOf", c) : 0;
        if (start < 0 || start > l.items.length) throw argumentOutOfRange("index", c);
        return int(indexOf(l, arg(a, 0, "List.IndexOf", c), start));
      }),
      LastIndexOf: method((l: NetList, a, c) => {
        arity(a, [1], "List.LastIndexOf", c);
        const x = arg(a, 0, "List.LastIndexOf", c);
        for (let i = l.items.length - 1; i >= 0; i--) if (eq(l.items[i]!, x)) return int(i);
        return int(-1);
      }),
      Exists: method((l: NetList, a, c) => l.items.some(predicate(a, "List.Exists", c))),
      TrueForAll: method((l: NetList, a, c) => l.items.every(predicate(a, "List.TrueForAll", c))),
      Find: method((l: NetList, a, c) => {
        const match = predicate(a, "List.Find", c);
        for (const x of l.items) if (match(x)) return x;
        return defaultOf(l, c);
      }),
      FindLast: method((l: NetList, a, c) => {
        const match = predicate(a, "List.FindLast", c);
        for (let i = l.items.length - 1; i >= 0; i--) if (match(l.items[i]!)) return l.items[i]!;
        return defaultOf(l, c);
      }),
      FindIndex: method((l: NetList, a, c) => {
        arity(a, [1], "List.FindIndex", c);
        return int(l.items.findIndex(predicate(a, "List.FindIndex", c)));
      }),
      FindAll: method((l: NetList, a, c) => new NetList(l.$typeArgs, l.items.filter(predicate(a, "List.FindAll", c)))),
      ForEach: method((l: NetList, a, c) => {
        const fn = arg(a, 0, "List.ForEach", c);
        if (fn === null) throw argumentNull("action", c);
        const start = l.version;
        for (let i = 0; i < l.items.length; i++) {
          if (l.version !== start) break;
          invoke(fn, [l.items[i]!], c);
        }
        if (l.version !== start) throw modified(c);
        return null;
      }),
      GetRange: method((l: NetList, a, c) => {
        const i = intArgument(a, 0, "List.GetRange", c);
        const n = intArgument(a, 1, "List.GetRange", c);
        if (i < 0) throw argumentOutOfRange("index", c, "Non-negative number required.");
        if (n < 0) throw argumentOutOfRange("count", c, "Non-negative number required.");
        if (l.items.length - i < n)
          throw new NetException(
            "ArgumentException",
            "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.",
            c.at,
          );
        return new NetList(l.$typeArgs, l.items.slice(i, i + n));
      }),
      Reverse: method((l: NetList, a, c) => {
        arity(a, [0], "List.Reverse", c);
        l.items.reverse();
        mutate(l);
        return null;
      }),
      Sort: method((l: NetList, a, c) => {
        arity(a, [0, 1], "List.Sort", c);
        const cmp =
          a.length === 0
            ? (x: NetValue, y: NetValue) => compareDefault(registry, x, y, c)
            : (x: NetValue, y: NetValue) => comparisonResult(invoke(a[0]!.value, [x, y], c), c);
        sortItems(l.items, cmp, c);
        mutate(l);
        return null;
      }),
      ToArray: method((l: NetList) => new NetArray(l.elementType, [...l.items])),
      ConvertAll: method((l: NetList, a, c) => {
        const fn = arg(a, 0, "List.ConvertAll", c);
        return new NetList(
          c.typeArgs.length > 0 ? c.typeArgs : [OBJECT_TYPE],
          l.items.map((x) => invoke(fn, [x], c)),
        );
      }),
    },
    indexer: {
      get(self, args, call) {
        const l = self as NetList;
        const i = intArgument(args, 0, "List indexer", call);
        checkIndex(l, i, call);
        return l.items[i]!;
      },
      set(self, args, value, call) {
        const l = self as NetList;
        const i = intArgument(args, 0, "List indexer", call);
        checkIndex(l, i, call);
        l.items[i] = value;
        mutate(l);
      },
    },
    iterate: (self, call) => {
      const l = self as NetList;
      return guarded(l.items, () => l.version, call);
    },
    toString: (self) => clrTypeName({ kind: "named", key: LIST, args: (self as NetList).$typeArgs }),
  });
}
