// Custom numeric format strings ("0.00", "#,##0", "0.#", "0.00E+00", "#,##0.00;(#,##0.00);zero", "0%"), the
// invariant culture. https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings
// The digits arrive already at the source type's custom precision (doubles at 15 significant digits); rounding to
// the format's places is half away from zero, as .NET kept it for custom formats (dotnet/coreclr#25400).

import type { SourceLocation } from "../../errors.js";
import { type Digits, fractionPart, integerPart, isZero, roundDigits } from "./digits.js";

type Token =
  | { kind: "zero" | "hash" | "point" | "comma" | "percent" | "permille" }
  | { kind: "exp"; char: string; sign: boolean; digits: number }
  | { kind: "literal"; text: string };

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let cur = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "\\" && i + 1 < format.length) {
      cur += c + format[i + 1];
      i++;
    } else if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (c === ";") {
      sections.push(cur);
      cur = "";
    } else cur += c;
  }
  sections.push(cur);
  return sections.slice(0, 3);
}

function tokenize(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    switch (c) {
      case "0":
        out.push({ kind: "zero" });
        break;
      case "#":
        out.push({ kind: "hash" });
        break;
      case ".":
        out.push({ kind: "point" });
        break;
      case ",":
        out.push({ kind: "comma" });
        break;
      case "%":
        out.push({ kind: "percent" });
        break;
      case "‰":
        out.push({ kind: "permille" });
        break;
      case "\\":
        out.push({ kind: "literal", text: section[i + 1] ?? "" });
        i++;
        break;
      case "'":
      case '"': {
        const end = section.indexOf(c, i + 1);
        const stop = end < 0 ? section.length : end;
        out.push({ kind: "literal", text: section.slice(i + 1, stop) });
        i = stop;
        break;
      }
      case "E":
      case "e": {
        let j = i + 1;
        let sign = false;
        if (section[j] === "+" || section[j] === "-") {
          sign = section[j] === "+";
          j++;
        }
        let zeros = 0;
        while (section[j + zeros] === "0") zeros++;
        if (zeros === 0) {
          out.push({ kind: "literal", text: c });
          break;
        }
        out.push({ kind: "exp", char: c, sign, digits: zeros });
        i = j + zeros - 1;
        break;
      }
      default:
        out.push({ kind: "literal", text: c });
    }
  }
  return out;
}

interface Layout {
  intPlaces: number;
  /** Integer digits always written (from the first '0' of the integer part to the point). */
  minInt: number;
  fracPlaces: number;
  /** Fraction digits always written (up to the last '0'). */
  minFrac: number;
  grouping: boolean;
  /** Thousands scaling: each ',' right before the point (or the end) divides by 1000. */
  scaleCommas: number;
  percent: number;
  exp?: { char: string; sign: boolean; digits: number };
}

function layoutOf(tokens: Token[]): Layout {
  const l: Layout = { intPlaces: 0, minInt: 0, fracPlaces: 0, minFrac: 0, grouping: false, scaleCommas: 0, percent: 0 };
  let inFrac = false;
  let firstZero = -1;
  let pendingCommas = 0;
  let seenDigit = false;
  for (const t of tokens) {
    if (t.kind === "zero" || t.kind === "hash") {
      if (!inFrac) {
        if (pendingCommas > 0 && seenDigit) l.grouping = true;
        pendingCommas = 0;
        if (t.kind === "zero" && firstZero < 0) firstZero = l.intPlaces;
        l.intPlaces++;
      } else {
        l.fracPlaces++;
        if (t.kind === "zero") l.minFrac = l.fracPlaces;
      }
      seenDigit = true;
    } else if (t.kind === "comma") {
      if (!inFrac && seenDigit) pendingCommas++;
    } else if (t.kind === "point") {
      if (!inFrac) {
        l.scaleCommas += pendingCommas;
        pendingCommas = 0;
        inFrac = true;
      }
    } else if (t.kind === "percent") l.percent += 2;
    else if (t.kind === "permille") l.percent += 3;
    else if (t.kind === "exp" && !l.exp) l.exp = { char: t.char, sign: t.sign, digits: t.digits };
    else if (t.kind === "literal" && !inFrac && pendingCommas > 0) {
      l.scaleCommas += pendingCommas;
      pendingCommas = 0;
    }
  }
  if (!inFrac) l.scaleCommas += pendingCommas;
  l.minInt = firstZero < 0 ? 0 : l.intPlaces - firstZero;
  return l;
}

