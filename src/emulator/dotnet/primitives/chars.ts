// Character classes as .NET defines them (char.IsWhiteSpace is Unicode White_Space, not JavaScript's \s, which
// also matches U+FEFF and misses U+0085), and the one-to-one case mappings .NET applies per UTF-16 unit.

export function isWhiteSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** ToUpperInvariant of one UTF-16 unit: a mapping to several characters (ß -> SS in JS) is no mapping in .NET. */
export function upperChar(c: string): string {
  const u = c.toUpperCase();
  return u.length === 1 ? u : c;
}

export function lowerChar(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

export function toUpperInvariant(s: string): string {
  let out = "";
  for (const c of s) out += c.length === 1 ? upperChar(c) : c;
  return out;
}

export function toLowerInvariant(s: string): string {
  let out = "";
  for (const c of s) out += c.length === 1 ? lowerChar(c) : c;
  return out;
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const NUMBER = /^\p{N}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const PUNCT = /^\p{P}$/u;
const SYMBOL = /^\p{S}$/u;
const CONTROL = /^\p{Cc}$/u;

export const charClass = {
  letter: (c: string) => LETTER.test(c),
  digit: (c: string) => DIGIT.test(c),
  number: (c: string) => NUMBER.test(c),
  upper: (c: string) => UPPER.test(c),
  lower: (c: string) => LOWER.test(c),
  punctuation: (c: string) => PUNCT.test(c),
  symbol: (c: string) => SYMBOL.test(c),
  control: (c: string) => CONTROL.test(c),
  letterOrDigit: (c: string) => LETTER.test(c) || DIGIT.test(c),
  whiteSpace: (c: string) => isWhiteSpace(c.charCodeAt(0)),
};
