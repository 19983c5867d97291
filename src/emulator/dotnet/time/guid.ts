// System.Guid. NewGuid is deterministic: version-4 GUIDs drawn from SHA-256 of a per-registry seed and a counter,
// so a test run gives the same GUIDs every time (seedGuids lets the gateway choose the seed per test). A real
// gateway's GUIDs are random; no policy can tell the difference except by comparing runs.

import { createHash } from "node:crypto";
import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, type NetObject, type NetValue } from "../../values.js";
import { byteArray, bytesArg, describe, fail, formatException, stringArg, writeOut } from "../format/args.js";

export const GUID = "System.Guid";

export class NetGuid implements NetObject {
  readonly $type = GUID;
  /** 32 lowercase hex digits in the "N" order. */
  constructor(readonly hex: string) {}
}

const EMPTY = "0".repeat(32);
const sources = new WeakMap<RuntimeRegistry, { seed: string; count: number }>();

/** Restarts NewGuid's sequence of `registry` from `seed`. */
export function seedGuids(registry: RuntimeRegistry, seed: string): void {
  sources.set(registry, { seed, count: 0 });
}

function nextGuid(registry: RuntimeRegistry): NetGuid {
  let s = sources.get(registry);
  if (!s) {
    s = { seed: "apimkit", count: 0 };
    sources.set(registry, s);
  }
  const bytes = createHash("sha256")
    .update(`${s.seed}:${s.count++}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  return new NetGuid(bytes.toString("hex"));
}

const FORMS = [
  /^([0-9a-f]{32})$/i,
  /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i,
];
const X_FORM =
  /^\{0x([0-9a-f]{1,8}),0x([0-9a-f]{1,4}),0x([0-9a-f]{1,4}),\{0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2}),0x([0-9a-f]{1,2})\}\}$/i;

/** Guid.Parse's accepted forms (N, D, B, P, X), surrounding whitespace allowed. */
export function parseGuid(text: string): NetGuid | undefined {
  const t = text.trim();
  for (const re of FORMS) {
    const m = re.exec(t);
    if (m) return new NetGuid(m.slice(1).join("").toLowerCase());
  }
  const x = X_FORM.exec(t.replace(/\s+/g, ""));
  if (x) {
    const widths = [8, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2];
    return new NetGuid(
      x
        .slice(1)
        .map((p, i) => p.padStart(widths[i]!, "0"))
        .join("")
        .toLowerCase(),
    );
  }
  return undefined;
}

export function formatGuid(g: NetGuid, format: string | undefined): string | undefined {
  const h = g.hex;
  const d = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  switch (format ?? "") {
    case "":
    case "D":
    case "d":
      return d;
    case "N":
    case "n":
      return h;
    case "B":
    case "b":
      return `{${d}}`;
    case "P":
    case "p":
      return `(${d})`;
    case "X":
    case "x": {
      const bytes = h
        .slice(16)
        .match(/../g)!
        .map((b) => `0x${b}`);
      return `{0x${h.slice(0, 8)},0x${h.slice(8, 12)},0x${h.slice(12, 16)},{${bytes.join(",")}}}`;
    }
    default:
      return undefined;
  }
}

function guidFormat(g: NetGuid, format: string | undefined, call: CallInfo): string {
  const r = formatGuid(g, format);
  if (r === undefined) {
    throw formatException('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".', call);
  }
  return r;
}

/** ToByteArray's order: the first three fields little-endian (the Windows GUID layout). */
function toBytes(g: NetGuid): Uint8Array {
  const b = Buffer.from(g.hex, "hex");
  const out = Buffer.from(b);
  out[0] = b[3]!;
  out[1] = b[2]!;
  out[2] = b[1]!;
  out[3] = b[0]!;
  out[4] = b[5]!;
  out[5] = b[4]!;
  out[6] = b[7]!;
  out[7] = b[6]!;
  return out;
}

function asGuid(v: NetValue | undefined, what: string, call: CallInfo): NetGuid {
  if (v instanceof NetGuid) return v;
  fail(`${what} with a ${describe(v ?? null)} argument`, call);
}

const method = (f: (g: NetGuid, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (self, args, call) => f(asGuid(self, "Guid member", call), args, call),
});

function parseOrThrow(text: string, call: CallInfo): NetGuid {
  const g = parseGuid(text);
  if (!g) throw formatException(`Unrecognized Guid format.`, call);
  return g;
}

export function defineGuid(registry: RuntimeRegistry): void {
  registry.define({
    key: GUID,
    supertypes: ["System.ValueType", "System.Object"],
    construct(args, call) {
      if (args.length === 0) return new NetGuid(EMPTY);
      const v = args[0]!.value;
      if (typeof v === "string" || v === null) return parseOrThrow(stringArg(args, 0, "new Guid", call, "g"), call);
      const b = bytesArg(args, 0, "new Guid", call, "b");
      if (b.length !== 16) {
        throw new NetException(
          "ArgumentException",
          "Byte array for Guid must be exactly 16 bytes long. (Parameter 'b')",
          call.at,
        );
      }
      return new NetGuid(Buffer.from(toBytes(new NetGuid(Buffer.from(b).toString("hex")))).toString("hex"));
    },
    instance: {
      ToString: method((g, a, c) => {
        if (a.length > 1) fail("Guid.ToString with a format provider", c);
        const f = a[0]?.value;
        if (f !== undefined && f !== null && typeof f !== "string") fail("Guid.ToString with a non-string format", c);
        return guidFormat(g, f ?? undefined, c);
      }),
      Equals: method((g, a) => a[0]?.value instanceof NetGuid && a[0].value.hex === g.hex),
      CompareTo: method((g, a, c) => {
        const o = asGuid(a[0]?.value, "Guid.CompareTo", c);
        // .NET compares the fields in order as unsigned numbers: the "N" hex order compares the same way
        return int(g.hex < o.hex ? -1 : g.hex > o.hex ? 1 : 0);
      }),
      ToByteArray: method((g) => byteArray(toBytes(g))),
    },
    static: {
      Empty: { kind: "property", get: () => new NetGuid(EMPTY) },
      NewGuid: { kind: "method", call: () => nextGuid(registry) },
      Parse: {
        kind: "method",
        call: (_s, a, c) => parseOrThrow(stringArg(a, 0, "Guid.Parse", c, "input"), c),
      },
      TryParse: {
        kind: "method",
        call: (_s, a, c) => {
          if (a.length !== 2) fail(`Guid.TryParse with ${a.length} arguments`, c);
          const t = a[0]?.value;
          const g = typeof t === "string" ? parseGuid(t) : undefined;
          writeOut(a, 1, g ?? new NetGuid(EMPTY), "Guid.TryParse", c);
          return g !== undefined;
        },
      },
      op_Equality: {
        kind: "method",
        call: (_s, a, c) => asGuid(a[0]?.value, "Guid ==", c).hex === asGuid(a[1]?.value, "Guid ==", c).hex,
      },
      op_Inequality: {
        kind: "method",
        call: (_s, a, c) => asGuid(a[0]?.value, "Guid !=", c).hex !== asGuid(a[1]?.value, "Guid !=", c).hex,
      },
    },
    toString: (self, format, call) => guidFormat(asGuid(self, "Guid.ToString", call), format, call),
    equals: (a, b) => a instanceof NetGuid && b instanceof NetGuid && a.hex === b.hex,
  });
}
