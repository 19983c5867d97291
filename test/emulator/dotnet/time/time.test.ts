// Expected texts: learn.microsoft.com "Standard date and time format strings", "Custom date and time format strings",
// "Standard TimeSpan format strings" and "Custom TimeSpan format strings" (invariant culture), unless noted.
import { describe, expect, it } from "vitest";
import type { NetDateTime } from "../../../../src/emulator/dotnet/time/date-time.js";
import type { NetDateTimeOffset } from "../../../../src/emulator/dotnet/time/date-time-offset.js";
import { type NetGuid, seedGuids } from "../../../../src/emulator/dotnet/time/guid.js";
import { defineTime } from "../../../../src/emulator/dotnet/time/index.js";
import type { NetTimeSpan } from "../../../../src/emulator/dotnet/time/time-span.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import { double, int, long, NetArray, NetEnum, type NetValue, type Num } from "../../../../src/emulator/values.js";
import { named } from "../../../../src/policy/csharp/types/type-ref.js";
import { callInfo, invoker, outRef } from "../format/call.js";

const DT = "System.DateTime";
const TS = "System.TimeSpan";
const DTO = "System.DateTimeOffset";
const G = "System.Guid";
const kind = (k: "Unspecified" | "Utc" | "Local") =>
  new NetEnum("System.DateTimeKind", k, { Unspecified: 0, Utc: 1, Local: 2 }[k]);
const styles = (name: string, value: number) => new NetEnum("System.Globalization.DateTimeStyles", name, value);

const registry = new RuntimeRegistry();
defineTime(registry);
const net = invoker(registry, callInfo(Date.UTC(2026, 5, 1, 12, 0, 0, 123)));

const june15 = (k: "Unspecified" | "Utc" | "Local" = "Unspecified", ms = 0) =>
  net.make(DT, int(2009), int(6), int(15), int(13), int(45), int(30), int(ms), kind(k));

function netError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NetException) return e.type;
    if (e instanceof NotEmulated) return "NotEmulated";
    throw e;
  }
  return "no exception";
}

