// The rawxml pre-pass: one left-to-right XML-lexical walk over the ORIGINAL text that
//  - recognises a C# expression where an attribute value or a text run starts (after whitespace) with `@(` / `@{`
//    and hands it to the C# scanner, so raw quotes, `<`, `>` and `&&` inside it are read as C#;
//  - builds the document model directly, with original offsets (no second tree to zip with);
//  - reports well-formedness problems itself, at exact original positions;
//  - records where the expressions are, so escapeExpressions() can make the copy of the text a strict XML parser
//    accepts, with a map from its offsets back to the original ones (for the strict validator's findings).

import { type ScanBudget, scanExpression } from "./csharp-scanner.js";
import { matchEntity, normalizeNewlines } from "./entities.js";
import type { Attribute, ChildNode, CommentNode, ElementNode, ParseDiagnostic, TextNode } from "./model.js";
import { type LineIndex, lastAtOrBelow } from "./positions.js";
import { MAY_HAVE_AMP, MAY_HAVE_CR, MAY_HAVE_NAMED_VALUE, makeValue, type ScannedExpression } from "./values.js";

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
  return new Prepass(text, lines).run();
}

/** Name characters below 0x80 (see isNameChar): a lookup instead of a chain of comparisons per character. */
const ASCII_NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME_CHAR[c] = isNameChar(c) ? 1 : 0;

/** Placeholder children of an open element; the element gets its own array when it closes (see closeTo). */
const OPEN_CHILDREN: ChildNode[] = Object.freeze([]) as unknown as ChildNode[];

// Scratch arrays of the one pre-pass running at a time (it never calls out to anything that parses), cleared
// after each document so they keep nothing alive. They are used up to a count kept beside them, never shortened
// by setting `length` (a slow runtime call, once a measurable part of parsing).
/** The children of the open elements, in order, each element's after those of its ancestors: [0, pendingCount). */
const pendingChildren: (ChildNode | undefined)[] = [];
/** For each open element (Prepass.stack), where its children start in pendingChildren. */
const childrenFrom: number[] = [];
/** The attributes of the start tag being read: [0, Prepass.attributeCount). */
const tagAttributes: (Attribute | undefined)[] = [];

/**
 * One document's walk. State lives in fields and the readers are methods, so a document costs one object, not a
 * closure per reader. Children and attributes gather in the scratch arrays above and are copied out once into
 * arrays of their exact size.
 */
class Prepass {
  private readonly text: string;
  private readonly n: number;
  private readonly lines: LineIndex;
  private readonly diagnostics: ParseDiagnostic[] = [];
  private readonly topLevelComments: CommentNode[] = [];
  private readonly comments: CommentNode[] = [];
  /** The open elements, outermost first. */
  private readonly stack: ElementNode[] = [];
  private root: ElementNode | undefined = undefined;
  private readonly budget: ScanBudget;
  // The expressions to escape for the strict validator's copy of the text, as (from, to, quote) triples: the
  // copy is only made when the validator runs (see parser.ts), which is rare.
  private readonly escapes: number[] = [];
  private truncated = false;
  private asciiNames = true;
  // The first `&` (`<`, `{{`) at or after ampFrom (ltFrom, nvFrom), -1: none. Literals are checked in text order, so
  // the search mostly moves forward: a document without `&` after some point is then searched once, not once per
  // literal to its end.
  private ampFrom = 0;
  private ampAt: number;
  private ltFrom = 0;
  private ltAt: number;
  private nvFrom = 0;
  private nvAt: number;
  /** The expression expressionAt() scanned last; makeValue reads it at once, so one object serves them all. */
  private readonly scanned: ScannedExpression = { form: "inline", code: "", start: 0, end: 0 };
  /** Set while a start tag has 32 attributes or more: their names (see isDuplicate). */
  private attributeNames: Set<string> | undefined = undefined;
  private pendingCount = 0;
  private attributeCount = 0;
  /** The most of pendingChildren and tagAttributes used, for clearing them. */
  private pendingMost = 0;
  private attributesMost = 0;

  constructor(text: string, lines: LineIndex) {
    this.text = text;
    this.n = text.length;
    this.lines = lines;
    this.budget = { steps: 3 * text.length + 4096 };
    this.ampAt = text.indexOf("&");
    this.ltAt = text.indexOf("<");
    this.nvAt = text.indexOf("{{");
  }

