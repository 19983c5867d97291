// WebUtility.UrlEncode byte by byte: every ASCII character against the rule (letters, digits and -_.!*() kept,
// space '+', the rest %XX upper-case), non-ASCII text as its UTF-8 bytes, a lone surrogate as U+FFFD's bytes (what
// .NET's UTF-8 encoder writes for it).
import { describe, expect, it } from "vitest";
import { urlEncode } from "../../../../src/emulator/dotnet/web/web-utility.js";

function expected(code: number): string {
  const c = String.fromCharCode(code);
  if (/[A-Za-z0-9]/.test(c) || "-_.!*()".includes(c)) return c;
  if (c === " ") return "+";
  return `%${code.toString(16).toUpperCase().padStart(2, "0")}`;
}

describe("WebUtility.UrlEncode", () => {
  it("every ASCII character, alone and in one string", () => {
    let all = "";
    let want = "";
    for (let code = 0; code < 0x80; code++) {
      expect(urlEncode(String.fromCharCode(code)), `char ${code}`).toBe(expected(code));
      all += String.fromCharCode(code);
      want += expected(code);
    }
    expect(urlEncode(all)).toBe(want);
  });

  it.each([
    ["é", "%C3%A9"],
    ["a é+b", "a+%C3%A9%2Bb"],
    ["€", "%E2%82%AC"],
    ["😀", "%F0%9F%98%80"],
    ["x\ud800y", "x%EF%BF%BDy"],
    ["\udc00", "%EF%BF%BD"],
    ["", ""],
  ])("%j -> %s", (input, out) => {
    expect(urlEncode(input)).toBe(out);
  });
});