describe("DateTime formatting", () => {
  const rows: [string, NetValue, string | undefined, string][] = [
    ["d", june15(), "d", "06/15/2009"],
    ["D", june15(), "D", "Monday, 15 June 2009"],
    ["f", june15(), "f", "Monday, 15 June 2009 13:45"],
    ["F", june15(), "F", "Monday, 15 June 2009 13:45:30"],
    ["g", june15(), "g", "06/15/2009 13:45"],
    ["G", june15(), "G", "06/15/2009 13:45:30"],
    ["default is G", june15(), undefined, "06/15/2009 13:45:30"],
    ["M", june15(), "M", "June 15"],
    ["m", june15(), "m", "June 15"],
    ["O unspecified", june15(), "O", "2009-06-15T13:45:30.0000000"],
    ["o utc", june15("Utc"), "o", "2009-06-15T13:45:30.0000000Z"],
    // Local is UTC in the emulated gateway ([U], docs/emulator.md)
    ["o local", june15("Local"), "o", "2009-06-15T13:45:30.0000000+00:00"],
    ["o fraction", june15("Utc", 617), "o", "2009-06-15T13:45:30.6170000Z"],
    ["R (no conversion for DateTime)", june15("Utc"), "R", "Mon, 15 Jun 2009 13:45:30 GMT"],
    ["r", june15(), "r", "Mon, 15 Jun 2009 13:45:30 GMT"],
    ["s", june15(), "s", "2009-06-15T13:45:30"],
    ["t", june15(), "t", "13:45"],
    ["T", june15(), "T", "13:45:30"],
    ["u", june15("Utc"), "u", "2009-06-15 13:45:30Z"],
    ["U", june15("Utc"), "U", "Monday, 15 June 2009 13:45:30"],
    ["Y", june15(), "Y", "2009 June"],
    ["custom ISO Z literal", june15("Utc"), "yyyy-MM-ddTHH:mm:ssZ", "2009-06-15T13:45:30Z"],
    ["yyyyMMdd", june15(), "yyyyMMdd", "20090615"],
    ["HH:mm:ss.fff", june15("Utc", 617), "HH:mm:ss.fff", "13:45:30.617"],
    ["ddd, dd MMM yyyy", june15(), "ddd, dd MMM yyyy", "Mon, 15 Jun 2009"],
    ["hh:mm tt", june15(), "hh:mm tt", "01:45 PM"],
    ["%h", june15(), "%h", "1"],
    ["yy", june15(), "yy", "09"],
    ["zzz local zone", june15("Utc"), "zzz", "+00:00"],
    ["K utc", june15("Utc"), "%K", "Z"],
    ["K unspecified", june15(), "yyyy'T'K", "2009T"],
    ["quoted literal", june15(), "'Day' d", "Day 15"],
    ["backslash escape", june15(), "\\d\\a\\y dd", "day 15"],
    ["FFF trims", june15("Utc", 500), "ss.FFF", "30.5"],
    ["FFF drops the point", june15("Utc"), "ss.FFF", "30"],
    ["MMMM", june15(), "MMMM", "June"],
    ["dddd", june15(), "dddd", "Monday"],
    ["g era", june15(), "yyyy gg", "2009 A.D."],
  ];
  it.each(rows)("%s", (_n, v, f, expected) => {
    expect(net.str(v, f)).toBe(expected);
    expect(net.i(v, "ToString", ...(f === undefined ? [] : [f]))).toBe(expected);
  });

  it.each(["Q", "%", "fffffffff"])("bad format %s is FormatException", (f) => {
    expect(netError(() => net.str(june15(), f))).toBe("FormatException");
  });

  it("a non-invariant culture is not emulated", () => {
    const fr = { $type: "System.Globalization.CultureInfo", name: "fr-FR" };
    expect(netError(() => net.i(june15(), "ToString", "D", fr))).toBe("NotEmulated");
  });
});