  run(): PrepassResult {
    try {
      this.walk();
    } finally {
      for (let i = 0; i < this.pendingMost; i++) pendingChildren[i] = undefined;
      for (let i = 0; i < this.attributesMost; i++) tagAttributes[i] = undefined;
      while (childrenFrom.length > 0) childrenFrom.pop();
    }
    const { root, topLevelComments, comments, diagnostics, escapes, asciiNames } = this;
    return { root, topLevelComments, comments, diagnostics, escapes, asciiNames };
  }

  private walk(): void {
    const text = this.text;
    const n = this.n;
    const stack = this.stack;
    let p = 0;
    // XML declaration: only at the very start.
    if (text.startsWith("<?xml") && (isSpace(text.charCodeAt(5)) || text.charCodeAt(5) === QMARK)) {
      const end = text.indexOf("?>", 5);
      if (end === -1) {
        this.diag("unclosed-declaration", "XML declaration is never closed: expected '?>'", 0, 5);
        p = n;
      } else p = end + 2;
    }

    while (p < n) {
      const c = text.charCodeAt(p);
      if (c !== LT) {
        p = this.readText(p, p);
        continue;
      }
      const d = text.charCodeAt(p + 1);
      if (d === BANG) {
        if (text.startsWith("<!--", p)) p = this.readComment(p);
        else if (text.startsWith("<![CDATA[", p)) p = this.readCdata(p);
        else if (text.startsWith("<!DOCTYPE", p)) {
          this.diag("doctype", "DOCTYPE is not allowed in a policy document", p, p + 9);
          p = this.skipDoctype(p);
        } else {
          this.diag("invalid-markup", "unexpected '<!': expected a comment '<!--' or CDATA '<![CDATA['", p, p + 2);
          p += 2;
        }
      } else if (d === QMARK) {
        const end = text.indexOf("?>", p + 2);
        const isDecl = /^<\?xml[\s?]/i.test(text.slice(p, p + 6));
        if (end === -1) {
          this.diag(
            "unclosed-processing-instruction",
            "processing instruction is never closed: expected '?>'",
            p,
            p + 2,
          );
          p = n;
        } else {
          if (isDecl) {
            this.diag("misplaced-declaration", "the XML declaration must be the first thing in the file", p, p + 5);
          }
          p = end + 2;
        }
      } else if (d === SLASH) {
        p = this.readEndTag(p);
      } else if (isNameStart(d)) {
        p = this.readStartTag(p);
      } else {
        this.diag("invalid-character", "'<' must start a tag (write a literal '<' as &lt;)", p);
        p = this.readText(p + 1, p);
      }
    }

    // When a comment, CDATA or expression swallowed the rest of the file, its report says it all.
    for (let i = this.truncated ? -1 : stack.length - 1; i >= 0; i--) {
      const el = stack[i] as ElementNode;
      this.diag(
        "unclosed-element",
        `element <${el.name}> is never closed: expected '</${el.name}>'`,
        el.startTagRange.start.offset,
        el.startTagRange.end.offset,
      );
      el.range = this.lines.sharedRange(el.range.start.offset, n);
    }
    this.closeTo(0);
  }

  // ---- helpers ----

  private diag(code: string, message: string, start: number, end = start + 1): void {
    const diagnostics = this.diagnostics;
    const lines = this.lines;
    // A badly broken input can produce a problem per character; past a point more of them help nobody.
    if (diagnostics.length >= MAX_DIAGNOSTICS) {
      if (diagnostics.length === MAX_DIAGNOSTICS) {
        diagnostics.push({
          code: "too-many-problems",
          message: `more than ${MAX_DIAGNOSTICS} problems; stopped reporting`,
          range: lines.sharedRange(start, start),
        });
      }
      return;
    }
    const n = this.n;
    const s = Math.min(Math.max(start, 0), n);
    diagnostics.push({ code, message, range: lines.sharedRange(s, Math.min(Math.max(end, s), n)) });
  }

  private where(offset: number): string {
    const pos = this.lines.positionAt(offset);
    return `${pos.line}:${pos.column}`;
  }

