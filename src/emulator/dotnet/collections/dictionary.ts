// System.Collections.Generic.Dictionary<TKey,TValue> (Dictionary.cs) with EqualityComparer<TKey>.Default; its live
// Keys and Values views, and KeyValuePair<TKey,TValue>. A dictionary built with a comparer
// (StringComparer.OrdinalIgnoreCase) is not emulated: the comparer's type is owned by the strings module.

import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { isNetObject, NetArray, type NetValue, Num } from "../../values.js";
import { arg, count, getter, guarded, method } from "./members.js";
import {
  clrTypeName,
  DICTIONARY,
  KEY_COLLECTION,
  KEY_VALUE_PAIR,
  NetDictionary,
  NetDictionaryView,
  NetKeyValuePair,
  OBJECT_TYPE,
  VALUE_COLLECTION,
} from "./model.js";
import { argumentNull, defaultValue, hashKey, valueEquals, valueText } from "./support.js";

export function defineDictionary(registry: RuntimeRegistry): void {
  const eq = (a: NetValue, b: NetValue) => valueEquals(registry, a, b);
  const findKey = (d: NetDictionary, key: NetValue, call: CallInfo): number => {
    if (key === null) throw argumentNull("key", call);
    return d.table.find(hashKey(registry, key), key, eq);
  };
  const keyArg = (args: readonly Arg[], what: string, call: CallInfo) => arg(args, 0, what, call);
  const add = (d: NetDictionary, key: NetValue, value: NetValue, call: CallInfo) => {
    if (findKey(d, key, call) >= 0) {
      throw new NetException(
        "ArgumentException",
        `An item with the same key has already been added. Key: ${valueText(registry, key, call)}`,
        call.at,
      );
    }
    d.table.add(hashKey(registry, key), key, value);
  };
  const pairs = (d: NetDictionary, call: CallInfo): Iterable<NetValue> => {
    const t = d.table;
    return guarded(
      (function* () {
        for (const e of t.live()) yield new NetKeyValuePair(d.$typeArgs, e.key, e.value);
      })(),
      () => t.version,
      call,
    );
  };

  registry.define({
    key: DICTIONARY,
    supertypes: [
      "System.Collections.Generic.IDictionary`2",
      "System.Collections.Generic.IReadOnlyDictionary`2",
      "System.Collections.Generic.ICollection`1",
      "System.Collections.Generic.IReadOnlyCollection`1",
      "System.Collections.Generic.IEnumerable`1",
      "System.Object",
    ],
    construct(args, call) {
      const d = new NetDictionary(call.typeArgs.length === 2 ? call.typeArgs : [OBJECT_TYPE, OBJECT_TYPE]);
      if (args.length > 1) throw new NotEmulated(`new Dictionary with ${args.length} arguments`, call.at);
      const a = args[0]?.value;
      if (a === undefined || a instanceof Num) return d;
      if (a === null) throw argumentNull("dictionary", call);
      if (a instanceof NetDictionary) {
        for (const e of a.table.live()) add(d, e.key, e.value, call);
        return d;
      }
      throw new NotEmulated(
        `new Dictionary(${isNetObject(a) ? a.$type : "this argument"}) (a comparer or another source)`,
        call.at,
      );
    },
    instance: {
      Count: getter((d: NetDictionary) => count(d.table.count)),
      Keys: getter((d: NetDictionary) => new NetDictionaryView(KEY_COLLECTION, d)),
      Values: getter((d: NetDictionary) => new NetDictionaryView(VALUE_COLLECTION, d)),
      Add: method((d: NetDictionary, a, c) => {
        add(d, keyArg(a, "Dictionary.Add", c), arg(a, 1, "Dictionary.Add", c), c);
        return null;
      }),
      TryAdd: method((d: NetDictionary, a, c) => {
        const key = keyArg(a, "Dictionary.TryAdd", c);
        if (findKey(d, key, c) >= 0) return false;
        d.table.add(hashKey(registry, key), key, arg(a, 1, "Dictionary.TryAdd", c));
        return true;
      }),
      ContainsKey: method((d: NetDictionary, a, c) => findKey(d, keyArg(a, "Dictionary.ContainsKey", c), c) >= 0),
      ContainsValue: method((d: NetDictionary, a, c) => {
        const v = arg(a, 0, "Dictionary.ContainsValue", c);
        for (const e of d.table.live()) if (eq(e.value, v)) return true;
        return false;
      }),
      TryGetValue: method((d: NetDictionary, a, c) => {
        const i = findKey(d, keyArg(a, "Dictionary.TryGetValue", c), c);
        const out = a[1]?.ref;
        if (!out) throw new NotEmulated("Dictionary.TryGetValue without an out argument", c.at);
        out.set(i >= 0 ? d.table.at(i).value : defaultValue(d.valueType, c));
        return i >= 0;
      }),
      Remove: method((d: NetDictionary, a, c) => {
        const i = findKey(d, keyArg(a, "Dictionary.Remove", c), c);
        const out = a[1]?.ref;
        if (a.length > 1 && !out) throw new NotEmulated("Dictionary.Remove(key, value) without an out argument", c.at);
        if (i < 0) {
          out?.set(defaultValue(d.valueType, c));
          return false;
        }
        out?.set(d.table.at(i).value);
        d.table.removeAt(i);
        return true;
      }),
      Clear: method((d: NetDictionary) => {
        d.table.clear();
        return null;
      }),
    },
    indexer: {
      get(self, args, call) {
        const d = self as NetDictionary;
        const key = keyArg(args, "Dictionary indexer", call);
        const i = findKey(d, key, call);
        if (i < 0) {
          throw new NetException(
            "KeyNotFoundException",
            `The given key '${valueText(registry, key, call)}' was not present in the dictionary.`,
            call.at,
          );
        }
        return d.table.at(i).value;
      },
      set(self, args, value, call) {
        const d = self as NetDictionary;
        const key = keyArg(args, "Dictionary indexer", call);
        const i = findKey(d, key, call);
        if (i >= 0) d.table.setValue(i, value);
        else d.table.add(hashKey(registry, key), key, value);
      },
    },
    iterate: (self, call) => pairs(self as NetDictionary, call),
    toString: (self) => clrTypeName({ kind: "named", key: DICTIONARY, args: (self as NetDictionary).$typeArgs }),
  });

  // CollectionExtensions.GetValueOrDefault (.NET Core 2.0+) on a Dictionary.
  registry.defineExtension({
    name: "GetValueOrDefault",
    appliesTo: (self) => self instanceof NetDictionary,
    call(self, args, call) {
      const d = self as NetDictionary;
      const i = findKey(d, keyArg(args, "GetValueOrDefault", call), call);
      if (i >= 0) return d.table.at(i).value;
      return args.length > 1 ? args[1]!.value : defaultValue(d.valueType, call);
    },
  });

  for (const key of [KEY_COLLECTION, VALUE_COLLECTION] as const) {
    const keys = key === KEY_COLLECTION;
    const items = (v: NetDictionaryView, call: CallInfo) => {
      const t = v.dictionary.table;
      return guarded(
        (function* () {
          for (const e of t.live()) yield keys ? e.key : e.value;
        })(),
        () => t.version,
        call,
      );
    };
    registry.define({
      key,
      supertypes: [
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IEnumerable`1",
        "System.Object",
      ],
      instance: {
        Count: getter((v: NetDictionaryView) => count(v.dictionary.table.count)),
        Contains: method((v: NetDictionaryView, a, c) => {
          const x = arg(a, 0, "Contains", c);
          if (keys) return x !== null && v.dictionary.table.find(hashKey(registry, x), x, eq) >= 0;
          for (const e of v.dictionary.table.live()) if (eq(e.value, x)) return true;
          return false;
        }),
        ToArray: method((v: NetDictionaryView, _a, c) => {
          const t = v.dictionary.$typeArgs[keys ? 0 : 1] ?? OBJECT_TYPE;
          return new NetArray(t, [...items(v, c)]);
        }),
      },
      iterate: (self, call) => items(self as NetDictionaryView, call),
      toString: (self) => `${key}[${(self as NetDictionaryView).$typeArgs.map(clrTypeName).join(",")}]`,
    });
  }

  registry.define({
    key: KEY_VALUE_PAIR,
    supertypes: ["System.ValueType", "System.Object"],
    construct(args, call) {
      return new NetKeyValuePair(
        call.typeArgs,
        arg(args, 0, "new KeyValuePair", call),
        arg(args, 1, "new KeyValuePair", call),
      );
    },
    instance: {
      Key: getter((p: NetKeyValuePair) => p.key),
      Value: getter((p: NetKeyValuePair) => p.value),
    },
    // KeyValuePair.ToString: "[key, value]" with each part's ToString (null as empty).
    toString: (self, _f, call) => {
      const p = self as NetKeyValuePair;
      return `[${valueText(registry, p.key, call)}, ${valueText(registry, p.value, call)}]`;
    },
    // ValueType.Equals: field by field.
    equals: (a, b) =>
      a instanceof NetKeyValuePair && b instanceof NetKeyValuePair && eq(a.key, b.key) && eq(a.value, b.value),
  });
}