describe("DateTime members", () => {
  it("properties", () => {
    const d = june15("Utc", 617);
    const props: [string, NetValue][] = [
      ["Year", int(2009)],
      ["Month", int(6)],
      ["Day", int(15)],
      ["Hour", int(13)],
      ["Minute", int(45)],
      ["Second", int(30)],
      ["Millisecond", int(617)],
      ["DayOfYear", int(166)],
      ["Ticks", long(BigInt(Date.UTC(2009, 5, 15, 13, 45, 30, 617)) * 10000n + 621355968000000000n)],
    ];
    for (const [name, expected] of props) expect(net.i(d, name), name).toEqual(expected);
    expect(net.i(d, "DayOfWeek")).toEqual(new NetEnum("System.DayOfWeek", "Monday", 1));
    expect(net.i(d, "Kind")).toEqual(kind("Utc"));
    expect(net.str(net.i(d, "Date"), "o")).toBe("2009-06-15T00:00:00.0000000Z");
    expect(net.str(net.i(d, "TimeOfDay"))).toBe("13:45:30.6170000");
  });

  it("clock: UtcNow, Now and Today read the emulated clock", () => {
    expect(net.str(net.s(DT, "UtcNow"), "o")).toBe("2026-06-01T12:00:00.1230000Z");
    expect(net.str(net.s(DT, "Now"), "o")).toBe("2026-06-01T12:00:00.1230000+00:00");
    expect(net.str(net.s(DT, "Today"), "o")).toBe("2026-06-01T00:00:00.0000000+00:00");
  });

  const add: [string, string, NetValue, string][] = [
    ["AddDays fraction", "AddDays", double(1.5), "2009-06-17T01:45:30.0000000"],
    ["AddHours negative", "AddHours", double(-14), "2009-06-14T23:45:30.0000000"],
    ["AddMinutes", "AddMinutes", double(15), "2009-06-15T14:00:30.0000000"],
    ["AddSeconds", "AddSeconds", double(29.5), "2009-06-15T13:45:59.5000000"],
    // .NET 7+ keeps tick precision ([U] runtime version, docs/emulator.md)
    ["AddMilliseconds tick precision", "AddMilliseconds", double(0.0001), "2009-06-15T13:45:30.0000001"],
    ["AddTicks", "AddTicks", long(5n), "2009-06-15T13:45:30.0000005"],
    ["AddMonths", "AddMonths", int(8), "2010-02-15T13:45:30.0000000"],
    ["AddYears", "AddYears", int(-9), "2000-06-15T13:45:30.0000000"],
  ];
  it.each(add)("%s", (_n, m, v, expected) => {
    expect(net.str(net.i(june15(), m, v), "o")).toBe(expected);
  });

  it("AddMonths clamps to the month's last day", () => {
    const jan31 = net.make(DT, int(2024), int(1), int(31));
    expect(net.str(net.i(jan31, "AddMonths", int(1)), "yyyy-MM-dd")).toBe("2024-02-29");
    expect(net.str(net.i(jan31, "AddMonths", int(13)), "yyyy-MM-dd")).toBe("2025-02-28");
    const feb29 = net.make(DT, int(2024), int(2), int(29));
    expect(net.str(net.i(feb29, "AddYears", int(1)), "yyyy-MM-dd")).toBe("2025-02-28");
  });

  it("DaysInMonth and IsLeapYear", () => {
    expect(net.s(DT, "DaysInMonth", int(2024), int(2))).toEqual(int(29));
    expect(net.s(DT, "DaysInMonth", int(2023), int(2))).toEqual(int(28));
    expect(net.s(DT, "DaysInMonth", int(2023), int(4))).toEqual(int(30));
    expect(net.s(DT, "IsLeapYear", int(1900))).toBe(false);
    expect(net.s(DT, "IsLeapYear", int(2000))).toBe(true);
    expect(netError(() => net.s(DT, "DaysInMonth", int(2023), int(13)))).toBe("ArgumentOutOfRangeException");
  });

  it("Subtract, operators and comparison", () => {
    const a = june15();
    const b = net.make(DT, int(2009), int(6), int(10));
    const diff = net.i(a, "Subtract", b) as NetTimeSpan;
    expect(net.i(diff, "TotalDays")).toEqual(double(5 + (13 * 3600 + 45 * 60 + 30) / 86400));
    expect(net.str(net.s(DT, "op_Subtraction", a, b))).toBe("5.13:45:30");
    const ts = net.s(TS, "FromHours", double(2));
    expect(net.str(net.s(DT, "op_Addition", a, ts), "s")).toBe("2009-06-15T15:45:30");
    expect(net.str(net.i(a, "Subtract", ts), "s")).toBe("2009-06-15T11:45:30");
    expect(net.s(DT, "op_LessThan", b, a)).toBe(true);
    expect(net.s(DT, "op_GreaterThan", b, a)).toBe(false);
    expect(net.i(a, "CompareTo", b)).toEqual(int(1));
    // equality ignores Kind (.NET compares ticks)
    expect(net.s(DT, "op_Equality", june15("Utc"), june15("Local"))).toBe(true);
    expect(registry.type(DT)!.equals!(june15("Utc"), june15())).toBe(true);
  });

  it("range errors", () => {
    expect(netError(() => net.i(net.s(DT, "MaxValue"), "AddDays", double(1)))).toBe("ArgumentOutOfRangeException");
    expect(netError(() => net.make(DT, int(2023), int(2), int(29)))).toBe("ArgumentOutOfRangeException");
    expect(net.str(net.s(DT, "MinValue"), "o")).toBe("0001-01-01T00:00:00.0000000");
    expect(net.str(net.s(DT, "MaxValue"), "o")).toBe("9999-12-31T23:59:59.9999999");
  });

  it("ToUniversalTime and ToLocalTime (local is UTC)", () => {
    expect(net.str(net.i(june15(), "ToUniversalTime"), "o")).toBe("2009-06-15T13:45:30.0000000Z");
    expect(net.str(net.i(june15("Utc"), "ToLocalTime"), "o")).toBe("2009-06-15T13:45:30.0000000+00:00");
  });
});

