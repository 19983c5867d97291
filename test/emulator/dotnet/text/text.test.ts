// Expected bytes: the UTF-8, UTF-16 and ASCII encodings as learn.microsoft.com's Encoding.GetBytes and
// Encoding.ASCII pages describe them (ASCII replaces characters above U+007F with '?'); StringBuilder results follow
// the StringBuilder reference pages.
import { describe, expect, it } from "vitest";
import { byteArray } from "../../../../src/emulator/dotnet/format/args.js";
import { defineText } from "../../../../src/emulator/dotnet/text/index.js";
import { NEW_LINE } from "../../../../src/emulator/dotnet/text/string-builder.js";
import { NetException } from "../../../../src/emulator/errors.js";
import { RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import { char, double, int, type NetArray, type NetValue, type Num } from "../../../../src/emulator/values.js";
import { invoker } from "../format/call.js";

const E = "System.Text.Encoding";
const SB = "System.Text.StringBuilder";
const registry = new RuntimeRegistry();
defineText(registry);
const net = invoker(registry);
const bytes = (v: NetValue) => (v as NetArray).items.map((b) => (b as Num).value);
const enc = (name: string) => net.s(E, name);

describe("Encoding", () => {
  const rows: [string, string, number[]][] = [
    ["UTF8", "aé€", [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac]],
    ["UTF8", "😀", [0xf0, 0x9f, 0x98, 0x80]],
    ["UTF8", "\ud800", [0xef, 0xbf, 0xbd]],
    ["UTF8", "", []],
    ["ASCII", "aé", [0x61, 0x3f]],
    ["Unicode", "aé", [0x61, 0x00, 0xe9, 0x00]],
    ["BigEndianUnicode", "a", [0x00, 0x61]],
    ["UTF32", "a", [0x61, 0, 0, 0]],
    ["Latin1", "é€", [0xe9, 0x3f]],
  ];
  it.each(rows)("%s.GetBytes(%j)", (name, text, expected) => {
    const e = enc(name);
    expect(bytes(net.i(e, "GetBytes", text))).toEqual(expected);
    expect(net.i(e, "GetByteCount", text)).toEqual(int(expected.length));
  });

  it.each([
    ["UTF8", [0x61, 0xc3, 0xa9], "aé"],
    ["UTF8", [0x61, 0xff, 0x62], "a\ufffdb"],
    ["UTF8", [0xef, 0xbb, 0xbf, 0x61], "\ufeffa"],
    ["ASCII", [0x61, 0xe9], "a?"],
    ["Unicode", [0x61, 0x00, 0xe9, 0x00], "aé"],
  ])("%s.GetString(%j)", (name, input, expected) => {
    expect(net.i(enc(name), "GetString", byteArray(Uint8Array.from(input)))).toBe(expected);
  });

  it("GetString(bytes, index, count), GetChars, preamble, names", () => {
    const b = byteArray(Uint8Array.from([0x61, 0x62, 0x63]));
    expect(net.i(enc("UTF8"), "GetString", b, int(1), int(2))).toBe("bc");
    expect(() => net.i(enc("UTF8"), "GetString", b, int(2), int(2))).toThrow(NetException);
    expect((net.i(enc("UTF8"), "GetChars", b) as NetArray).items).toEqual([char(97), char(98), char(99)]);
    expect(bytes(net.i(enc("UTF8"), "GetPreamble"))).toEqual([0xef, 0xbb, 0xbf]);
    expect(net.i(enc("UTF8"), "WebName")).toBe("utf-8");
    expect(net.i(enc("Unicode"), "CodePage")).toEqual(int(1200));
    expect(net.s(E, "GetEncoding", "UTF-8")).toBe(enc("UTF8"));
    expect(net.s(E, "GetEncoding", int(20127))).toBe(enc("ASCII"));
    expect(() => net.s(E, "GetEncoding", "klingon")).toThrow(NetException);
    expect(() => net.i(enc("UTF8"), "GetBytes", null)).toThrow(NetException);
  });
});

describe("StringBuilder", () => {
  it("Append, AppendLine, Insert, Remove, Replace, Clear, Length, indexer", () => {
    const sb = net.make(SB, "ab");
    net.i(sb, "Append", "c");
    net.i(sb, "Append", char(0x64));
    net.i(sb, "Append", char(0x21), int(2));
    net.i(sb, "Append", int(42));
    net.i(sb, "Append", double(1.5));
    net.i(sb, "Append", true);
    net.i(sb, "Append", null);
    net.i(sb, "Append", "xyz", int(1), int(1));
    expect(net.str(sb)).toBe("abcd!!421.5Truey");
    expect(net.i(sb, "Length")).toEqual(int(16));
    net.i(sb, "Insert", int(0), ">");
    net.i(sb, "Remove", int(1), int(2));
    net.i(sb, "Replace", "!!", "?");
    expect(net.i(sb, "ToString")).toBe(">cd?421.5Truey");
    expect(net.i(sb, "ToString", int(1), int(2))).toBe("cd");
    expect(registry.type(SB)!.indexer!.get(sb, [{ value: int(1) }], net.call)).toEqual(char(0x63));
    net.i(sb, "Clear");
    net.i(sb, "AppendLine", "x");
    net.i(sb, "AppendLine");
    // Environment.NewLine of the emulated gateway ([U], docs/emulator.md)
    expect(net.str(sb)).toBe(`x${NEW_LINE}${NEW_LINE}`);
    expect(NEW_LINE).toBe("\r\n");
  });

  it("Length setter truncates and pads with NUL", () => {
    const sb = net.make(SB, "abcdef");
    registry.member(SB, "Length", false)!.kind === "property" &&
      (registry.member(SB, "Length", false) as { set: (s: NetValue, v: NetValue, c: unknown) => void }).set(
        sb,
        int(3),
        net.call,
      );
    expect(net.str(sb)).toBe("abc");
  });

  it("errors", () => {
    const sb = net.make(SB, "abc");
    expect(() => net.i(sb, "Remove", int(2), int(5))).toThrow(NetException);
    expect(() => net.i(sb, "Insert", int(9), "x")).toThrow(NetException);
    expect(() => net.i(sb, "Replace", "", "x")).toThrow(NetException);
  });
});
