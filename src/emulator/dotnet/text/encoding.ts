// System.Text.Encoding: UTF8, ASCII, Unicode (UTF-16 LE), BigEndianUnicode, UTF32 and Latin1, with .NET's default
// replacement behaviour (no exceptions): a lone surrogate encodes as U+FFFD, a character the encoding lacks as '?',
// undecodable bytes decode as U+FFFD (UTF-8, WHATWG's maximal-subpart rule, which .NET Core 3.0+ also follows) or
// '?' (ASCII).

import { named } from "../../../policy/csharp/types/type-ref.js";
import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { char, int, NetArray, type NetObject, type NetValue, Num } from "../../values.js";
import { byteArray, bytesArg, describe, fail, intArg, stringArg } from "../format/args.js";

export const ENCODING = "System.Text.Encoding";

type Name = "utf-8" | "us-ascii" | "utf-16" | "utf-16BE" | "utf-32" | "iso-8859-1";

export class NetEncoding implements NetObject {
  readonly $type = ENCODING;
  constructor(readonly webName: Name) {}
}

const INSTANCES = new Map<Name, NetEncoding>();
function encoding(name: Name): NetEncoding {
  let e = INSTANCES.get(name);
  if (!e) {
    e = new NetEncoding(name);
    INSTANCES.set(name, e);
  }
  return e;
}

/** Code points of `s`, a lone surrogate as U+FFFD. */
function* codePoints(s: string): Generator<number> {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        yield ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    yield c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  }
}

export function encode(name: Name, s: string): Uint8Array {
  switch (name) {
    case "utf-8":
      // TextEncoder replaces lone surrogates with U+FFFD, as .NET's UTF8Encoding does
      return new TextEncoder().encode(s);
    case "us-ascii":
      return Uint8Array.from(s, (ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f));
    case "iso-8859-1":
      return Uint8Array.from(s, (ch) => (ch.charCodeAt(0) < 0x100 ? ch.charCodeAt(0) : 0x3f));
    case "utf-16":
    case "utf-16BE": {
      const fixed = String.fromCodePoint(...codePoints(s));
      const out = new Uint8Array(fixed.length * 2);
      for (let i = 0; i < fixed.length; i++) {
        const c = fixed.charCodeAt(i);
        const [lo, hi] = [c & 0xff, c >> 8];
        out[2 * i] = name === "utf-16" ? lo : hi;
        out[2 * i + 1] = name === "utf-16" ? hi : lo;
      }
      return out;
    }
    case "utf-32": {
      const cps = [...codePoints(s)];
      const out = new Uint8Array(cps.length * 4);
      const view = new DataView(out.buffer);
      cps.forEach((cp, i) => {
        view.setUint32(4 * i, cp, true);
      });
      return out;
    }
  }
}

export function decode(name: Name, bytes: Uint8Array): string {
  switch (name) {
    case "utf-8":
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    case "us-ascii":
      return String.fromCharCode(...Array.from(bytes, (b) => (b < 0x80 ? b : 0x3f)));
    case "iso-8859-1":
      return String.fromCharCode(...bytes);
    case "utf-16":
      return new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes);
    case "utf-16BE":
      return new TextDecoder("utf-16be", { ignoreBOM: true }).decode(bytes);
    case "utf-32": {
      let out = "";
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        const cp = view.getUint32(i, true);
        out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
      }
      if (bytes.length % 4 !== 0) out += "\ufffd";
      return out;
    }
  }
}

const PREAMBLE: Readonly<Record<Name, number[]>> = {
  "utf-8": [0xef, 0xbb, 0xbf],
  "us-ascii": [],
  "iso-8859-1": [],
  "utf-16": [0xff, 0xfe],
  "utf-16BE": [0xfe, 0xff],
  "utf-32": [0xff, 0xfe, 0, 0],
};
const CODE_PAGE: Readonly<Record<Name, number>> = {
  "utf-8": 65001,
  "us-ascii": 20127,
  "iso-8859-1": 28591,
  "utf-16": 1200,
  "utf-16BE": 1201,
  "utf-32": 12000,
};
const DISPLAY: Readonly<Record<Name, string>> = {
  "utf-8": "Unicode (UTF-8)",
  "us-ascii": "US-ASCII",
  "iso-8859-1": "Western European (ISO)",
  "utf-16": "Unicode",
  "utf-16BE": "Unicode (Big-Endian)",
  "utf-32": "Unicode (UTF-32)",
};

/** Encoding.GetEncoding(name): the names and aliases .NET Core knows without a CodePagesEncodingProvider. */
const ALIASES: Readonly<Record<string, Name>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "us-ascii": "us-ascii",
  ascii: "us-ascii",
  "utf-16": "utf-16",
  "utf-16le": "utf-16",
  unicode: "utf-16",
  "utf-16be": "utf-16BE",
  unicodefffe: "utf-16BE",
  "utf-32": "utf-32",
  "utf-32le": "utf-32",
  "iso-8859-1": "iso-8859-1",
  latin1: "iso-8859-1",
};

function asEncoding(v: NetValue, call: CallInfo): NetEncoding {
  if (v instanceof NetEncoding) return v;
  fail(`Encoding member on a ${describe(v)}`, call);
}

/** A string or char[] argument as text. */
function textArg(args: readonly Arg[], i: number, what: string, call: CallInfo): string {
  const v = args[i]?.value;
  if (v instanceof NetArray) {
    return v.items
      .map((c) => {
        if (!(c instanceof Num) || c.type !== "char") fail(`${what} with a non-char array`, call);
        return String.fromCharCode(c.value as number);
      })
      .join("");
  }
  return stringArg(args, i, what, call, "s");
}

