// System.DateTimeOffset: wall-clock ticks plus an offset in minutes. Equality and ordering are by the UTC instant.

import { NetException } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, long, type NetObject, type NetValue, Num } from "../../values.js";
import {
  describe,
  fail,
  formatException,
  intArg,
  isIntegral,
  optStringArg,
  stringArg,
  writeOut,
} from "../format/args.js";
import { formatMoment, LOCAL_OFFSET_MINUTES } from "../format/date-time.js";
import {
  MAX_TICKS,
  TICKS_PER_DAY,
  TICKS_PER_MINUTE,
  TICKS_PER_MS,
  TICKS_PER_SECOND,
  ticksFromParts,
  ticksFromUnixMs,
  UNIX_EPOCH_TICKS,
} from "./calendar.js";
import { asDateTime, calendarMembers, checkProvider, NetDateTime, outOfRange, parseKnown } from "./date-time.js";
import type { Parsed } from "./parse.js";
import { asTimeSpan, cmp, NetTimeSpan } from "./time-span.js";

export const DATE_TIME_OFFSET = "System.DateTimeOffset";

export class NetDateTimeOffset implements NetObject {
  readonly $type = DATE_TIME_OFFSET;
  constructor(
    /** Wall-clock ticks at `offsetMinutes`. */
    readonly ticks: bigint,
    readonly offsetMinutes: number,
  ) {}

  get utcTicks(): bigint {
    return this.ticks - BigInt(this.offsetMinutes) * TICKS_PER_MINUTE;
  }
}

function offsetFromSpan(span: NetTimeSpan, call: CallInfo): number {
  if (span.ticks % TICKS_PER_MINUTE !== 0n)
    throw new NetException(
      "ArgumentException",
      "Offset must be specified in whole minutes. (Parameter 'offset')",
      call.at,
    );
  const minutes = Number(span.ticks / TICKS_PER_MINUTE);
  if (minutes < -840 || minutes > 840)
    throw outOfRange(call, "Offset must be within plus or minus 14 hours. (Parameter 'offset')");
  return minutes;
}

function offsetValue(ticks: bigint, offsetMinutes: number, call: CallInfo): NetDateTimeOffset {
  const utc = ticks - BigInt(offsetMinutes) * TICKS_PER_MINUTE;
  if (ticks < 0n || ticks > MAX_TICKS || utc < 0n || utc > MAX_TICKS) {
    throw outOfRange(
      call,
      "The UTC time represented when the offset is applied must be between year 0 and 10,000. (Parameter 'offset')",
    );
  }
  return new NetDateTimeOffset(ticks, offsetMinutes);
}

function asOffset(v: NetValue | undefined, what: string, call: CallInfo): NetDateTimeOffset {
  if (v instanceof NetDateTimeOffset) return v;
  if (v instanceof NetDateTime) return fromDateTime(v); // the implicit conversion DateTime -> DateTimeOffset
  fail(`${what} with a ${describe(v ?? null)} argument`, call);
}

export function fromDateTime(d: NetDateTime): NetDateTimeOffset {
  return d.kind === "Utc" ? new NetDateTimeOffset(d.ticks, 0) : new NetDateTimeOffset(d.ticks, LOCAL_OFFSET_MINUTES);
}

const longArg = (args: readonly Arg[], i: number, what: string, call: CallInfo): bigint => {
  const v = args[i]?.value;
  if (!(v instanceof Num) || !isIntegral(v)) fail(`${what} with a ${describe(v ?? null)} argument`, call);
  return typeof v.value === "bigint" ? v.value : BigInt(v.value as number);
};

