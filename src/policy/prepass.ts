// The rawxml pre-pass: one left-to-right XML-lexical walk over the ORIGINAL text that
//  - recognises a C# expression where an attribute value or a text run starts (after whitespace) with `@(` / `@{`
//    and hands it to the C# scanner, so raw quotes, `<`, `>` and `&&` inside it are read as C#;
//  - builds the document model directly, with original offsets (no second tree to zip with);
//  - reports well-formedness problems itself, at exact original positions;
//  - records where the expressions are, so escapeExpressions() can make the copy of the text a strict XML parser
//    accepts, with a map from its offsets back to the original ones (for the strict validator's findings).

import { type ScanBudget, scanExpression } from "./csharp-scanner.js";
import { matchEntity, normalizeNewlines } from "./entities.js";
import type { Attribute, CommentNode, ElementNode, ParseDiagnostic, TextNode } from "./model.js";
import { type LineIndex, lastAtOrBelow } from "./positions.js";
import { makeValue, type ScannedExpression } from "./values.js";

export interface PrepassResult {
  root?: ElementNode;
  topLevelComments: CommentNode[];
  /** Every comment, in source order. */
  comments: CommentNode[];
  diagnostics: ParseDiagnostic[];
  /** The expressions as (from, to, quote) triples, in order: what escapeExpressions() escapes. */
  escapes: number[];
  /** True when every element and attribute name is ASCII (see parser.ts: then the strict validator has nothing to add). */
  asciiNames: boolean;
}

const LT = 60;
const GT = 62;
const AMP = 38;
const SLASH = 47;
const BANG = 33;
const QMARK = 63;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const AT = 64;

/** Problems reported per document before the rest are summarised as one. */
export const MAX_DIAGNOSTICS = 100;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

