// System.Object: what every value has (ToString, Equals), and Exception's Message.

import { K } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import type { ExceptionObject } from "../../interpreter/exceptions.js";
import { netEquals } from "../../interpreter/index.js";
import { netToString } from "../../interpreter/text.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { method, property, values } from "./args.js";

export function defineObject(registry: RuntimeRegistry): void {
  registry.define({
    key: K.object,
    instance: {
      ToString: method((self, args, call) => {
        const a = values(args, "ToString", call);
        return netToString(self, { registry, now: call.now }, a.length ? (a[0] as string) : undefined);
      }),
      Equals: method((self, args, call) => netEquals(self, values(args, "Equals", call)[0] ?? null, registry)),
      GetHashCode: method((_s, _a, call) => {
        throw new NotEmulated("GetHashCode", call.at);
      }),
      GetType: method((_s, _a, call) => {
        throw new NotEmulated("GetType", call.at);
      }),
    },
    static: {
      Equals: method((_s, args, call) => {
        const a = values(args, "Object.Equals", call);
        return netEquals(a[0] ?? null, a[1] ?? null, registry);
      }),
      ReferenceEquals: method((_s, args) => args[0]?.value === args[1]?.value),
    },
  });
  registry.define({
    key: K.exception,
    supertypes: [K.object],
    instance: {
      Message: property((self) => (self as ExceptionObject).error.message),
      InnerException: property(() => null),
    },
    // No toString: .NET's Exception.ToString() appends the stack trace, which the emulator cannot reproduce.
  });
}
