// One edit distance for every did-you-mean (catalogue elements, rule ids, config keys, variables, named values).

// Three rows of the table, reused by every call (a did-you-mean compares a name with a few hundred candidates).
let rows = new Int32Array(0);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, the commonest typo).
 * Stops early once every cell of a row exceeds `cap` and then returns a value above `cap`.
 */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  // Row i of the table lives at offset (i % 3) * width.
  for (let j = 0; j < width; j++) rows[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = (i % 3) * width;
    const prev = ((i - 1) % 3) * width;
    const prev2 = ((i + 1) % 3) * width;
    const ca = a.charCodeAt(i - 1);
    rows[row] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[row + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, rows[prev2 + j - 2]! + 1);
      }
      rows[row + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return rowMin;
  }
  return rows[(a.length % 3) * width + b.length]!;
}