describe("DateTime parsing", () => {
  const rows: [string, string, string][] = [
    // a zone in the text converts to local time (Kind Local), as DateTime.Parse does
    ["ISO Z", "2009-06-15T13:45:30Z", "2009-06-15T13:45:30.0000000+00:00"],
    ["ISO offset", "2009-06-15T13:45:30-07:00", "2009-06-15T20:45:30.0000000+00:00"],
    ["ISO fraction", "2009-06-15T13:45:30.6170000", "2009-06-15T13:45:30.6170000"],
    ["ISO date", "2009-06-15", "2009-06-15T00:00:00.0000000"],
    ["ISO space", "2009-06-15 13:45", "2009-06-15T13:45:00.0000000"],
    ["RFC 1123", "Mon, 15 Jun 2009 20:45:30 GMT", "2009-06-15T20:45:30.0000000+00:00"],
    ["invariant", "06/15/2009 13:45:30", "2009-06-15T13:45:30.0000000"],
    ["invariant PM", "6/15/2009 1:45:30 PM", "2009-06-15T13:45:30.0000000"],
  ];
  it.each(rows)("Parse %s", (_n, text, expected) => {
    expect(net.str(net.s(DT, "Parse", text), "o")).toBe(expected);
  });

  it.each(["2009-13-01", "not a date", "2009-02-29", "31/12/2009"])("Parse(%s) is FormatException", (text) => {
    expect(netError(() => net.s(DT, "Parse", text))).toBe("FormatException");
  });

  it.each(["Jun 1, 2026", "2026/06/01", "Monday, June 1, 2026"])(
    "Parse(%s), a form .NET may accept, is NotEmulated",
    (text) => {
      expect(netError(() => net.s(DT, "Parse", text))).toBe("NotEmulated");
    },
  );

  it("ParseExact with several formats", () => {
    const formats = new NetArray(named("System.String"), ["yyyyMMdd", "yyyy-MM-dd"]);
    expect(net.str(net.s(DT, "ParseExact", "2009-06-15", formats, null, styles("None", 0)), "s")).toBe(
      "2009-06-15T00:00:00",
    );
    expect(netError(() => net.s(DT, "ParseExact", "15.06.2009", formats, null, styles("None", 0)))).toBe(
      "FormatException",
    );
  });

  it("Parse styles", () => {
    expect(net.str(net.s(DT, "Parse", "2009-06-15T13:45:30Z", null, styles("RoundtripKind", 128)), "o")).toBe(
      "2009-06-15T13:45:30.0000000Z",
    );
    expect(net.str(net.s(DT, "Parse", "2009-06-15T13:45:30", null, styles("AssumeUniversal", 64 | 16)), "o")).toBe(
      "2009-06-15T13:45:30.0000000Z",
    );
  });

  const exact: [string, string, string][] = [
    ["20090615", "yyyyMMdd", "2009-06-15T00:00:00.0000000"],
    ["2009-06-15T13:45:30Z", "yyyy-MM-ddTHH:mm:ssZ", "2009-06-15T13:45:30.0000000+00:00"],
    ["2009-06-15T13:45:30.6170000Z", "o", "2009-06-15T13:45:30.6170000+00:00"],
    ["Mon, 15 Jun 2009 13:45:30 GMT", "R", "2009-06-15T13:45:30.0000000+00:00"],
    ["15/06/2009 01:45 PM", "dd/MM/yyyy hh:mm tt", "2009-06-15T13:45:00.0000000"],
  ];
  it.each(exact)("ParseExact(%s, %s)", (text, format, expected) => {
    expect(net.str(net.s(DT, "ParseExact", text, format, null), "o")).toBe(expected);
  });

  it("ParseExact mismatch and TryParse", () => {
    expect(netError(() => net.s(DT, "ParseExact", "2009-06-15", "yyyyMMdd", null))).toBe("FormatException");
    const out = outRef();
    expect(net.s(DT, "TryParse", "2009-06-15", { value: null, ref: out })).toBe(true);
    expect(net.str(out.value, "s")).toBe("2009-06-15T00:00:00");
    expect(net.s(DT, "TryParse", "nope", { value: null, ref: out })).toBe(false);
    expect((out.value as NetDateTime).ticks).toBe(0n);
  });
});

