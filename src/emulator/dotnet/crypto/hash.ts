// System.Security.Cryptography hashes and HMACs on node:crypto: MD5, SHA1, SHA256, SHA384, SHA512 (Create(),
// the *Managed classes, ComputeHash, Hash, static HashData) and HMACMD5..HMACSHA512 (constructor with a key, Key).
// A parameterless HMAC constructor draws a random key in .NET: using that key is NotEmulated (no test could predict
// it); setting Key first (`new HMACSHA256 { Key = ... }`) is fine.

import { createHash, createHmac } from "node:crypto";
import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, type NetArray, type NetObject, type NetValue } from "../../values.js";
import { byteArray, bytesArg, describe, fail, intArg, stringArg } from "../format/args.js";

const NS = "System.Security.Cryptography";
type Algorithm = "md5" | "sha1" | "sha256" | "sha384" | "sha512";
const BITS: Readonly<Record<Algorithm, number>> = { md5: 128, sha1: 160, sha256: 256, sha384: 384, sha512: 512 };
const FAMILY: Readonly<Record<Algorithm, string>> = {
  md5: "MD5",
  sha1: "SHA1",
  sha256: "SHA256",
  sha384: "SHA384",
  sha512: "SHA512",
};

export class NetHash implements NetObject {
  disposed = false;
  hash: Uint8Array | undefined;
  constructor(
    readonly $type: string,
    readonly algorithm: Algorithm,
    /** Set for HMACs; "random" until a key is given to a parameterless HMAC. */
    public key: Uint8Array | "random" | undefined,
  ) {}
}

function asHash(v: NetValue, call: CallInfo): NetHash {
  if (!(v instanceof NetHash)) fail(`hash algorithm member on a ${describe(v)}`, call);
  if (v.disposed)
    throw new NetException("ObjectDisposedException", "Cannot access a disposed object.", call.at, [
      "InvalidOperationException",
      "SystemException",
      "Exception",
    ]);
  return v;
}

export function digest(algorithm: Algorithm, data: Uint8Array, key?: Uint8Array): Uint8Array {
  const h = key ? createHmac(algorithm, key) : createHash(algorithm);
  return new Uint8Array(h.update(data).digest());
}

function computeHash(h: NetHash, args: readonly Arg[], call: CallInfo): NetArray {
  let data = bytesArg(args, 0, "ComputeHash", call, "buffer");
  if (args.length === 3) {
    const offset = intArg(args, 1, "ComputeHash", call);
    const count = intArg(args, 2, "ComputeHash", call);
    if (offset < 0 || count < 0 || offset + count > data.length) {
      throw new NetException(
        "ArgumentException",
        "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.",
        call.at,
      );
    }
    data = data.subarray(offset, offset + count);
  } else if (args.length !== 1) fail(`ComputeHash with ${args.length} arguments`, call);
  if (h.key === "random") fail("ComputeHash with the random key of a parameterless HMAC constructor", call);
  h.hash = digest(h.algorithm, data, h.key);
  return byteArray(h.hash);
}

const m = (f: (h: NetHash, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (self, args, call) => f(asHash(self, call), args, call),
});

const NAMES: Readonly<Record<string, Algorithm>> = {
  md5: "md5",
  sha1: "sha1",
  "sha-1": "sha1",
  sha256: "sha256",
  "sha-256": "sha256",
  sha384: "sha384",
  "sha-384": "sha384",
  sha512: "sha512",
  "sha-512": "sha512",
};

function algorithmNamed(name: string): Algorithm | undefined {
  return NAMES[name.toLowerCase().replace(/^system\.security\.cryptography\./, "")];
}

