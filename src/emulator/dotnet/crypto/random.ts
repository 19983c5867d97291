// RandomNumberGenerator and RNGCryptoServiceProvider, deterministic: bytes are SHA-256 of a per-registry seed and
// a block counter, so a test run is repeatable (seedRandom lets the gateway choose the seed). A real gateway's bytes
// are unpredictable; a policy cannot tell the difference within one run.

import { createHash } from "node:crypto";
import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, NetArray, type NetObject, type NetValue, Num } from "../../values.js";
import { byteArray, describe, fail, intArg } from "../format/args.js";

const NS = "System.Security.Cryptography";
export const RANDOM_NUMBER_GENERATOR = `${NS}.RandomNumberGenerator`;
const RNG_PROVIDER = `${NS}.RNGCryptoServiceProvider`;

class NetRng implements NetObject {
  constructor(readonly $type: string) {}
}

interface Source {
  seed: string;
  block: number;
  buffer: number[];
}
const sources = new WeakMap<RuntimeRegistry, Source>();

export function seedRandom(registry: RuntimeRegistry, seed: string): void {
  sources.set(registry, { seed, block: 0, buffer: [] });
}

export function nextBytes(registry: RuntimeRegistry, n: number): Uint8Array {
  let s = sources.get(registry);
  if (!s) {
    s = { seed: "apimkit", block: 0, buffer: [] };
    sources.set(registry, s);
  }
  while (s.buffer.length < n)
    s.buffer.push(
      ...createHash("sha256")
        .update(`${s.seed}:rng:${s.block++}`)
        .digest(),
    );
  return Uint8Array.from(s.buffer.splice(0, n));
}

function fill(registry: RuntimeRegistry, args: readonly Arg[], nonZero: boolean, call: CallInfo): null {
  const v = args[0]?.value ?? null;
  if (v === null) throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'data')", call.at);
  if (!(v instanceof NetArray) || !v.items.every((b) => b instanceof Num && b.type === "byte"))
    fail(`GetBytes with a ${describe(v)}`, call);
  for (let i = 0; i < v.items.length; i++) {
    let b = nextBytes(registry, 1)[0]!;
    while (nonZero && b === 0) b = nextBytes(registry, 1)[0]!;
    v.items[i] = new Num("byte", b);
  }
  return null;
}

/** A uniform int in [from, to) by rejection sampling over 32-bit draws (as .NET's GetInt32 does). */
function getInt32(registry: RuntimeRegistry, from: number, to: number, call: CallInfo): Num {
  if (from >= to)
    throw new NetException(
      "ArgumentException",
      "Range of random number does not contain at least one possibility.",
      call.at,
    );
  const range = to - from;
  const limit = 2 ** 32 - (2 ** 32 % range);
  for (;;) {
    const b = nextBytes(registry, 4);
    const x = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (x < limit) return int(from + (x % range));
  }
}

export function defineRandom(registry: RuntimeRegistry): void {
  const inst = (f: (args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
    kind: "method",
    call: (self, args, call) => {
      if (!(self instanceof NetRng)) fail("RandomNumberGenerator member", call);
      return f(args, call);
    },
  });
  registry.define({
    key: RANDOM_NUMBER_GENERATOR,
    supertypes: ["System.Object"],
    instance: {
      GetBytes: inst((a, c) => fill(registry, a, false, c)),
      GetNonZeroBytes: inst((a, c) => fill(registry, a, true, c)),
      Dispose: inst(() => null),
    },
    static: {
      Create: {
        kind: "method",
        call: (_s, a, c) =>
          a.length === 0 ? new NetRng(RANDOM_NUMBER_GENERATOR) : fail("RandomNumberGenerator.Create(string)", c),
      },
      GetBytes: {
        kind: "method",
        call: (_s, a, c) => {
          const n = intArg(a, 0, "RandomNumberGenerator.GetBytes", c);
          if (n < 0)
            throw new NetException(
              "ArgumentOutOfRangeException",
              "Non-negative number required. (Parameter 'count')",
              c.at,
            );
          return byteArray(nextBytes(registry, n));
        },
      },
      GetInt32: {
        kind: "method",
        call: (_s, a, c) =>
          a.length === 1
            ? getInt32(registry, 0, intArg(a, 0, "RandomNumberGenerator.GetInt32", c), c)
            : getInt32(
                registry,
                intArg(a, 0, "RandomNumberGenerator.GetInt32", c),
                intArg(a, 1, "RandomNumberGenerator.GetInt32", c),
                c,
              ),
      },
    },
  });
  registry.define({
    key: RNG_PROVIDER,
    supertypes: [RANDOM_NUMBER_GENERATOR, "System.Object"],
    construct: () => new NetRng(RNG_PROVIDER),
  });
}
