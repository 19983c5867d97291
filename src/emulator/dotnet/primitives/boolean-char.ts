// System.Boolean (Parse accepts "true"/"false" in any case, with white space around) and System.Char
// (classification by Unicode category as .NET's char.IsLetter etc., invariant casing).

import { K } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import type { CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { char, type NetValue, Num } from "../../values.js";
import { formatNumber } from "../format/number.js";
import { argumentNull, argumentOutOfRange, asInt, constant, type Members, method, overload, values } from "./args.js";
import { charClass, isWhiteSpace, lowerChar, upperChar } from "./chars.js";

function parseBool(text: NetValue, call: CallInfo): boolean {
  if (text === null) throw argumentNull("value", call);
  if (typeof text !== "string") throw new NotEmulated("Boolean.Parse of a non-string", call.at);
  let s = text;
  while (s && (isWhiteSpace(s.charCodeAt(0)) || s.charCodeAt(0) === 0)) s = s.slice(1);
  while (s && (isWhiteSpace(s.charCodeAt(s.length - 1)) || s.charCodeAt(s.length - 1) === 0)) s = s.slice(0, -1);
  const l = s.toLowerCase();
  if (l === "true") return true;
  if (l === "false") return false;
  throw new NetException("FormatException", `String '${text}' was not recognized as a valid Boolean.`, call.at);
}

/** The character a Char method is asked about: `IsDigit(c)` or `IsDigit(s, index)`. */
function charArg(args: readonly NetValue[], what: string, call: CallInfo): string {
  const a = args[0] ?? null;
  if (a instanceof Num && a.type === "char" && args.length === 1) return String.fromCharCode(a.value as number);
  if (typeof a === "string" && args.length === 2) {
    const i = asInt(args[1]!);
    if (i === undefined) overload(`Char.${what}`, args, call);
    if (i < 0 || i >= a.length)
      throw argumentOutOfRange(
        "index",
        "Index was out of range. Must be non-negative and less than the size of the collection.",
        call,
      );
    return a[i]!;
  }
  if (a === null && args.length === 2) throw argumentNull("s", call);
  return overload(`Char.${what}`, args, call);
}

export function defineBooleanAndChar(registry: RuntimeRegistry): void {
  registry.define({
    key: K.bool,
    supertypes: ["System.ValueType", K.object],
    static: {
      TrueString: constant("True"),
      FalseString: constant("False"),
      Parse: method((_s, args, call) => parseBool(values(args, "Boolean.Parse", call)[0] ?? null, call)),
      TryParse: method((_s, args, call) => {
        if (args.length !== 2 || !args[1]!.ref) throw new NotEmulated("Boolean.TryParse with these arguments", call.at);
        try {
          args[1]!.ref.set(parseBool(args[0]!.value ?? null, call));
          return true;
        } catch (e) {
          if (!(e instanceof NetException)) throw e;
          args[1]!.ref.set(false);
          return false;
        }
      }),
    },
    instance: {
      ToString: method((self, args, call) =>
        values(args, "Boolean.ToString", call).length
          ? overload(
              "Boolean.ToString",
              args.map((a) => a.value),
              call,
            )
          : self
            ? "True"
            : "False",
      ),
      CompareTo: method((self, args, call) => {
        const b = values(args, "Boolean.CompareTo", call)[0] ?? null;
        if (b === null) return new Num("int", 1);
        if (typeof b !== "boolean")
          throw new NetException("ArgumentException", "Object must be of type Boolean.", call.at);
        return new Num("int", self === b ? 0 : self ? 1 : -1);
      }),
      Equals: method((self, args) => args[0]?.value === self),
    },
    toString: (self) => (self ? "True" : "False"),
  });

  const tests: Members = {};
  const classes: [string, (c: string) => boolean][] = [
    ["IsDigit", charClass.digit],
    ["IsLetter", charClass.letter],
    ["IsLetterOrDigit", charClass.letterOrDigit],
    ["IsWhiteSpace", charClass.whiteSpace],
    ["IsUpper", charClass.upper],
    ["IsLower", charClass.lower],
    ["IsNumber", charClass.number],
    ["IsPunctuation", charClass.punctuation],
    ["IsSymbol", charClass.symbol],
    ["IsControl", charClass.control],
  ];
  for (const [name, test] of classes) {
    tests[name] = method((_s, args, call) => test(charArg(values(args, `Char.${name}`, call), name, call)));
  }
  registry.define({
    key: K.char,
    supertypes: ["System.ValueType", K.object],
    static: {
      ...tests,
      MaxValue: constant(char(0xffff)),
      MinValue: constant(char(0)),
      ToUpper: method((_s, args, call) =>
        char(upperChar(charArg(values(args, "Char.ToUpper", call), "ToUpper", call)).charCodeAt(0)),
      ),
      ToLower: method((_s, args, call) =>
        char(lowerChar(charArg(values(args, "Char.ToLower", call), "ToLower", call)).charCodeAt(0)),
      ),
      ToUpperInvariant: method((_s, args, call) =>
        char(upperChar(charArg(values(args, "Char.ToUpperInvariant", call), "ToUpperInvariant", call)).charCodeAt(0)),
      ),
      ToLowerInvariant: method((_s, args, call) =>
        char(lowerChar(charArg(values(args, "Char.ToLowerInvariant", call), "ToLowerInvariant", call)).charCodeAt(0)),
      ),
      Parse: method((_s, args, call) => {
        const s = values(args, "Char.Parse", call)[0] ?? null;
        if (s === null) throw argumentNull("s", call);
        if (typeof s !== "string" || s.length !== 1)
          throw new NetException("FormatException", "String must be exactly one character long.", call.at);
        return char(s.charCodeAt(0));
      }),
      ToString: method((_s, args, call) => charArg(values(args, "Char.ToString", call), "ToString", call)),
      IsSurrogate: method((_s, args, call) => {
        const c = charArg(values(args, "Char.IsSurrogate", call), "IsSurrogate", call).charCodeAt(0);
        return c >= 0xd800 && c <= 0xdfff;
      }),
      GetNumericValue: method((_s, args, call) => {
        const c = charArg(values(args, "Char.GetNumericValue", call), "GetNumericValue", call);
        if (/^[0-9]$/.test(c)) return new Num("double", Number(c));
        if (!charClass.number(c)) return new Num("double", -1);
        throw new NotEmulated("Char.GetNumericValue of a non-ASCII number", call.at);
      }),
    },
    instance: {
      ToString: method((self, args, call) =>
        args.length
          ? overload(
              "Char.ToString",
              args.map((a) => a.value),
              call,
            )
          : String.fromCharCode((self as Num).value as number),
      ),
      CompareTo: method((self, args, call) => {
        const b = values(args, "Char.CompareTo", call)[0] ?? null;
        if (b === null) return new Num("int", 1);
        if (!(b instanceof Num) || b.type !== "char")
          throw new NetException("ArgumentException", "Object must be of type Char.", call.at);
        return new Num("int", ((self as Num).value as number) - (b.value as number));
      }),
      Equals: method((self, args) => {
        const b = args[0]?.value ?? null;
        return b instanceof Num && b.type === "char" && b.value === (self as Num).value;
      }),
    },
    toString: (self, format, call) =>
      format === undefined
        ? String.fromCharCode((self as Num).value as number)
        : formatNumber(self as Num, format, call.at),
  });
}