export function formatCustomNumber(value: Digits, format: string, at?: SourceLocation): string {
  void at;
  const sections = splitSections(format);
  let index = isZero(value) ? 2 : value.negative ? 1 : 0;
  if (index >= sections.length || (index > 0 && sections[index] === "")) index = 0;
  let result = render(value, sections[index]!, index === 0);
  if (result.zero && index !== 2 && sections.length === 3 && sections[2] !== "") {
    result = render({ ...value, digits: "", scale: 0, negative: false }, sections[2]!, false);
  }
  return result.text;
}

function render(value: Digits, section: string, signed: boolean): { text: string; zero: boolean } {
  const tokens = tokenize(section);
  const l = layoutOf(tokens);
  let d: Digits = value;
  const shift = l.percent - 3 * l.scaleCommas;
  if (!isZero(d)) d = { ...d, scale: d.scale + shift };
  let exponent = 0;
  if (l.exp) {
    const lead = Math.max(l.intPlaces, 1);
    if (!isZero(d)) {
      d = roundDigits(d, lead + l.fracPlaces, "awayFromZero");
      exponent = d.scale - lead;
      d = { ...d, scale: lead };
    }
  } else d = roundDigits(d, d.scale + l.fracPlaces, "awayFromZero");
  const zero = isZero(d);
  let int = integerPart(d);
  if (int === "0") int = "";
  if (int.length < l.minInt) int = int.padStart(l.minInt, "0");
  if (l.exp && int === "" && l.intPlaces > 0) int = "0";
  const frac = fractionPart(d, l.fracPlaces);
  let fracLen = l.fracPlaces;
  while (fracLen > l.minFrac && frac[fracLen - 1] === "0") fracLen--;

  let out = "";
  let intIndex = 0; // placeholder index within the integer part
  let emitted = 0; // integer digits written so far
  let fracIndex = 0;
  let inFrac = false;
  let expDone = false;
  const offset = int.length - l.intPlaces;
  const writeDigit = (upTo: number): void => {
    while (emitted <= upTo && emitted < int.length) {
      out += int[emitted];
      emitted++;
      const left = int.length - emitted;
      if (l.grouping && left > 0 && left % 3 === 0) out += ",";
    }
  };
  for (const t of tokens) {
    if ((t.kind === "zero" || t.kind === "hash") && !inFrac) {
      writeDigit(offset + intIndex);
      intIndex++;
    } else if (t.kind === "zero" || t.kind === "hash") {
      if (fracIndex < fracLen) out += frac[fracIndex];
      fracIndex++;
    } else if (t.kind === "point") {
      if (!inFrac) {
        writeDigit(int.length);
        inFrac = true;
        if (fracLen > 0) out += ".";
      }
    } else if (t.kind === "percent") out += "%";
    else if (t.kind === "permille") out += "‰";
    else if (t.kind === "exp") {
      if (!inFrac) writeDigit(int.length);
      if (!expDone) {
        const sign = exponent < 0 ? "-" : t.sign ? "+" : "";
        out += `${t.char}${sign}${String(Math.abs(exponent)).padStart(t.digits, "0")}`;
        expDone = true;
      } else out += t.char;
    } else if (t.kind === "literal") out += t.text;
  }
  const negative = signed && d.negative && (!zero || d.floating);
  return { text: negative ? `-${out}` : out, zero };
}
