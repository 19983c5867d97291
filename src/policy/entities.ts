// XML character and entity references: the five predefined entities and numeric &#N; / &#xH; forms.

// A Map, not an object literal: `&toString;` and `&__proto__;` must not find Object.prototype's members.
const NAMED: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

export interface EntityMatch {
  /** The decoded character(s). */
  text: string;
  /** Length of the reference in the source, `&` to `;` inclusive. */
  length: number;
}

/** The entity reference starting at `at` (text[at] must be `&`), or undefined when it is not a valid one. */
export function matchEntity(text: string, at: number): EntityMatch | undefined {
  // Longest valid reference: &#x0010FFFF; (leading zeros allowed, keep it bounded) and names of 4 letters.
  // A bounded look-ahead: indexOf(";") would make a run of bare `&` quadratic.
  const stop = Math.min(text.length, at + 12);
  let semi = -1;
  for (let i = at + 1; i < stop; i++) {
    if (text.charCodeAt(i) === 59 /* ; */) {
      semi = i;
      break;
    }
  }
  if (semi === -1) return undefined;
  if (text.charCodeAt(at + 1) === 35 /* # */) {
    const hex = text.charCodeAt(at + 2) === 120; /* x */
    const digits = text.slice(at + (hex ? 3 : 2), semi);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    if (!isXmlChar(cp)) return undefined;
    return { text: String.fromCodePoint(cp), length: semi - at + 1 };
  }
  const name = text.slice(at + 1, semi);
  const decoded = NAMED.get(name);
  return decoded === undefined ? undefined : { text: decoded, length: semi - at + 1 };
}

/** A code point XML allows in a document (a reference to anything else is not a character reference). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes every valid reference; anything else (a bare `&`) is kept as written. */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf("&");
  if (amp === -1) return raw;
  let out = "";
  let last = 0;
  while (amp !== -1) {
    const m = matchEntity(raw, amp);
    if (m) {
      out += raw.slice(last, amp) + m.text;
      last = amp + m.length;
      amp = raw.indexOf("&", last);
    } else {
      amp = raw.indexOf("&", amp + 1);
    }
  }
  return out + raw.slice(last);
}

/** Escapes text for an XML attribute value quoted with `quote` (or for element text when quote is undefined). */
export function escapeXml(text: string, quote?: '"' | "'"): string {
  let out = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (quote === '"') out = out.replace(/"/g, "&quot;");
  else if (quote === "'") out = out.replace(/'/g, "&apos;");
  return out;
}

/** XML end-of-line handling: `\r\n` and a lone `\r` read as `\n` (before references are decoded, so `&#xD;` stays). */
export function normalizeNewlines(raw: string): string {
  return raw.indexOf("\r") === -1 ? raw : raw.replace(/\r\n?/g, "\n");
}

/** Text as an XML reader delivers it: line ends normalised, then references decoded. */
export function xmlText(raw: string): string {
  return decodeEntities(normalizeNewlines(raw));
}