describe("TimeSpan", () => {
  const span = (d: number, h: number, m: number, s: number, ms: number) =>
    net.make(TS, int(d), int(h), int(m), int(s), int(ms));
  const rows: [string, NetValue, string | undefined, string][] = [
    ["c seconds", net.make(TS, int(0), int(0), int(30)), "c", "00:00:30"],
    ["c days fraction", span(3, 17, 25, 30, 500), "c", "3.17:25:30.5000000"],
    ["default is c", span(3, 17, 25, 30, 500), undefined, "3.17:25:30.5000000"],
    ["g", span(3, 17, 25, 30, 500), "g", "3:17:25:30.5"],
    ["g short", net.make(TS, int(1), int(3), int(16)), "g", "1:03:16"],
    ["G", span(3, 17, 25, 30, 500), "G", "3:17:25:30.5000000"],
    ["G zero days", net.make(TS, int(0), int(18), int(30), int(0)), "G", "0:18:30:00.0000000"],
    ["c negative", net.s(TS, "FromMinutes", double(-90)), "c", "-01:30:00"],
    ["custom hh\\:mm\\:ss", span(3, 17, 25, 30, 500), "hh\\:mm\\:ss", "17:25:30"],
    ["custom dd\\.hh\\:mm", span(3, 17, 25, 30, 500), "dd\\.hh\\:mm", "03.17:25"],
    ["custom quoted", span(3, 17, 25, 30, 500), "d' days'", "3 days"],
    ["custom fff", span(0, 0, 0, 1, 5), "s\\.fff", "1.005"],
    ["custom no sign", net.s(TS, "FromMinutes", double(-90)), "hh\\:mm", "01:30"],
  ];
  it.each(rows)("%s", (_n, v, f, expected) => {
    expect(net.str(v, f)).toBe(expected);
  });

  it.each(["hh:mm", "x", "hhh"])("bad TimeSpan format %s", (f) => {
    expect(netError(() => net.str(span(0, 1, 2, 3, 0), f))).toBe("FormatException");
  });

  it("From*, components and totals", () => {
    const t = net.s(TS, "FromSeconds", double(90061.5));
    expect(net.i(t, "Days")).toEqual(int(1));
    expect(net.i(t, "Hours")).toEqual(int(1));
    expect(net.i(t, "Minutes")).toEqual(int(1));
    expect(net.i(t, "Seconds")).toEqual(int(1));
    expect(net.i(t, "Milliseconds")).toEqual(int(500));
    expect(net.i(t, "TotalSeconds")).toEqual(double(90061.5));
    expect(net.i(t, "TotalMinutes")).toEqual(double(90061.5 / 60));
    expect(net.i(t, "Ticks")).toEqual(long(900615000000n));
    expect(net.i(net.s(TS, "FromMilliseconds", double(-1500)), "Seconds")).toEqual(int(-1));
    expect(net.str(net.s(TS, "Zero"))).toBe("00:00:00");
    expect(net.str(net.s(TS, "FromDays", double(1.5)))).toBe("1.12:00:00");
  });

  const parse: [string, string][] = [
    ["1.02:03:04.5", "1.02:03:04.5000000"],
    ["6", "6.00:00:00"],
    ["10:20", "10:20:00"],
    ["-00:00:01", "-00:00:01"],
    [" 23:59:59 ", "23:59:59"],
    ["1:02:03:04", "1.02:03:04"],
  ];
  it.each(parse)("Parse(%s)", (text, expected) => {
    expect(net.str(net.s(TS, "Parse", text))).toBe(expected);
  });

  it("Parse errors", () => {
    expect(netError(() => net.s(TS, "Parse", "25:00"))).toBe("OverflowException");
    expect(netError(() => net.s(TS, "Parse", "abc"))).toBe("FormatException");
    expect(netError(() => net.s(TS, "Parse", null))).toBe("ArgumentNullException");
  });

  it("operators", () => {
    const a = net.s(TS, "FromMinutes", double(90));
    const b = net.s(TS, "FromHours", double(1));
    expect(net.str(net.s(TS, "op_Subtraction", a, b))).toBe("00:30:00");
    expect(net.str(net.s(TS, "op_Addition", a, b))).toBe("02:30:00");
    expect(net.s(TS, "op_GreaterThan", a, b)).toBe(true);
    expect(net.s(TS, "op_Equality", a, net.s(TS, "FromSeconds", double(5400)))).toBe(true);
    expect(net.str(net.s(TS, "op_UnaryNegation", a))).toBe("-01:30:00");
    expect(net.str(net.s(TS, "op_Multiply", a, double(2)))).toBe("03:00:00");
    expect(net.str(net.s(TS, "op_Multiply", double(0.5), a))).toBe("00:45:00");
    expect(net.str(net.s(TS, "op_Division", a, double(4)))).toBe("00:22:30");
    expect(net.s(TS, "op_Division", a, b)).toEqual(double(1.5));
    expect(netError(() => net.s(TS, "op_Division", a, double(0)))).toBe("OverflowException");
  });
});

