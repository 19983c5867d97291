// TimeSpan format strings, invariant culture.
// Standard: https://learn.microsoft.com/dotnet/standard/base-types/standard-timespan-format-strings
// Custom:   https://learn.microsoft.com/dotnet/standard/base-types/custom-timespan-format-strings

import type { SourceLocation } from "../../errors.js";
import { TICKS_PER_DAY, TICKS_PER_SECOND } from "../time/calendar.js";
import { badFormat } from "./number.js";

interface Parts {
  negative: boolean;
  days: bigint;
  hours: number;
  minutes: number;
  seconds: number;
  fraction: number;
}

function parts(ticks: bigint): Parts {
  const negative = ticks < 0n;
  const a = negative ? -ticks : ticks;
  const inDay = Number((a % TICKS_PER_DAY) / TICKS_PER_SECOND);
  return {
    negative,
    days: a / TICKS_PER_DAY,
    hours: Math.floor(inDay / 3600),
    minutes: Math.floor(inDay / 60) % 60,
    seconds: inDay % 60,
    fraction: Number(a % TICKS_PER_SECOND),
  };
}

const pad = (n: number | bigint, w: number): string => String(n).padStart(w, "0");

export function formatTimeSpan(ticks: bigint, format: string | undefined, at?: SourceLocation): string {
  const p = parts(ticks);
  const sign = p.negative ? "-" : "";
  const fmt = format ?? "";
  switch (fmt) {
    case "":
    case "c":
    case "t":
    case "T": {
      // [-][d.]hh:mm:ss[.fffffff]
      const day = p.days > 0n ? `${p.days}.` : "";
      const frac = p.fraction > 0 ? `.${pad(p.fraction, 7)}` : "";
      return `${sign}${day}${pad(p.hours, 2)}:${pad(p.minutes, 2)}:${pad(p.seconds, 2)}${frac}`;
    }
    case "g": {
      // [-][d:]h:mm:ss[.FFFFFFF]
      const day = p.days > 0n ? `${p.days}:` : "";
      const f = pad(p.fraction, 7).replace(/0+$/, "");
      return `${sign}${day}${p.hours}:${pad(p.minutes, 2)}:${pad(p.seconds, 2)}${f ? `.${f}` : ""}`;
    }
    case "G":
      // [-]d:hh:mm:ss.fffffff
      return `${sign}${p.days}:${pad(p.hours, 2)}:${pad(p.minutes, 2)}:${pad(p.seconds, 2)}.${pad(p.fraction, 7)}`;
  }
  if (fmt.length === 1) throw badFormat(at);
  return formatCustom(p, fmt, at);
}

/** Custom TimeSpan formats: no sign is ever written, and any unescaped character that is not a specifier is invalid. */
function formatCustom(p: Parts, fmt: string, at?: SourceLocation): string {
  let out = "";
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i]!;
    let n = 1;
    while (fmt[i + n] === ch) n++;
    switch (ch) {
      case "d":
        if (n > 8) throw badFormat(at);
        out += pad(p.days, n);
        i += n;
        break;
      case "h":
      case "m":
      case "s": {
        if (n > 2) throw badFormat(at);
        out += pad(ch === "h" ? p.hours : ch === "m" ? p.minutes : p.seconds, n);
        i += n;
        break;
      }
      case "f":
      case "F": {
        if (n > 7) throw badFormat(at);
        const digits = pad(p.fraction, 7).slice(0, n);
        out += ch === "F" ? digits.replace(/0+$/, "") : digits;
        i += n;
        break;
      }
      case "'":
      case '"': {
        const end = fmt.indexOf(ch, i + 1);
        if (end < 0) throw badFormat(at);
        out += fmt.slice(i + 1, end);
        i = end + 1;
        break;
      }
      case "\\":
        if (i + 1 >= fmt.length) throw badFormat(at);
        out += fmt[i + 1];
        i += 2;
        break;
      case "%":
        i += 1;
        break;
      default:
        throw badFormat(at);
    }
  }
  return out;
}
