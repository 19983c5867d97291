// System.Text.StringBuilder over a JS string (UTF-16 code units, as .NET's chars).

import { NetException } from "../../errors.js";
import { netToString } from "../../interpreter/index.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { char, int, NetArray, type NetObject, type NetValue, Num } from "../../values.js";
import { describe, fail, intArg } from "../format/args.js";
import { compositeFormat } from "../primitives/composite-format.js";

export const STRING_BUILDER = "System.Text.StringBuilder";

/**
 * Environment.NewLine of the emulated gateway, which AppendLine writes: "\r\n". [U] The runtime reference does not
 * say which OS runs APIM's managed gateway; it is a Windows service (docs/emulator.md, "Text").
 */
export const NEW_LINE = "\r\n";

export class NetStringBuilder implements NetObject {
  readonly $type = STRING_BUILDER;
  constructor(public text: string) {}
}

function asBuilder(v: NetValue, call: CallInfo): NetStringBuilder {
  if (v instanceof NetStringBuilder) return v;
  fail(`StringBuilder member on a ${describe(v)}`, call);
}

function outOfRange(param: string, call: CallInfo): NetException {
  return new NetException(
    "ArgumentOutOfRangeException",
    `Index was out of range. Must be non-negative and less than the size of the collection. (Parameter '${param}')`,
    call.at,
  );
}

function charsOf(v: NetArray, call: CallInfo): string {
  return v.items
    .map((c) => {
      if (!(c instanceof Num) || c.type !== "char") fail("StringBuilder with a non-char array", call);
      return String.fromCharCode(c.value as number);
    })
    .join("");
}

