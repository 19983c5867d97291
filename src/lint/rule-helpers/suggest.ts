// did-you-mean for names that are not in a known set (named values, variables).
import { editDistance } from "../../util/edit-distance.js";

/** The closest candidate within a distance of about a third of the name's length (case-insensitive), if any. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
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
    const at = lc.indexOf(lower);
    if (at < 0 || lc === lower) return false;
    const before = at === 0 || /[^a-z0-9]/.test(lc[at - 1]!) || isUpper(c[at]!);
    const end = at + lower.length;
    const after = end === lc.length || /[^a-z0-9]/.test(lc[end]!) || isUpper(c[end]!);
    return before && after;
  });
  return parts.length === 1 ? parts[0] : undefined;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}
