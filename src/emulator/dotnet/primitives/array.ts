// System.Array: Length, IndexOf, Empty<T>(), iteration. The indexer and IndexOutOfRangeException are the
// interpreter's (NetArray is a runtime value kind of its own); LINQ over arrays is the LINQ module's.

import { K } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import { netEquals } from "../../interpreter/index.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { int, long, NetArray, type NetValue } from "../../values.js";
import { argumentNull, method, property, values } from "./args.js";

function items(self: NetValue): NetValue[] {
  return (self as NetArray).items;
}

export function defineArray(registry: RuntimeRegistry): void {
  registry.define({
    key: K.array,
    supertypes: [K.object],
    instance: {
      Length: property((self) => int(items(self).length)),
      LongLength: property((self) => long(items(self).length)),
      Rank: property(() => int(1)),
      Clone: method((self) => new NetArray((self as NetArray).elementType, [...items(self)])),
    },
    static: {
      Empty: method((_s, _a, call) => {
        const t = call.typeArgs[0];
        if (!t) throw new NotEmulated("Array.Empty without its type argument", call.at);
        return new NetArray(t, []);
      }),
      IndexOf: method((_s, args, call) => {
        const a = values(args, "Array.IndexOf", call);
        if (a[0] === null) throw argumentNull("array", call);
        if (!(a[0] instanceof NetArray) || a.length !== 2)
          throw new NotEmulated("Array.IndexOf with these arguments", call.at);
        return int(a[0].items.findIndex((x) => netEquals(x, a[1] ?? null, registry)));
      }),
    },
    iterate: (self) => [...items(self)],
  });
}
