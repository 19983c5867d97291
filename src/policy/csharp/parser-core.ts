// The shared part of the C# parser (parser.ts): tokens, diagnostics, nesting, placeholders and types. The
// expression and statement parsers extend it; see parser.ts for what holds the whole together (linear, never throws).
import type * as A from "./ast.js";
import { CodeReader } from "./source.js";
import { isWord, KEYWORD_SET, newerSyntax, PREDEFINED_TYPES, type Token, type TokenKind, tokenText } from "./tokens.js";

/** Nested constructs (expressions, statements, types) deeper than this are one error, not a stack overflow. */
export const MAX_DEPTH = 256;
/** Diagnostics kept per expression. */
export const MAX_DIAGNOSTICS = 20;

export type Expr = A.Expression;

/** Keywords that can start an expression operand (`(T)new X()`, `(object)null`, `(int)string.Length`). */
export const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
  ...PREDEFINED_TYPES,
  "new",
  "this",
  "base",
  "typeof",
  "default",
  "null",
  "true",
  "false",
  "checked",
  "unchecked",
  "sizeof",
  "delegate",
  "throw",
  "stackalloc",
]);

/** Type-scan contexts: after `is`/`as`, a `?` followed by an expression is the conditional operator. */
export const TYPE_NORMAL = 0;
export const TYPE_IS_AS = 1;
/** scanType result flags. */
export const DEFINITE = 1; // cannot be an expression: predefined keyword, type arguments, `?`, `[]`, tuple
export const NULLABLE = 2; // took a `?`

const CLOSERS: Partial<Record<TokenKind, [string, string]>> = {
  ")": ["CS1026", ") expected"],
  "]": ["CS1003", "Syntax error, ']' expected"],
  "}": ["CS1513", "} expected"],
};

export function isReservedKeyword(kind: TokenKind): boolean {
  return KEYWORD_SET.has(kind);
}

export function canStartExpression(t: Token): boolean {
  switch (t.kind) {
    case "identifier":
    case "number":
    case "string-literal":
    case "char-literal":
    case "interp-open":
    case "named-value":
    case "(":
    case "!":
    case "~":
    case "-":
    case "+":
    case "++":
    case "--":
    case "^":
      return true;
    default:
      return EXPRESSION_KEYWORDS.has(t.kind);
  }
}

/**
 * The type-scan memos, shared by every parse: allocating three typed arrays per expression was a tenth of the
 * parse time. Safe because a parse runs to its end synchronously and no parser outlives parseCode. A slot holds
 * a value of this parse only when its stamp is this parse's: no clearing per parse (three fills were 2.5% of it).
 */
let scratch = {
  size: 0,
  typeMemo: new Int32Array(0),
  typeFlags: new Uint8Array(0),
  typeStamp: new Int32Array(0),
  typeArgMemo: new Int32Array(0),
  typeArgStamp: new Int32Array(0),
};
/** The current parse's stamp (never 0, the stamp of a fresh array). */
let stamp = 0;

function memoScratch(tokens: number): typeof scratch {
  if (scratch.size < tokens) {
    const size = Math.max(tokens, 2 * scratch.size, 256);
    // Slots are ctx * tokens + k (scanType): two per token.
    scratch = {
      size,
      typeMemo: new Int32Array(2 * size),
      typeFlags: new Uint8Array(2 * size),
      typeStamp: new Int32Array(2 * size),
      typeArgMemo: new Int32Array(size),
      typeArgStamp: new Int32Array(size),
    };
  }
  if (stamp === 0x7fffffff) {
    stamp = 0;
    scratch.typeStamp.fill(0);
    scratch.typeArgStamp.fill(0);
  }
  stamp++;
  return scratch;
}

export abstract class ParserCore {
  // Every field is set by begin(): parseCode reuses one parser for every parse (parses never nest).
  protected t!: Token[];
  /** Index of the eof token (the last one). */
  protected n!: number;
  protected i!: number;
  protected depth!: number;
  protected tooDeep!: boolean;
  protected queryDepth!: number;
  /** Inside the left of a deconstruction (`(int a, var b) = ...`), where tuple elements may declare. */
  protected deconstructing!: boolean;
  /** Not readonly: begin() leaves a used one to the parse that filled it. */
  diagnostics: A.CsDiagnostic[] = [];
  /** Offsets with an error already (made on the first error: most expressions have none). */
  protected reported: Set<number> | undefined;
  protected lastErrorAt!: number;
  /** The offset of the last placeholder node (Missing, empty type) made: see nodeEnd. */
  protected placeholderAt!: number;
  protected reader!: CodeReader;
  /** scanType memo per context and token (valid where typeStamp is `stamp`): -1 not a type, else the index after it. */
  protected typeMemo!: Int32Array;
  protected typeFlags!: Uint8Array;
  protected typeStamp!: Int32Array;
  /** Type-argument-list memo per `<` token (valid where typeArgStamp is `stamp`). */
  protected typeArgMemo!: Int32Array;
  protected typeArgStamp!: Int32Array;
  /** This parse's memo stamp. */
  protected stamp!: number;
  protected scanFlags!: number;
  /** Units of work done (tokens read, type-scan calls and tokens looked at): what the linearity tests count. */
  steps!: number;
  protected newerReported: Set<string> | undefined;
  /** The closing delimiter, for messages at the end (`Invalid expression term ')'`). */
  protected closer!: string;