describe("DateTimeOffset", () => {
  const minus7 = () => net.s(TS, "FromHours", double(-7));
  const dto = () => net.make(DTO, int(2009), int(6), int(15), int(13), int(45), int(30), minus7());
  it("formats with its offset", () => {
    expect(net.str(dto())).toBe("06/15/2009 13:45:30 -07:00");
    expect(net.str(dto(), "o")).toBe("2009-06-15T13:45:30.0000000-07:00");
    // "R" and "u" convert a DateTimeOffset to UTC first
    expect(net.str(dto(), "R")).toBe("Mon, 15 Jun 2009 20:45:30 GMT");
    expect(net.str(dto(), "u")).toBe("2009-06-15 20:45:30Z");
    expect(net.str(dto(), "yyyy-MM-ddTHH:mm:sszzz")).toBe("2009-06-15T13:45:30-07:00");
    expect(net.str(dto(), "%K")).toBe("-07:00");
    expect(netError(() => net.str(dto(), "U"))).toBe("FormatException");
  });

  it("unix time (learn.microsoft.com DateTimeOffset.ToUnixTimeSeconds)", () => {
    const d = net.s(DTO, "FromUnixTimeSeconds", long(1700000000n));
    expect(net.str(d, "o")).toBe("2023-11-14T22:13:20.0000000+00:00");
    expect(net.i(d, "ToUnixTimeSeconds")).toEqual(long(1700000000n));
    expect(net.i(net.s(DTO, "FromUnixTimeMilliseconds", long(-1500n)), "ToUnixTimeSeconds")).toEqual(long(-2n));
    expect(net.i(dto(), "ToUnixTimeMilliseconds")).toEqual(long(1245098730000n));
    expect(net.i(net.s(DTO, "UtcNow"), "ToUnixTimeMilliseconds")).toEqual(
      long(BigInt(Date.UTC(2026, 5, 1, 12, 0, 0, 123))),
    );
    expect(netError(() => net.s(DTO, "FromUnixTimeSeconds", long(253402300800n)))).toBe("ArgumentOutOfRangeException");
  });

  it("UtcDateTime, DateTime, Offset, Parse and comparison by instant", () => {
    const d = net.s(DTO, "Parse", "2009-06-15T13:45:30-07:00") as NetDateTimeOffset;
    expect(d.offsetMinutes).toBe(-420);
    expect(net.str(net.i(d, "UtcDateTime"), "o")).toBe("2009-06-15T20:45:30.0000000Z");
    expect(net.str(net.i(d, "DateTime"), "o")).toBe("2009-06-15T13:45:30.0000000");
    expect(net.str(net.i(d, "Offset"))).toBe("-07:00:00");
    const utc = net.s(DTO, "Parse", "2009-06-15T20:45:30Z");
    expect(net.s(DTO, "op_Equality", d, utc)).toBe(true);
    expect(net.i(d, "EqualsExact", utc)).toBe(false);
    expect(net.str(net.s(DTO, "op_Subtraction", utc, net.s(DTO, "Parse", "2009-06-15T20:00:00Z")))).toBe("00:45:30");
    expect(net.str(net.i(d, "ToOffset", net.s(TS, "FromHours", double(2))), "o")).toBe(
      "2009-06-15T22:45:30.0000000+02:00",
    );
    expect(netError(() => net.s(DTO, "Parse", "garbage"))).toBe("FormatException");
  });

  it("from a DateTime", () => {
    const fromUtc = net.make(DTO, june15("Utc"));
    expect(net.str(fromUtc, "o")).toBe("2009-06-15T13:45:30.0000000+00:00");
    expect(netError(() => net.make(DTO, june15("Utc"), minus7()))).toBe("ArgumentException");
  });
});