export function prepass(text: string, lines: LineIndex): PrepassResult {
  const n = text.length;
  const diagnostics: ParseDiagnostic[] = [];
  const topLevelComments: CommentNode[] = [];
  const comments: CommentNode[] = [];
  const stack: ElementNode[] = [];
  let root: ElementNode | undefined;
  const budget: ScanBudget = { steps: 3 * n + 4096 };

  // The expressions to escape for the strict validator's copy of the text, as (from, to, quote) triples: the
  // copy is only made when the validator runs (see parser.ts), which is rare.
  const escapes: number[] = [];

  const diag = (code: string, message: string, start: number, end = start + 1): void => {
    // A badly broken input can produce a problem per character; past a point more of them help nobody.
    if (diagnostics.length >= MAX_DIAGNOSTICS) {
      if (diagnostics.length === MAX_DIAGNOSTICS) {
        diagnostics.push({
          code: "too-many-problems",
          message: `more than ${MAX_DIAGNOSTICS} problems; stopped reporting`,
          range: lines.range(start, start),
        });
      }
      return;
    }
    const s = Math.min(Math.max(start, 0), n);
    diagnostics.push({ code, message, range: lines.range(s, Math.min(Math.max(end, s), n)) });
  };

  /** Scans the expression at `at` (text[at] is `@`). Reports and returns undefined when it does not close. */
  const expressionAt = (at: number, quote: number): ScannedExpression | undefined => {
    const form = text.charCodeAt(at + 1) === 40 ? "inline" : "block";
    const r = scanExpression(text, at, budget);
    if (!r.ok) {
      const closer = form === "inline" ? ")" : "}";
      if (r.reason === "budget") {
        diag("unclosed-expression", `expression too long to scan (missing '${closer}'?)`, at, at + 2);
      } else {
        const state = r.endsAtLineEnd ? "is not closed on its line" : "is never closed";
        const inner = r.openAt > at + 1 ? `; the ${r.open} at ${where(r.openAt)} ${state}` : "";
        diag("unclosed-expression", `C# expression is never closed: expected '${closer}'${inner}`, at, at + 2);
      }
      return undefined;
    }
    for (const m of r.mismatches) {
      diag(
        "mismatched-bracket",
        `'${m.found}' does not match the '${text[m.openedAt]}' at ${where(m.openedAt)}: expected '${m.expected}'`,
        m.at,
      );
    }
    for (const cut of r.cutLiterals) {
      diag("unclosed-string", `the ${cut.what} is not closed on its line`, cut.at);
    }
    escapes.push(at, r.end, quote);
    return { form, code: r.code, start: at, end: r.end };
  };

  const where = (offset: number): string => {
    const pos = lines.positionAt(offset);
    return `${pos.line}:${pos.column}`;
  };

  /** Start of an expression in [from, to): `@(` or `@{` after optional whitespace, else -1. */
  const expressionStart = (from: number, to: number): number => {
    let i = from;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i + 1 < n && text.charCodeAt(i) === AT) {
      const d = text.charCodeAt(i + 1);
      if (d === 40 || d === 123) return i;
    }
    return -1;
  };

  // The first `&` at or after ampFrom (-1: none). Literals are checked in text order, so the search mostly moves
  // forward: a document without `&` after some point is then searched once, not once per literal to its end.
  let ampFrom = 0;
  let ampAt = text.indexOf("&");
  const nextAmp = (from: number): number => {
    if (from < ampFrom || (ampAt !== -1 && ampAt < from)) {
      ampFrom = from;
      ampAt = text.indexOf("&", from);
    }
    return ampAt;
  };

  /** Checks literal XML text [from, to) for bare `&` (and `<` in attribute values). */
  const checkLiteral = (from: number, to: number, inAttribute: boolean): void => {
    let amp = nextAmp(from);
    while (amp !== -1 && amp < to) {
      const m = matchEntity(text, amp);
      if (!m) {
        diag("invalid-entity", "'&' must start a reference such as &amp; or &lt; (write a literal '&' as &amp;)", amp);
        amp = nextAmp(amp + 1);
      } else {
        amp = nextAmp(amp + m.length);
      }
    }
    if (inAttribute) {
      const lt = text.indexOf("<", from);
      if (lt !== -1 && lt < to) diag("invalid-character", "'<' is not allowed in an attribute value (write &lt;)", lt);
    }
  };

  let p = 0;
  let truncated = false;
  let asciiNames = true;
  // XML declaration: only at the very start.
  if (text.startsWith("<?xml") && (isSpace(text.charCodeAt(5)) || text.charCodeAt(5) === QMARK)) {
    const end = text.indexOf("?>", 5);
    if (end === -1) {
      diag("unclosed-declaration", "XML declaration is never closed: expected '?>'", 0, 5);
      p = n;
    } else p = end + 2;
  }

  while (p < n) {
    const c = text.charCodeAt(p);
    if (c !== LT) {
      p = readText(p);
      continue;
    }
    const d = text.charCodeAt(p + 1);
    if (d === BANG) {
      if (text.startsWith("<!--", p)) p = readComment(p);
      else if (text.startsWith("<![CDATA[", p)) p = readCdata(p);
      else if (text.startsWith("<!DOCTYPE", p)) {
        diag("doctype", "DOCTYPE is not allowed in a policy document", p, p + 9);
        p = skipDoctype(p);
      } else {
        diag("invalid-markup", "unexpected '<!': expected a comment '<!--' or CDATA '<![CDATA['", p, p + 2);
        p += 2;
      }
    } else if (d === QMARK) {
      const end = text.indexOf("?>", p + 2);
      const isDecl = /^<\?xml[\s?]/i.test(text.slice(p, p + 6));
      if (end === -1) {
        diag("unclosed-processing-instruction", "processing instruction is never closed: expected '?>'", p, p + 2);
        p = n;
      } else {
        if (isDecl) diag("misplaced-declaration", "the XML declaration must be the first thing in the file", p, p + 5);
        p = end + 2;
      }
    } else if (d === SLASH) {
      p = readEndTag(p);
    } else if (isNameStart(d)) {
      p = readStartTag(p);
    } else {
      diag("invalid-character", "'<' must start a tag (write a literal '<' as &lt;)", p);
      p = readText(p + 1, p);
    }
  }

  // When a comment, CDATA or expression swallowed the rest of the file, its report says it all.
  for (let i = truncated ? -1 : stack.length - 1; i >= 0; i--) {
    const el = stack[i] as ElementNode;
    diag(
      "unclosed-element",
      `element <${el.name}> is never closed: expected '</${el.name}>'`,
      el.startTagRange.start.offset,
      el.startTagRange.end.offset,
    );
    el.range = lines.range(el.range.start.offset, n);
  }

  return { root, topLevelComments, comments, diagnostics, escapes, asciiNames };

  // ---- readers; each returns the offset after what it read ----

  function readText(from: number, textStart = from): number {
    let end = text.indexOf("<", from);
    if (end === -1) end = n;
    let expr: ScannedExpression | undefined;
    const at = expressionStart(textStart, end);
    let literalFrom = textStart;
    if (at !== -1) {
      expr = expressionAt(at, -1);
      if (expr) {
        // The expression may contain `<`: the text goes on to the next `<` after it.
        end = text.indexOf("<", expr.end);
        if (end === -1) end = n;
        literalFrom = expr.end;
      }
    }
    checkLiteral(literalFrom, end, false);
    const raw = text.slice(textStart, end);
    if (isBlankRaw(raw)) return end;
    const parent = stack[stack.length - 1];
    if (!parent) {
      diag(
        "text-outside-root",
        root ? "text after the root element" : "text before the root element",
        textStart + (raw.length - raw.trimStart().length),
      );
      return end;
    }
    const node: TextNode = {
      type: "text",
      value: makeValue(raw, textStart, lines, expr),
      cdata: false,
      range: lines.range(textStart, end),
      parent,
    };
    parent.children.push(node);
    return end;
  }

  function readComment(start: number): number {
    const end = text.indexOf("-->", start + 4);
    const dash = text.indexOf("--", start + 4);
    if (end === -1) {
      diag("unclosed-comment", "comment is never closed: expected '-->'", start, start + 4);
      truncated = true;
      return n;
    }
    if (dash !== end) {
      // `--` inside a comment; the usual cause is a comment left open, with the next one's `<!--` inside it.
      const nested = text.lastIndexOf("<!--", end);
      if (nested > start) {
        diag(
          "unclosed-comment",
          `comment is never closed: another comment starts at ${where(nested)} before its '-->'`,
          start,
          start + 4,
        );
      } else {
        diag("comment-double-hyphen", "'--' is not allowed inside a comment", dash, dash + 2);
      }
    }
    const node: CommentNode = {
      type: "comment",
      text: normalizeNewlines(text.slice(start + 4, end)),
      range: lines.range(start, end + 3),
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else topLevelComments.push(node);
    comments.push(node);
    return end + 3;
  }

  function readCdata(start: number): number {
    const end = text.indexOf("]]>", start + 9);
    const stop = end === -1 ? n : end;
    if (end === -1) {
      diag("unclosed-cdata", "CDATA section is never closed: expected ']]>'", start, start + 9);
      truncated = true;
    }
    const parent = stack[stack.length - 1];
    if (!parent) {
      diag("text-outside-root", "CDATA outside the root element", start, start + 9);
    } else {
      const raw = text.slice(start + 9, stop);
      parent.children.push({
        type: "text",
        value: makeValue(raw, start + 9, lines, undefined, true),
        cdata: true,
        range: lines.range(start, end === -1 ? n : end + 3),
        parent,
      });
    }
    return end === -1 ? n : end + 3;
  }

  function skipDoctype(start: number): number {
    let depth = 0;
    for (let i = start + 9; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === GT && depth <= 0) return i + 1;
    }
    return n;
  }

  function readName(from: number): number {
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isNameChar(c)) break;
      if (c > 0x7f) asciiNames = false;
    }
    return i;
  }

  function skipSpace(from: number): number {
    let i = from;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    return i;
  }

  function readEndTag(start: number): number {
    const nameEnd = readName(start + 2);
    const name = text.slice(start + 2, nameEnd);
    let i = skipSpace(nameEnd);
    if (name.length === 0) {
      diag("invalid-end-tag", "expected an element name after '</'", start, start + 2);
    }
    if (text.charCodeAt(i) !== GT) {
      diag("unclosed-tag", `end tag </${name}> is not closed: expected '>'`, start, nameEnd);
      // Resume at the next '<' (or just after the name).
      const next = text.indexOf("<", nameEnd);
      i = next === -1 ? n : next;
    } else i++;
    if (name.length === 0) return i;
    // Find the open element this closes.
    let k = stack.length - 1;
    while (k >= 0 && (stack[k] as ElementNode).name !== name) k--;
    if (k < 0) {
      const open = stack[stack.length - 1];
      if (!open) {
        diag("mismatched-tag", `unexpected end tag </${name}>: no element is open`, start, i);
        return i;
      }
      if (lastElementChild(open)?.name === name) {
        // `<base /></base>`: a stray end tag for an element that is already closed.
        diag("mismatched-tag", `unexpected end tag </${name}>: <${name}> is already closed`, start, i);
        return i;
      }
      // Most often a misspelt end tag: let it close the open element, so one typo is one problem.
      diag(
        "mismatched-tag",
        `end tag </${name}> does not match <${open.name}> at ${where(open.range.start.offset)}: expected </${open.name}>`,
        start,
        i,
      );
      k = stack.length - 1;
    }
    for (let j = stack.length - 1; j > k; j--) {
      const el = stack[j] as ElementNode;
      diag(
        "unclosed-element",
        `element <${el.name}> is never closed: expected '</${el.name}>' before '</${name}>' at ${where(start)}`,
        el.startTagRange.start.offset,
        el.startTagRange.end.offset,
      );
      el.range = lines.range(el.range.start.offset, start);
    }
    const closed = stack[k] as ElementNode;
    stack.length = k;
    // The element's range shares its ends with the start and end tags' (positions are never mutated).
    const endTagRange = lines.range(start, i);
    closed.endTagRange = endTagRange;
    closed.range = { start: closed.range.start, end: endTagRange.end };
    return i;
  }

  function readStartTag(start: number): number {
    const mark = diagnostics.length;
    const nameEnd = readName(start + 1);
    const name = text.slice(start + 1, nameEnd);
    const attributes: Attribute[] = [];
    let i = nameEnd;
    let selfClosing = false;
    let closedTag = false;
    while (i < n) {
      const ws = skipSpace(i);
      const c = text.charCodeAt(ws);
      if (c === GT) {
        i = ws + 1;
        closedTag = true;
        break;
      }
      if (c === SLASH && text.charCodeAt(ws + 1) === GT) {
        i = ws + 2;
        selfClosing = true;
        closedTag = true;
        break;
      }
      if (ws >= n) {
        i = n;
        break;
      }
      if (c === LT) {
        // A new tag starts: this one was never closed.
        i = ws;
        break;
      }
      if (!isNameStart(c)) {
        diag(
          "invalid-attribute",
          `unexpected '${text[ws]}' in the start tag of <${name}>: expected an attribute name, '>' or '/>'`,
          ws,
        );
        i = ws + 1;
        continue;
      }
      if (ws === i) diag("missing-space", "attributes must be separated by whitespace", ws);
      i = readAttribute(ws, name, attributes);
    }
    if (!closedTag) {
      diag("unclosed-tag", `start tag <${name}> is not closed: expected '>' or '/>'`, start, nameEnd);
    }
    // One problem per start tag: after the first, the rest is usually the same mistake seen from further on.
    if (diagnostics.length > mark + 1) diagnostics.length = mark + 1;
    const parent = stack[stack.length - 1];
    const startTagRange = lines.range(start, i);
    // Every field set from the start (absent ones as undefined): all elements then share one object shape, which
    // keeps the rules' property reads monomorphic.
    const el: ElementNode = {
      type: "element",
      name,
      attributes,
      children: [],
      range: startTagRange,
      startTagRange,
      endTagRange: undefined,
      selfClosing,
      parent,
    };
    if (parent) {
      parent.children.push(el);
    } else if (root) {
      diag("multiple-roots", `a second root element <${name}>: a policy document has exactly one root`, start, nameEnd);
    } else root = el;
    if (!selfClosing && closedTag) {
      stack.push(el);
    }
    return i;
  }

  function readAttribute(start: number, element: string, attributes: Attribute[]): number {
    const nameEnd = readName(start);
    const name = text.slice(start, nameEnd);
    const nameRange = lines.range(start, nameEnd);
    let i = skipSpace(nameEnd);
    if (text.charCodeAt(i) !== EQ) {
      diag(
        "missing-attribute-value",
        `attribute '${name}' of <${element}> has no value: expected '="..."'`,
        start,
        nameEnd,
      );
      return i;
    }
    i = skipSpace(i + 1);
    const q = text.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    let after: number;
    let expr: ScannedExpression | undefined;
    let quote: '"' | "'" = '"';
    if (q !== DQ && q !== SQ) {
      diag("unquoted-attribute", `the value of attribute '${name}' must be in quotes`, i);
      valueStart = i;
      valueEnd = i;
      while (valueEnd < n) {
        const c = text.charCodeAt(valueEnd);
        if (isSpace(c) || c === GT || c === LT || (c === SLASH && text.charCodeAt(valueEnd + 1) === GT)) break;
        valueEnd++;
      }
      after = valueEnd;
    } else {
      quote = q === DQ ? '"' : "'";
      valueStart = i + 1;
      let literalFrom = valueStart;
      let close = text.indexOf(quote, valueStart);
      const at = expressionStart(valueStart, close === -1 ? n : close + 1);
      if (at !== -1) {
        expr = expressionAt(at, q);
        if (expr) {
          literalFrom = expr.end;
          close = text.indexOf(quote, expr.end);
        }
      }
      if (close === -1) {
        diag("unclosed-attribute", `the value of attribute '${name}' is never closed: expected ${quote}`, i);
        valueEnd = n;
        after = n;
        truncated = true;
      } else {
        valueEnd = close;
        after = close + 1;
      }
      checkLiteral(literalFrom, valueEnd, true);
    }
    const raw = text.slice(valueStart, valueEnd);
    if (isDuplicate(attributes, name)) {
      diag("duplicate-attribute", `attribute '${name}' appears twice on <${element}>`, start, nameEnd);
    }
    attributes.push({
      name,
      value: makeValue(raw, valueStart, lines, expr),
      range: { start: nameRange.start, end: lines.positionAt(after) },
      nameRange,
      quote,
    });
    return after;
  }
}

