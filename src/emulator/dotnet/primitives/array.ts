// System.Array: Length, IndexOf, Empty<T>(), iteration. The indexer and IndexOutOfRangeException are the
// interpreter's (NetArray is a runtime value kind of its own); LINQ over arrays is the LINQ module's.

import { formatType, K } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { netEquals } from "../../interpreter/index.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { int, long, NetArray, type NetValue, Num } from "../../values.js";
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
      // Array.Copy(source, destination, length) and (source, sourceIndex, destination, destinationIndex, length),
      // for arrays of one element type; overlapping copies within one array behave as memmove, as in .NET.
      Copy: method((_s, args, call) => {
        const a = values(args, "Array.Copy", call);
        const five = a.length === 5;
        if (!five && a.length !== 3) throw new NotEmulated("Array.Copy with these arguments", call.at);
        const [src, srcIndex, dst, dstIndex, length] = five ? a : [a[0], int(0), a[1], int(0), a[2]];
        if (src === null) throw argumentNull("sourceArray", call);
        if (dst === null) throw argumentNull("destinationArray", call);
        if (!(src instanceof NetArray) || !(dst instanceof NetArray))
          throw new NotEmulated("Array.Copy of a non-array", call.at);
        if (formatType(src.elementType) !== formatType(dst.elementType))
          throw new NotEmulated("Array.Copy between arrays of different element types", call.at);
        const n = (v: NetValue | undefined) => {
          if (!(v instanceof Num) || v.type !== "int")
            throw new NotEmulated("Array.Copy with non-int indexes", call.at);
          return v.value as number;
        };
        const [si, di, len] = [n(srcIndex), n(dstIndex), n(length)];
        if (len < 0)
          throw new NetException(
            "ArgumentOutOfRangeException",
            "Non-negative number required. (Parameter 'length')",
            call.at,
          );
        if (si < 0 || di < 0)
          throw new NetException(
            "ArgumentOutOfRangeException",
            `Non-negative number required. (Parameter '${si < 0 ? "sourceIndex" : "destinationIndex"}')`,
            call.at,
          );
        if (si + len > src.items.length)
          throw new NetException(
            "ArgumentException",
            "Source array was not long enough. Check the source index, length, and the array's lower bounds. (Parameter 'sourceArray')",
            call.at,
          );
        if (di + len > dst.items.length)
          throw new NetException(
            "ArgumentException",
            "Destination array was not long enough. Check the destination index, length, and the array's lower bounds. (Parameter 'destinationArray')",
            call.at,
          );
        const copied = src.items.slice(si, si + len);
        for (let i = 0; i < len; i++) dst.items[di + i] = copied[i]!;
        return null;
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
