// DateTime and DateTimeOffset format strings, invariant culture.
// Standard: https://learn.microsoft.com/dotnet/standard/base-types/standard-date-and-time-format-strings
// Custom:   https://learn.microsoft.com/dotnet/standard/base-types/custom-date-and-time-format-strings

import type { SourceLocation } from "../../errors.js";
import { civilFromTicks, DAY_NAMES, MONTH_NAMES, TICKS_PER_MINUTE } from "../time/calendar.js";
import { badFormat } from "./number.js";

export type DateTimeKind = "Unspecified" | "Utc" | "Local";

/** A moment to format: the wall-clock ticks and either a DateTime's Kind or a DateTimeOffset's offset. */
export interface Moment {
  ticks: bigint;
  kind: DateTimeKind;
  /** Set for DateTimeOffset (minutes east of UTC). */
  offsetMinutes?: number;
}

/**
 * The emulated gateway's local time zone is UTC, offset zero. [U] The runtime reference does not say which zone
 * the gateway runs in; APIM's managed gateway runs its hosts in UTC (docs/emulator.md, "Date and time").
 */
export const LOCAL_OFFSET_MINUTES = 0;

/** Invariant standard patterns (DateTimeFormatInfo.InvariantInfo). */
const STANDARD: Readonly<Record<string, string>> = {
  d: "MM/dd/yyyy",
  D: "dddd, dd MMMM yyyy",
  f: "dddd, dd MMMM yyyy HH:mm",
  F: "dddd, dd MMMM yyyy HH:mm:ss",
  g: "MM/dd/yyyy HH:mm",
  G: "MM/dd/yyyy HH:mm:ss",
  m: "MMMM dd",
  M: "MMMM dd",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: "HH:mm",
  T: "HH:mm:ss",
  y: "yyyy MMMM",
  Y: "yyyy MMMM",
};

export function formatMoment(m: Moment, format: string | undefined, at?: SourceLocation): string {
  const isOffset = m.offsetMinutes !== undefined;
  let fmt = format ?? "";
  let moment = m;
  if (fmt === "") {
    // DateTime.ToString() is "G"; DateTimeOffset.ToString() is "G" followed by its offset
    fmt = isOffset ? "MM/dd/yyyy HH:mm:ss zzz" : "G";
  }
  if (fmt.length === 1) {
    switch (fmt) {
      case "o":
      case "O":
        fmt = isOffset ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffzzz" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
        break;
      case "r":
      case "R":
        // DateTime is printed as it is (no conversion); DateTimeOffset is converted to UTC first
        if (isOffset) moment = toUtcMoment(m);
        fmt = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
        break;
      case "u":
        if (isOffset) moment = toUtcMoment(m);
        fmt = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
        break;
      case "U":
        if (isOffset) throw badFormat(at);
        moment = {
          ticks: m.kind === "Utc" ? m.ticks : m.ticks - BigInt(LOCAL_OFFSET_MINUTES) * TICKS_PER_MINUTE,
          kind: "Utc",
        };
        fmt = "dddd, dd MMMM yyyy HH:mm:ss";
        break;
      default: {
        const pattern = STANDARD[fmt];
        if (pattern === undefined) throw badFormat(at);
        fmt = pattern;
      }
    }
  }
  return formatCustom(moment, fmt, at);
}

function toUtcMoment(m: Moment): Moment {
  return { ticks: m.ticks - BigInt(m.offsetMinutes ?? 0) * TICKS_PER_MINUTE, kind: "Utc", offsetMinutes: 0 };
}

function repeatCount(fmt: string, i: number): number {
  let n = 1;
  while (fmt[i + n] === fmt[i]) n++;
  return n;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function offsetText(minutes: number, width: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  const h = Math.floor(a / 60);
  if (width === 1) return `${sign}${h}`;
  if (width === 2) return `${sign}${pad(h, 2)}`;
  return `${sign}${pad(h, 2)}:${pad(a % 60, 2)}`;
}

function formatCustom(m: Moment, fmt: string, at?: SourceLocation): string {
  const c = civilFromTicks(m.ticks);
  let out = "";
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i]!;
    const n = repeatCount(fmt, i);
    switch (ch) {
      case "d":
        if (n === 1 || n === 2) out += pad(c.day, n);
        else if (n === 3) out += DAY_NAMES[c.dayOfWeek]!.slice(0, 3);
        else out += DAY_NAMES[c.dayOfWeek];
        i += n;
        break;
      case "M":
        if (n <= 2) out += pad(c.month, n);
        else if (n === 3) out += MONTH_NAMES[c.month - 1]!.slice(0, 3);
        else out += MONTH_NAMES[c.month - 1];
        i += n;
        break;
      case "y":
        out += n === 2 ? pad(c.year % 100, 2) : n === 1 ? String(c.year % 100) : pad(c.year, n);
        i += n;
        break;
      case "h":
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, Math.min(n, 2));
        i += n;
        break;
      case "H":
        out += pad(c.hour, Math.min(n, 2));
        i += n;
        break;
      case "m":
        out += pad(c.minute, Math.min(n, 2));
        i += n;
        break;
      case "s":
        out += pad(c.second, Math.min(n, 2));
        i += n;
        break;
      case "f":
      case "F": {
        if (n > 7) throw badFormat(at);
        let digits = pad(c.fraction, 7).slice(0, n);
        if (ch === "F") digits = digits.replace(/0+$/, "");
        // "F" with nothing left also drops a '.' written just before it (".FFF" of a whole second is "")
        if (ch === "F" && digits === "" && out.endsWith(".")) out = out.slice(0, -1);
        out += digits;
        i += n;
        break;
      }
      case "t":
        out += n === 1 ? (c.hour < 12 ? "A" : "P") : c.hour < 12 ? "AM" : "PM";
        i += n;
        break;
      case "g":
        out += "A.D.";
        i += n;
        break;
      case "K":
        if (m.offsetMinutes !== undefined) out += offsetText(m.offsetMinutes, 3);
        else if (m.kind === "Utc") out += "Z";
        else if (m.kind === "Local") out += offsetText(LOCAL_OFFSET_MINUTES, 3);
        i += 1;
        break;
      case "z":
        // DateTime: the local zone's offset whatever the Kind (custom format docs, "z")
        out += offsetText(m.offsetMinutes ?? LOCAL_OFFSET_MINUTES, Math.min(n, 3));
        i += n;
        break;
      case ":":
      case "/":
        out += ch; // invariant time and date separators
        i += 1;
        break;
      case "'":
      case '"': {
        const end = fmt.indexOf(ch, i + 1);
        if (end < 0) throw badFormat(at);
        out += fmt.slice(i + 1, end).replace(/\\(.)/g, "$1");
        i = end + 1;
        break;
      }
      case "\\":
        if (i + 1 >= fmt.length) throw badFormat(at);
        out += fmt[i + 1];
        i += 2;
        break;
      case "%":
        if (fmt[i + 1] === "%" || i + 1 >= fmt.length) throw badFormat(at);
        i += 1;
        break;
      default:
        out += ch;
        i += 1;
    }
  }
  return out;
}