  /** Scans the expression at `at` (text[at] is `@`). Reports and returns undefined when it does not close. */
  private expressionAt(at: number, quote: number): ScannedExpression | undefined {
    const text = this.text;
    const form = text.charCodeAt(at + 1) === 40 ? "inline" : "block";
    const r = scanExpression(text, at, this.budget);
    if (!r.ok) {
      const closer = form === "inline" ? ")" : "}";
      if (r.reason === "budget") {
        this.diag("unclosed-expression", `expression too long to scan (missing '${closer}'?)`, at, at + 2);
      } else {
        const state = r.endsAtLineEnd ? "is not closed on its line" : "is never closed";
        const inner = r.openAt > at + 1 ? `; the ${r.open} at ${this.where(r.openAt)} ${state}` : "";
        this.diag("unclosed-expression", `C# expression is never closed: expected '${closer}'${inner}`, at, at + 2);
      }
      return undefined;
    }
    const mismatches = r.mismatches;
    for (let k = 0; k < mismatches.length; k++) {
      const m = mismatches[k] as (typeof mismatches)[number];
      this.diag(
        "mismatched-bracket",
        `'${m.found}' does not match the '${text[m.openedAt]}' at ${this.where(m.openedAt)}: expected '${m.expected}'`,
        m.at,
      );
    }
    const cutLiterals = r.cutLiterals;
    for (let k = 0; k < cutLiterals.length; k++) {
      const cut = cutLiterals[k] as (typeof cutLiterals)[number];
      this.diag("unclosed-string", `the ${cut.what} is not closed on its line`, cut.at);
    }
    this.escapes.push(at, r.end, quote);
    const scanned = this.scanned;
    scanned.form = form;
    scanned.code = r.code;
    scanned.start = at;
    scanned.end = r.end;
    return scanned;
  }