export interface EscapedText {
  /** The text with every expression XML-escaped. The text itself when nothing needed escaping. */
  escaped: string;
  /** Maps an offset in `escaped` to the original offset. */
  toOriginal(escapedOffset: number): number;
}

/**
 * The text with the expressions at `spans` ((from, to, quote) triples, in order) XML-escaped so a strict XML
 * parser accepts it, and the map from its offsets back to the original ones.
 */
export function escapeExpressions(text: string, spans: readonly number[]): EscapedText {
  const n = text.length;
  // Only expressions change, so a document without any that needs escaping keeps `escaped === text`.
  const parts: string[] = [];
  let copied = 0; // original offset up to which `parts` holds the text
  let escLen = 0; // length of parts so far
  const mapEsc: number[] = [0];
  const mapOrig: number[] = [0];
  const mapExact: boolean[] = [false]; // true: the entry is a replaced character (offsets inside map to it)

  /** Escapes the expression source [from, to) for the escaped copy, in an attribute quoted with `quote`. */
  const escapeExpression = (from: number, to: number, quote: number): void => {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      let rep: string | undefined;
      if (c === LT) rep = "&lt;";
      else if (c === GT) rep = "&gt;";
      else if (c === quote) rep = c === DQ ? "&quot;" : "&apos;";
      else if (c === AMP) {
        const m = matchEntity(text, i);
        if (m) {
          i += m.length - 1;
          continue;
        }
        rep = "&amp;";
      }
      if (rep === undefined) continue;
      const chunk = text.slice(copied, i);
      parts.push(chunk, rep);
      escLen += chunk.length;
      mapEsc.push(escLen);
      mapOrig.push(i);
      mapExact.push(true);
      escLen += rep.length;
      copied = i + 1;
      mapEsc.push(escLen);
      mapOrig.push(copied);
      mapExact.push(false);
    }
  };

  for (let k = 0; k + 2 < spans.length; k += 3) escapeExpression(spans[k]!, spans[k + 1]!, spans[k + 2]!);

  let escaped = text;
  if (parts.length > 0) {
    parts.push(text.slice(copied));
    escaped = parts.join("");
  }
  const toOriginal = (e: number): number => {
    const lo = lastAtOrBelow(mapEsc, e);
    const o = mapExact[lo] ? (mapOrig[lo] as number) : (mapOrig[lo] as number) + (e - (mapEsc[lo] as number));
    return Math.min(o, n);
  };
  return { escaped, toOriginal };
}

function lastElementChild(el: ElementNode): ElementNode | undefined {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const k = el.children[i];
    if (k?.type === "element") return k;
  }
  return undefined;
}

function isDuplicate(attributes: Attribute[], name: string): boolean {
  // Linear for the usual handful of attributes; a tag with thousands would make that quadratic.
  if (attributes.length < 32) return attributes.some((a) => a.name === name);
  let seen = seenNames.get(attributes);
  if (!seen) {
    seen = new Set(attributes.map((a) => a.name));
    seenNames.set(attributes, seen);
  }
  const dup = seen.has(name);
  seen.add(name);
  return dup;
}

const seenNames = new WeakMap<Attribute[], Set<string>>();

function isBlankRaw(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
