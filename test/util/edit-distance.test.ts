import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/util/edit-distance.js";

/** The textbook table: optimal string alignment distance, no shortcuts. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions", () => {
    expect(editDistance("validate-jwt", "validate-jwt")).toBe(0);
    expect(editDistance("valdiate-jwt", "validate-jwt")).toBe(1);
    expect(editDistance("set-heder", "set-header")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
  });

  it("agrees with the textbook table, and stays above the cap when it stops early", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "-"), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.option(fc.nat(6), { nil: undefined }), (a, b, cap) => {
        const expected = reference(a, b);
        const got = editDistance(a, b, cap);
        if (cap === undefined || expected <= cap) expect(got).toBe(expected);
        else expect(got).toBeGreaterThan(cap);
      }),
      { numRuns: 5000 },
    );
  });

  it("works across calls with longer and shorter candidates (the rows are reused)", () => {
    const long = "x".repeat(300);
    expect(editDistance("ab", long.slice(0, 2))).toBe(2);
    expect(editDistance(long, `${long}y`)).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
  });
});