  /** Start of an expression in [from, to): `@(` or `@{` after optional whitespace, else -1. */
  private expressionStart(from: number, to: number): number {
    const text = this.text;
    let i = from;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i + 1 < this.n && text.charCodeAt(i) === AT) {
      const d = text.charCodeAt(i + 1);
      if (d === 40 || d === 123) return i;
    }
    return -1;
  }

  private nextAmp(from: number): number {
    if (from < this.ampFrom || (this.ampAt !== -1 && this.ampAt < from)) {
      this.ampFrom = from;
      this.ampAt = this.text.indexOf("&", from);
    }
    return this.ampAt;
  }

  private nextLt(from: number): number {
    if (from < this.ltFrom || (this.ltAt !== -1 && this.ltAt < from)) {
      this.ltFrom = from;
      this.ltAt = this.text.indexOf("<", from);
    }
    return this.ltAt;
  }

  private nextNamedValue(from: number): number {
    if (from < this.nvFrom || (this.nvAt !== -1 && this.nvAt < from)) {
      this.nvFrom = from;
      this.nvAt = this.text.indexOf("{{", from);
    }
    return this.nvAt;
  }

  /** What the value text [from, to) may contain, for makeValue (asked before its literal part is checked). */
  private mayHave(from: number, to: number): number {
    let may = this.lines.hasCR ? MAY_HAVE_CR : 0;
    const amp = this.nextAmp(from);
    if (amp !== -1 && amp < to) may |= MAY_HAVE_AMP;
    // `{{` may start just before `to` and end after it: the value then cannot hold a whole reference anyway.
    const nv = this.nextNamedValue(from);
    if (nv !== -1 && nv < to) may |= MAY_HAVE_NAMED_VALUE;
    return may;
  }

  /** Checks literal XML text [from, to) for bare `&` (and `<` in attribute values). */
  private checkLiteral(from: number, to: number, inAttribute: boolean): void {
    let amp = this.nextAmp(from);
    while (amp !== -1 && amp < to) {
      const m = matchEntity(this.text, amp);
      if (!m) {
        this.diag(
          "invalid-entity",
          "'&' must start a reference such as &amp; or &lt; (write a literal '&' as &amp;)",
          amp,
        );
        amp = this.nextAmp(amp + 1);
      } else {
        amp = this.nextAmp(amp + m.length);
      }
    }
    if (inAttribute) {
      const lt = this.nextLt(from);
      if (lt !== -1 && lt < to) {
        this.diag("invalid-character", "'<' is not allowed in an attribute value (write &lt;)", lt);
      }
    }
  }

  /** Adds a child to the innermost open element (there must be one). */
  private addChild(node: ChildNode): void {
    const at = this.pendingCount++;
    pendingChildren[at] = node;
    if (at >= this.pendingMost) this.pendingMost = at + 1;
  }

  /** Closes the open elements from the innermost down to stack[k]: each gets its children, exactly sized. */
  private closeTo(k: number): void {
    const stack = this.stack;
    for (let j = stack.length - 1; j >= k; j--) {
      const from = childrenFrom.pop() as number;
      const el = stack.pop() as ElementNode;
      el.children = from === this.pendingCount ? [] : (pendingChildren.slice(from, this.pendingCount) as ChildNode[]);
      this.pendingCount = from;
    }
  }

  /** The last element among the innermost open element's children so far. */
  private lastElementChild(): ElementNode | undefined {
    const from = childrenFrom[childrenFrom.length - 1] as number;
    for (let i = this.pendingCount - 1; i >= from; i--) {
      const k = pendingChildren[i] as ChildNode;
      if (k.type === "element") return k;
    }
    return undefined;
  }

  // ---- readers; each returns the offset after what it read ----

  private readText(from: number, textStart: number): number {
    const text = this.text;
    const n = this.n;
    // Most text between tags is only whitespace: see that without a copy of it.
    let i = from;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (textStart === from && (i === n || text.charCodeAt(i) === LT)) return i;
    // From here the text has a character that is neither whitespace nor '<' (or starts with the '<' at textStart),
    // so it is not blank.
    let end = text.indexOf("<", i);
    if (end === -1) end = n;
    let expr: ScannedExpression | undefined;
    const at = this.expressionStart(textStart, end);
    let literalFrom = textStart;
    if (at !== -1) {
      expr = this.expressionAt(at, -1);
      if (expr) {
        // The expression may contain `<`: the text goes on to the next `<` after it.
        end = text.indexOf("<", expr.end);
        if (end === -1) end = n;
        literalFrom = expr.end;
      }
    }
    const may = this.mayHave(textStart, end);
    this.checkLiteral(literalFrom, end, false);
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    if (!parent) {
      const raw = text.slice(textStart, end);
      this.diag(
        "text-outside-root",
        this.root ? "text after the root element" : "text before the root element",
        textStart + (raw.length - raw.trimStart().length),
      );
      return end;
    }
    const range = this.lines.sharedRange(textStart, end);
    const node: TextNode = {
      type: "text",
      value: makeValue(text.slice(textStart, end), textStart, this.lines, expr, false, may, range),
      cdata: false,
      range,
      parent,
    };
    this.addChild(node);
    return end;
  }

  private readComment(start: number): number {
    const text = this.text;
    const dash = text.indexOf("--", start + 4);
    // The first `-->`: at the first `--` when a `>` follows it, else later (from the next character: `--->`).
    const end = dash === -1 ? -1 : text.charCodeAt(dash + 2) === GT ? dash : text.indexOf("-->", dash + 1);
    if (end === -1) {
      this.diag("unclosed-comment", "comment is never closed: expected '-->'", start, start + 4);
      this.truncated = true;
      return this.n;
    }
    if (dash !== end) {
      // `--` inside a comment; the usual cause is a comment left open, with the next one's `<!--` inside it.
      const nested = text.lastIndexOf("<!--", end);
      if (nested > start) {
        this.diag(
          "unclosed-comment",
          `comment is never closed: another comment starts at ${this.where(nested)} before its '-->'`,
          start,
          start + 4,
        );
      } else {
        this.diag("comment-double-hyphen", "'--' is not allowed inside a comment", dash, dash + 2);
      }
    }
    const body = text.slice(start + 4, end);
    const node: CommentNode = {
      type: "comment",
      text: this.lines.hasCR ? normalizeNewlines(body) : body,
      range: this.lines.sharedRange(start, end + 3),
    };
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      this.addChild(node);
    } else this.topLevelComments.push(node);
    this.comments.push(node);
    return end + 3;
  }

  private readCdata(start: number): number {
    const text = this.text;
    const n = this.n;
    const end = text.indexOf("]]>", start + 9);
    const stop = end === -1 ? n : end;
    if (end === -1) {
      this.diag("unclosed-cdata", "CDATA section is never closed: expected ']]>'", start, start + 9);
      this.truncated = true;
    }
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    if (!parent) {
      this.diag("text-outside-root", "CDATA outside the root element", start, start + 9);
    } else {
      const raw = text.slice(start + 9, stop);
      const may = (this.lines.hasCR ? MAY_HAVE_CR : 0) | MAY_HAVE_NAMED_VALUE;
      const node: TextNode = {
        type: "text",
        value: makeValue(raw, start + 9, this.lines, undefined, true, may),
        cdata: true,
        range: this.lines.sharedRange(start, end === -1 ? n : end + 3),
        parent,
      };
      this.addChild(node);
    }
    return end === -1 ? n : end + 3;
  }

  private skipDoctype(start: number): number {
    const text = this.text;
    const n = this.n;
    let depth = 0;
    for (let i = start + 9; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === GT && depth <= 0) return i + 1;
    }
    return n;
  }

  private readName(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (ASCII_NAME_CHAR[c] === 0) break;
      } else {
        if (c < 0xc0 && c !== 0xb7) break;
        this.asciiNames = false;
      }
    }
    return i;
  }

  private skipSpace(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    return i;
  }

  private readEndTag(start: number): number {
    const text = this.text;
    const n = this.n;
    const stack = this.stack;
    const nameEnd = this.readName(start + 2);
    const name = text.slice(start + 2, nameEnd);
    let i = this.skipSpace(nameEnd);
    if (name.length === 0) {
      this.diag("invalid-end-tag", "expected an element name after '</'", start, start + 2);
    }
    if (text.charCodeAt(i) !== GT) {
      this.diag("unclosed-tag", `end tag </${name}> is not closed: expected '>'`, start, nameEnd);
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
        this.diag("mismatched-tag", `unexpected end tag </${name}>: no element is open`, start, i);
        return i;
      }
      if (this.lastElementChild()?.name === name) {
        // `<base /></base>`: a stray end tag for an element that is already closed.
        this.diag("mismatched-tag", `unexpected end tag </${name}>: <${name}> is already closed`, start, i);
        return i;
      }
      // Most often a misspelt end tag: let it close the open element, so one typo is one problem.
      this.diag(
        "mismatched-tag",
        `end tag </${name}> does not match <${open.name}> at ${this.where(open.range.start.offset)}: expected </${open.name}>`,
        start,
        i,
      );
      k = stack.length - 1;
    }
    for (let j = stack.length - 1; j > k; j--) {
      const el = stack[j] as ElementNode;
      this.diag(
        "unclosed-element",
        `element <${el.name}> is never closed: expected '</${el.name}>' before '</${name}>' at ${this.where(start)}`,
        el.startTagRange.start.offset,
        el.startTagRange.end.offset,
      );
      el.range = this.lines.sharedRange(el.range.start.offset, start);
    }
    const closed = stack[k] as ElementNode;
    this.closeTo(k);
    // The element's range shares its ends with the start and end tags' (positions are never mutated).
    const endTagRange = this.lines.sharedRange(start, i);
    closed.endTagRange = endTagRange;
    closed.range = { start: closed.range.start, end: endTagRange.end };
    return i;
  }

  private readStartTag(start: number): number {
    const text = this.text;
    const n = this.n;
    const diagnostics = this.diagnostics;
    const mark = diagnostics.length;
    const nameEnd = this.readName(start + 1);
    const name = text.slice(start + 1, nameEnd);
    let i = nameEnd;
    let selfClosing = false;
    let closedTag = false;
    while (i < n) {
      const ws = this.skipSpace(i);
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
        this.diag(
          "invalid-attribute",
          `unexpected '${text[ws]}' in the start tag of <${name}>: expected an attribute name, '>' or '/>'`,
          ws,
        );
        i = ws + 1;
        continue;
      }
      if (ws === i) this.diag("missing-space", "attributes must be separated by whitespace", ws);
      i = this.readAttribute(ws, name);
    }
    if (!closedTag) {
      this.diag("unclosed-tag", `start tag <${name}> is not closed: expected '>' or '/>'`, start, nameEnd);
    }
    // One problem per start tag: after the first, the rest is usually the same mistake seen from further on.
    if (diagnostics.length > mark + 1) diagnostics.length = mark + 1;
    const count = this.attributeCount;
    const attributes = count === 0 ? [] : (tagAttributes.slice(0, count) as Attribute[]);
    this.attributeCount = 0;
    this.attributeNames = undefined;
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    const startTagRange = this.lines.sharedRange(start, i);
    const open = !selfClosing && closedTag;
    // Every field set from the start (absent ones as undefined): all elements then share one object shape, which
    // keeps the rules' property reads monomorphic.
    const el: ElementNode = {
      type: "element",
      name,
      attributes,
      children: open ? OPEN_CHILDREN : [],
      range: startTagRange,
      startTagRange,
      endTagRange: undefined,
      selfClosing,
      parent,
    };
    if (parent) {
      this.addChild(el);
    } else if (this.root) {
      this.diag(
        "multiple-roots",
        `a second root element <${name}>: a policy document has exactly one root`,
        start,
        nameEnd,
      );
    } else this.root = el;
    if (open) {
      stack.push(el);
      childrenFrom.push(this.pendingCount);
    }
    return i;
  }

  private readAttribute(start: number, element: string): number {
    const text = this.text;
    const n = this.n;
    const lines = this.lines;
    const nameEnd = this.readName(start);
    const name = text.slice(start, nameEnd);
    const nameRange = lines.sharedRange(start, nameEnd);
    let i = this.skipSpace(nameEnd);
    if (text.charCodeAt(i) !== EQ) {
      this.diag(
        "missing-attribute-value",
        `attribute '${name}' of <${element}> has no value: expected '="..."'`,
        start,
        nameEnd,
      );
      return i;
    }
    i = this.skipSpace(i + 1);
    const q = text.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    let after: number;
    let expr: ScannedExpression | undefined;
    let quote: '"' | "'" = '"';
    let may: number;
    if (q !== DQ && q !== SQ) {
      this.diag("unquoted-attribute", `the value of attribute '${name}' must be in quotes`, i);
      valueStart = i;
      valueEnd = i;
      while (valueEnd < n) {
        const c = text.charCodeAt(valueEnd);
        if (isSpace(c) || c === GT || c === LT || (c === SLASH && text.charCodeAt(valueEnd + 1) === GT)) break;
        valueEnd++;
      }
      after = valueEnd;
      may = this.mayHave(valueStart, valueEnd);
    } else {
      quote = q === DQ ? '"' : "'";
      valueStart = i + 1;
      let literalFrom = valueStart;
      let close = text.indexOf(quote, valueStart);
      const at = this.expressionStart(valueStart, close === -1 ? n : close + 1);
      if (at !== -1) {
        expr = this.expressionAt(at, q);
        if (expr) {
          literalFrom = expr.end;
          close = text.indexOf(quote, expr.end);
        }
      }
      if (close === -1) {
        this.diag("unclosed-attribute", `the value of attribute '${name}' is never closed: expected ${quote}`, i);
        valueEnd = n;
        after = n;
        this.truncated = true;
      } else {
        valueEnd = close;
        after = close + 1;
      }
      may = this.mayHave(valueStart, valueEnd);
      this.checkLiteral(literalFrom, valueEnd, true);
    }
    const raw = text.slice(valueStart, valueEnd);
    if (this.isDuplicate(name)) {
      this.diag("duplicate-attribute", `attribute '${name}' appears twice on <${element}>`, start, nameEnd);
    }
    const at = this.attributeCount++;
    tagAttributes[at] = {
      name,
      value: makeValue(raw, valueStart, lines, expr, false, may),
      range: { start: nameRange.start, end: lines.shared(after) },
      nameRange,
      quote,
    };
    if (at >= this.attributesMost) this.attributesMost = at + 1;
    return after;
  }

  /** Whether an attribute of the tag being read already has this name. */
  private isDuplicate(name: string): boolean {
    // Linear for the usual handful of attributes; a tag with thousands would make that quadratic.
    const count = this.attributeCount;
    if (count < 32) {
      for (let k = 0; k < count; k++) if ((tagAttributes[k] as Attribute).name === name) return true;
      return false;
    }
    let seen = this.attributeNames;
    if (!seen) {
      seen = new Set();
      for (let k = 0; k < count; k++) seen.add((tagAttributes[k] as Attribute).name);
      this.attributeNames = seen;
    }
    const dup = seen.has(name);
    seen.add(name);
    return dup;
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
