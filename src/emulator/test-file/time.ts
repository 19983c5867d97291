// ISO 8601 durations (`advance: PT10M`) and instants (`clock: 2026-06-01T12:00:00Z`) of the test files. Only
// what has one length is accepted: weeks, days, hours, minutes and seconds. Years and months differ in length,
// so `P1M` is an error rather than a guess (and `PT1M` is one minute).

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/** Milliseconds, or the reason the text is not a duration. */
export function parseDuration(text: string): { ms: number } | { error: string } {
  const expected = "an ISO 8601 duration such as PT10M, PT1H30M, PT90S or P1D";
  if (/^P(?:\d+Y|\d+M)/.test(text) || /^P[^T]*\d+M/.test(text)) {
    return { error: `must be ${expected}; years and months have no fixed length (write days: P30D), got "${text}"` };
  }
  const m = DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return { error: `must be ${expected}, got "${text}"` };
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part.replace(",", ".")) * UNIT_MS[i]!;
  }
  return { ms: Math.round(ms) };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** ms since the epoch, or the reason the text is not an instant. A zone is required: local time would make a
 * test's result depend on the machine that runs it. */
export function parseInstant(text: string): { ms: number } | { error: string } {
  const expected = 'an ISO 8601 instant with a zone, e.g. "2026-06-01T12:00:00Z" or "2026-06-01T14:00:00+02:00"';
  const m = INSTANT.exec(text);
  if (!m) return { error: `must be ${expected}, got "${text}"` };
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  if (day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d! || h! > 23 || mi! > 59 || (s ?? 0) > 59) {
    return { error: `must be ${expected}; "${text}" is not a real date and time` };
  }
  // Fractions below a millisecond are dropped: the emulated clock counts milliseconds.
  const normalised = text.replace(/(\.\d{3})\d+/, "$1");
  return { ms: Date.parse(normalised) };
}
