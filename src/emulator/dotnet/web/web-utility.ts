// System.Net.WebUtility, as .NET Core implements it.
// https://learn.microsoft.com/dotnet/api/system.net.webutility

import type { MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { describe, fail } from "../format/args.js";
import { HTML_ENTITIES } from "./html-entities.js";

export const WEB_UTILITY = "System.Net.WebUtility";

/** UrlEncode keeps letters, digits and -_.!*() (WebUtility.IsUrlSafeChar); space is '+'; the rest %XX upper-case. */
export function urlEncode(s: string): string {
  // The UTF-8 bytes (a lone surrogate as EF BF BD, as .NET's encoder replaces it); ASCII text is its own bytes.
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
  const bytes: ArrayLike<number> = ascii ? { length: s.length } : UTF8.encode(s);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = ascii ? s.charCodeAt(i) : (bytes[i] as number);
    if (URL_SAFE[b] === 1) out += String.fromCharCode(b);
    else if (b === 0x20) out += "+";
    else out += HEX_ESCAPE[b];
  }
  return out;
}

const UTF8 = new TextEncoder();
/** 1 for the bytes WebUtility.IsUrlSafeChar keeps: letters, digits and -_.!*() */
const URL_SAFE = Uint8Array.from({ length: 256 }, (_, b) =>
  /[A-Za-z0-9\-_.!*()]/.test(String.fromCharCode(b)) ? 1 : 0,
);
const HEX_ESCAPE = Array.from({ length: 256 }, (_, b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`);

/** UrlDecode: '+' is space; %XX bytes are UTF-8 (invalid sequences become U+FFFD); a bad escape stays as written. */
export function urlDecode(s: string): string {
  const bytes: number[] = [];
  let out = "";
  const flush = () => {
    if (bytes.length) out += new TextDecoder().decode(Uint8Array.from(bytes));
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out += c === "+" ? " " : c;
  }
  flush();
  return out;
}

/** HtmlEncode: < > & " ' as entities, U+00A0..U+00FF and astral characters as numeric references. */
export function htmlEncode(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c) out += "&lt;";
    else if (c === 0x3e) out += "&gt;";
    else if (c === 0x26) out += "&amp;";
    else if (c === 0x22) out += "&quot;";
    else if (c === 0x27) out += "&#39;";
    else if (c >= 160 && c < 256) out += `&#${c};`;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < s.length &&
      s.charCodeAt(i + 1) >= 0xdc00 &&
      s.charCodeAt(i + 1) <= 0xdfff
    ) {
      out += `&#${s.codePointAt(i)};`;
      i++;
    } else out += s[i];
  }
  return out;
}

/** HtmlDecode: HTML 4 named entities, &#NNN; and &#xHHHH;; anything unknown stays as written. */
export function htmlDecode(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (all, body: string) => {
    if (body[0] === "#") {
      const cp =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return all;
      return String.fromCodePoint(cp);
    }
    const cp = HTML_ENTITIES.get(body);
    return cp === undefined ? all : String.fromCodePoint(cp);
  });
}

const fn = (name: string, f: (s: string) => string): MemberImpl => ({
  kind: "method",
  call: (_self, args, call) => {
    if (args.length !== 1) fail(`WebUtility.${name} with ${args.length} arguments`, call);
    const v = args[0]!.value;
    if (v === null) return null;
    if (typeof v !== "string") fail(`WebUtility.${name} with a ${describe(v)} argument`, call);
    return f(v);
  },
});

export function defineWebUtility(registry: RuntimeRegistry): void {
  registry.define({
    key: WEB_UTILITY,
    static: {
      UrlEncode: fn("UrlEncode", urlEncode),
      UrlDecode: fn("UrlDecode", urlDecode),
      HtmlEncode: fn("HtmlEncode", htmlEncode),
      HtmlDecode: fn("HtmlDecode", htmlDecode),
    },
  });
}
