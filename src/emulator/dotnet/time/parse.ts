// DateTime/DateTimeOffset text parsing for the invariant culture: what DateTime.Parse accepts (ISO 8601, RFC 1123,
// the invariant MM/dd/yyyy form) and ParseExact over custom and the round-trip standard formats.

import { DAY_NAMES, MONTH_NAMES, TICKS_PER_MINUTE, ticksFromParts } from "./calendar.js";

export interface Parsed {
  /** The wall-clock ticks written in the text. */
  ticks: bigint;
  /** Minutes east of UTC when the text carries a zone (`Z`, `GMT`, `+01:00`), else undefined. */
  offsetMinutes?: number;
  /** The zone was `Z`/`GMT` (RoundtripKind makes such a value Utc). */
  utc: boolean;
}

const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = "", zone?: string): Parsed | undefined {
  const ticks = ticksFromParts(y, mo, d, h, mi, s, Number(frac.slice(0, 7).padEnd(7, "0")));
  if (ticks === undefined) return undefined;
  if (zone === undefined || zone === "") return { ticks, utc: false };
  const z = zone.toUpperCase();
  if (z === "Z" || z === "GMT" || z === "UTC") return { ticks, offsetMinutes: 0, utc: true };
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? "0");
  if (Number(m[2]) > 14 || Number(m[3] ?? "0") > 59) return undefined;
  return { ticks, offsetMinutes: m[1] === "-" ? -minutes : minutes, utc: false };
}

const ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;
const RFC1123 =
  /^\s*(?:(sun|mon|tue|wed|thu|fri|sat)[a-z]*,?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(GMT|UTC|Z|[+-]\d{2}:?\d{2})?\s*$/i;
const US =
  /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM)?)?\s*(Z|[+-]\d{1,2}:?\d{2})?\s*$/i;

/** DateTime.Parse's invariant-culture forms; undefined when the text is none of them. */
export function parseDateTimeText(text: string): Parsed | undefined {
  let m = ISO.exec(text);
  if (m) {
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ?? "", m[8]);
  }
  m = RFC1123.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
    if (month === 0) return undefined;
    return build(+m[4]!, month, +m[2]!, +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0), "", m[8]);
  }
  m = US.exec(text);
  if (m) {
    let h = +(m[4] ?? 0);
    if (m[8]) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (m[8].toUpperCase() === "PM" ? 12 : 0);
    }
    return build(+m[3]!, +m[1]!, +m[2]!, h, +(m[5] ?? 0), +(m[6] ?? 0), m[7] ?? "", m[9]);
  }
  return undefined;
}

/**
 * Whether `text` is certainly not a date to DateTime.Parse: it has one of the forms above (with a value out of range)
 * or no digit at all. Anything else may be one of the many forms .NET's lenient parser accepts ("Jun 1, 2026",
 * "2026/06/01"): the caller reports it as not emulated rather than guess a FormatException.
 */
export function certainlyNotADate(text: string): boolean {
  return !/\d/.test(text) || ISO.test(text) || RFC1123.test(text) || US.test(text);
}

/** The standard formats ParseExact accepts, as their custom patterns. */
const EXACT_STANDARD: Readonly<Record<string, string>> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  d: "MM/dd/yyyy",
  G: "MM/dd/yyyy HH:mm:ss",
  g: "MM/dd/yyyy HH:mm",
  t: "HH:mm",
  T: "HH:mm:ss",
};

/**
 * ParseExact with one format. 'Z' (a literal in formatting) means UTC when parsing, and the literal 'GMT' of "R"
 * does too, as .NET's ParseByFormat treats them. Undefined when the text does not match; "format" when the format
 * itself is bad.
 */