export function defineStringBuilder(registry: RuntimeRegistry): void {
  const text = (v: NetValue, call: CallInfo): string => {
    if (v instanceof NetArray && v.items.every((c) => c instanceof Num && c.type === "char")) return charsOf(v, call);
    return netToString(v, { registry, now: call.now });
  };
  const m = (f: (b: NetStringBuilder, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
    kind: "method",
    call: (self, args, call) => f(asBuilder(self, call), args, call),
  });
  const paramsOf = (args: readonly Arg[], from: number): NetValue[] => {
    const vs = args.slice(from).map((a) => a.value);
    return vs.length === 1 &&
      vs[0] instanceof NetArray &&
      !vs[0].items.every((c) => c instanceof Num && c.type === "char")
      ? [...vs[0].items]
      : vs;
  };

  registry.define({
    key: STRING_BUILDER,
    supertypes: ["System.Object"],
    construct(args, call) {
      const first = args[0]?.value;
      if (first === undefined || first instanceof Num) return new NetStringBuilder("");
      if (first === null) return new NetStringBuilder("");
      if (typeof first !== "string") fail(`new StringBuilder(${describe(first)})`, call);
      if (args.length === 4) {
        const start = intArg(args, 1, "new StringBuilder", call);
        const length = intArg(args, 2, "new StringBuilder", call);
        if (start < 0 || length < 0 || start + length > first.length) throw outOfRange("startIndex", call);
        return new NetStringBuilder(first.slice(start, start + length));
      }
      return new NetStringBuilder(first);
    },
    instance: {
      Length: {
        kind: "property",
        get: (self, call) => int(asBuilder(self, call).text.length),
        set: (self, value, call) => {
          const b = asBuilder(self, call);
          const n = intArg([{ value }], 0, "StringBuilder.Length", call);
          if (n < 0) throw outOfRange("value", call);
          b.text = n <= b.text.length ? b.text.slice(0, n) : b.text.padEnd(n, "\0");
        },
      },
      Append: m((b, a, c) => {
        const v = a[0]?.value ?? null;
        if (a.length === 2) {
          if (!(v instanceof Num) || v.type !== "char") fail("StringBuilder.Append(x, n) for a non-char", c);
          const n = intArg(a, 1, "StringBuilder.Append", c);
          if (n < 0) throw outOfRange("repeatCount", c);
          b.text += String.fromCharCode(v.value as number).repeat(n);
        } else if (a.length === 3) {
          const s =
            typeof v === "string"
              ? v
              : v instanceof NetArray
                ? charsOf(v, c)
                : fail("StringBuilder.Append(x, start, count)", c);
          const start = intArg(a, 1, "StringBuilder.Append", c);
          const count = intArg(a, 2, "StringBuilder.Append", c);
          if (start < 0 || count < 0 || start + count > s.length) throw outOfRange("startIndex", c);
          b.text += s.slice(start, start + count);
        } else b.text += text(v, c);
        return b;
      }),
      AppendLine: m((b, a, c) => {
        b.text += (a.length ? text(a[0]!.value, c) : "") + NEW_LINE;
        return b;
      }),
      AppendFormat: m((b, a, c) => {
        const first = a[0]?.value;
        if (first !== undefined && first !== null && typeof first !== "string")
          fail("StringBuilder.AppendFormat with an IFormatProvider", c);
        if (first === null || first === undefined)
          throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'format')", c.at);
        b.text += compositeFormat(first, paramsOf(a, 1), (v, f) => netToString(v, { registry, now: c.now }, f), c);
        return b;
      }),
      Insert: m((b, a, c) => {
        const index = intArg(a, 0, "StringBuilder.Insert", c);
        if (index < 0 || index > b.text.length) throw outOfRange("index", c);
        if (a.length > 2) fail("StringBuilder.Insert with a count", c);
        b.text = b.text.slice(0, index) + text(a[1]?.value ?? null, c) + b.text.slice(index);
        return b;
      }),
      Remove: m((b, a, c) => {
        const start = intArg(a, 0, "StringBuilder.Remove", c);
        const length = intArg(a, 1, "StringBuilder.Remove", c);
        if (start < 0 || length < 0 || start + length > b.text.length)
          throw outOfRange(start < 0 ? "startIndex" : "length", c);
        b.text = b.text.slice(0, start) + b.text.slice(start + length);
        return b;
      }),
      Replace: m((b, a, c) => {
        const oldV = a[0]?.value ?? null;
        const newV = a[1]?.value ?? null;
        let start = 0;
        let count = b.text.length;
        if (a.length === 4) {
          start = intArg(a, 2, "StringBuilder.Replace", c);
          count = intArg(a, 3, "StringBuilder.Replace", c);
          if (start < 0 || count < 0 || start + count > b.text.length) throw outOfRange("startIndex", c);
        }
        let from: string;
        let to: string;
        if (oldV instanceof Num && newV instanceof Num) {
          from = String.fromCharCode(oldV.value as number);
          to = String.fromCharCode(newV.value as number);
        } else {
          if (oldV === null)
            throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'oldValue')", c.at);
          if (typeof oldV !== "string" || (newV !== null && typeof newV !== "string"))
            fail("StringBuilder.Replace with these arguments", c);
          if (oldV === "")
            throw new NetException(
              "ArgumentException",
              "The value cannot be an empty string. (Parameter 'oldValue')",
              c.at,
            );
          from = oldV;
          to = newV ?? "";
        }
        const mid = b.text
          .slice(start, start + count)
          .split(from)
          .join(to);
        b.text = b.text.slice(0, start) + mid + b.text.slice(start + count);
        return b;
      }),
      Clear: m((b) => {
        b.text = "";
        return b;
      }),
      ToString: m((b, a, c) => {
        if (a.length === 0) return b.text;
        const start = intArg(a, 0, "StringBuilder.ToString", c);
        const length = intArg(a, 1, "StringBuilder.ToString", c);
        if (start < 0 || length < 0 || start + length > b.text.length) throw outOfRange("startIndex", c);
        return b.text.slice(start, start + length);
      }),
      Equals: m((b, a) => a[0]?.value instanceof NetStringBuilder && a[0].value.text === b.text),
    },
    indexer: {
      get(self, args, call) {
        const b = asBuilder(self, call);
        const i = intArg(args, 0, "StringBuilder[int]", call);
        if (i < 0 || i >= b.text.length) throw outOfRange("index", call);
        return char(b.text.charCodeAt(i));
      },
      set(self, args, value, call) {
        const b = asBuilder(self, call);
        const i = intArg(args, 0, "StringBuilder[int]", call);
        if (i < 0 || i >= b.text.length) throw outOfRange("index", call);
        if (!(value instanceof Num) || value.type !== "char") fail("StringBuilder[int] = non-char", call);
        b.text = b.text.slice(0, i) + String.fromCharCode(value.value as number) + b.text.slice(i + 1);
      },
    },
    toString: (self, _f, call) => asBuilder(self, call).text,
  });
}