export function defineHashes(registry: RuntimeRegistry): void {
  registry.define({
    key: `${NS}.HashAlgorithm`,
    supertypes: ["System.Object"],
    instance: {
      ComputeHash: m(computeHash),
      Hash: {
        kind: "property",
        get: (self, call) => {
          const h = asHash(self, call);
          if (!h.hash)
            throw new NetException(
              "CryptographicUnexpectedOperationException",
              "Hash must be finalized before the hash value is retrieved.",
              call.at,
            );
          return byteArray(h.hash);
        },
      },
      HashSize: { kind: "property", get: (self, call) => int(BITS[asHash(self, call).algorithm]) },
      Initialize: m((h) => {
        h.hash = undefined;
        return null;
      }),
      Dispose: {
        kind: "method",
        call: (self, _a, call) => {
          if (!(self instanceof NetHash)) fail("Dispose", call);
          self.disposed = true;
          return null;
        },
      },
      Clear: {
        kind: "method",
        call: (self, _a, call) => {
          if (!(self instanceof NetHash)) fail("Clear", call);
          self.disposed = true;
          return null;
        },
      },
    },
    static: {
      Create: {
        kind: "method",
        call: (_s, a, c) => {
          if (a.length === 0) fail("HashAlgorithm.Create() (obsolete; throws on .NET 7+)", c);
          const name = stringArg(a, 0, "HashAlgorithm.Create", c, "hashName");
          const alg = algorithmNamed(name);
          if (!alg) return null; // .NET returns null for an unknown name
          return new NetHash(`${NS}.${FAMILY[alg]}`, alg, undefined);
        },
      },
    },
  });
  registry.define({
    key: `${NS}.KeyedHashAlgorithm`,
    supertypes: [`${NS}.HashAlgorithm`, "System.Object"],
    instance: {
      Key: {
        kind: "property",
        get: (self, call) => {
          const key = asHash(self, call).key;
          if (key === "random") fail("the random key of a parameterless HMAC constructor", call);
          return byteArray(key ?? new Uint8Array());
        },
        set: (self, value, call) => {
          asHash(self, call).key = bytesArg([{ value }], 0, "KeyedHashAlgorithm.Key", call, "value");
        },
      },
    },
  });
  registry.define({
    key: `${NS}.HMAC`,
    supertypes: [`${NS}.KeyedHashAlgorithm`, `${NS}.HashAlgorithm`, "System.Object"],
    instance: {
      HashName: { kind: "property", get: (self, call) => FAMILY[asHash(self, call).algorithm] },
    },
  });

  for (const alg of Object.keys(BITS) as Algorithm[]) {
    const family = `${NS}.${FAMILY[alg]}`;
    const create = (): NetHash => new NetHash(family, alg, undefined);
    registry.define({
      key: family,
      supertypes: [`${NS}.HashAlgorithm`, "System.Object"],
      static: {
        Create: {
          kind: "method",
          call: (_s, a, c) => (a.length === 0 ? create() : fail(`${FAMILY[alg]}.Create(string) (obsolete)`, c)),
        },
        HashData: {
          kind: "method",
          call: (_s, a, c) => {
            if (a.length !== 1) fail(`${FAMILY[alg]}.HashData with ${a.length} arguments`, c);
            return byteArray(digest(alg, bytesArg(a, 0, `${FAMILY[alg]}.HashData`, c, "source")));
          },
        },
        HashSizeInBits: { kind: "property", get: () => int(BITS[alg]) },
        HashSizeInBytes: { kind: "property", get: () => int(BITS[alg] / 8) },
      },
    });
    if (alg !== "md5") {
      const managed = `${family}Managed`;
      registry.define({
        key: managed,
        supertypes: [family, `${NS}.HashAlgorithm`, "System.Object"],
        construct: () => new NetHash(managed, alg, undefined),
      });
    }
    const hmacKey = `${NS}.HMAC${FAMILY[alg]}`;
    registry.define({
      key: hmacKey,
      supertypes: [`${NS}.HMAC`, `${NS}.KeyedHashAlgorithm`, `${NS}.HashAlgorithm`, "System.Object"],
      construct(args, call) {
        if (args.length === 0) return new NetHash(hmacKey, alg, "random");
        return new NetHash(hmacKey, alg, bytesArg(args, 0, `new HMAC${FAMILY[alg]}`, call, "key"));
      },
      static: {
        HashData: {
          kind: "method",
          call: (_s, a, c) => {
            if (a.length !== 2) fail(`HMAC${FAMILY[alg]}.HashData with ${a.length} arguments`, c);
            const key = bytesArg(a, 0, `HMAC${FAMILY[alg]}.HashData`, c, "key");
            return byteArray(digest(alg, bytesArg(a, 1, `HMAC${FAMILY[alg]}.HashData`, c, "source"), key));
          },
        },
      },
    });
  }
}
