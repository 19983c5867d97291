// did-you-mean for names that are not in a known set (named values, variables).

/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

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
