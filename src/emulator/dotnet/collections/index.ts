// System.Collections.Generic for the emulator: List, Dictionary (with Keys/Values and KeyValuePair), HashSet,
// Queue, Stack, the lazy sequence LINQ and Json.NET return, and the interfaces as supertypes (so that
// `x is IEnumerable<string>`-style questions and member lookups through an interface reach the class).

import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineDictionary } from "./dictionary.js";
import { defineList } from "./list.js";
import { clrTypeName, type NetSequence, SEQUENCE } from "./model.js";
import { defineSets } from "./sets.js";

const INTERFACES: readonly [string, readonly string[]][] = [
  ["System.Collections.IEnumerable", []],
  ["System.Collections.Generic.IEnumerable`1", ["System.Collections.IEnumerable"]],
  ["System.Collections.Generic.ICollection`1", ["System.Collections.Generic.IEnumerable`1"]],
  ["System.Collections.Generic.IReadOnlyCollection`1", ["System.Collections.Generic.IEnumerable`1"]],
  ["System.Collections.Generic.IList`1", ["System.Collections.Generic.ICollection`1"]],
  ["System.Collections.Generic.IReadOnlyList`1", ["System.Collections.Generic.IReadOnlyCollection`1"]],
  ["System.Collections.Generic.ISet`1", ["System.Collections.Generic.ICollection`1"]],
  ["System.Collections.Generic.IDictionary`2", ["System.Collections.Generic.ICollection`1"]],
  ["System.Collections.Generic.IReadOnlyDictionary`2", ["System.Collections.Generic.IReadOnlyCollection`1"]],
];

export function defineCollections(registry: RuntimeRegistry): void {
  for (const [key, supertypes] of INTERFACES) registry.define({ key, supertypes });
  defineList(registry);
  defineDictionary(registry);
  defineSets(registry);
  registry.define({
    key: SEQUENCE,
    supertypes: ["System.Collections.Generic.IEnumerable`1", "System.Object"],
    iterate: (self) => (self as NetSequence).source(),
    toString: (self) => `System.Linq.Enumerable+Iterator\`1[${clrTypeName((self as NetSequence).$typeArgs[0])}]`,
  });
}
