// Expected digests: the FIPS 180 "abc" vectors, RFC 1321 (MD5), RFC 2202 (HMAC-MD5/SHA1) and RFC 4231 (HMAC-SHA2)
// "Jefe" test case 2; .NET's SHA256.ComputeHash and HMACSHA256.ComputeHash return these bytes.
import { describe, expect, it } from "vitest";
import { defineCrypto } from "../../../../src/emulator/dotnet/crypto/index.js";
import { seedRandom } from "../../../../src/emulator/dotnet/crypto/random.js";
import { byteArray } from "../../../../src/emulator/dotnet/format/args.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import { int, type NetArray, type NetValue, type Num } from "../../../../src/emulator/values.js";
import { invoker } from "../format/call.js";

const NS = "System.Security.Cryptography";
const registry = new RuntimeRegistry();
defineCrypto(registry);
const net = invoker(registry);
const bytes = (s: string) => byteArray(new TextEncoder().encode(s));
const hex = (v: NetValue) =>
  (v as NetArray).items.map((b) => ((b as Num).value as number).toString(16).padStart(2, "0")).join("");

const ABC: [string, string][] = [
  ["MD5", "900150983cd24fb0d6963f7d28e17f72"],
  ["SHA1", "a9993e364706816aba3e25717850c26c9cd0d89d"],
  ["SHA256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["SHA384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"],
  [
    "SHA512",
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  ],
];

const JEFE: [string, string][] = [
  ["HMACMD5", "750c783e6ab0b503eaa86e310a5db738"],
  ["HMACSHA1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"],
  ["HMACSHA256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
  ["HMACSHA384", "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"],
  [
    "HMACSHA512",
    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
  ],
];

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

describe("hashes", () => {
  it.each(ABC)('%s.Create().ComputeHash("abc")', (family, expected) => {
    const h = net.s(`${NS}.${family}`, "Create");
    expect(hex(net.i(h, "ComputeHash", bytes("abc")))).toBe(expected);
    expect(hex(net.i(h, "Hash"))).toBe(expected);
    expect(hex(net.s(`${NS}.${family}`, "HashData", bytes("abc")))).toBe(expected);
    expect(net.i(h, "HashSize")).toEqual(int(expected.length * 4));
  });

  it("SHA256Managed, offsets, HashAlgorithm.Create(name), Dispose", () => {
    const h = net.make(`${NS}.SHA256Managed`);
    expect(hex(net.i(h, "ComputeHash", bytes("xabcx"), int(1), int(3)))).toBe(ABC[2]![1]);
    expect(hex(net.i(net.s(`${NS}.HashAlgorithm`, "Create", "SHA-256"), "ComputeHash", bytes("abc")))).toBe(ABC[2]![1]);
    expect(net.s(`${NS}.HashAlgorithm`, "Create", "nope")).toBe(null);
    net.i(h, "Dispose");
    expect(error(() => net.i(h, "ComputeHash", bytes("abc")))).toBe("ObjectDisposedException");
    expect(error(() => net.i(net.s(`${NS}.SHA256`, "Create"), "ComputeHash", null))).toBe("ArgumentNullException");
    expect(error(() => net.i(net.s(`${NS}.SHA256`, "Create"), "Hash"))).toBe(
      "CryptographicUnexpectedOperationException",
    );
  });
});

describe("HMAC", () => {
  it.each(JEFE)('new %s("Jefe").ComputeHash', (name, expected) => {
    const h = net.make(`${NS}.${name}`, bytes("Jefe"));
    expect(hex(net.i(h, "ComputeHash", bytes("what do ya want for nothing?")))).toBe(expected);
    expect(hex(net.s(`${NS}.${name}`, "HashData", bytes("Jefe"), bytes("what do ya want for nothing?")))).toBe(
      expected,
    );
    expect(hex(net.i(h, "Key"))).toBe("4a656665");
  });

  it("a parameterless HMAC: its random key is not emulated, a key set afterwards is used", () => {
    const h = net.make(`${NS}.HMACSHA256`);
    expect(error(() => net.i(h, "ComputeHash", bytes("x")))).toBe("NotEmulated");
    expect(error(() => net.i(h, "Key"))).toBe("NotEmulated");
    const setter = registry.member(`${NS}.HMACSHA256`, "Key", false) as {
      set: (s: NetValue, v: NetValue, c: unknown) => void;
    };
    setter.set(h, bytes("Jefe"), net.call);
    expect(hex(net.i(h, "ComputeHash", bytes("what do ya want for nothing?")))).toBe(JEFE[2]![1]);
  });
});

describe("RandomNumberGenerator (deterministic)", () => {
  it("repeats per seed, fills arrays, ranges", () => {
    const r = new RuntimeRegistry();
    defineCrypto(r);
    const n = invoker(r);
    seedRandom(r, "s");
    const a = hex(n.s(`${NS}.RandomNumberGenerator`, "GetBytes", int(16)));
    const b = hex(n.s(`${NS}.RandomNumberGenerator`, "GetBytes", int(16)));
    expect(a).not.toBe(b);
    seedRandom(r, "s");
    expect(hex(n.s(`${NS}.RandomNumberGenerator`, "GetBytes", int(16)))).toBe(a);
    const arr = byteArray(new Uint8Array(8));
    n.i(n.make(`${NS}.RNGCryptoServiceProvider`), "GetNonZeroBytes", arr);
    expect(arr.items.every((x) => (x as Num).value !== 0)).toBe(true);
    for (let k = 0; k < 50; k++) {
      const v = (n.s(`${NS}.RandomNumberGenerator`, "GetInt32", int(3), int(7)) as Num).value as number;
      expect(v >= 3 && v < 7).toBe(true);
    }
    expect(error(() => n.s(`${NS}.RandomNumberGenerator`, "GetInt32", int(5), int(5)))).toBe("ArgumentException");
  });
});
