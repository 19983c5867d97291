// Read-only dictionaries of `context`: request/response headers, URL query, JWT claims, matched parameters and
// Variables. In APIM they are IReadOnlyDictionary<string, ...> (runtime reference §3); the runtime class behind the
// interface is the gateway's own, so it has its own key and lists the interfaces as supertypes.
import { arrayOf, named, OBJECT, STRING, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetKeyValuePair } from "../../dotnet/collections/model.js";
import { NetException } from "../../errors.js";
import type { CallInfo, RuntimeType } from "../../runtime-types.js";
import { int, NetArray, type NetObject, type NetValue } from "../../values.js";
import { argument, method, prop } from "./host.js";

export const DICTIONARY_KEY = "apimkit.Gateway.ReadOnlyDictionary`2";

/** What a dictionary view reads: the live message, the token, the variables. */
export interface DictionarySource {
  keys(): readonly string[];
  /** undefined when the key is absent. */
  get(key: string): NetValue | undefined;
}

export type DictionaryKind = "headers" | "query" | "claims" | "matched" | "variables";

export class ReadOnlyDictionary implements NetObject {
  readonly $type = DICTIONARY_KEY;
  readonly $typeArgs: readonly TypeRef[];
  constructor(
    readonly kind: DictionaryKind,
    readonly source: DictionarySource,
  ) {
    const value = kind === "variables" ? OBJECT : kind === "matched" ? STRING : arrayOf(STRING);
    this.$typeArgs = [STRING, value];
  }

  lookup(key: NetValue, call: CallInfo): NetValue | undefined {
    if (key === null)
      throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'key')", call.at);
    if (typeof key !== "string") throw new NetException("InvalidCastException", "the key must be a string", call.at);
    return this.source.get(key);
  }
}

export function dictionaryType(): RuntimeType {
  return {
    key: DICTIONARY_KEY,
    supertypes: [
      "System.Collections.Generic.IReadOnlyDictionary`2",
      "System.Collections.Generic.IReadOnlyCollection`1",
      "System.Collections.Generic.IEnumerable`1",
      "System.Object",
    ],
    instance: {
      Count: prop<ReadOnlyDictionary>((d) => int(d.source.keys().length)),
      Keys: prop<ReadOnlyDictionary>((d) => new NetArray(STRING, [...d.source.keys()])),
      Values: prop<ReadOnlyDictionary>(
        (d) =>
          new NetArray(
            d.$typeArgs[1] as TypeRef,
            d.source.keys().map((k) => d.source.get(k) ?? null),
          ),
      ),
      ContainsKey: method<ReadOnlyDictionary>((d, args, call) => d.lookup(args[0]?.value ?? null, call) !== undefined),
      TryGetValue: method<ReadOnlyDictionary>((d, args, call) => {
        const v = d.lookup(args[0]?.value ?? null, call);
        args[1]?.ref?.set(v ?? null);
        return v !== undefined;
      }),
    },
    indexer: {
      get(self, args, call) {
        const d = self as ReadOnlyDictionary;
        const key = args[0]?.value ?? null;
        const v = d.lookup(key, call);
        // .NET's Dictionary message. For Variables the toolkit returns null instead; we follow .NET (docs/emulator.md,
        // "context": runtime reference §3 Variables [U]).
        if (v === undefined)
          throw new NetException(
            "KeyNotFoundException",
            `The given key '${String(key)}' was not present in the dictionary.`,
            call.at,
          );
        return v;
      },
    },
    iterate(self) {
      const d = self as ReadOnlyDictionary;
      return d.source.keys().map((k) => new NetKeyValuePair(d.$typeArgs, k, d.source.get(k) ?? null));
    },
  };
}

/**
 * `GetValueOrDefault(name[, default])` on headers, query and claims: the values comma-joined, or the default (null
 * without one) [doc D-EXPR; toolkit DictionaryExtensions.cs]. On MatchedParameters the BCL's CollectionExtensions
 * form: the value or the default [U: runtime reference §3, not defined by the toolkit].
 */
export function stringDictionaryGetValueOrDefault(): {
  name: string;
  appliesTo(self: NetValue): boolean;
  call: (self: NetValue, args: readonly import("../../runtime-types.js").Arg[], call: CallInfo) => NetValue;
} {
  return {
    name: "GetValueOrDefault",
    appliesTo: (self) => self instanceof ReadOnlyDictionary && self.kind !== "variables",
    call(self, args, call) {
      const d = self as ReadOnlyDictionary;
      const name = argument(args, 0, "key") ?? argument(args, 0, "name");
      const dflt = argument(args, 1, "defaultValue") ?? argument(args, 1, "default");
      const v = d.lookup(name?.value ?? null, call);
      if (v === undefined) return dflt?.value ?? null;
      if (v instanceof NetArray) return v.items.join(",");
      return v;
    },
  };
}

export const STRING_ARRAY = arrayOf(STRING);
export const HEADERS_TYPE = named("System.Collections.Generic.IReadOnlyDictionary`2", [STRING, STRING_ARRAY]);
