// Expected texts: learn.microsoft.com WebUtility.UrlEncode/HtmlEncode pages (.NET Core: space is '+', upper-case
// hex; HtmlEncode writes U+00A0-U+00FF as &#NNN;), the System.Uri reference (canonical form, properties, GetLeftPart,
// EscapeDataString) and IPAddress.ToString (RFC 5952 text for IPv6).
import { describe, expect, it } from "vitest";
import { defineWeb } from "../../../../src/emulator/dotnet/web/index.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import { int, type NetArray, NetEnum, type NetValue, type Num } from "../../../../src/emulator/values.js";
import { invoker, outRef } from "../format/call.js";

const W = "System.Net.WebUtility";
const U = "System.Uri";
const IP = "System.Net.IPAddress";
const registry = new RuntimeRegistry();
defineWeb(registry);
const net = invoker(registry);
const kind = (name: "RelativeOrAbsolute" | "Absolute" | "Relative") =>
  new NetEnum("System.UriKind", name, ["RelativeOrAbsolute", "Absolute", "Relative"].indexOf(name));
const partial = (name: string, v: number) => new NetEnum("System.UriPartial", name, v);

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NetException) return e.type;
    if (e instanceof NotEmulated) return "NotEmulated";
    throw e;
  }
  return "none";
}

describe("WebUtility", () => {
  const rows: [string, string | null, string | null][] = [
    ["UrlEncode", "a b&c=d/é", "a+b%26c%3Dd%2F%C3%A9"],
    ["UrlEncode", "-_.!*()~'", "-_.!*()%7E%27"],
    ["UrlEncode", null, null],
    ["UrlDecode", "a+b%26c%3d%C3%A9", "a b&c=é"],
    ["UrlDecode", "100%zz", "100%zz"],
    ["UrlDecode", "%C3", "\ufffd"],
    ["HtmlEncode", "<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"],
    ["HtmlEncode", "é€\u00a0", "&#233;€&#160;"],
    ["HtmlEncode", "😀", "&#128512;"],
    ["HtmlDecode", "&lt;&eacute;&#233;&#xE9;&unknown;&amp;&apos;", "<ééé&unknown;&'"],
    ["HtmlDecode", "&nbsp;&copy;&euro;", "\u00a0©€"],
  ];
  it.each(rows)("%s(%j)", (name, input, expected) => {
    expect(net.s(W, name, input)).toBe(expected);
  });
});