function range(bytes: Uint8Array, args: readonly Arg[], what: string, call: CallInfo): Uint8Array {
  if (args.length < 3) return bytes;
  const index = intArg(args, 1, what, call);
  const count = intArg(args, 2, what, call);
  if (index < 0 || count < 0 || index + count > bytes.length) {
    throw new NetException(
      "ArgumentOutOfRangeException",
      "Index and count must refer to a location within the buffer. (Parameter 'bytes')",
      call.at,
    );
  }
  return bytes.subarray(index, index + count);
}

const m = (f: (e: NetEncoding, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (self, args, call) => f(asEncoding(self, call), args, call),
});
const p = (f: (e: NetEncoding) => NetValue): MemberImpl => ({
  kind: "property",
  get: (self, call) => f(asEncoding(self, call)),
});
const s = (name: Name): MemberImpl => ({ kind: "property", get: () => encoding(name) });

const CHAR_TYPE = named("System.Char");

export function defineEncoding(registry: RuntimeRegistry): void {
  registry.define({
    key: ENCODING,
    supertypes: ["System.Object"],
    instance: {
      GetBytes: m((e, a, c) => {
        if (a.length === 5) fail("Encoding.GetBytes into an existing array", c);
        const text = textArg(a, 0, "Encoding.GetBytes", c);
        if (a.length === 3) {
          const index = intArg(a, 1, "Encoding.GetBytes", c);
          const count = intArg(a, 2, "Encoding.GetBytes", c);
          if (index < 0 || count < 0 || index + count > text.length) {
            throw new NetException(
              "ArgumentOutOfRangeException",
              "Index and count must refer to a location within the buffer. (Parameter 'chars')",
              c.at,
            );
          }
          return byteArray(encode(e.webName, text.slice(index, index + count)));
        }
        return byteArray(encode(e.webName, text));
      }),
      GetString: m((e, a, c) =>
        decode(e.webName, range(bytesArg(a, 0, "Encoding.GetString", c), a, "Encoding.GetString", c)),
      ),
      GetChars: m((e, a, c) => {
        const text = decode(e.webName, range(bytesArg(a, 0, "Encoding.GetChars", c), a, "Encoding.GetChars", c));
        return new NetArray(
          CHAR_TYPE,
          Array.from({ length: text.length }, (_, i) => char(text.charCodeAt(i))),
        );
      }),
      GetByteCount: m((e, a, c) => int(encode(e.webName, textArg(a, 0, "Encoding.GetByteCount", c)).length)),
      GetCharCount: m((e, a, c) => int(decode(e.webName, bytesArg(a, 0, "Encoding.GetCharCount", c)).length)),
      GetPreamble: m((e) => byteArray(Uint8Array.from(PREAMBLE[e.webName]))),
      GetMaxByteCount: m((e, a, c) => {
        const n = intArg(a, 0, "Encoding.GetMaxByteCount", c);
        const per = { "utf-8": 3, "us-ascii": 1, "iso-8859-1": 1, "utf-16": 2, "utf-16BE": 2, "utf-32": 4 }[e.webName];
        return int((n + 1) * per);
      }),
      WebName: p((e) => (e.webName === "utf-16BE" ? "utf-16BE" : e.webName)),
      BodyName: p((e) => (e.webName === "utf-16BE" ? "unicodeFFFE" : e.webName)),
      HeaderName: p((e) => (e.webName === "utf-16BE" ? "unicodeFFFE" : e.webName)),
      EncodingName: p((e) => DISPLAY[e.webName]),
      CodePage: p((e) => int(CODE_PAGE[e.webName])),
      IsSingleByte: p((e) => e.webName === "us-ascii" || e.webName === "iso-8859-1"),
    },
    static: {
      UTF8: s("utf-8"),
      // .NET Core's Encoding.Default is UTF-8 on every platform
      Default: s("utf-8"),
      ASCII: s("us-ascii"),
      Unicode: s("utf-16"),
      BigEndianUnicode: s("utf-16BE"),
      UTF32: s("utf-32"),
      Latin1: s("iso-8859-1"),
      UTF7: {
        kind: "property",
        get: (_s, c) => fail("Encoding.UTF7 (obsolete in .NET 5+)", c),
      },
      GetEncoding: {
        kind: "method",
        call: (_s, a, c) => {
          const v = a[0]?.value;
          if (v instanceof Num) {
            const page = intArg(a, 0, "Encoding.GetEncoding", c);
            const found = (Object.keys(CODE_PAGE) as Name[]).find((n) => CODE_PAGE[n] === page);
            if (!found) fail(`Encoding.GetEncoding(${page})`, c);
            return encoding(found);
          }
          const name = stringArg(a, 0, "Encoding.GetEncoding", c, "name");
          const found = ALIASES[name.toLowerCase()];
          if (!found) {
            throw new NetException(
              "ArgumentException",
              `'${name}' is not a supported encoding name. (Parameter 'name')`,
              c.at,
            );
          }
          return encoding(found);
        },
      },
      Convert: {
        kind: "method",
        call: (_s, a, c) => {
          const from = asEncoding(a[0]?.value ?? null, c);
          const to = asEncoding(a[1]?.value ?? null, c);
          return byteArray(encode(to.webName, decode(from.webName, bytesArg(a, 2, "Encoding.Convert", c))));
        },
      },
    },
  });
}