describe("Guid", () => {
  const text = "{0F8FAD5B-D9CB-469F-A165-70867728950E}";
  const rows: [string | undefined, string][] = [
    [undefined, "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["D", "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["N", "0f8fad5bd9cb469fa16570867728950e"],
    ["B", "{0f8fad5b-d9cb-469f-a165-70867728950e}"],
    ["P", "(0f8fad5b-d9cb-469f-a165-70867728950e)"],
    ["X", "{0x0f8fad5b,0xd9cb,0x469f,{0xa1,0x65,0x70,0x86,0x77,0x28,0x95,0x0e}}"],
  ];
  it.each(rows)("ToString(%s)", (f, expected) => {
    const g = net.s(G, "Parse", text);
    expect(net.str(g, f)).toBe(expected);
    // every form parses back
    expect(net.s(G, "op_Equality", net.s(G, "Parse", expected), g)).toBe(true);
  });

  it("bad input and formats", () => {
    expect(netError(() => net.s(G, "Parse", "0f8fad5b-d9cb-469f-a165"))).toBe("FormatException");
    expect(netError(() => net.str(net.s(G, "Empty"), "Z"))).toBe("FormatException");
    const out = outRef();
    expect(net.s(G, "TryParse", "nope", { value: null, ref: out })).toBe(false);
    expect(net.str(out.value)).toBe("00000000-0000-0000-0000-000000000000");
  });

  it("ToByteArray is little-endian in the first three fields", () => {
    const bytes = net.i(net.s(G, "Parse", text), "ToByteArray") as { items: Num[] };
    expect(bytes.items.slice(0, 8).map((b) => b.value)).toEqual([0x5b, 0xad, 0x8f, 0x0f, 0xcb, 0xd9, 0x9f, 0x46]);
  });

  it("NewGuid is a deterministic version-4 sequence per seed", () => {
    const r = new RuntimeRegistry();
    defineTime(r);
    const n = invoker(r);
    seedGuids(r, "test");
    const a = n.s(G, "NewGuid") as NetGuid;
    const b = n.s(G, "NewGuid") as NetGuid;
    expect(a.hex).not.toBe(b.hex);
    expect(n.str(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    seedGuids(r, "test");
    expect((n.s(G, "NewGuid") as NetGuid).hex).toBe(a.hex);
  });
});
