// "Did you mean ...?" for mistyped ids: the closest candidate by edit distance, if it is close enough.
import { editDistance } from "../util/edit-distance.js";

export function closest(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(input, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Allow roughly one typo per three characters, at least two.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const best = closest(input, candidates);
  return best ? ` (did you mean "${best}"?)` : "";
}
