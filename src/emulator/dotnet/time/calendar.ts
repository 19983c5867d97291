// The proleptic Gregorian calendar on .NET ticks (100 ns since 0001-01-01T00:00:00), as bigint so that every
// DateTime from MinValue to MaxValue is exact.

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;
/** DateTime.MaxValue.Ticks (9999-12-31T23:59:59.9999999). */
export const MAX_TICKS = 3_155_378_975_999_999_999n;
/** Ticks of 1970-01-01T00:00:00. */
export const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return DAYS_BEFORE_MONTH[month]! - DAYS_BEFORE_MONTH[month - 1]!;
}

/** Days from 0001-01-01 to year-month-day (all in range). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = year - 1;
  let days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  days += DAYS_BEFORE_MONTH[month - 1]! + (month > 2 && isLeapYear(year) ? 1 : 0);
  return days + day - 1;
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0..9_999_999 ticks within the second. */
  fraction: number;
  dayOfWeek: number;
  dayOfYear: number;
}

export function civilFromTicks(ticks: bigint): Civil {
  const dayNumber = Number(ticks / TICKS_PER_DAY);
  const inDay = ticks % TICKS_PER_DAY;
  // 400-year cycles of 146097 days, then centuries, 4-year cycles and years (as .NET's GetDatePart does).
  let n = dayNumber;
  const y400 = Math.floor(n / 146097);
  n -= y400 * 146097;
  let y100 = Math.floor(n / 36524);
  if (y100 === 4) y100 = 3;
  n -= y100 * 36524;
  const y4 = Math.floor(n / 1461);
  n -= y4 * 1461;
  let y1 = Math.floor(n / 365);
  if (y1 === 4) y1 = 3;
  n -= y1 * 365;
  const year = y400 * 400 + y100 * 100 + y4 * 4 + y1 + 1;
  const leap = isLeapYear(year);
  let month = 1;
  while (month < 12 && n >= DAYS_BEFORE_MONTH[month]! + (leap && month >= 2 ? 1 : 0)) month++;
  const day = n - DAYS_BEFORE_MONTH[month - 1]! - (leap && month > 2 ? 1 : 0) + 1;
  const secondsInDay = Number(inDay / TICKS_PER_SECOND);
  return {
    year,
    month,
    day,
    hour: Math.floor(secondsInDay / 3600),
    minute: Math.floor(secondsInDay / 60) % 60,
    second: secondsInDay % 60,
    fraction: Number(inDay % TICKS_PER_SECOND),
    // 0001-01-01 was a Monday
    dayOfWeek: (dayNumber + 1) % 7,
    dayOfYear: n + 1,
  };
}

export function ticksFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  fraction = 0,
): bigint | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return (
    BigInt(daysFromCivil(year, month, day)) * TICKS_PER_DAY +
    BigInt(hour) * TICKS_PER_HOUR +
    BigInt(minute) * TICKS_PER_MINUTE +
    BigInt(second) * TICKS_PER_SECOND +
    BigInt(fraction)
  );
}

export function ticksFromUnixMs(ms: number): bigint {
  return UNIX_EPOCH_TICKS + BigInt(Math.floor(ms)) * TICKS_PER_MS;
}

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
