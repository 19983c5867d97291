// System.Net.IPAddress: dotted-decimal IPv4 and IPv6 (RFC 5952 text, as .NET prints it). IPv4 shorthand forms that
// .NET also accepts (octal "010.0.0.1", hex, fewer than four parts) and IPv6 scope ids are NotEmulated.

import { isIPv4, isIPv6 } from "node:net";
import { NotEmulated } from "../../errors.js";
import type { CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { NetEnum, type NetObject, type NetValue } from "../../values.js";
import { byteArray, describe, fail, formatException, stringArg, writeOut } from "../format/args.js";

export const IP_ADDRESS = "System.Net.IPAddress";
const ADDRESS_FAMILY = "System.Net.Sockets.AddressFamily";

export class NetIPAddress implements NetObject {
  readonly $type = IP_ADDRESS;
  constructor(readonly bytes: Uint8Array) {}
}

function ipv6Groups(text: string): number[] {
  let head = text;
  let v4: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    v4 = dotted[1]!.split(".").map(Number);
    head = `${text.slice(0, dotted.index)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const l = left ? left.split(":") : [];
  const r = right === undefined ? [] : right ? right.split(":") : [];
  const fill = right === undefined ? [] : Array(8 - l.length - r.length).fill("0");
  return [...l, ...fill, ...r].map((g) => Number.parseInt(g, 16));
}

/** undefined: not an address; "shorthand": an IPv4 form .NET accepts that is not emulated. */
export function parseIp(text: string): NetIPAddress | undefined | "shorthand" {
  const t = text.trim();
  if (isIPv4(t)) return new NetIPAddress(Uint8Array.from(t.split(".").map(Number)));
  // four decimal parts without leading zeros: a part above 255 is simply invalid
  if (/^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/.test(t)) return undefined;
  if (/^(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}$/i.test(t)) return "shorthand";
  const inner = t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t;
  if (inner.includes("%")) return "shorthand";
  if (!isIPv6(inner)) return undefined;
  const groups = ipv6Groups(inner);
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return new NetIPAddress(bytes);
}

export function ipToString(ip: NetIPAddress): string {
  const b = ip.bytes;
  if (b.length === 4) return Array.from(b).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (b[2 * i]! << 8) | b[2 * i + 1]!);
  // IPv4-mapped and IPv4-compatible forms keep the dotted tail, as .NET prints them
  const v4 = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${v4}`;
  // the longest run of two or more zero groups becomes "::" (the first of equal runs)
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

function parseOrThrow(text: string, call: CallInfo): NetIPAddress {
  const r = parseIp(text);
  if (r === "shorthand") throw new NotEmulated(`IPAddress.Parse of the form ${JSON.stringify(text)}`, call.at);
  if (!r) throw formatException("An invalid IP address was specified.", call);
  return r;
}

function asIp(v: NetValue, call: CallInfo): NetIPAddress {
  if (v instanceof NetIPAddress) return v;
  fail(`IPAddress member on a ${describe(v)}`, call);
}

const ip = (bytes: number[]): MemberImpl => ({ kind: "property", get: () => new NetIPAddress(Uint8Array.from(bytes)) });

function isLoopback(a: NetIPAddress): boolean {
  if (a.bytes.length === 4) return a.bytes[0] === 127;
  return a.bytes.every((x, i) => (i === 15 ? x === 1 : x === 0));
}

export function defineIPAddress(registry: RuntimeRegistry): void {
  registry.define({
    key: IP_ADDRESS,
    supertypes: ["System.Object"],
    instance: {
      AddressFamily: {
        kind: "property",
        get: (self, c) =>
          asIp(self, c).bytes.length === 4
            ? new NetEnum(ADDRESS_FAMILY, "InterNetwork", 2)
            : new NetEnum(ADDRESS_FAMILY, "InterNetworkV6", 23),
      },
      GetAddressBytes: { kind: "method", call: (self, _a, c) => byteArray(asIp(self, c).bytes) },
      ToString: { kind: "method", call: (self, _a, c) => ipToString(asIp(self, c)) },
      Equals: {
        kind: "method",
        call: (self, a, c) => {
          const o = a[0]?.value;
          const me = asIp(self, c);
          return (
            o instanceof NetIPAddress &&
            o.bytes.length === me.bytes.length &&
            o.bytes.every((x, i) => x === me.bytes[i])
          );
        },
      },
    },
    static: {
      Parse: { kind: "method", call: (_s, a, c) => parseOrThrow(stringArg(a, 0, "IPAddress.Parse", c, "ipString"), c) },
      TryParse: {
        kind: "method",
        call: (_s, a, c) => {
          if (a.length !== 2) fail(`IPAddress.TryParse with ${a.length} arguments`, c);
          const t = a[0]?.value;
          const r = typeof t === "string" ? parseIp(t) : undefined;
          if (r === "shorthand") throw new NotEmulated(`IPAddress.TryParse of the form ${JSON.stringify(t)}`, c.at);
          writeOut(a, 1, r ?? null, "IPAddress.TryParse", c);
          return r !== undefined;
        },
      },
      IsLoopback: { kind: "method", call: (_s, a, c) => isLoopback(asIp(a[0]?.value ?? null, c)) },
      Loopback: ip([127, 0, 0, 1]),
      Any: ip([0, 0, 0, 0]),
      Broadcast: ip([255, 255, 255, 255]),
      None: ip([255, 255, 255, 255]),
      IPv6Loopback: ip([...Array(15).fill(0), 1]),
      IPv6Any: ip(Array(16).fill(0)),
    },
    toString: (self, _f, c) => ipToString(asIp(self, c)),
    equals: (a, b) =>
      a instanceof NetIPAddress &&
      b instanceof NetIPAddress &&
      a.bytes.length === b.bytes.length &&
      a.bytes.every((x, i) => x === b.bytes[i]),
  });
}
