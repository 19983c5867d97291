// Dates in Json.NET: which strings the reader turns into a DateTime (DateTimeUtils.TryParseDateTime with
// DateParseHandling.DateTime, the default), and how the writer prints one (DateTimeUtils.WriteDateTimeString,
// IsoDateFormat). A date with an offset becomes a Local DateTime (DateTimeUtils.TryParseDateTimeIso calls
// ToLocalTime): the emulated gateway's local time zone is UTC (docs/emulator.md, JSON), so
// "2026-06-01T12:00:00+02:00" reads as 10:00 Local and is written back as "2026-06-01T10:00:00+00:00".

import { formatMoment, LOCAL_OFFSET_MINUTES } from "../format/date-time.js";
import {
  civilFromTicks,
  daysFromCivil,
  daysInMonth,
  MAX_TICKS,
  TICKS_PER_DAY,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
} from "../time/calendar.js";
import { NetDateTime } from "../time/date-time.js";

/** The DateTime Json.NET reads from `s`, or undefined when `s` stays a string. */
export function parseIsoDate(s: string): NetDateTime | undefined {
  if (s.length < 19 || s.length > 40 || !/[0-9]/.test(s[0]!) || s[10] !== "T") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 24 || minute >= 60 || second >= 60 || (hour === 24 && (minute !== 0 || second !== 0))) return undefined;
  let i = 19;
  let fraction = 0;
  if (s[i] === ".") {
    let digits = 0;
    i++;
    while (i < s.length && digits < 7 && s[i]! >= "0" && s[i]! <= "9") {
      fraction = fraction * 10 + Number(s[i]);
      digits++;
      i++;
    }
    if (digits === 0) return undefined;
    fraction *= 10 ** (7 - digits);
    if (hour === 24 && fraction !== 0) return undefined;
  }
  let zone: "none" | "utc" | "west" | "east" = "none";
  let zoneHour = 0;
  let zoneMinute = 0;
  if (i < s.length) {
    const c = s[i]!;
    if (c === "Z" || c === "z") {
      zone = "utc";
      i++;
    } else {
      if (i + 2 < s.length && /^\d\d$/.test(s.slice(i + 1, i + 3))) {
        zoneHour = Number(s.slice(i + 1, i + 3));
        if (c === "-" || c === "+") {
          zone = c === "-" ? "west" : "east";
          i += 3;
        }
      }
      if (i < s.length) {
        if (s[i] === ":") i++;
        if (i + 1 < s.length && /^\d\d$/.test(s.slice(i, i + 2))) {
          zoneMinute = Number(s.slice(i, i + 2));
          i += 2;
        }
      }
    }
  }
  if (i !== s.length) return undefined;
  let ticks =
    BigInt(daysFromCivil(year, month, day)) * TICKS_PER_DAY +
    BigInt((hour % 24) * 3600 + minute * 60 + second) * TICKS_PER_SECOND +
    BigInt(fraction);
  if (hour === 24) ticks += TICKS_PER_DAY;
  if (zone === "none") return new NetDateTime(ticks, "Unspecified");
  if (zone === "utc") return new NetDateTime(ticks, "Utc");
  const offset = BigInt(zoneHour * 3600 + zoneMinute * 60) * TICKS_PER_SECOND;
  const utc = zone === "west" ? ticks + offset : ticks - offset;
  // ToLocalTime with the gateway's zone; Json.NET clamps to DateTime's range.
  const local = utc + BigInt(LOCAL_OFFSET_MINUTES) * TICKS_PER_MINUTE;
  return new NetDateTime(local < 0n ? 0n : local > MAX_TICKS ? MAX_TICKS : local, "Local");
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** "2026-06-01T12:00:00.5Z": Json.NET's IsoDateFormat (fraction without trailing zeros, the Kind's suffix). */
export function isoDateText(date: NetDateTime): string {
  const f = civilFromTicks(date.ticks);
  let out = `${String(f.year).padStart(4, "0")}-${p2(f.month)}-${p2(f.day)}T${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
  if (f.fraction !== 0) out += `.${String(f.fraction).padStart(7, "0").replace(/0+$/, "")}`;
  if (date.kind === "Utc") return `${out}Z`;
  if (date.kind === "Unspecified") return out;
  const m = LOCAL_OFFSET_MINUTES;
  return `${out}${m < 0 ? "-" : "+"}${p2(Math.floor(Math.abs(m) / 60))}:${p2(Math.abs(m) % 60)}`;
}

/** DateTime.ToString() in the invariant culture ("G"), what JValue.ToString() and (string)token give for a date. */
export function invariantDateText(date: NetDateTime): string {
  return formatMoment(date, undefined);
}
