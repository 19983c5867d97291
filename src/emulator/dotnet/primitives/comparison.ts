// String comparison by StringComparison. Ordinal is exact; OrdinalIgnoreCase compares upper-cased invariant text
// (.NET's definition). The culture-sensitive kinds (CurrentCulture, InvariantCulture: the default of CompareTo,
// Compare, StartsWith(string), EndsWith(string), IndexOf(string)) depend on ICU or NLS collation data: the emulator
// runs them only where the answer does not depend on that data, and reports anything else as not emulated:
// matching (Equals, IndexOf, StartsWith, EndsWith) of printable ASCII text, which no culture ignores or folds
// together beyond case; ordering (Compare, CompareTo) of ASCII letters, digits and spaces.

import { NotEmulated } from "../../errors.js";
import type { CallInfo } from "../../runtime-types.js";
import { toUpperInvariant } from "./chars.js";

export type Comparison = "ordinal" | "ordinalIgnoreCase" | "culture" | "cultureIgnoreCase";

/** StringComparison's values (CurrentCulture = 0 ... OrdinalIgnoreCase = 5). */
export const STRING_COMPARISON: readonly Comparison[] = [
  "culture",
  "cultureIgnoreCase",
  "culture",
  "cultureIgnoreCase",
  "ordinal",
  "ordinalIgnoreCase",
];

const SIMPLE_ORDER = /^[A-Za-z0-9 ]*$/;
const SIMPLE_MATCH = /^[\x20-\x7e]*$/;

function needSimple(a: string, b: string, call: CallInfo, order = false): void {
  const re = order ? SIMPLE_ORDER : SIMPLE_MATCH;
  if (!re.test(a) || !re.test(b)) {
    throw new NotEmulated(
      order
        ? "culture-sensitive string ordering of text other than ASCII letters, digits and spaces"
        : "culture-sensitive string matching of text other than printable ASCII",
      call.at,
    );
  }
}

/** Folds text for comparing under `kind`; culture kinds only for simple text (then equal to an ordinal fold). */
export function fold(s: string, kind: Comparison, other: string, call: CallInfo): string {
  if (kind === "ordinal") return s;
  if (kind === "ordinalIgnoreCase") return toUpperInvariant(s);
  needSimple(s, other, call);
  return kind === "cultureIgnoreCase" ? s.toUpperCase() : s;
}

export function stringEquals(a: string, b: string, kind: Comparison, call: CallInfo): boolean {
  if (kind === "ordinal") return a === b;
  return fold(a, kind, b, call) === fold(b, kind, a, call);
}

/** Ordinal order: the difference of the first differing UTF-16 units, else of the lengths (.NET's result). */
export function compareOrdinal(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Collation weight of a simple character: space, then digits, then letters case-blind. */
function primary(c: string): number {
  if (c === " ") return 0;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return 1 + code - 48;
  return 11 + (c.toLowerCase().charCodeAt(0) - 97);
}

/**
 * Compare under `kind`, as .NET signs it: -1/0/1 for the culture kinds (letters before case, lower case first on a
 * tie: "a" < "A" < "b"), the ordinal difference for the ordinal kinds.
 */
export function compareStrings(a: string | null, b: string | null, kind: Comparison, call: CallInfo): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (kind === "ordinal") return compareOrdinal(a, b);
  if (kind === "ordinalIgnoreCase") return compareOrdinal(toUpperInvariant(a), toUpperInvariant(b));
  needSimple(a, b, call, true);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = primary(a[i]!) - primary(b[i]!);
    if (d !== 0) return Math.sign(d);
  }
  if (a.length !== b.length) return Math.sign(a.length - b.length);
  if (kind === "cultureIgnoreCase") return 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    // Same letter, different case: lower case sorts first.
    return a[i] === a[i]!.toLowerCase() ? -1 : 1;
  }
  return 0;
}

/** IndexOf under `kind` (the empty string is found at `from`). */
export function indexOf(s: string, value: string, from: number, kind: Comparison, call: CallInfo): number {
  if (kind === "ordinal") return s.indexOf(value, from);
  return fold(s, kind, value, call).indexOf(fold(value, kind, s, call), from);
}

export function lastIndexOf(s: string, value: string, from: number, kind: Comparison, call: CallInfo): number {
  if (kind === "ordinal") return s.lastIndexOf(value, from);
  return fold(s, kind, value, call).lastIndexOf(fold(value, kind, s, call), from);
}
