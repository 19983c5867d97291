// HashSet<T> (entry array with a free list, like Dictionary), Queue<T> and Stack<T> with .NET's exception messages.

import { NotEmulated } from "../../errors.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { NetArray, type NetValue, Num } from "../../values.js";
import { arg, count, getter, guarded, method } from "./members.js";
import { clrTypeName, HASH_SET, NetHashSet, NetQueue, NetStack, OBJECT_TYPE, QUEUE, STACK } from "./model.js";
import { argumentNull, hashKey, invalidOperation, iterate, valueEquals } from "./support.js";

export function defineSets(registry: RuntimeRegistry): void {
  const eq = (a: NetValue, b: NetValue) => valueEquals(registry, a, b);
  const find = (s: NetHashSet, x: NetValue) => s.table.find(hashKey(registry, x), x, eq);
  const add = (s: NetHashSet, x: NetValue): boolean => {
    if (find(s, x) >= 0) return false;
    s.table.add(hashKey(registry, x), x, null);
    return true;
  };
  const items = (s: NetHashSet) => [...s.table.live()].map((e) => e.key);
  const other = (a: readonly { value: NetValue }[], what: string, c: CallInfo): NetValue[] => {
    const v = arg(a, 0, what, c);
    if (v === null) throw argumentNull("other", c);
    return [...iterate(registry, v, c, "other")];
  };
  const setOf = (s: NetHashSet, values: NetValue[]) => {
    const t = new NetHashSet(s.$typeArgs);
    for (const v of values) add(t, v);
    return t;
  };
  const typeArgs = (call: CallInfo) => (call.typeArgs.length > 0 ? call.typeArgs : [OBJECT_TYPE]);
  const collectionTypes = [
    "System.Collections.Generic.ICollection`1",
    "System.Collections.Generic.IReadOnlyCollection`1",
    "System.Collections.Generic.IEnumerable`1",
    "System.Object",
  ];

  registry.define({
    key: HASH_SET,
    supertypes: ["System.Collections.Generic.ISet`1", ...collectionTypes],
    construct(args, call) {
      const s = new NetHashSet(typeArgs(call));
      const a = args[0]?.value;
      if (args.length > 1) throw new NotEmulated("new HashSet with a comparer", call.at);
      if (a === null) throw argumentNull("collection", call);
      if (a !== undefined && !(a instanceof Num)) for (const v of iterate(registry, a, call, "collection")) add(s, v);
      return s;
    },
    instance: {
      Count: getter((s: NetHashSet) => count(s.table.count)),
      Add: method((s: NetHashSet, a, c) => add(s, arg(a, 0, "HashSet.Add", c))),
      Remove: method((s: NetHashSet, a, c) => {
        const i = find(s, arg(a, 0, "HashSet.Remove", c));
        if (i < 0) return false;
        s.table.removeAt(i);
        return true;
      }),
      Contains: method((s: NetHashSet, a, c) => find(s, arg(a, 0, "HashSet.Contains", c)) >= 0),
      Clear: method((s: NetHashSet) => {
        s.table.clear();
        return null;
      }),
      UnionWith: method((s: NetHashSet, a, c) => {
        for (const v of other(a, "HashSet.UnionWith", c)) add(s, v);
        return null;
      }),
      IntersectWith: method((s: NetHashSet, a, c) => {
        const keep = setOf(s, other(a, "HashSet.IntersectWith", c));
        for (const v of items(s)) if (find(keep, v) < 0) s.table.removeAt(find(s, v));
        return null;
      }),
      ExceptWith: method((s: NetHashSet, a, c) => {
        for (const v of other(a, "HashSet.ExceptWith", c)) {
          const i = find(s, v);
          if (i >= 0) s.table.removeAt(i);
        }
        return null;
      }),
      SetEquals: method((s: NetHashSet, a, c) => {
        const o = setOf(s, other(a, "HashSet.SetEquals", c));
        return o.table.count === s.table.count && items(o).every((v) => find(s, v) >= 0);
      }),
      IsSubsetOf: method((s: NetHashSet, a, c) => {
        const o = setOf(s, other(a, "HashSet.IsSubsetOf", c));
        return items(s).every((v) => find(o, v) >= 0);
      }),
      IsSupersetOf: method((s: NetHashSet, a, c) => other(a, "HashSet.IsSupersetOf", c).every((v) => find(s, v) >= 0)),
      Overlaps: method((s: NetHashSet, a, c) => other(a, "HashSet.Overlaps", c).some((v) => find(s, v) >= 0)),
    },
    iterate: (self, call) => {
      const s = self as NetHashSet;
      return guarded(items(s), () => s.table.version, call);
    },
    toString: (self) => clrTypeName({ kind: "named", key: HASH_SET, args: (self as NetHashSet).$typeArgs }),
  });

  const fill = (target: NetValue[], args: readonly { value: NetValue }[], call: CallInfo, what: string) => {
    if (args.length > 1) throw new NotEmulated(`${what} with ${args.length} arguments`, call.at);
    const a = args[0]?.value;
    if (a === undefined || a instanceof Num) return;
    if (a === null) throw argumentNull("collection", call);
    target.push(...iterate(registry, a, call, "collection"));
  };

  registry.define({
    key: QUEUE,
    supertypes: collectionTypes,
    construct(args, call) {
      const q = new NetQueue(typeArgs(call));
      fill(q.items, args, call, "new Queue");
      return q;
    },
    instance: {
      Count: getter((q: NetQueue) => count(q.items.length)),
      Enqueue: method((q: NetQueue, a, c) => {
        q.items.push(arg(a, 0, "Queue.Enqueue", c));
        q.version++;
        return null;
      }),
      Dequeue: method((q: NetQueue, _a, c) => {
        if (q.items.length === 0) throw invalidOperation("Queue empty.", c);
        q.version++;
        return q.items.shift()!;
      }),
      Peek: method((q: NetQueue, _a, c) => {
        if (q.items.length === 0) throw invalidOperation("Queue empty.", c);
        return q.items[0]!;
      }),
      TryDequeue: method((q: NetQueue, a, c) => {
        const out = a[0]?.ref;
        if (!out) throw new NotEmulated("Queue.TryDequeue without an out argument", c.at);
        if (q.items.length === 0) {
          out.set(null);
          return false;
        }
        q.version++;
        out.set(q.items.shift()!);
        return true;
      }),
      Contains: method((q: NetQueue, a, c) => q.items.some((x) => eq(x, arg(a, 0, "Queue.Contains", c)))),
      Clear: method((q: NetQueue) => {
        q.items.length = 0;
        q.version++;
        return null;
      }),
      ToArray: method((q: NetQueue) => new NetArray(q.$typeArgs[0] ?? OBJECT_TYPE, [...q.items])),
    },
    iterate: (self, call) => {
      const q = self as NetQueue;
      return guarded(q.items, () => q.version, call);
    },
    toString: (self) => clrTypeName({ kind: "named", key: QUEUE, args: (self as NetQueue).$typeArgs }),
  });

  registry.define({
    key: STACK,
    supertypes: collectionTypes,
    construct(args, call) {
      const s = new NetStack(typeArgs(call));
      fill(s.items, args, call, "new Stack");
      return s;
    },
    instance: {
      Count: getter((s: NetStack) => count(s.items.length)),
      Push: method((s: NetStack, a, c) => {
        s.items.push(arg(a, 0, "Stack.Push", c));
        s.version++;
        return null;
      }),
      Pop: method((s: NetStack, _a, c) => {
        if (s.items.length === 0) throw invalidOperation("Stack empty.", c);
        s.version++;
        return s.items.pop()!;
      }),
      Peek: method((s: NetStack, _a, c) => {
        if (s.items.length === 0) throw invalidOperation("Stack empty.", c);
        return s.items[s.items.length - 1]!;
      }),
      Contains: method((s: NetStack, a, c) => s.items.some((x) => eq(x, arg(a, 0, "Stack.Contains", c)))),
      Clear: method((s: NetStack) => {
        s.items.length = 0;
        s.version++;
        return null;
      }),
      // Stack.ToArray and enumeration go from the top.
      ToArray: method((s: NetStack) => new NetArray(s.$typeArgs[0] ?? OBJECT_TYPE, [...s.items].reverse())),
    },
    iterate: (self, call) => {
      const s = self as NetStack;
      return guarded([...s.items].reverse(), () => s.version, call);
    },
    toString: (self) => clrTypeName({ kind: "named", key: STACK, args: (self as NetStack).$typeArgs }),
  });
}