export function parseExactText(text: string, format: string): Parsed | undefined | "format" {
  let fmt = format;
  if (fmt.length === 1) {
    const p = EXACT_STANDARD[fmt];
    if (p === undefined) return "format";
    fmt = p;
  }
  let pos = 0;
  let y = 1;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let frac = "";
  let pm: boolean | undefined;
  let hour12 = false;
  let zone: string | undefined;
  let dayName: number | undefined;
  const digits = (min: number, max: number): number | undefined => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  const literal = (lit: string): boolean => {
    if (text.startsWith(lit, pos)) {
      pos += lit.length;
      return true;
    }
    return false;
  };
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i]!;
    let n = 1;
    while (fmt[i + n] === ch) n++;
    let v: number | undefined;
    switch (ch) {
      case "y":
        v = n <= 2 ? digits(n === 1 ? 1 : 2, 2) : digits(n, n);
        if (v === undefined) return undefined;
        y = n <= 2 ? 2000 + v - (v > 49 ? 100 : 0) : v; // Calendar.TwoDigitYearMax 2049
        break;
      case "M":
        if (n >= 3) {
          const names = n === 3 ? MONTHS : MONTH_NAMES.map((x) => x.toLowerCase());
          const k = names.findIndex((x) => text.slice(pos, pos + x.length).toLowerCase() === x);
          if (k < 0) return undefined;
          pos += names[k]!.length;
          mo = k + 1;
          break;
        }
        v = digits(n, 2);
        if (v === undefined) return undefined;
        mo = v;
        break;
      case "d":
        if (n >= 3) {
          const names = DAY_NAMES.map((x) => (n === 3 ? x.slice(0, 3) : x).toLowerCase());
          const k = names.findIndex((x) => text.slice(pos, pos + x.length).toLowerCase() === x);
          if (k < 0) return undefined;
          pos += names[k]!.length;
          dayName = k;
          break;
        }
        v = digits(n, 2);
        if (v === undefined) return undefined;
        d = v;
        break;
      case "H":
      case "h":
        v = digits(Math.min(n, 2), 2);
        if (v === undefined) return undefined;
        h = v;
        hour12 = ch === "h";
        break;
      case "m":
        v = digits(Math.min(n, 2), 2);
        if (v === undefined) return undefined;
        mi = v;
        break;
      case "s":
        v = digits(Math.min(n, 2), 2);
        if (v === undefined) return undefined;
        s = v;
        break;
      case "f":
      case "F": {
        if (n > 7) return "format";
        const m = new RegExp(`^\\d{${ch === "f" ? n : 0},${n}}`).exec(text.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        frac = m[0];
        break;
      }
      case "t": {
        const m = /^(AM|PM|A|P)/i.exec(text.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        pm = m[0].toUpperCase().startsWith("P");
        break;
      }
      case "K":
      case "z": {
        const re = ch === "K" ? /^(Z|[+-]\d{2}:\d{2})?/i : /^[+-]\d{1,2}(?::?\d{2})?/;
        const m = re.exec(text.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        if (m[0] !== "") zone = m[0];
        break;
      }
      case "Z":
        if (!literal("Z")) return undefined;
        zone = "Z";
        n = 1;
        break;
      case "'":
      case '"': {
        const end = fmt.indexOf(ch, i + 1);
        if (end < 0) return "format";
        const lit = fmt.slice(i + 1, end);
        if (!literal(lit)) return undefined;
        if (lit === "GMT") zone = "GMT";
        i = end + 1;
        continue;
      }
      case "\\":
        if (!literal(fmt[i + 1] ?? "")) return undefined;
        i += 2;
        continue;
      case "%":
        i += 1;
        continue;
      default:
        for (let k = 0; k < n; k++) if (!literal(ch)) return undefined;
    }
    i += n;
  }
  if (pos !== text.length) return undefined;
  if (hour12) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined && pm && h < 12) return undefined;
  const r = build(y, mo, d, h, mi, s, frac, zone);
  if (r && dayName !== undefined && (Number((r.ticks / 864_000_000_000n) % 7n) + 1) % 7 !== dayName) return undefined;
  return r;
}

/** The UTC ticks of a parsed value with a zone. */
export function utcTicks(p: Parsed): bigint {
  return p.ticks - BigInt(p.offsetMinutes ?? 0) * TICKS_PER_MINUTE;
}