function construct(args: readonly Arg[], call: CallInfo): NetDateTimeOffset {
  const n = args.length;
  const first = args[0]?.value;
  if (n === 0) return new NetDateTimeOffset(0n, 0);
  if (first instanceof NetDateTime) {
    if (n === 1) return fromDateTime(first);
    const offset = offsetFromSpan(asTimeSpan(args[1]?.value, "new DateTimeOffset", call), call);
    const expected = first.kind === "Utc" ? 0 : first.kind === "Local" ? LOCAL_OFFSET_MINUTES : undefined;
    if (expected !== undefined && offset !== expected) {
      throw new NetException(
        "ArgumentException",
        "The UTC Offset for Utc DateTime instances must be 0. (Parameter 'offset')",
        call.at,
      );
    }
    return offsetValue(first.ticks, offset, call);
  }
  const offset = offsetFromSpan(asTimeSpan(args[n - 1]?.value, "new DateTimeOffset", call), call);
  if (n === 2) return offsetValue(longArg(args, 0, "new DateTimeOffset(ticks, offset)", call), offset, call);
  if (n !== 7 && n !== 8) fail(`new DateTimeOffset with ${n} arguments`, call);
  const v = Array.from({ length: n - 1 }, (_, i) => intArg(args, i, "new DateTimeOffset", call));
  const ticks = ticksFromParts(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!, (v[6] ?? 0) * 10_000);
  if (ticks === undefined || (v[6] ?? 0) > 999 || (v[6] ?? 0) < 0)
    throw outOfRange(call, "Year, Month, and Day parameters describe an un-representable DateTime.");
  return offsetValue(ticks, offset, call);
}

function parsedOffset(p: Parsed, call: CallInfo): NetDateTimeOffset | undefined {
  void call;
  const offset = p.offsetMinutes ?? LOCAL_OFFSET_MINUTES;
  const utc = p.ticks - BigInt(offset) * TICKS_PER_MINUTE;
  if (utc < 0n || utc > MAX_TICKS) return undefined;
  return new NetDateTimeOffset(p.ticks, offset);
}

const prop = (get: (d: NetDateTimeOffset) => NetValue): MemberImpl => ({
  kind: "property",
  get: (self, call) => get(asOffset(self, "DateTimeOffset member", call)),
});
const method = (f: (d: NetDateTimeOffset, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (self, args, call) => f(asOffset(self, "DateTimeOffset member", call), args, call),
});
const staticMethod = (f: (args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: (_self, args, call) => f(args, call),
});
const addBy = (unit: bigint): MemberImpl =>
  method((d, a, c) => {
    const v = a[0]?.value;
    if (!(v instanceof Num) || v.type === "decimal") fail("DateTimeOffset.Add* with a non-numeric argument", c);
    const ticks = Number(v.value) * Number(unit);
    if (!Number.isFinite(ticks)) throw outOfRange(c);
    return offsetValue(d.ticks + BigInt(Math.trunc(ticks)), d.offsetMinutes, c);
  });
