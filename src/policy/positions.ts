// Offset -> line/column for the original text. Line breaks are \n, \r\n and a lone \r (XML end-of-line rules).
import type { Position, Range } from "./model.js";

export class LineIndex {
  /** Offsets where each line starts; lineStarts[0] is 0. */
  readonly lineStarts: number[];
  /** True when the text has a `\r` (then XML end-of-line handling can change a value; without one it cannot). */
  readonly hasCR: boolean;
  private readonly length: number;
  /** The line found last: lookups mostly move forward, so step on from it before searching. */
  private hint = 0;
  /** The last two positions shared() made, newest first (see shared()); offset -1 until then. */
  private last: Position = NO_POSITION;
  private previous: Position = NO_POSITION;
  /** shared()'s cursor: the line (1-based) it found last, where that line starts and where the next one does. */
  private cursorLine = 1;
  private cursorStart = 0;
  private cursorNext = 0;

  constructor(text: string) {
    // Gathered in a scratch array and copied out at their exact size: pushing onto a new array grew it (and left
    // its smaller copies behind) a few times per document.
    const starts = lineStartsScratch;
    let count = 1;
    let i = text.indexOf("\n");
    let r = text.indexOf("\r");
    this.hasCR = r !== -1;
    // Walk both break characters together; indexOf keeps this fast on long lines.
    while (i !== -1 || r !== -1) {
      if (r !== -1 && (i === -1 || r < i)) {
        if (text.charCodeAt(r + 1) === 10) {
          starts[count++] = r + 2;
          i = text.indexOf("\n", r + 2);
        } else {
          starts[count++] = r + 1;
        }
        r = text.indexOf("\r", r + 1);
      } else {
        starts[count++] = i + 1;
        i = text.indexOf("\n", i + 1);
      }
    }
    this.lineStarts = starts.slice(0, count);
    this.length = text.length;
  }

  positionAt(offset: number): Position {
    const o = Math.min(Math.max(offset, 0), this.length);
    const starts = this.lineStarts;
    let line = this.hint;
    if (o < (starts[line] as number)) line = lastAtOrBelow(starts, o);
    else {
      // The parser asks in text order: the next position is mostly on the same line or a few lines on, where
      // stepping forward beats a binary search over every line.
      const last = starts.length - 1;
      for (let k = 0; line < last && (starts[line + 1] as number) <= o; k++) {
        if (k === FORWARD_STEPS) {
          line = lastAtOrBelow(starts, o);
          break;
        }
        line++;
      }
    }
    this.hint = line;
    return { line: line + 1, column: o - (starts[line] as number) + 1, offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /**
   * positionAt for the parser's model, where one offset is often asked twice in a row (a text's end and the next
   * end tag's start, a value's start and its expression's): the same Position object is handed out again. Model
   * positions are never mutated, so sharing one is invisible; positionAt() itself always returns a new object.
   */
  shared(offset: number): Position {
    const last = this.last;
    if (last.offset === offset) return last;
    const previous = this.previous;
    if (previous.offset === offset) return previous;
    let pos: Position;
    if (offset >= this.cursorStart && offset < this.cursorNext) {
      // On the line of the last lookup (mostly): no search, and the same values positionAt gives.
      pos = { line: this.cursorLine, column: offset - this.cursorStart + 1, offset };
    } else {
      pos = this.positionAt(offset);
      if (pos.offset !== offset) return pos; // clamped: out of range, nothing to remember
      const starts = this.lineStarts;
      this.cursorLine = pos.line;
      this.cursorStart = starts[pos.line - 1] as number;
      // The last line runs to the end of the text, inclusive.
      this.cursorNext = pos.line < starts.length ? (starts[pos.line] as number) : this.length + 1;
    }
    this.previous = last;
    this.last = pos;
    return pos;
  }

  /** range() with shared() positions. */
  sharedRange(start: number, end: number): Range {
    return { start: this.shared(start), end: this.shared(end) };
  }
}

const FORWARD_STEPS = 8;

/** LineIndex's scratch: [0] is always 0; it only ever holds offsets. */
const lineStartsScratch: number[] = [0];

/** shared()'s "nothing yet": no offset is -1. */
const NO_POSITION: Position = Object.freeze({ line: 0, column: 0, offset: -1 });

/** The index of the last value ≤ x in an ascending list whose first value is ≤ x (binary search). */
export function lastAtOrBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