  constructor(
    text: string,
    tokens: Token[],
    codeStart: number,
    codeLimit: number,
    closer: string,
    /** How many of `tokens` are this parse's (the rest of a reused buffer is stale); the last is the eof. */
    count = tokens.length,
    /** A reader over [codeStart, codeLimit) of `text` to use (the lexer that read the tokens is one). */
    reader?: CodeReader,
  ) {
    this.begin(tokens, count, reader ?? new CodeReader(text, codeStart, codeLimit), closer);
  }

  /** Starts a parse of tokens[0..count) (code read through `reader`), forgetting everything of the last one. */
  begin(tokens: Token[], count: number, reader: CodeReader, closer: string): void {
    this.t = tokens;
    this.n = count - 1;
    this.i = 0;
    this.depth = 0;
    this.tooDeep = false;
    this.queryDepth = 0;
    this.deconstructing = false;
    if (this.diagnostics.length > 0) this.diagnostics = [];
    this.reported = undefined;
    this.lastErrorAt = -1;
    this.placeholderAt = -1;
    this.reader = reader;
    const scratch = memoScratch(count);
    this.typeMemo = scratch.typeMemo;
    this.typeFlags = scratch.typeFlags;
    this.typeStamp = scratch.typeStamp;
    this.typeArgMemo = scratch.typeArgMemo;
    this.typeArgStamp = scratch.typeArgStamp;
    this.stamp = stamp;
    this.scanFlags = 0;
    this.steps = 0;
    this.newerReported = undefined;
    this.closer = closer;
  }

  // ---- token helpers ----

  protected get tok(): Token {
    return this.t[this.i] as Token;
  }

  protected peek(k: number): Token {
    return this.t[Math.min(this.i + k, this.n)] as Token;
  }

  protected at(kind: TokenKind): boolean {
    return (this.t[this.i] as Token).kind === kind;
  }

  protected atWord(word: string): boolean {
    return isWord(this.t[this.i] as Token, word);
  }

  protected advance(): Token {
    const t = this.t[this.i] as Token;
    this.steps++;
    if (this.i < this.n) this.i++;
    return t;
  }

  protected eat(kind: TokenKind): boolean {
    if (!this.at(kind)) return false;
    this.advance();
    return true;
  }

  /** End of the last token read (the start of the current one when none was read yet). */
  protected prevEnd(): number {
    return this.i > 0 ? (this.t[this.i - 1] as Token).end : this.tok.start;
  }

  /**
   * Where a node that ends here ends: after the last token read, or at a placeholder put after it (a Missing at
   * the next token, for `(a +` at the end), so that every node lies inside its parent.
   */
  protected nodeEnd(): number {
    const e = this.prevEnd();
    return Math.max(this.placeholderAt, e);
  }

  /** What stands where an expression was expected and none could be read (an error was reported). */
  protected missing(at: number): A.Missing {
    if (at > this.placeholderAt) this.placeholderAt = at;
    return { kind: "Missing", start: at, end: at };
  }

  /** The type where none could be read. */
  protected emptyType(at: number): A.TypeNode {
    if (at > this.placeholderAt) this.placeholderAt = at;
    return {
      kind: "Type",
      start: at,
      end: at,
      name: "",
      typeArguments: [],
      nullable: false,
      arrayRanks: [],
      tupleElements: undefined,
    };
  }

  protected error(code: string, message: string, start: number, end: number): void {
    // Past the nesting limit the rest is skipped: what it would report is noise.
    if (this.tooDeep && code !== "CS8078") return;
    this.reported ??= new Set();
    if (this.reported.has(start) || this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.reported.add(start);
    this.lastErrorAt = start;
    this.diagnostics.push({ code, message, severity: "error", start, end });
  }

  /**
   * C# reports a missing token at the end of the token before it. Not when an error was just reported at or
   * after that place: a missing `)` after `x as 1` is the same mistake as the `Type expected` at the `1`.
   */
  protected errorAfterPrevious(code: string, message: string): void {
    const at = this.prevEnd();
    if (this.lastErrorAt >= at) return;
    this.error(code, message, at, at);
  }

  protected newer(feature: string, version: number, start: number, end: number): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    // One warning per feature and place.
    const key = `${feature}@${start}`;
    this.newerReported ??= new Set();
    if (this.newerReported.has(key)) return;
    this.newerReported.add(key);
    this.diagnostics.push(newerSyntax(feature, version, start, end));
  }

