// The one did-you-mean (catalogue elements, rule ids and options, config keys, variables, named values): the
// closest candidate by edit distance, compared case-insensitively, when it is close enough.
import { editDistance } from "./edit-distance.js";

/** At most this many edits make a candidate close to `name`: about one typo per three characters, at least one. */
export function maxEdits(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The candidate closest to `name` (within maxEdits; a candidate equal to `name` is not a suggestion), or undefined.
 * Equally close candidates: the first in sort order, so the answer does not depend on the candidates' order.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = maxEdits(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) > limit) continue;
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` for the closest candidate, or "" when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates);
  return best ? ` (did you mean "${best}"?)` : "";
}

/**
 * did-you-mean for a variable or named value: the closest name by edit distance, else the only candidate that
 * contains the name as a whole word part ("token" -> "service-token", "tenantId" -> "t2-tenantId").
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const close = closestName(name, list);
  if (close) return close;
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  const parts = list.filter((c) => {
    const lc = c.toLowerCase();
    const found = lc.indexOf(lower);
    if (found < 0 || lc === lower) return false;
    const before = found === 0 || /[^a-z0-9]/.test(lc[found - 1]!) || isUpper(c[found]!);
    const end = found + lower.length;
    const after = end === lc.length || /[^a-z0-9]/.test(lc[end]!) || isUpper(c[end]!);
    return before && after;
  });
  return parts.length === 1 ? parts[0] : undefined;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}
