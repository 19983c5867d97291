// System.TimeSpan: a signed count of 100 ns ticks (bigint, so the whole Int64 range is exact).
// Operators are static members under the CLR's operator method names (op_Addition, op_LessThan, ...): the
// interpreter calls them for `a + b`, `a < b` on NetObjects.

import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { double, int, long, type NetObject, type NetValue, Num } from "../../values.js";
import { describe, fail, formatException, numberOf, stringArg, writeOut } from "../format/args.js";
import { formatTimeSpan } from "../format/time-span.js";
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND } from "./calendar.js";

export const TIME_SPAN = "System.TimeSpan";
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

export class NetTimeSpan implements NetObject {
  readonly $type = TIME_SPAN;
  constructor(readonly ticks: bigint) {}
}

export function timeSpan(ticks: bigint, call?: CallInfo): NetTimeSpan {
  if (ticks > MAX || ticks < MIN)
    throw new NetException("OverflowException", "TimeSpan overflowed because the duration is too long.", call?.at);
  return new NetTimeSpan(ticks);
}

export function asTimeSpan(v: NetValue | undefined, what: string, call: CallInfo): NetTimeSpan {
  if (v instanceof NetTimeSpan) return v;
  if (v === null)
    throw new NetException("NullReferenceException", "Object reference not set to an instance of an object.", call.at);
  fail(`${what} with a ${describe(v ?? null)} argument`, call);
}

/**
 * TimeSpan.From*(double): the product truncated to whole ticks, as .NET Core 3.0+ does (.NET Framework rounded to
 * the millisecond). Which runtime the gateway uses is [U]: we follow modern .NET (docs/emulator.md).
 */
function fromUnits(value: number, unit: bigint, call: CallInfo): NetTimeSpan {
  if (Number.isNaN(value))
    throw new NetException(
      "ArgumentException",
      "TimeSpan does not accept floating point Not-a-Number values.",
      call.at,
    );
  const ticks = value * Number(unit);
  if (!Number.isFinite(ticks) || ticks >= 9.223372036854776e18 || ticks < -9.223372036854776e18) {
    throw new NetException("OverflowException", "TimeSpan overflowed because the duration is too long.", call.at);
  }
  return new NetTimeSpan(BigInt(Math.trunc(ticks)));
}

const ticksArg = (args: readonly Arg[], i: number, what: string, call: CallInfo): bigint => {
  const v = args[i]?.value;
  if (!(v instanceof Num) || v.type === "decimal" || v.type === "double" || v.type === "float")
    fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return typeof v.value === "bigint" ? v.value : BigInt(v.value as number);
};

const numArg = (args: readonly Arg[], i: number, what: string, call: CallInfo): number => {
  const v = args[i]?.value;
  if (!(v instanceof Num) || v.type === "decimal") fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return numberOf(v);
};

const prop = (get: (t: NetTimeSpan) => NetValue): MemberImpl => ({
  kind: "property",
  get: (self, call) => get(asTimeSpan(self, "TimeSpan member", call)),
});

const method = (f: (t: NetTimeSpan, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (self, args, call) => f(asTimeSpan(self, "TimeSpan member", call), args, call),
});

const staticMethod = (f: (args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (_self, args, call) => f(args, call),
});

const part = (t: NetTimeSpan, unit: bigint, modulo: bigint | undefined): NetValue => {
  const q = t.ticks / unit; // truncates toward zero, as .NET's components do
  return int(Number(modulo === undefined ? q : q % modulo));
};

const binary = (f: (a: NetTimeSpan, b: NetTimeSpan, call: CallInfo) => NetValue): MemberImpl =>
  staticMethod((args, call) =>
    f(
      asTimeSpan(args[0]?.value, "TimeSpan operator", call),
      asTimeSpan(args[1]?.value, "TimeSpan operator", call),
      call,
    ),
  );

const DAYS_ONLY = /^\s*(-)?(\d+)\s*$/;
const CLOCK = /^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*$/;
const DAYS_COLON = /^\s*(-)?(\d+):(\d+):(\d+):(\d+)(?:\.(\d{1,7}))?\s*$/;

/** TimeSpan.Parse, invariant: `[-]d`, `[-][d.]hh:mm[:ss[.fffffff]]` or `[-]d:hh:mm:ss[.fffffff]`. */
export function parseTimeSpan(text: string): bigint | "format" | "overflow" {
  const days = DAYS_ONLY.exec(text);
  if (days) {
    const d = BigInt(days[2]!);
    if (d > 10675199n) return "overflow";
    return (days[1] === "-" ? -1n : 1n) * d * TICKS_PER_DAY;
  }
  const m = CLOCK.exec(text) ?? DAYS_COLON.exec(text);
  if (!m) return "format";
  const d = BigInt(m[2] ?? "0");
  const h = Number(m[3]);
  const min = Number(m[4]);
  const s = Number(m[5] ?? "0");
  if (h > 23 || min > 59 || s > 59 || d > 10675199n) return "overflow";
  const frac = BigInt((m[6] ?? "").padEnd(7, "0"));
  const ticks =
    d * TICKS_PER_DAY +
    BigInt(h) * TICKS_PER_HOUR +
    BigInt(min) * TICKS_PER_MINUTE +
    BigInt(s) * TICKS_PER_SECOND +
    frac;
  return m[1] === "-" ? -ticks : ticks;
}