const pair = (f: (a: NetDateTimeOffset, b: NetDateTimeOffset) => NetValue): MemberImpl =>
  staticMethod((a, c) =>
    f(asOffset(a[0]?.value, "DateTimeOffset operator", c), asOffset(a[1]?.value, "DateTimeOffset operator", c)),
  );

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export function defineDateTimeOffset(registry: RuntimeRegistry): void {
  registry.define({
    key: DATE_TIME_OFFSET,
    supertypes: ["System.ValueType", "System.Object"],
    construct,
    instance: {
      ...calendarMembers(prop),
      Ticks: prop((d) => long(d.ticks)),
      UtcTicks: prop((d) => long(d.utcTicks)),
      Offset: prop((d) => new NetTimeSpan(BigInt(d.offsetMinutes) * TICKS_PER_MINUTE)),
      DateTime: prop((d) => new NetDateTime(d.ticks, "Unspecified")),
      UtcDateTime: prop((d) => new NetDateTime(d.utcTicks, "Utc")),
      LocalDateTime: prop(
        (d) => new NetDateTime(d.utcTicks + BigInt(LOCAL_OFFSET_MINUTES) * TICKS_PER_MINUTE, "Local"),
      ),
      Date: prop((d) => new NetDateTime(d.ticks - (d.ticks % TICKS_PER_DAY), "Unspecified")),
      TimeOfDay: prop((d) => new NetTimeSpan(d.ticks % TICKS_PER_DAY)),
      ToUnixTimeSeconds: method((d) => long(floorDiv(d.utcTicks - UNIX_EPOCH_TICKS, TICKS_PER_SECOND))),
      ToUnixTimeMilliseconds: method((d) => long(floorDiv(d.utcTicks - UNIX_EPOCH_TICKS, TICKS_PER_MS))),
      ToUniversalTime: method((d) => new NetDateTimeOffset(d.utcTicks, 0)),
      ToLocalTime: method(
        (d) =>
          new NetDateTimeOffset(d.utcTicks + BigInt(LOCAL_OFFSET_MINUTES) * TICKS_PER_MINUTE, LOCAL_OFFSET_MINUTES),
      ),
      ToOffset: method((d, a, c) => {
        const offset = offsetFromSpan(asTimeSpan(a[0]?.value, "DateTimeOffset.ToOffset", c), c);
        return offsetValue(d.utcTicks + BigInt(offset) * TICKS_PER_MINUTE, offset, c);
      }),
      Add: method((d, a, c) =>
        offsetValue(d.ticks + asTimeSpan(a[0]?.value, "DateTimeOffset.Add", c).ticks, d.offsetMinutes, c),
      ),
      AddMilliseconds: addBy(TICKS_PER_MS),
      AddSeconds: addBy(TICKS_PER_SECOND),
      AddMinutes: addBy(TICKS_PER_MINUTE),
      AddHours: addBy(60n * TICKS_PER_MINUTE),
      AddDays: addBy(TICKS_PER_DAY),
      Subtract: method((d, a, c) => {
        const v = a[0]?.value;
        if (v instanceof NetDateTimeOffset || v instanceof NetDateTime)
          return new NetTimeSpan(d.utcTicks - asOffset(v, "", c).utcTicks);
        return offsetValue(d.ticks - asTimeSpan(v, "DateTimeOffset.Subtract", c).ticks, d.offsetMinutes, c);
      }),
      CompareTo: method((d, a, c) =>
        int(cmp(d.utcTicks, asOffset(a[0]?.value, "DateTimeOffset.CompareTo", c).utcTicks)),
      ),
      Equals: method((d, a) => a[0]?.value instanceof NetDateTimeOffset && a[0].value.utcTicks === d.utcTicks),
      EqualsExact: method(
        (d, a) =>
          a[0]?.value instanceof NetDateTimeOffset &&
          a[0].value.ticks === d.ticks &&
          a[0].value.offsetMinutes === d.offsetMinutes,
      ),
      ToString: method((d, a, c) => {
        const first = a[0]?.value;
        if (first !== undefined && first !== null && typeof first !== "string") {
          checkProvider(first, "DateTimeOffset.ToString", c);
          return formatMoment(momentOf(d), undefined, c.at);
        }
        checkProvider(a[1]?.value, "DateTimeOffset.ToString", c);
        return formatMoment(momentOf(d), optStringArg(a, 0, "DateTimeOffset.ToString", c) ?? undefined, c.at);
      }),
    },
    static: {
      UtcNow: { kind: "property", get: (_s, c) => new NetDateTimeOffset(ticksFromUnixMs(c.now()), 0) },
      Now: {
        kind: "property",
        get: (_s, c) =>
          new NetDateTimeOffset(
            ticksFromUnixMs(c.now()) + BigInt(LOCAL_OFFSET_MINUTES) * TICKS_PER_MINUTE,
            LOCAL_OFFSET_MINUTES,
          ),
      },
      MinValue: { kind: "property", get: () => new NetDateTimeOffset(0n, 0) },
      MaxValue: { kind: "property", get: () => new NetDateTimeOffset(MAX_TICKS, 0) },
      UnixEpoch: { kind: "property", get: () => new NetDateTimeOffset(UNIX_EPOCH_TICKS, 0) },
      FromUnixTimeSeconds: staticMethod((a, c) => {
        const s = longArg(a, 0, "DateTimeOffset.FromUnixTimeSeconds", c);
        if (s < -62135596800n || s > 253402300799n)
          throw outOfRange(
            c,
            "Valid values are between -62135596800 and 253402300799, inclusive. (Parameter 'seconds')",
          );
        return new NetDateTimeOffset(UNIX_EPOCH_TICKS + s * TICKS_PER_SECOND, 0);
      }),
      FromUnixTimeMilliseconds: staticMethod((a, c) => {
        const ms = longArg(a, 0, "DateTimeOffset.FromUnixTimeMilliseconds", c);
        if (ms < -62135596800000n || ms > 253402300799999n)
          throw outOfRange(
            c,
            "Valid values are between -62135596800000 and 253402300799999, inclusive. (Parameter 'milliseconds')",
          );
        return new NetDateTimeOffset(UNIX_EPOCH_TICKS + ms * TICKS_PER_MS, 0);
      }),
      Parse: staticMethod((a, c) => {
        const text = stringArg(a, 0, "DateTimeOffset.Parse", c, "input");
        checkProvider(a[1]?.value, "DateTimeOffset.Parse", c);
        if (a.length > 2) fail("DateTimeOffset.Parse with DateTimeStyles", c);
        const p = parseKnown(text, "DateTimeOffset.Parse", c);
        const r = p && parsedOffset(p, c);
        if (!r) throw formatException(`String '${text}' was not recognized as a valid DateTime.`, c);
        return r;
      }),
      TryParse: staticMethod((a, c) => {
        if (a.length !== 2) fail(`DateTimeOffset.TryParse with ${a.length} arguments`, c);
        const text = a[0]?.value;
        const p = typeof text === "string" ? parseKnown(text, "DateTimeOffset.TryParse", c) : undefined;
        const r = p && parsedOffset(p, c);
        writeOut(a, 1, r ?? new NetDateTimeOffset(0n, 0), "DateTimeOffset.TryParse", c);
        return r !== undefined;
      }),
      Compare: pair((x, y) => int(cmp(x.utcTicks, y.utcTicks))),
      op_Subtraction: staticMethod((a, c) => {
        const x = asOffset(a[0]?.value, "DateTimeOffset operator -", c);
        const y = a[1]?.value;
        if (y instanceof NetDateTimeOffset || y instanceof NetDateTime)
          return new NetTimeSpan(x.utcTicks - asOffset(y, "", c).utcTicks);
        return offsetValue(x.ticks - asTimeSpan(y, "DateTimeOffset operator -", c).ticks, x.offsetMinutes, c);
      }),
      op_Addition: staticMethod((a, c) => {
        const x = asOffset(a[0]?.value, "DateTimeOffset operator +", c);
        return offsetValue(x.ticks + asTimeSpan(a[1]?.value, "DateTimeOffset operator +", c).ticks, x.offsetMinutes, c);
      }),
      op_Equality: pair((x, y) => x.utcTicks === y.utcTicks),
      op_Inequality: pair((x, y) => x.utcTicks !== y.utcTicks),
      op_LessThan: pair((x, y) => x.utcTicks < y.utcTicks),
      op_LessThanOrEqual: pair((x, y) => x.utcTicks <= y.utcTicks),
      op_GreaterThan: pair((x, y) => x.utcTicks > y.utcTicks),
      op_GreaterThanOrEqual: pair((x, y) => x.utcTicks >= y.utcTicks),
      op_Implicit: staticMethod((a, c) =>
        fromDateTime(asDateTime(a[0]?.value, "DateTimeOffset implicit conversion", c)),
      ),
    },
    toString: (self, format, call) =>
      formatMoment(momentOf(asOffset(self, "DateTimeOffset.ToString", call)), format, call.at),
    equals: (a, b) => a instanceof NetDateTimeOffset && b instanceof NetDateTimeOffset && a.utcTicks === b.utcTicks,
    convertFrom: (value) => (value instanceof NetDateTime ? fromDateTime(value) : undefined),
  });
}

function momentOf(d: NetDateTimeOffset) {
  return { ticks: d.ticks, kind: "Unspecified" as const, offsetMinutes: d.offsetMinutes };
}