  protected expect(kind: TokenKind, code: string, message: string): boolean {
    if (this.eat(kind)) return true;
    this.errorAfterPrevious(code, message);
    return false;
  }

  /**
   * Expects the closer of the bracket at token `open`. When something else comes first, reports it and skips to
   * that closer (the lexer paired them), so that one mistake is one error.
   */
  protected close(open: number, kind: TokenKind): number {
    const t = this.tok;
    if (t.kind === kind) {
      this.advance();
      return t.end;
    }
    const [code, message] = CLOSERS[kind] ?? ["CS1003", `Syntax error, '${kind}' expected`];
    this.errorAfterPrevious(code, message);
    const m = (this.t[open] as Token).match;
    if (m > this.i) {
      this.i = m;
      return this.advance().end;
    }
    return this.nodeEnd();
  }

  /** Enters a nested construct; false (after one error, with the rest skipped) when that is too deep. */
  protected enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      const t = this.tok;
      this.error("CS8078", "expression nested too deeply", t.start, t.end);
    }
    this.i = this.n;
    return false;
  }

  protected tokenName(t: Token): string {
    return t.kind === "eof" ? this.closer : tokenText(t);
  }

  protected invalidTerm(): Expr {
    const t = this.tok;
    this.error("CS1525", `Invalid expression term '${this.tokenName(t)}'`, t.start, t.end);
    return this.missing(t.start);
  }

  protected identifier(): { name: string; start: number; end: number } {
    const t = this.tok;
    if (t.kind === "identifier") {
      this.advance();
      return { name: t.value, start: t.start, end: t.end };
    }
    if (isReservedKeyword(t.kind)) {
      this.error("CS1041", `Identifier expected; '${t.kind}' is a keyword`, t.start, t.end);
      this.advance();
      return { name: t.kind, start: t.start, end: t.end };
    }
    this.errorAfterPrevious("CS1001", "Identifier expected");
    const at = this.prevEnd();
    return { name: "", start: at, end: at };
  }

  /** Is there a line break between the previous token and the current one? */
  protected newLineBefore(): boolean {
    const from = this.prevEnd();
    const to = this.tok.start;
    const text = this.reader.text;
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  // ---- types ----

  /**
   * Where a type starting at token k ends (the index after it), or -1. Memoised per context and token, so that
   * the lookahead of casts, declarations and generic names stays linear however they nest. Leaves DEFINITE and
   * NULLABLE in scanFlags.
   */
  protected scanType(k: number, ctx: number, depth = 0): number {
    this.steps++;
    const slot = ctx * (this.n + 1) + k;
    if (this.typeStamp[slot] === this.stamp) {
      this.scanFlags = this.typeFlags[slot] as number;
      return this.typeMemo[slot] as number;
    }
    let flags = 0;
    const end = depth > MAX_DEPTH ? -1 : this.scanTypeUncached(k, ctx, depth);
    flags = this.scanFlags;
    this.typeMemo[slot] = end;
    this.typeFlags[slot] = flags;
    this.typeStamp[slot] = this.stamp;
    this.scanFlags = flags;
    return end;
  }

  protected scanTypeUncached(k: number, ctx: number, depth: number): number {
    const t = this.t;
    let flags = 0;
    let j: number;
    const first = t[k] as Token;
    if (first.kind === "(") {
      // Tuple type: ( T [name], T [name], ... )
      j = k + 1;
      let count = 0;
      for (;;) {
        this.steps++;
        const e = this.scanType(j, TYPE_NORMAL, depth + 1);
        if (e < 0) return -1;
        j = e;
        if ((t[j] as Token).kind === "identifier") j++;
        count++;
        const kind = (t[j] as Token).kind;
        if (kind === ",") j++;
        else if (kind === ")") {
          j++;
          break;
        } else return -1;
      }
      if (count < 2) return -1;
      flags |= DEFINITE;
    } else if (PREDEFINED_TYPES.has(first.kind)) {
      j = k + 1;
      flags |= DEFINITE;
    } else if (first.kind === "identifier") {
      j = k + 1;
      for (;;) {
        this.steps++;
        if ((t[j] as Token).kind === "<") {
          const e = this.scanTypeArgs(j, depth + 1);
          if (e >= 0) {
            j = e;
            flags |= DEFINITE;
          }
        }
        const kind = (t[j] as Token).kind;
        if ((kind === "." || kind === "::") && (t[j + 1] as Token | undefined)?.kind === "identifier") {
          j += 2;
          continue;
        }
        break;
      }
    } else {
      this.scanFlags = 0;
      return -1;
    }
    // Suffixes: `?`, `[]`, `[,]`, `?[]`.
    for (;;) {
      this.steps++;
      const kind = (t[j] as Token).kind;
      if (kind === "?" && (flags & NULLABLE) === 0) {
        if (ctx === TYPE_IS_AS && canStartExpression(t[Math.min(j + 1, this.n)] as Token)) break;
        j++;
        flags |= NULLABLE | DEFINITE;
        continue;
      }
      if (kind === "[" || kind === "?[") {
        let m = j + 1;
        while ((t[m] as Token).kind === ",") m++;
        this.steps += m - j;
        if ((t[m] as Token).kind !== "]") break;
        j = m + 1;
        flags |= DEFINITE | (kind === "?[" ? NULLABLE : 0);
        continue;
      }
      break;
    }
    this.scanFlags = flags;
    return j;
  }

  /** Where the type-argument list at `<` (token k) ends (the index after `>`), or -1. Memoised. */
  protected scanTypeArgs(k: number, depth: number): number {
    if (this.typeArgStamp[k] === this.stamp) return this.typeArgMemo[k] as number;
    let result = -1;
    if (depth <= MAX_DEPTH) {
      let j = k + 1;
      for (;;) {
        this.steps++;
        const e = this.scanType(j, TYPE_NORMAL, depth + 1);
        if (e < 0) break;
        j = e;
        const kind = (this.t[j] as Token).kind;
        if (kind === ",") {
          j++;
          continue;
        }
        if (kind === ">") result = j + 1;
        break;
      }
    }
    this.typeArgMemo[k] = result;
    this.typeArgStamp[k] = this.stamp;
    return result;
  }

  /**
   * Reads a type. `unbound` allows `typeof(Dictionary<,>)`; without `suffixes` the `?`/`[]` suffixes are left to
   * the caller (`new int[3]`). Reports CS1031 and returns an empty type when there is none.
   */
  protected type(ctx: number, unbound = false, suffixes = true): A.TypeNode {
    const t = this.tok;
    if (!this.enter()) {
      this.depth--;
      return this.emptyType(t.start);
    }
    const node = this.typeInner(ctx, unbound, suffixes);
    this.depth--;
    return node;
  }

  protected typeInner(ctx: number, unbound: boolean, suffixes: boolean): A.TypeNode {
    const t = this.tok;
    const node = this.emptyType(t.start);
    if (t.kind === "(") {
      const open = this.i;
      const end = this.scanType(this.i, ctx);
      if (end < 0) {
        this.error("CS1031", "Type expected", t.start, t.end);
        return node;
      }
      this.advance();
      const elements: A.TypeNode[] = [];
      for (;;) {
        elements.push(this.type(TYPE_NORMAL));
        if (this.at("identifier")) this.advance();
        if (!this.eat(",")) break;
      }
      this.close(open, ")");
      node.tupleElements = elements;
    } else if (PREDEFINED_TYPES.has(t.kind)) {
      this.advance();
      node.name = t.kind;
    } else if (t.kind === "identifier") {
      let name = this.advance().value;
      for (;;) {
        if (this.at("<")) {
          if (unbound && (this.peek(1).kind === ">" || this.peek(1).kind === ",")) {
            this.advance();
            while (this.eat(","));
            this.expect(">", "CS1003", "Syntax error, '>' expected");
          } else if (this.scanTypeArgs(this.i, 0) >= 0) node.typeArguments.push(...this.typeArgumentList());
        }
        const k = this.tok.kind;
        if ((k === "." || k === "::") && this.peek(1).kind === "identifier") {
          this.advance();
          name += k + this.advance().value;
          continue;
        }
        break;
      }
      node.name = name;
    } else {
      this.error("CS1031", "Type expected", t.start, t.end);
      return node;
    }
    if (suffixes) {
      for (;;) {
        const k = this.tok.kind;
        if (k === "?" && !node.nullable) {
          if (ctx === TYPE_IS_AS && canStartExpression(this.peek(1))) break;
          this.advance();
          node.nullable = true;
          continue;
        }
        if (k === "[" || k === "?[") {
          let m = 1;
          while (this.peek(m).kind === ",") m++;
          if (this.peek(m).kind !== "]") break;
          if (k === "?[") node.nullable = true;
          node.arrayRanks.push(m);
          for (let x = 0; x <= m; x++) this.advance();
          continue;
        }
        break;
      }
    }
    node.end = this.nodeEnd();
    return node;
  }

  /** `< T, U >` (already known to be one). */
  protected typeArgumentList(): A.TypeNode[] {
    this.advance(); // <
    const args: A.TypeNode[] = [];
    for (;;) {
      args.push(this.type(TYPE_NORMAL));
      if (!this.eat(",")) break;
    }
    this.expect(">", "CS1003", "Syntax error, '>' expected");
    return args;
  }
}