function parseOrThrow(text: string, call: CallInfo): NetTimeSpan {
  const r = parseTimeSpan(text);
  if (r === "format") throw formatException(`String '${text}' was not recognized as a valid TimeSpan.`, call);
  if (r === "overflow")
    throw new NetException(
      "OverflowException",
      "The TimeSpan string could not be parsed because at least one of the numeric components is out of range or contains too many digits.",
      call.at,
    );
  return new NetTimeSpan(r);
}

export function defineTimeSpan(registry: RuntimeRegistry): void {
  registry.define({
    key: TIME_SPAN,
    supertypes: ["System.ValueType", "System.Object"],
    construct(args, call) {
      const n = args.length;
      if (n === 0) return new NetTimeSpan(0n);
      if (n === 1) return new NetTimeSpan(ticksArg(args, 0, "new TimeSpan(ticks)", call));
      const v = args.map((_, i) => BigInt(Math.trunc(numArg(args, i, "new TimeSpan", call))));
      if (n === 3) return timeSpan(v[0]! * TICKS_PER_HOUR + v[1]! * TICKS_PER_MINUTE + v[2]! * TICKS_PER_SECOND, call);
      if (n === 4)
        return timeSpan(
          v[0]! * TICKS_PER_DAY + v[1]! * TICKS_PER_HOUR + v[2]! * TICKS_PER_MINUTE + v[3]! * TICKS_PER_SECOND,
          call,
        );
      if (n === 5)
        return timeSpan(
          v[0]! * TICKS_PER_DAY +
            v[1]! * TICKS_PER_HOUR +
            v[2]! * TICKS_PER_MINUTE +
            v[3]! * TICKS_PER_SECOND +
            v[4]! * TICKS_PER_MS,
          call,
        );
      fail(`new TimeSpan with ${n} arguments`, call);
    },
    instance: {
      Ticks: prop((t) => long(t.ticks)),
      Days: prop((t) => part(t, TICKS_PER_DAY, undefined)),
      Hours: prop((t) => part(t, TICKS_PER_HOUR, 24n)),
      Minutes: prop((t) => part(t, TICKS_PER_MINUTE, 60n)),
      Seconds: prop((t) => part(t, TICKS_PER_SECOND, 60n)),
      Milliseconds: prop((t) => part(t, TICKS_PER_MS, 1000n)),
      TotalDays: prop((t) => double(Number(t.ticks) / Number(TICKS_PER_DAY))),
      TotalHours: prop((t) => double(Number(t.ticks) / Number(TICKS_PER_HOUR))),
      TotalMinutes: prop((t) => double(Number(t.ticks) / Number(TICKS_PER_MINUTE))),
      TotalSeconds: prop((t) => double(Number(t.ticks) / Number(TICKS_PER_SECOND))),
      TotalMilliseconds: prop((t) => double(Number(t.ticks) / Number(TICKS_PER_MS))),
      Add: method((t, args, call) => timeSpan(t.ticks + asTimeSpan(args[0]?.value, "TimeSpan.Add", call).ticks, call)),
      Subtract: method((t, args, call) =>
        timeSpan(t.ticks - asTimeSpan(args[0]?.value, "TimeSpan.Subtract", call).ticks, call),
      ),
      Negate: method((t, _a, call) => timeSpan(-t.ticks, call)),
      Duration: method((t, _a, call) => timeSpan(t.ticks < 0n ? -t.ticks : t.ticks, call)),
      CompareTo: method((t, args, call) =>
        int(cmp(t.ticks, asTimeSpan(args[0]?.value, "TimeSpan.CompareTo", call).ticks)),
      ),
      Equals: method((t, args) => args[0]?.value instanceof NetTimeSpan && args[0].value.ticks === t.ticks),
      ToString: method((t, args, call) => {
        if (args.length > 1) fail("TimeSpan.ToString with a format provider", call);
        const f = args[0]?.value;
        if (f !== undefined && f !== null && typeof f !== "string")
          fail("TimeSpan.ToString with a non-string format", call);
        return formatTimeSpan(t.ticks, f ?? undefined, call.at);
      }),
    },
    static: {
      Zero: { kind: "property", get: () => new NetTimeSpan(0n) },
      MaxValue: { kind: "property", get: () => new NetTimeSpan(MAX) },
      MinValue: { kind: "property", get: () => new NetTimeSpan(MIN) },
      TicksPerDay: { kind: "property", get: () => long(TICKS_PER_DAY) },
      TicksPerHour: { kind: "property", get: () => long(TICKS_PER_HOUR) },
      TicksPerMinute: { kind: "property", get: () => long(TICKS_PER_MINUTE) },
      TicksPerSecond: { kind: "property", get: () => long(TICKS_PER_SECOND) },
      TicksPerMillisecond: { kind: "property", get: () => long(TICKS_PER_MS) },
      FromDays: staticMethod((a, c) => fromUnits(numArg(a, 0, "TimeSpan.FromDays", c), TICKS_PER_DAY, c)),
      FromHours: staticMethod((a, c) => fromUnits(numArg(a, 0, "TimeSpan.FromHours", c), TICKS_PER_HOUR, c)),
      FromMinutes: staticMethod((a, c) => fromUnits(numArg(a, 0, "TimeSpan.FromMinutes", c), TICKS_PER_MINUTE, c)),
      FromSeconds: staticMethod((a, c) => fromUnits(numArg(a, 0, "TimeSpan.FromSeconds", c), TICKS_PER_SECOND, c)),
      FromMilliseconds: staticMethod((a, c) =>
        fromUnits(numArg(a, 0, "TimeSpan.FromMilliseconds", c), TICKS_PER_MS, c),
      ),
      FromTicks: staticMethod((a, c) => new NetTimeSpan(ticksArg(a, 0, "TimeSpan.FromTicks", c))),
      Parse: staticMethod((a, c) => {
        if (a.length > 1) fail("TimeSpan.Parse with a format provider", c);
        return parseOrThrow(stringArg(a, 0, "TimeSpan.Parse", c, "input"), c);
      }),
      TryParse: staticMethod((a, c) => {
        if (a.length !== 2) fail(`TimeSpan.TryParse with ${a.length} arguments`, c);
        const s = a[0]?.value;
        const r = typeof s === "string" ? parseTimeSpan(s) : "format";
        const ok = typeof r === "bigint";
        writeOut(a, 1, new NetTimeSpan(ok ? r : 0n), "TimeSpan.TryParse", c);
        return ok;
      }),
      Compare: binary((x, y) => int(cmp(x.ticks, y.ticks))),
      op_Addition: binary((x, y, c) => timeSpan(x.ticks + y.ticks, c)),
      op_Subtraction: binary((x, y, c) => timeSpan(x.ticks - y.ticks, c)),
      op_Equality: binary((x, y) => x.ticks === y.ticks),
      op_Inequality: binary((x, y) => x.ticks !== y.ticks),
      op_LessThan: binary((x, y) => x.ticks < y.ticks),
      op_LessThanOrEqual: binary((x, y) => x.ticks <= y.ticks),
      op_GreaterThan: binary((x, y) => x.ticks > y.ticks),
      op_GreaterThanOrEqual: binary((x, y) => x.ticks >= y.ticks),
      // TimeSpan * double, double * TimeSpan, TimeSpan / double: Math.Round (to even) of the scaled ticks; TimeSpan /
      // TimeSpan is a double (.NET Core 2.0+)
      op_Multiply: staticMethod((a, c) => {
        const [x, y] = [a[0]?.value, a[1]?.value];
        const span = x instanceof NetTimeSpan ? x : asTimeSpan(y, "TimeSpan operator *", c);
        const factor = numArg(a, x instanceof NetTimeSpan ? 1 : 0, "TimeSpan operator *", c);
        return scaled(span.ticks, factor, c);
      }),
      op_Division: staticMethod((a, c) => {
        const x = asTimeSpan(a[0]?.value, "TimeSpan operator /", c);
        const y = a[1]?.value;
        if (y instanceof NetTimeSpan) return double(Number(x.ticks) / Number(y.ticks));
        const divisor = numArg(a, 1, "TimeSpan operator /", c);
        if (divisor === 0 || Number.isNaN(divisor)) {
          throw new NetException(
            Number.isNaN(divisor) ? "ArgumentException" : "OverflowException",
            "TimeSpan overflowed because the duration is too long.",
            c.at,
          );
        }
        return scaled(x.ticks, 1 / divisor, c, divisor);
      }),
      op_UnaryNegation: staticMethod((a, c) => timeSpan(-asTimeSpan(a[0]?.value, "TimeSpan operator -", c).ticks, c)),
      op_UnaryPlus: staticMethod((a, c) => asTimeSpan(a[0]?.value, "TimeSpan operator +", c)),
    },
    toString: (self, format, call) =>
      formatTimeSpan(asTimeSpan(self, "TimeSpan.ToString", call).ticks, format, call.at),
    equals: (a, b) => a instanceof NetTimeSpan && b instanceof NetTimeSpan && a.ticks === b.ticks,
  });
}

/** ticks * factor (or ticks / divisor), rounded half to even as Math.Round does. */
function scaled(ticks: bigint, factor: number, call: CallInfo, divisor?: number): NetTimeSpan {
  if (Number.isNaN(factor))
    throw new NetException(
      "ArgumentException",
      "TimeSpan does not accept floating point Not-a-Number values.",
      call.at,
    );
  const t = divisor === undefined ? Number(ticks) * factor : Number(ticks) / divisor;
  if (!Number.isFinite(t) || t >= 9.223372036854776e18 || t < -9.223372036854776e18) {
    throw new NetException("OverflowException", "TimeSpan overflowed because the duration is too long.", call.at);
  }
  const floor = Math.floor(t);
  const diff = t - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return new NetTimeSpan(BigInt(rounded));
}

export function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
