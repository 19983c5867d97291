// context.Variables.GetValueOrDefault<T>(name[, default]) with the docs' semantics (runtime reference §3): the
// stored value cast to T, the default when the name is absent, and a value of another type THROWS (the toolkit
// returns the default instead; the docs win).
import { formatType, K, named, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException } from "../../errors.js";
import type { ExtensionImpl, RuntimeRegistry } from "../../runtime-types.js";
import { acceptsNull, defaultOf, isInstanceOf, runtimeKey } from "./cast.js";
import { ReadOnlyDictionary } from "./dictionary.js";
import { argument } from "./host.js";

export function variablesGetValueOrDefault(registry: RuntimeRegistry): ExtensionImpl {
  return {
    name: "GetValueOrDefault",
    appliesTo: (self) => self instanceof ReadOnlyDictionary && self.kind === "variables",
    call(self, args, call) {
      const d = self as ReadOnlyDictionary;
      const name = argument(args, 0, "variableName") ?? argument(args, 0, "name");
      const dflt = argument(args, 1, "defaultValue") ?? argument(args, 1, "default");
      // Without an explicit T, C# infers it from the default argument; its runtime type stands in for the static one.
      const inferred = dflt && dflt.value !== null ? runtimeKey(dflt.value) : undefined;
      const t: TypeRef = call.typeArgs[0] ?? named(inferred ?? K.object);
      const v = d.lookup(name?.value ?? null, call);
      if (v === undefined) return dflt ? dflt.value : defaultOf(registry, t, call);
      if (v === null) {
        if (acceptsNull(t)) return null;
        throw new NetException(
          "NullReferenceException",
          "Object reference not set to an instance of an object.",
          call.at,
        );
      }
      if (!isInstanceOf(registry, v, t))
        throw new NetException(
          "InvalidCastException",
          `Unable to cast object of type '${runtimeKey(v)}' to type '${formatType(t)}'.`,
          call.at,
        );
      return v;
    },
  };
}