describe("Uri", () => {
  const u = () => net.make(U, "https://Example.COM:443/a b/./c/../d?x=1 2#frag");
  const props: [string, NetValue][] = [
    ["Scheme", "https"],
    ["Host", "example.com"],
    ["Port", int(443)],
    ["IsDefaultPort", true],
    ["Authority", "example.com"],
    ["AbsolutePath", "/a%20b/d"],
    ["Query", "?x=1%202"],
    ["Fragment", "#frag"],
    ["AbsoluteUri", "https://example.com/a%20b/d?x=1%202#frag"],
    ["PathAndQuery", "/a%20b/d?x=1%202"],
    ["LocalPath", "/a b/d"],
    ["IsAbsoluteUri", true],
    ["OriginalString", "https://Example.COM:443/a b/./c/../d?x=1 2#frag"],
  ];
  it.each(props)("%s", (name, expected) => {
    expect(net.i(u(), name)).toEqual(expected);
  });

  it("ToString, Segments, GetLeftPart", () => {
    expect(net.str(u())).toBe("https://example.com/a b/d?x=1 2#frag");
    expect((net.i(u(), "Segments") as NetArray).items).toEqual(["/", "a%20b/", "d"]);
    expect(net.i(u(), "GetLeftPart", partial("Scheme", 0))).toBe("https://");
    expect(net.i(u(), "GetLeftPart", partial("Authority", 1))).toBe("https://example.com");
    expect(net.i(u(), "GetLeftPart", partial("Path", 2))).toBe("https://example.com/a%20b/d");
    expect(net.i(u(), "GetLeftPart", partial("Query", 3))).toBe("https://example.com/a%20b/d?x=1%202");
  });

  const canonical: [string, string, string][] = [
    ["explicit port", "http://host:8080", "http://host:8080/"],
    ["unreserved escapes decoded", "http://h/%7euser/%2F", "http://h/~user/%2F"],
    ["backslash", "http://h\\a\\b", "http://h/a/b"],
    ["lone percent", "http://h/100%", "http://h/100%25"],
    ["user info", "ftp://me@h/x", "ftp://me@h/x"],
    ["non-ASCII path", "https://h/é", "https://h/%C3%A9"],
  ];
  it.each(canonical)("AbsoluteUri %s", (_n, input, expected) => {
    expect(net.i(net.make(U, input), "AbsoluteUri")).toBe(expected);
  });

  it("errors", () => {
    expect(error(() => net.make(U, "not a uri"))).toBe("UriFormatException");
    expect(error(() => net.make(U, "http://"))).toBe("UriFormatException");
    expect(error(() => net.make(U, "http://h:99999/"))).toBe("UriFormatException");
    // [U] the gateway is taken to run on Windows, where a rooted path is not an absolute URI
    expect(error(() => net.make(U, "/relative"))).toBe("UriFormatException");
    expect(error(() => net.make(U, "mailto:a@b.c"))).toBe("NotEmulated");
    expect(error(() => net.make(U, "https://example.com", kind("Relative")))).toBe("UriFormatException");
    const rel = net.make(U, "/relative", kind("Relative"));
    expect(net.i(rel, "IsAbsoluteUri")).toBe(false);
    expect(net.str(rel)).toBe("/relative");
    expect(error(() => net.i(rel, "Host"))).toBe("InvalidOperationException");
    expect(net.i(net.make(U, "x/y", kind("RelativeOrAbsolute")), "IsAbsoluteUri")).toBe(false);
  });

  it("relative resolution, equality, TryCreate", () => {
    const base = net.make(U, "https://h/a/b");
    expect(net.i(net.make(U, base, "../c?q"), "AbsoluteUri")).toBe("https://h/c?q");
    expect(net.s(U, "op_Equality", net.make(U, "http://H/a#x"), net.make(U, "http://h/a"))).toBe(true);
    expect(net.s(U, "op_Equality", net.make(U, "http://h/a"), net.make(U, "http://h/b"))).toBe(false);
    const out = outRef();
    expect(net.s(U, "TryCreate", "http://x", kind("Absolute"), { value: null, ref: out })).toBe(true);
    expect(net.i(out.value, "Host")).toBe("x");
    expect(net.s(U, "TryCreate", "::", kind("Absolute"), { value: null, ref: out })).toBe(false);
    expect(out.value).toBe(null);
  });

  it.each([
    ["EscapeDataString", "a b/é~?", "a%20b%2F%C3%A9~%3F"],
    ["UnescapeDataString", "a%20b%2F%C3%A9", "a b/é"],
    ["UnescapeDataString", "%zz%C3", "%zz%C3"],
  ])("%s(%j)", (name, input, expected) => {
    expect(net.s(U, name, input)).toBe(expected);
  });
});

describe("IPAddress", () => {
  const rows: [string, string][] = [
    ["192.168.1.1", "192.168.1.1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["::ffff:192.168.1.1", "::ffff:192.168.1.1"],
    ["::1", "::1"],
    ["fe80:0:0:1:0:0:0:1", "fe80:0:0:1::1"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4"],
    ["[2001:db8::1]", "2001:db8::1"],
  ];
  it.each(rows)("Parse(%s).ToString()", (text, expected) => {
    expect(net.str(net.s(IP, "Parse", text))).toBe(expected);
  });

  it("bytes, loopback, family, errors", () => {
    const a = net.s(IP, "Parse", "192.168.1.1");
    expect((net.i(a, "GetAddressBytes") as NetArray).items.map((b) => (b as Num).value)).toEqual([192, 168, 1, 1]);
    expect(net.s(IP, "IsLoopback", net.s(IP, "Parse", "127.0.0.1"))).toBe(true);
    expect(net.s(IP, "IsLoopback", net.s(IP, "Parse", "::1"))).toBe(true);
    expect(net.s(IP, "IsLoopback", a)).toBe(false);
    expect((net.i(a, "AddressFamily") as NetEnum).name).toBe("InterNetwork");
    expect((net.i(net.s(IP, "Parse", "::1"), "AddressFamily") as NetEnum).name).toBe("InterNetworkV6");
    expect(error(() => net.s(IP, "Parse", "abc"))).toBe("FormatException");
    expect(error(() => net.s(IP, "Parse", "256.1.1.1"))).toBe("FormatException");
    expect(error(() => net.s(IP, "Parse", "010.0.0.1"))).toBe("NotEmulated");
    const out = outRef();
    expect(net.s(IP, "TryParse", "10.0.0.1", { value: null, ref: out })).toBe(true);
    expect(net.str(out.value)).toBe("10.0.0.1");
  });
});
