// IMessageBody: `As<T>(preserveContent)` over the live message body (runtime reference §3, §6).
import { formatType, K, named } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import type { RuntimeRegistry, RuntimeType } from "../../runtime-types.js";
import { NetArray, type NetObject, type NetValue, Num } from "../../values.js";
import type { MessageBody } from "../message.js";
import { argument, callStatic, ctxKey, method } from "./host.js";

export const BODY_KEY = ctxKey("IMessageBody");

export class MessageBodyHost implements NetObject {
  readonly $type = BODY_KEY;
  constructor(readonly body: MessageBody) {}
}

/** The parse entry point of each type As<T> allows [doc D-EXPR]: a static Parse(string) of the .NET library. */
const PARSED: ReadonlySet<string> = new Set([
  "Newtonsoft.Json.Linq.JObject",
  "Newtonsoft.Json.Linq.JToken",
  "Newtonsoft.Json.Linq.JArray",
  "System.Xml.Linq.XDocument",
  "System.Xml.Linq.XElement",
]);

/**
 * The message of a second read. §6: "accessing it later in the pipeline will result in an exception" without naming
 * it; we raise InvalidOperationException, .NET's exception for reading a consumed stream state [U] (docs/emulator.md).
 */
export const CONSUMED_MESSAGE =
  "The message body was already read without preserveContent: true; it cannot be read again.";

export function bodyType(registry: RuntimeRegistry): RuntimeType {
  return {
    key: BODY_KEY,
    supertypes: [K.object],
    instance: {
      As: method<MessageBodyHost>((self, args, call) => {
        const t = call.typeArgs[0];
        if (!t) throw new NotEmulated("IMessageBody.As without a type argument", call.at);
        const preserve = argument(args, 0, "preserveContent")?.value === true;
        const body = self.body;
        if (body.consumed) throw new NetException("InvalidOperationException", CONSUMED_MESSAGE, call.at);
        let result: () => NetValue;
        if (t.kind === "named" && t.key === K.string) result = () => body.text;
        else if (t.kind === "array" && t.element.kind === "named" && t.element.key === K.byte) {
          result = () =>
            new NetArray(
              named(K.byte),
              [...Buffer.from(body.text, "utf8")].map((b) => new Num("byte", b)),
            );
        } else if (t.kind === "named" && PARSED.has(t.key)) {
          const key = t.key;
          if (!registry.member(key, "Parse", true)) throw new NotEmulated(`IMessageBody.As<${formatType(t)}>`, call.at);
          result = () => callStatic(registry, key, "Parse", [body.text], call);
        } else throw new NotEmulated(`IMessageBody.As<${formatType(t)}>`, call.at);
        // The stream is read before it is parsed: a body that fails to parse is consumed too.
        if (!preserve) body.consumed = true;
        return result();
      }),
    },
  };
}
