// System.Random. A seeded `new Random(seed)` gives .NET's own sequence: .NET 6+ keeps the seeded generator of
// .NET Framework (Net5CompatSeedImpl, Knuth's subtractive generator), so the same seed gives the same numbers
// everywhere. An unseeded `new Random()` is unpredictable in .NET; here its seed comes from the emulator's
// deterministic random source (crypto/random.ts), so a run is repeatable and a policy cannot tell the difference.

import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MethodImpl, RuntimeRegistry } from "../../runtime-types.js";
import { double, int, NetArray, type NetObject, type NetValue, Num } from "../../values.js";
import { nextBytes } from "../crypto/random.js";
import { intArg } from "../format/args.js";

export const RANDOM = "System.Random";
const MBIG = 2147483647;
const MSEED = 161803398;

export class NetRandom implements NetObject {
  readonly $type = RANDOM;
  private readonly seedArray = new Array<number>(56).fill(0);
  private inext = 0;
  private inextp = 21;

  constructor(seed: number) {
    const subtraction = seed === -2147483648 ? MBIG : Math.abs(seed);
    let mj = MSEED - subtraction;
    this.seedArray[55] = mj;
    let mk = 1;
    let ii = 0;
    for (let i = 1; i < 55; i++) {
      ii += 21;
      if (ii >= 55) ii -= 55;
      this.seedArray[ii] = mk;
      mk = mj - mk;
      if (mk < 0) mk += MBIG;
      mj = this.seedArray[ii]!;
    }
    for (let k = 1; k < 5; k++) {
      for (let i = 1; i < 56; i++) {
        let n = i + 30;
        if (n >= 55) n -= 55;
        let v = (this.seedArray[i]! - this.seedArray[1 + n]!) | 0;
        if (v < 0) v += MBIG;
        this.seedArray[i] = v;
      }
    }
  }

  internalSample(): number {
    let locINext = this.inext + 1;
    if (locINext >= 56) locINext = 1;
    let locINextp = this.inextp + 1;
    if (locINextp >= 56) locINextp = 1;
    let retVal = this.seedArray[locINext]! - this.seedArray[locINextp]!;
    if (retVal === MBIG) retVal--;
    if (retVal < 0) retVal += MBIG;
    this.seedArray[locINext] = retVal;
    this.inext = locINext;
    this.inextp = locINextp;
    return retVal;
  }

  sample(): number {
    return this.internalSample() * (1.0 / MBIG);
  }
}

function outOfRange(param: string, message: string, call: CallInfo): NetException {
  return new NetException("ArgumentOutOfRangeException", `${message} (Parameter '${param}')`, call.at);
}

function method(call: (self: NetRandom, args: readonly Arg[], c: CallInfo) => NetValue): MethodImpl {
  return { kind: "method", call: (self, args, c) => call(self as NetRandom, args, c) };
}

export function defineRandom(registry: RuntimeRegistry): void {
  registry.define({
    key: RANDOM,
    supertypes: ["System.Object"],
    construct(args, call) {
      if (args.length === 0) {
        const b = nextBytes(registry, 4);
        return new NetRandom(((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) & 0x7fffffff) | 0);
      }
      return new NetRandom(intArg(args, 0, "new Random", call));
    },
    instance: {
      Next: method((r, args, c) => {
        if (args.length === 0) return int(r.internalSample());
        if (args.length === 1) {
          const max = intArg(args, 0, "Random.Next", c);
          if (max < 0) throw outOfRange("maxValue", "'maxValue' must be greater than zero.", c);
          return int(Math.trunc(r.sample() * max));
        }
        const min = intArg(args, 0, "Random.Next", c);
        const max = intArg(args, 1, "Random.Next", c);
        if (min > max) throw outOfRange("minValue", "'minValue' cannot be greater than maxValue.", c);
        const range = max - min;
        if (range > MBIG) throw new NotEmulated("Random.Next over a range wider than int.MaxValue", c.at);
        return int(Math.trunc(r.sample() * range) + min);
      }),
      NextDouble: method((r) => double(r.sample())),
      NextBytes: method((r, args, c) => {
        const a = args[0]?.value ?? null;
        if (a === null)
          throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'buffer')", c.at);
        if (!(a instanceof NetArray)) throw new NotEmulated("Random.NextBytes of a non-array", c.at);
        for (let i = 0; i < a.items.length; i++) a.items[i] = new Num("byte", r.internalSample() % 256);
        return null;
      }),
    },
  });
}
