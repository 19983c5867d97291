// IUrl over a live UrlModel (the request's URL changes under rewrite-uri and set-backend-service).
import { K } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import type { RuntimeRegistry, RuntimeType } from "../../runtime-types.js";
import { int, type NetObject, type NetValue } from "../../values.js";
import type { UrlModel } from "../message.js";
import { ReadOnlyDictionary } from "./dictionary.js";
import { construct, ctxKey, method, prop, stringArray } from "./host.js";

export const URL_KEY = ctxKey("IUrl");

export class UrlHost implements NetObject {
  readonly $type = URL_KEY;
  constructor(readonly read: () => UrlModel) {}
}

/** Query parameters by name; names compared ignoring case, as ASP.NET's query collection does [U]. */
export function queryDictionary(read: () => UrlModel): ReadOnlyDictionary {
  return new ReadOnlyDictionary("query", {
    keys: () => {
      const seen = new Map<string, string>();
      for (const [k] of read().query) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
      return [...seen.values()];
    },
    get: (key) => {
      const values = read()
        .query.filter(([k]) => k.toLowerCase() === key.toLowerCase())
        .map(([, v]) => v);
      return values.length === 0 ? undefined : stringArray(values);
    },
  });
}

export function urlType(registry: RuntimeRegistry): RuntimeType {
  return {
    key: URL_KEY,
    supertypes: [K.object],
    instance: {
      Host: prop<UrlHost>((u) => u.read().host),
      Path: prop<UrlHost>((u) => u.read().path),
      // Docs: int; the toolkit's IUrl.cs: string. We follow the docs (runtime reference §3 IUrl) [U].
      Port: prop<UrlHost>((u) => int(u.read().port)),
      Query: prop<UrlHost>((u) => queryDictionary(u.read)),
      QueryString: prop<UrlHost>((u) => u.read().queryString),
      Scheme: prop<UrlHost>((u) => u.read().scheme),
      ToString: method<UrlHost>((u) => u.read().toString()),
      ToUri: method<UrlHost>((u, _args, call): NetValue => {
        if (!registry.type("System.Uri")?.construct) throw new NotEmulated("IUrl.ToUri (System.Uri)", call.at);
        return construct(registry, "System.Uri", [u.read().toString()], call);
      }),
    },
    toString: (self) => (self as UrlHost).read().toString(),
  };
}
