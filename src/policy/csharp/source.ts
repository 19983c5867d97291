// Reads C# policy-expression code straight from the ORIGINAL document text, decoding as it goes: XML references
// (&quot; &lt; &#NN; &#xNN; ...) and line ends (CRLF and a lone CR read as LF, as an XML reader delivers them).
// Every decoded character therefore knows its original offset and the offset just after it, so every token and
// node is positioned in the file as written: one offset map, with no decoded copy of the code to keep in step.
import { isXmlChar } from "../entities.js";

const AMP = 38;
const SEMI = 59;
const HASH = 35;
const CR = 13;
const LF = 10;
/** Ranges up to this long are searched for `&` and CR by a loop in decode. */
const SHORT_RANGE = 64;

/**
 * A window [start, limit) of the original text read one decoded character at a time. `char(p)` returns the
 * character at original offset p (a UTF-16 code unit, or a whole code point for a reference beyond U+FFFF) and
 * leaves its original length in `len`. The lexer extends it, so the hot path is a plain method call.
 */
export class CodeReader {
  /** Original length of the character the last `char` call read (0 at the limit). */
  len = 1;

  // Not readonly: the pre-pass's balancing reuses one lexer for every expression (Lexer.reset).
  constructor(
    public text: string,
    public start: number,
    public limit: number,
  ) {}

  /** The decoded character at original offset p, or -1 at or after the limit. */
  char(p: number): number {
    if (p >= this.limit) {
      this.len = 0;
      return -1;
    }
    const c = this.text.charCodeAt(p);
    if (c === AMP) {
      const cp = this.entityAt(p);
      if (cp >= 0) return cp;
    } else if (c === CR) {
      this.len = p + 1 < this.limit && this.text.charCodeAt(p + 1) === LF ? 2 : 1;
      return LF;
    }
    this.len = 1;
    return c;
  }

  /**
   * The code point of the XML reference at p (text[p] is `&`), with its length in `len`; -1 when it is not a
   * valid reference inside the window (then it is a plain `&`). Same rules as entities.ts matchEntity, without
   * its allocations: the lexer meets `&quot;` at every quote of an xml-format file.
   */
  private entityAt(p: number): number {
    const text = this.text;
    const stop = Math.min(this.limit, p + 12);
    let semi = -1;
    for (let i = p + 1; i < stop; i++) {
      if (text.charCodeAt(i) === SEMI) {
        semi = i;
        break;
      }
    }
    if (semi === -1) return -1;
    let cp = -1;
    if (text.charCodeAt(p + 1) === HASH) {
      const hex = text.charCodeAt(p + 2) === 120; /* x */
      const from = p + (hex ? 3 : 2);
      if (from === semi) return -1;
      cp = 0;
      for (let i = from; i < semi; i++) {
        const d = digitValue(text.charCodeAt(i), hex);
        if (d < 0) return -1;
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10ffff) return -1;
      }
      if (!isXmlChar(cp)) return -1;
    } else {
      switch (semi - p) {
        case 3:
          if (text.startsWith("lt", p + 1)) cp = 60;
          else if (text.startsWith("gt", p + 1)) cp = 62;
          break;
        case 4:
          if (text.startsWith("amp", p + 1)) cp = 38;
          break;
        case 5:
          if (text.startsWith("quot", p + 1)) cp = 34;
          else if (text.startsWith("apos", p + 1)) cp = 39;
          break;
      }
      if (cp < 0) return -1;
    }
    this.len = semi - p + 1;
    return cp;
  }

  /**
   * The decoded text of the original range [from, to): references decoded, line ends as LF. The range must start
   * and end on character boundaries (token and node offsets do).
   */
  decode(from: number, to: number): string {
    // A short range (a literal's text, a number) is searched by a loop, a long one (an expression's code, which
    // the pre-pass decodes whole) natively: each is the faster there.
    return to - from > SHORT_RANGE ? this.decodeLong(from, to) : this.decodeShort(from, to);
  }

  private decodeShort(from: number, to: number): string {
    const text = this.text;
    let p = from;
    while (p < to) {
      const c = text.charCodeAt(p);
      if (c === AMP || c === CR) break;
      p++;
    }
    // Most code has neither `&` nor CR: then the loop and one slice are all it costs.
    if (p >= to) return text.slice(from, to);
    let out = "";
    let seg = from;
    while (p < to) {
      const c = text.charCodeAt(p);
      if (c !== AMP && c !== CR) {
        p++;
        continue;
      }
      const d = this.char(p);
      if (this.len === 1 && d === c) {
        p++;
        continue;
      }
      out += text.slice(seg, p) + String.fromCodePoint(d);
      p += this.len;
      seg = p;
    }
    return seg === from ? text.slice(from, to) : out + text.slice(seg, to);
  }

  /**
   * decode for a long range: native searches of its slice jump from one `&` or CR to the next (an xml-format
   * file writes `&quot;` for every quote), each search bounded by the slice.
   */
  private decodeLong(from: number, to: number): string {
    const raw = this.text.slice(from, to);
    let amp = raw.indexOf("&");
    let cr = raw.indexOf("\r");
    if (amp === -1 && cr === -1) return raw;
    let out = "";
    let seg = 0;
    while (amp !== -1 || cr !== -1) {
      const q = amp === -1 ? cr : cr === -1 ? amp : Math.min(amp, cr);
      const d = this.char(from + q);
      const len = this.len;
      // A bare `&` (no reference) stays as it is; CR and references are decoded. No reference holds a CR.
      if (!(len === 1 && d === AMP && q === amp)) {
        out += raw.slice(seg, q) + String.fromCodePoint(d);
        seg = q + len;
      }
      const after = q + Math.max(len, 1);
      if (q === amp) amp = raw.indexOf("&", after);
      if (q === cr) cr = raw.indexOf("\r", after);
    }
    return seg === 0 ? raw : out + raw.slice(seg);
  }
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (!hex) return -1;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
