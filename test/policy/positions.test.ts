import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/policy/positions.js";

/** Line and column by counting from the start: \n, \r\n and a lone \r each end a line. */
function naive(text: string, offset: number) {
  const o = Math.min(Math.max(offset, 0), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    const c = text[i];
    // A \r\n pair ends its line at the \n (an offset between the two is still on the \r's line).
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: o - lineStart + 1, offset: o };
}

describe("LineIndex.positionAt", () => {
  const text = fc
    .array(fc.constantFrom("a", "bc", " ", "\n", "\r", "\r\n", "\n\n\n\n\n\n\n\n\n\n"), { maxLength: 60 })
    .map((p) => p.join(""));

  it("agrees with counting lines from the start, whatever order the offsets are asked in", () => {
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: -2, max: 400 }), { maxLength: 30 }), (t, offsets) => {
        const index = new LineIndex(t);
        // In order (how the parser asks), then in the order given (jumps back and far ahead).
        for (const o of [...offsets].sort((a, b) => a - b)) expect(index.positionAt(o)).toEqual(naive(t, o));
        for (const o of offsets) expect(index.positionAt(o)).toEqual(naive(t, o));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a line far ahead of the last lookup", () => {
    const t = "x\n".repeat(100);
    const index = new LineIndex(t);
    expect(index.positionAt(2)).toEqual({ line: 2, column: 1, offset: 2 });
    expect(index.positionAt(150)).toEqual({ line: 76, column: 1, offset: 150 });
    expect(index.positionAt(1)).toEqual({ line: 1, column: 2, offset: 1 });
  });
});
