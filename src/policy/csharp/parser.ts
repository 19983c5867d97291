// Recursive-descent parser of C# policy expressions over the lexer's tokens, to the tree of ast.ts.
// Linear and safe on any input: lookahead is bounded or memoised (type scans, one memo per token), brackets are
// paired once by the lexer (Token.match) so lambdas, casts and recovery never search, nesting is capped
// (MAX_DEPTH: one error, then the rest of the expression is skipped), every loop consumes a token or exits, and
// nothing throws. Errors are in C# compiler style (code and message), at most one per position and MAX_DIAGNOSTICS
// per expression; the parser goes on after each so that the rest of the tree is still there.
import type * as A from "./ast.js";
import { tokenize } from "./lexer.js";
import { CodeReader } from "./source.js";
import { KEYWORD_SET, PREDEFINED_TYPES, type Token, TokenFlags, type TokenKind, tokenText } from "./tokens.js";

/** Nested constructs (expressions, statements, types) deeper than this are one error, not a stack overflow. */
export const MAX_DEPTH = 256;
/** Diagnostics kept per expression. */
export const MAX_DIAGNOSTICS = 20;

type Expr = A.Expression;

// Binary operator precedences (higher binds tighter).
const PREC_COALESCE = 1;
const PREC_SHIFT = 9;

const BINARY_PREC: Partial<Record<TokenKind, number>> = {
  "||": 2,
  "&&": 3,
  "|": 4,
  "^": 5,
  "&": 6,
  "==": 7,
  "!=": 7,
  "<": 8,
  ">": 8,
  "<=": 8,
  ">=": 8,
  is: 8,
  as: 8,
  "<<": 9,
  "+": 10,
  "-": 10,
  "*": 11,
  "/": 11,
  "%": 11,
};

const ASSIGNMENT: Partial<Record<TokenKind, A.AssignmentOperator>> = {
  "=": "=",
  "+=": "+=",
  "-=": "-=",
  "*=": "*=",
  "/=": "/=",
  "%=": "%=",
  "&=": "&=",
  "|=": "|=",
  "^=": "^=",
  "<<=": "<<=",
  "??=": "??=",
};

/** Keywords that can start an expression operand (`(T)new X()`, `(object)null`, `(int)string.Length`). */
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
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

/** After `name<...>`, these tokens make the `<...>` type arguments (C# spec, "grammar ambiguities"). */
const GENERIC_FOLLOW: ReadonlySet<string> = new Set([
  "(",
  ")",
  "]",
  "}",
  ":",
  ";",
  ",",
  ".",
  "?",
  "?.",
  "?[",
  "==",
  "!=",
  "|",
  "^",
  "&&",
  "||",
  "&",
  "[",
  "eof",
  "hole-close",
  "format",
]);

const QUERY_KEYWORDS: ReadonlySet<string> = new Set([
  "where",
  "select",
  "group",
  "by",
  "orderby",
  "ascending",
  "descending",
  "join",
  "on",
  "equals",
  "into",
  "let",
  "from",
]);

/** Type-scan contexts: after `is`/`as`, a `?` followed by an expression is the conditional operator. */
const TYPE_NORMAL = 0;
const TYPE_IS_AS = 1;
/** scanType result flags. */
const DEFINITE = 1; // cannot be an expression: predefined keyword, type arguments, `?`, `[]`, tuple
const NULLABLE = 2; // took a `?`

type PatternContext = "is" | "case" | "arm";

export class Parser {
  private readonly t: Token[];
  /** Index of the eof token (the last one). */
  private readonly n: number;
  private i = 0;
  private depth = 0;
  private tooDeep = false;
  private queryDepth = 0;
  readonly diagnostics: A.CsDiagnostic[] = [];
  private readonly reported = new Set<number>();
  private lastErrorAt = -1;
  /** The offset of the last placeholder node (Missing, empty type) made: see nodeEnd. */
  private placeholderAt = -1;
  private readonly reader: CodeReader;
  /** scanType memo per context and token: -2 unknown, -1 not a type, else the index after it. */
  private readonly typeMemo: Int32Array;
  private readonly typeFlags: Uint8Array;
  /** Type-argument-list memo per `<` token. */
  private readonly typeArgMemo: Int32Array;
  private scanFlags = 0;
  /** Units of work done (tokens read, type-scan calls and tokens looked at): what the linearity tests count. */
  steps = 0;
  private newerReported = new Set<string>();

  constructor(
    text: string,
    tokens: Token[],
    codeStart: number,
    codeLimit: number,
    /** The closing delimiter, for messages at the end (`Invalid expression term ')'`). */
    private readonly closer: string,
  ) {
    this.t = tokens;
    this.n = tokens.length - 1;
    this.reader = new CodeReader(text, codeStart, codeLimit);
    this.typeMemo = new Int32Array(2 * tokens.length).fill(-2);
    this.typeFlags = new Uint8Array(2 * tokens.length);
    this.typeArgMemo = new Int32Array(tokens.length).fill(-2);
  }

  // ---- entry points ----

  /** `@( )`: exactly one expression. */
  parseInline(): Expr {
    if (this.at("eof")) {
      const t = this.tok;
      this.error("CS1525", `Invalid expression term '${this.closer}'`, t.start, t.end);
      return this.missing(t.start);
    }
    const e = this.parseExpression();
    // Whatever follows the expression (a `;`, a second expression) has no place in `@( )`.
    if (!this.at("eof")) this.errorAfterPrevious("CS1026", ") expected");
    return e;
  }

  /** `@{ }`: the statements of the block [start, end). */
  parseBlock(start: number, end: number): A.Block {
    const statements = this.parseStatements(false);
    return { kind: "Block", start, end, statements };
  }

  // ---- token helpers ----

  private get tok(): Token {
    return this.t[this.i] as Token;
  }

  private peek(k: number): Token {
    return this.t[Math.min(this.i + k, this.n)] as Token;
  }

  private at(kind: TokenKind): boolean {
    return (this.t[this.i] as Token).kind === kind;
  }

  private atWord(word: string): boolean {
    const t = this.t[this.i] as Token;
    return t.kind === "identifier" && t.value === word && (t.flags & TokenFlags.VERBATIM) === 0;
  }

  private advance(): Token {
    const t = this.t[this.i] as Token;
    this.steps++;
    if (this.i < this.n) this.i++;
    return t;
  }

  private eat(kind: TokenKind): boolean {
    if (!this.at(kind)) return false;
    this.advance();
    return true;
  }

  /** End of the last token read (the start of the current one when none was read yet). */
  private prevEnd(): number {
    return this.i > 0 ? (this.t[this.i - 1] as Token).end : this.tok.start;
  }

  /**
   * Where a node that ends here ends: after the last token read, or at a placeholder put after it (a Missing at
   * the next token, for `(a +` at the end), so that every node lies inside its parent.
   */
  private nodeEnd(): number {
    const e = this.prevEnd();
    return Math.max(this.placeholderAt, e);
  }

  /** What stands where an expression was expected and none could be read (an error was reported). */
  private missing(at: number): A.Missing {
    if (at > this.placeholderAt) this.placeholderAt = at;
    return { kind: "Missing", start: at, end: at };
  }

  /** The type where none could be read. */
  private emptyType(at: number): A.TypeNode {
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

  private error(code: string, message: string, start: number, end: number): void {
    // Past the nesting limit the rest is skipped: what it would report is noise.
    if (this.tooDeep && code !== "CS8078") return;
    if (this.reported.has(start) || this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.reported.add(start);
    this.lastErrorAt = start;
    this.diagnostics.push({ code, message, severity: "error", start, end });
  }

  /**
   * C# reports a missing token at the end of the token before it. Not when an error was just reported at or
   * after that place: a missing `)` after `x as 1` is the same mistake as the `Type expected` at the `1`.
   */
  private errorAfterPrevious(code: string, message: string): void {
    const at = this.prevEnd();
    if (this.lastErrorAt >= at) return;
    this.error(code, message, at, at);
  }

  private newer(feature: string, version: number, start: number, end: number): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    // One warning per feature and place.
    const key = `${feature}@${start}`;
    if (this.newerReported.has(key)) return;
    this.newerReported.add(key);
    this.diagnostics.push({
      code: "newer-syntax",
      message: `${feature} is C# ${version} syntax; APIM policy expressions are C# 7 (unverified)`,
      severity: "warning",
      start,
      end,
    });
  }

  private expect(kind: TokenKind, code: string, message: string): boolean {
    if (this.eat(kind)) return true;
    this.errorAfterPrevious(code, message);
    return false;
  }

  /**
   * Expects the closer of the bracket at token `open`. When something else comes first, reports it and skips to
   * that closer (the lexer paired them), so that one mistake is one error.
   */
  private close(open: number, kind: TokenKind): number {
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
  private enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      const t = this.tok;
      this.error("CS8078", "expression nested too deeply", t.start, t.end);
    }
    this.i = this.n;
    return false;
  }

  private tokenName(t: Token): string {
    return t.kind === "eof" ? this.closer : tokenText(t);
  }

  private invalidTerm(): Expr {
    const t = this.tok;
    this.error("CS1525", `Invalid expression term '${this.tokenName(t)}'`, t.start, t.end);
    return this.missing(t.start);
  }

  private identifier(): { name: string; start: number; end: number } {
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
  private newLineBefore(): boolean {
    const from = this.prevEnd();
    const to = this.tok.start;
    const text = this.reader.text;
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  // ---- expressions ----

  parseExpression(): Expr {
    if (!this.enter()) {
      this.depth--;
      return this.missing(this.tok.start);
    }
    const e = this.expression();
    this.depth--;
    return e;
  }

  private expression(): Expr {
    const t = this.tok;
    if (t.kind === "identifier") {
      const next = this.peek(1).kind;
      if (next === "=>") return this.lambdaSingle(t.start);
      if (t.value === "from" && this.isQueryStart()) return this.query();
      if (t.value === "async" && (this.peek(2).kind === "=>" || this.isLambdaParen(this.i + 1))) {
        this.advance(); // an async lambda: read as the lambda (APIM has nothing to await)
        return this.expression();
      }
    } else if (t.kind === "(") {
      if (this.isLambdaParen(this.i)) return this.lambdaParen(t.start);
    } else if (t.kind === "static") {
      const n1 = this.peek(1);
      if ((n1.kind === "identifier" && this.peek(2).kind === "=>") || this.isLambdaParen(this.i + 1)) {
        this.advance();
        const lambda = this.expression();
        this.newer("a static lambda", 9, t.start, lambda.end);
        if (lambda.kind === "Lambda") lambda.start = t.start;
        return lambda;
      }
    }
    const left = this.conditional();
    let op = ASSIGNMENT[this.tok.kind];
    let width = 1;
    if (op === undefined && this.at(">")) {
      const n1 = this.peek(1);
      if (n1.kind === ">=" && n1.start === this.tok.end) {
        op = ">>=";
        width = 2;
      }
    }
    if (op === undefined) return left;
    const opToken = this.tok;
    for (let k = 0; k < width; k++) this.advance();
    const value = this.parseExpression();
    if (op === "??=") this.newer("the ??= operator", 8, opToken.start, opToken.end);
    return { kind: "Assignment", start: left.start, end: value.end, operator: op, target: left, value };
  }

  private isLambdaParen(index: number): boolean {
    const open = this.t[index] as Token;
    if (open.kind !== "(" || open.match < 0) return false;
    const close = this.t[open.match] as Token;
    return close.kind === ")" && (this.t[Math.min(open.match + 1, this.n)] as Token).kind === "=>";
  }

  private conditional(): Expr {
    const test = this.binary(PREC_COALESCE);
    if (!this.at("?")) return test;
    this.advance();
    const consequent = this.parseExpression();
    let alternate: Expr;
    if (this.eat(":")) alternate = this.parseExpression();
    else {
      if (this.at("format")) {
        this.error(
          "CS8361",
          "A conditional expression cannot be used directly in a string interpolation because the ':' ends the interpolation. Parenthesize the conditional expression.",
          test.start,
          this.tok.start,
        );
      } else this.errorAfterPrevious("CS1003", "Syntax error, ':' expected");
      alternate = this.missing(this.nodeEnd());
    }
    return { kind: "Conditional", start: test.start, end: alternate.end, test, consequent, alternate };
  }

  /** Binary operators of precedence >= minPrec (`??` right-associative, the others left). */
  private binary(minPrec: number): Expr {
    let left = this.operand();
    for (;;) {
      const t = this.tok;
      let kind = t.kind;
      if (kind === "??") {
        if (minPrec > PREC_COALESCE) break;
        // Right-associative: collect the chain and fold it from the right (no recursion per operand).
        const operands: Expr[] = [left];
        while (this.eat("??")) operands.push(this.binary(PREC_COALESCE + 1));
        let right = operands.pop() as Expr;
        while (operands.length > 0) {
          const l = operands.pop() as Expr;
          right = { kind: "Binary", start: l.start, end: right.end, operator: "??", left: l, right };
        }
        left = right;
        continue;
      }
      let width = 1;
      if (kind === ">") {
        // `>` `>` written together is a shift; `>` `>=` is `>>=` (an assignment, not ours).
        const n1 = this.peek(1);
        if (n1.start === t.end && n1.kind === ">") {
          kind = "<<"; // same precedence as `>>`
          width = 2;
        } else if (n1.start === t.end && n1.kind === ">=") break;
      }
      const prec = BINARY_PREC[kind];
      if (prec === undefined || prec < minPrec) break;
      if (t.kind === "is") {
        this.advance();
        const pattern = this.pattern("is");
        left = { kind: "Is", start: left.start, end: pattern.end, expression: left, pattern };
        continue;
      }
      if (t.kind === "as") {
        this.advance();
        const type = this.type(TYPE_IS_AS);
        left = { kind: "As", start: left.start, end: type.end, expression: left, type };
        continue;
      }
      const operator = (width === 2 ? ">>" : t.kind) as A.BinaryOperator;
      for (let k = 0; k < width; k++) this.advance();
      const right = this.binary(prec + 1);
      left = { kind: "Binary", start: left.start, end: right.end, operator, left, right };
    }
    return left;
  }

  /** A unary expression with the C# 8+ forms that bind tighter than `*`: ranges, switch and with expressions. */
  private operand(): Expr {
    let e: Expr;
    if (this.at("..")) {
      const dots = this.advance();
      const children: Expr[] = [];
      if (canStartExpression(this.tok)) children.push(this.unary());
      e = { kind: "UnsupportedExpression", start: dots.start, end: this.nodeEnd(), feature: "range", children };
      this.newer("a range expression", 8, e.start, e.end);
    } else e = this.unary();
    if (this.at("..")) {
      this.advance();
      const children: Expr[] = [e];
      if (canStartExpression(this.tok)) children.push(this.unary());
      e = { kind: "UnsupportedExpression", start: e.start, end: this.nodeEnd(), feature: "range", children };
      this.newer("a range expression", 8, e.start, e.end);
    }
    for (;;) {
      if (this.at("switch") && this.peek(1).kind === "{") e = this.switchExpression(e);
      else if (this.atWord("with") && this.peek(1).kind === "{") e = this.withExpression(e);
      else return e;
    }
  }

  /** An operand of a prefix operator or a cast: one more level of nesting (`- - - x`, `(T)(T)x`). */
  private nestedUnary(): Expr {
    if (!this.enter()) {
      this.depth--;
      return this.missing(this.tok.start);
    }
    const e = this.unary();
    this.depth--;
    return e;
  }

  private unary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case "+":
      case "-":
      case "!":
      case "~":
      case "++":
      case "--": {
        this.advance();
        const operand = this.nestedUnary();
        return { kind: "Unary", start: t.start, end: operand.end, operator: t.kind, operand, prefix: true };
      }
      case "^": {
        this.advance();
        const operand = this.nestedUnary();
        this.newer("the index-from-end operator ^", 8, t.start, operand.end);
        return {
          kind: "UnsupportedExpression",
          start: t.start,
          end: operand.end,
          feature: "index from end",
          children: [operand],
        };
      }
      case "&":
      case "*": {
        this.advance();
        const operand = this.nestedUnary();
        this.error("CS0214", "Pointers and fixed size buffers may only be used in an unsafe context", t.start, t.end);
        return {
          kind: "UnsupportedExpression",
          start: t.start,
          end: operand.end,
          feature: "pointer",
          children: [operand],
        };
      }
      case "throw": {
        this.advance();
        const expression = this.binary(PREC_COALESCE);
        return { kind: "ThrowExpression", start: t.start, end: expression.end, expression };
      }
      case "(": {
        const cast = this.tryCast();
        if (cast !== undefined) return cast;
        break;
      }
    }
    return this.postfix(this.primary());
  }

  /** `(T)x` by C#'s rule: the parentheses hold exactly a type, and what follows can only be an operand. */
  private tryCast(): Expr | undefined {
    const open = this.tok;
    const openIndex = this.i;
    const close = open.match;
    if (close <= this.i || (this.t[close] as Token).kind !== ")") return undefined;
    if (this.scanType(this.i + 1, TYPE_NORMAL) !== close) return undefined;
    const definite = (this.scanFlags & DEFINITE) !== 0;
    const next = this.t[Math.min(close + 1, this.n)] as Token;
    let cast = false;
    switch (next.kind) {
      case "~":
      case "!":
      case "(":
      case "number":
      case "string-literal":
      case "char-literal":
      case "interp-open":
      case "named-value":
        cast = true;
        break;
      case "identifier":
        cast = !(this.queryDepth > 0 && QUERY_KEYWORDS.has(next.value)) && next.value !== "when";
        break;
      case "-":
      case "+":
      case "++":
      case "--":
        cast = definite;
        break;
      default:
        cast = EXPRESSION_KEYWORDS.has(next.kind);
    }
    if (!cast) return undefined;
    this.advance();
    const type = this.type(TYPE_NORMAL);
    this.close(openIndex, ")");
    const expression = this.nestedUnary();
    return { kind: "Cast", start: open.start, end: expression.end, type, expression };
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case "number":
        this.advance();
        return this.literal(t, "number", t.value);
      case "string-literal":
        this.advance();
        if ((t.flags & TokenFlags.INTERPOLATED) !== 0) {
          return { kind: "UnsupportedExpression", start: t.start, end: t.end, feature: "raw string", children: [] };
        }
        return this.literal(t, "string", t.value);
      case "char-literal":
        this.advance();
        return this.literal(t, "char", t.value);
      case "true":
      case "false":
      case "null":
        this.advance();
        return this.literal(t, t.kind, undefined);
      case "interp-open":
        return this.interpolated();
      case "named-value":
        this.advance();
        return { kind: "NamedValue", start: t.start, end: t.end, name: t.value };
      case "identifier":
        return this.name();
      case "(":
        return this.parenthesized();
      case "new":
        return this.creation();
      case "typeof": {
        this.advance();
        const open = this.i;
        this.expect("(", "CS1003", "Syntax error, '(' expected");
        const type = this.type(TYPE_NORMAL, true);
        const end = this.close(open, ")");
        return { kind: "TypeOf", start: t.start, end, type };
      }
      case "default": {
        this.advance();
        if (!this.at("(")) return { kind: "Default", start: t.start, end: t.end, type: undefined };
        const open = this.i;
        this.advance();
        const type = this.type(TYPE_NORMAL);
        const end = this.close(open, ")");
        return { kind: "Default", start: t.start, end, type };
      }
      case "checked":
      case "unchecked": {
        this.advance();
        const open = this.i;
        this.expect("(", "CS1003", "Syntax error, '(' expected");
        const expression = this.parseExpression();
        const end = this.close(open, ")");
        return { kind: "CheckedExpression", start: t.start, end, checked: t.kind === "checked", expression };
      }
      case "this":
      case "base":
        this.advance();
        return { kind: "This", start: t.start, end: t.end, base: t.kind === "base" };
      case "delegate":
        return this.anonymousMethod();
      default:
        if (PREDEFINED_TYPES.has(t.kind)) {
          // `string.Join`, `int.Parse`: the keyword names the type.
          this.advance();
          return { kind: "Identifier", start: t.start, end: t.end, name: t.kind, typeArguments: [], keyword: true };
        }
        return this.invalidTerm();
    }
  }

  private literal(t: Token, literalKind: A.LiteralKind, value: string | undefined): A.Literal {
    return {
      kind: "Literal",
      start: t.start,
      end: t.end,
      literalKind,
      value,
      numberType: t.numberType,
      verbatim: (t.flags & TokenFlags.VERBATIM) !== 0,
      raw: this.reader.decode(t.start, t.end),
    };
  }

  /** A simple name, with type arguments when C#'s rule says `<...>` is a list of them. */
  private name(): A.Identifier {
    const t = this.advance();
    const typeArguments = this.typeArgumentsIfGeneric();
    return { kind: "Identifier", start: t.start, end: this.nodeEnd(), name: t.value, typeArguments, keyword: false };
  }

  private typeArgumentsIfGeneric(): A.TypeNode[] {
    if (!this.at("<")) return [];
    const end = this.scanTypeArgs(this.i, 0);
    if (end < 0 || !GENERIC_FOLLOW.has((this.t[end] as Token).kind)) return [];
    return this.typeArgumentList();
  }

  private postfix(start: Expr): Expr {
    let e = start;
    for (;;) {
      const t = this.tok;
      switch (t.kind) {
        case ".":
        case "?.":
        case "::":
        case "->": {
          this.advance();
          if (t.kind === "->")
            this.error(
              "CS0214",
              "Pointers and fixed size buffers may only be used in an unsafe context",
              t.start,
              t.end,
            );
          const name = this.memberName();
          const typeArguments = this.typeArgumentsIfGeneric();
          e = {
            kind: "MemberAccess",
            start: e.start,
            end: this.nodeEnd(),
            object: e,
            name: name.name,
            nameStart: name.start,
            nameEnd: name.end,
            typeArguments,
            conditional: t.kind === "?.",
          };
          break;
        }
        case "(": {
          const args = this.argumentList(")");
          e = { kind: "Invocation", start: e.start, end: this.nodeEnd(), callee: e, arguments: args };
          break;
        }
        case "[":
        case "?[": {
          const args = this.argumentList("]");
          e = {
            kind: "ElementAccess",
            start: e.start,
            end: this.nodeEnd(),
            object: e,
            arguments: args,
            conditional: t.kind === "?[",
          };
          break;
        }
        case "++":
        case "--":
          this.advance();
          e = { kind: "Unary", start: e.start, end: t.end, operator: t.kind, operand: e, prefix: false };
          break;
        case "!":
          this.advance();
          this.newer("the null-forgiving operator !", 8, t.start, t.end);
          e = { kind: "UnsupportedExpression", start: e.start, end: t.end, feature: "null-forgiving", children: [e] };
          break;
        default:
          return e;
      }
    }
  }

  private memberName(): { name: string; start: number; end: number } {
    const t = this.tok;
    if (t.kind === "identifier") {
      this.advance();
      return { name: t.value, start: t.start, end: t.end };
    }
    this.error("CS1001", "Identifier expected", t.start, t.end);
    const at = this.prevEnd();
    return { name: "", start: at, end: at };
  }

  /** `( args )` or `[ args ]` from the current opener. */
  private argumentList(closer: ")" | "]"): A.Argument[] {
    const open = this.i;
    this.advance();
    const args: A.Argument[] = [];
    if (!this.at(closer)) {
      for (;;) {
        args.push(this.argument());
        if (!this.eat(",")) break;
      }
    }
    this.close(open, closer);
    return args;
  }

  private argument(): A.Argument {
    const start = this.tok.start;
    let name: string | undefined;
    if (this.at("identifier") && this.peek(1).kind === ":") {
      name = this.advance().value;
      this.advance();
    }
    let modifier: A.Argument["modifier"];
    const k = this.tok.kind;
    if (k === "out" || k === "ref" || k === "in") {
      modifier = k;
      this.advance();
    }
    let value: Expr | undefined;
    if (modifier === "out") value = this.declarationExpression();
    value ??= this.parseExpression();
    return { kind: "Argument", start, end: value.end, name, modifier, value };
  }

  /** `out var x` / `out T x` (C# 7), when that is what follows. */
  private declarationExpression(): A.DeclarationExpression | undefined {
    const t = this.tok;
    const follows = (k: number): boolean => {
      const kind = (this.t[Math.min(k, this.n)] as Token).kind;
      return kind === "," || kind === ")" || kind === "]";
    };
    if (t.kind === "identifier" && t.value === "var" && this.peek(1).kind === "identifier" && follows(this.i + 2)) {
      this.advance();
      const name = this.advance();
      return { kind: "DeclarationExpression", start: t.start, end: name.end, type: undefined, name: name.value };
    }
    const end = this.scanType(this.i, TYPE_NORMAL);
    if (end < 0 || (this.t[end] as Token).kind !== "identifier" || !follows(end + 1)) return undefined;
    const type = this.type(TYPE_NORMAL);
    const name = this.advance();
    return { kind: "DeclarationExpression", start: t.start, end: name.end, type, name: name.value };
  }

  private parenthesized(): Expr {
    const open = this.tok;
    const openIndex = this.i;
    this.advance();
    if (this.at(")")) {
      const e = this.invalidTerm();
      this.advance();
      return e;
    }
    const first = this.tupleElement();
    if (!this.at(",")) {
      const end = this.close(openIndex, ")");
      return { kind: "Parenthesized", start: open.start, end, expression: first.value };
    }
    const elements = [first];
    while (this.eat(",")) elements.push(this.tupleElement());
    const end = this.close(openIndex, ")");
    return { kind: "Tuple", start: open.start, end, elements };
  }

  private tupleElement(): A.Argument {
    const start = this.tok.start;
    let name: string | undefined;
    if (this.at("identifier") && this.peek(1).kind === ":") {
      name = this.advance().value;
      this.advance();
    }
    const value = this.parseExpression();
    return { kind: "Argument", start, end: value.end, name, modifier: undefined, value };
  }

  private interpolated(): A.InterpolatedString {
    const open = this.advance();
    const parts: (A.InterpolatedText | A.Interpolation)[] = [];
    let end = open.end;
    for (;;) {
      const t = this.tok;
      if (t.kind === "interp-text") {
        this.advance();
        parts.push({ kind: "InterpolatedText", start: t.start, end: t.end, value: t.value });
        end = t.end;
      } else if (t.kind === "hole-open") {
        const hole = this.hole();
        parts.push(hole);
        end = hole.end;
      } else {
        // The closing quote; anything else means the lexer cut the string short (and said so).
        if (t.kind === "interp-close") {
          this.advance();
          end = t.end;
        }
        break;
      }
    }
    return {
      kind: "InterpolatedString",
      start: open.start,
      end,
      verbatim: (open.flags & TokenFlags.VERBATIM) !== 0,
      parts,
    };
  }

  private hole(): A.Interpolation {
    const open = this.advance();
    let expression: Expr;
    if (this.at("hole-close") || this.at("format") || this.at(",")) {
      const t = this.tok;
      this.error("CS1733", "Expected expression", t.start, t.end);
      expression = this.missing(t.start);
    } else expression = this.parseExpression();
    let alignment: Expr | undefined;
    if (this.eat(",")) alignment = this.parseExpression();
    let format: string | undefined;
    if (this.at("format")) format = this.advance().value;
    let end: number;
    if (this.at("hole-close")) end = this.advance().end;
    else {
      const m = open.match;
      if (m > this.i) {
        // `$"{a b}"`: skip to the `}` the lexer paired with this hole.
        this.errorAfterPrevious("CS1513", "} expected");
        this.i = m;
        end = this.advance().end;
      } else end = this.nodeEnd(); // never closed: the lexer reported it
    }
    return { kind: "Interpolation", start: open.start, end, expression, alignment, format };
  }

  // ---- lambdas and queries ----

  private lambdaSingle(start: number): A.Lambda {
    const p = this.advance();
    this.advance(); // =>
    const parameters: A.Parameter[] = [
      { kind: "Parameter", start: p.start, end: p.end, name: p.value, type: undefined, modifier: undefined },
    ];
    const body = this.lambdaBody();
    return { kind: "Lambda", start, end: body.end, parameters, body };
  }

  private lambdaParen(start: number): A.Lambda {
    const parameters = this.parameterList();
    this.expect("=>", "CS1003", "Syntax error, '=>' expected");
    const body = this.lambdaBody();
    return { kind: "Lambda", start, end: body.end, parameters, body };
  }

  private lambdaBody(): Expr | A.Block {
    return this.at("{") ? this.block() : this.parseExpression();
  }

  /** `( [modifier] [Type] name, ... )` of a lambda, an anonymous method or a local function. */
  private parameterList(): A.Parameter[] {
    const open = this.i;
    this.expect("(", "CS1003", "Syntax error, '(' expected");
    const parameters: A.Parameter[] = [];
    if (!this.at(")")) {
      for (;;) {
        const start = this.tok.start;
        let modifier: A.Parameter["modifier"];
        const k = this.tok.kind;
        if (k === "out" || k === "ref" || k === "in") {
          modifier = k;
          this.advance();
        } else if (k === "params" || k === "this") this.advance();
        let type: A.TypeNode | undefined;
        const next = this.peek(1).kind;
        if (!(this.at("identifier") && (next === "," || next === ")" || next === "="))) type = this.type(TYPE_NORMAL);
        const name = this.identifier();
        if (this.eat("=")) this.parseExpression(); // a default value (local functions)
        parameters.push({ kind: "Parameter", start, end: this.nodeEnd(), name: name.name, type, modifier });
        if (!this.eat(",")) break;
      }
    }
    this.close(open, ")");
    return parameters;
  }

  /** `delegate (params) { ... }` (C# 2), as the lambda it is. */
  private anonymousMethod(): A.Lambda {
    const t = this.advance();
    const parameters = this.at("(") ? this.parameterList() : [];
    const body = this.block();
    return { kind: "Lambda", start: t.start, end: body.end, parameters, body };
  }

  /** `from` starts a query when followed by `name in` or `Type name in`. */
  private isQueryStart(): boolean {
    const a = this.peek(1);
    if (a.kind === "identifier" && this.peek(2).kind === "in") return true;
    const end = this.scanType(this.i + 1, TYPE_NORMAL);
    return (
      end > 0 &&
      (this.t[end] as Token).kind === "identifier" &&
      (this.t[Math.min(end + 1, this.n)] as Token).kind === "in"
    );
  }

  private query(): A.Query {
    const start = this.tok.start;
    this.queryDepth++;
    const clauses: A.QueryClause[] = [this.fromClause()];
    let ended = false;
    for (;;) {
      const t = this.tok;
      const word = t.kind === "identifier" ? t.value : "";
      if (ended) {
        if (word !== "into") break;
        this.advance();
        const name = this.identifier();
        clauses.push({ kind: "IntoClause", start: t.start, end: name.end, name: name.name });
        ended = false;
        continue;
      }
      if (word === "from") clauses.push(this.fromClause());
      else if (word === "let") {
        this.advance();
        const name = this.identifier();
        this.expect("=", "CS1003", "Syntax error, '=' expected");
        const value = this.parseExpression();
        clauses.push({ kind: "LetClause", start: t.start, end: value.end, name: name.name, value });
      } else if (word === "where") {
        this.advance();
        const condition = this.parseExpression();
        clauses.push({ kind: "WhereClause", start: t.start, end: condition.end, condition });
      } else if (word === "join") clauses.push(this.joinClause());
      else if (word === "orderby") {
        this.advance();
        const orderings: { expression: Expr; descending: boolean }[] = [];
        for (;;) {
          const expression = this.parseExpression();
          let descending = false;
          if (this.atWord("descending")) {
            descending = true;
            this.advance();
          } else if (this.atWord("ascending")) this.advance();
          orderings.push({ expression, descending });
          if (!this.eat(",")) break;
        }
        clauses.push({ kind: "OrderByClause", start: t.start, end: this.nodeEnd(), orderings });
      } else if (word === "select") {
        this.advance();
        const value = this.parseExpression();
        clauses.push({ kind: "SelectClause", start: t.start, end: value.end, value });
        ended = true;
      } else if (word === "group") {
        this.advance();
        const value = this.parseExpression();
        if (this.atWord("by")) this.advance();
        else this.errorAfterPrevious("CS1003", "Syntax error, 'by' expected");
        const key = this.parseExpression();
        clauses.push({ kind: "GroupClause", start: t.start, end: key.end, value, key });
        ended = true;
      } else break;
    }
    if (!ended) this.errorAfterPrevious("CS0742", "A query body must end with a select clause or a group clause");
    this.queryDepth--;
    return { kind: "Query", start, end: this.nodeEnd(), clauses };
  }

  /** `from [Type] name in source` (also `join`'s head). */
  private rangeVariable(): { type: A.TypeNode | undefined; name: string; source: Expr } {
    let type: A.TypeNode | undefined;
    if (!(this.at("identifier") && this.peek(1).kind === "in")) type = this.type(TYPE_NORMAL);
    const name = this.identifier();
    this.expect("in", "CS1515", "'in' expected");
    const source = this.parseExpression();
    return { type, name: name.name, source };
  }

  private fromClause(): A.QueryClause {
    const start = this.advance().start;
    const { type, name, source } = this.rangeVariable();
    return { kind: "FromClause", start, end: source.end, type, name, source };
  }

  private joinClause(): A.QueryClause {
    const start = this.advance().start;
    const { type, name, source } = this.rangeVariable();
    if (this.atWord("on")) this.advance();
    else this.errorAfterPrevious("CS1003", "Syntax error, 'on' expected");
    const left = this.parseExpression();
    if (this.atWord("equals")) this.advance();
    else this.errorAfterPrevious("CS1003", "Syntax error, 'equals' expected");
    const right = this.parseExpression();
    let into: string | undefined;
    if (this.atWord("into")) {
      this.advance();
      into = this.identifier().name;
    }
    return { kind: "JoinClause", start, end: this.nodeEnd(), type, name, source, left, right, into };
  }

  // ---- object creation ----

  private creation(): Expr {
    const t = this.advance(); // new
    const start = t.start;
    const k = this.tok.kind;
    if (k === "(") {
      const args = this.argumentList(")");
      const initializer = this.at("{") ? this.objectOrCollectionInitializer() : undefined;
      const end = this.nodeEnd();
      this.newer("a target-typed new()", 9, start, end);
      return { kind: "ObjectCreation", start, end, type: undefined, arguments: args, initializer };
    }
    if (k === "[") {
      // new[] { ... }
      const ranks = [this.rankSpecifier()];
      const initializer = this.at("{") ? this.arrayInitializer() : undefined;
      if (!initializer) this.errorAfterPrevious("CS1514", "{ expected");
      return {
        kind: "ArrayCreation",
        start,
        end: this.nodeEnd(),
        elementType: undefined,
        sizes: [],
        ranks,
        initializer,
      };
    }
    if (k === "{") {
      return this.anonymousObject(start);
    }
    const type = this.type(TYPE_NORMAL, false, false);
    if (type.name === "" && type.tupleElements === undefined) {
      return { kind: "ObjectCreation", start, end: this.nodeEnd(), type, arguments: undefined, initializer: undefined };
    }
    if (this.at("[") || this.at("?[")) {
      if (this.at("?[")) type.nullable = true;
      const sizes: A.Expression[] = [];
      const ranks: number[] = [];
      const first = this.i;
      const afterOpen = this.peek(1).kind;
      if (afterOpen === "]" || afterOpen === ",") ranks.push(this.rankSpecifier());
      else {
        this.advance();
        for (;;) {
          sizes.push(this.parseExpression());
          if (!this.eat(",")) break;
        }
        this.close(first, "]");
        ranks.push(sizes.length);
      }
      while (this.at("[") && (this.peek(1).kind === "]" || this.peek(1).kind === ",")) ranks.push(this.rankSpecifier());
      const initializer = this.at("{") ? this.arrayInitializer() : undefined;
      if (!initializer && sizes.length === 0) this.errorAfterPrevious("CS1514", "{ expected");
      return { kind: "ArrayCreation", start, end: this.nodeEnd(), elementType: type, sizes, ranks, initializer };
    }
    let args: A.Argument[] | undefined;
    if (this.at("(")) args = this.argumentList(")");
    let initializer: A.ObjectInitializer | A.CollectionInitializer | undefined;
    if (this.at("{")) initializer = this.objectOrCollectionInitializer();
    if (!args && !initializer) {
      this.errorAfterPrevious("CS1526", "A new expression requires an argument list or (), [], or {} after type");
    }
    return { kind: "ObjectCreation", start, end: this.nodeEnd(), type, arguments: args, initializer };
  }

  /** `[` `,`* `]`: the rank. */
  private rankSpecifier(): number {
    const open = this.i;
    this.advance();
    let rank = 1;
    while (this.eat(",")) rank++;
    this.close(open, "]");
    return rank;
  }

  private anonymousObject(start: number): A.AnonymousObjectCreation {
    const open = this.i;
    this.advance();
    const members: A.AnonymousObjectCreation["members"] = [];
    while (!this.at("}") && !this.at("eof")) {
      const s = this.tok.start;
      let name: string | undefined;
      if (this.at("identifier") && this.peek(1).kind === "=") {
        name = this.advance().value;
        this.advance();
      }
      const before = this.i;
      const value = this.parseExpression();
      members.push({ name, value, start: s, end: value.end });
      if (!this.eat(",")) break;
      if (this.i === before) break;
    }
    this.close(open, "}");
    return { kind: "AnonymousObjectCreation", start, end: this.nodeEnd(), members };
  }

  /** `{ Name = v, [k] = v }` or `{ a, { k, v } }`, told apart by the first element. */
  private objectOrCollectionInitializer(): A.ObjectInitializer | A.CollectionInitializer {
    const first = this.peek(1);
    const second = this.peek(2);
    if (first.kind === "}" || first.kind === "[" || (first.kind === "identifier" && second.kind === "=")) {
      return this.objectInitializer();
    }
    return this.collectionInitializer();
  }

  private objectInitializer(): A.ObjectInitializer {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "ObjectInitializer", start: at, end: at, members: [] };
    }
    const open = this.i;
    const start = this.advance().start;
    const members: A.MemberInitializer[] = [];
    while (!this.at("}") && !this.at("eof")) {
      const s = this.tok.start;
      let name: string | undefined;
      let index: A.Argument[] | undefined;
      if (this.at("[")) index = this.argumentList("]");
      else name = this.identifier().name;
      this.expect("=", "CS1003", "Syntax error, '=' expected");
      const value = this.at("{") ? this.objectOrCollectionInitializer() : this.parseExpression();
      members.push({ kind: "MemberInitializer", start: s, end: value.end, name, index, value });
      if (!this.eat(",")) break;
    }
    const end = this.close(open, "}");
    this.depth--;
    return { kind: "ObjectInitializer", start, end, members };
  }

  private collectionInitializer(): A.CollectionInitializer {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "CollectionInitializer", start: at, end: at, elements: [] };
    }
    const open = this.i;
    const start = this.advance().start;
    const elements: (Expr | A.CollectionInitializer)[] = [];
    while (!this.at("}") && !this.at("eof")) {
      const before = this.i;
      elements.push(this.at("{") ? this.collectionInitializer() : this.parseExpression());
      if (!this.eat(",") || this.i === before) break;
    }
    const end = this.close(open, "}");
    this.depth--;
    return { kind: "CollectionInitializer", start, end, elements };
  }

  private arrayInitializer(): A.ArrayInitializer {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "ArrayInitializer", start: at, end: at, elements: [] };
    }
    const open = this.i;
    const start = this.advance().start;
    const elements: (Expr | A.ArrayInitializer)[] = [];
    while (!this.at("}") && !this.at("eof")) {
      const before = this.i;
      elements.push(this.at("{") ? this.arrayInitializer() : this.parseExpression());
      if (!this.eat(",") || this.i === before) break;
    }
    const end = this.close(open, "}");
    this.depth--;
    return { kind: "ArrayInitializer", start, end, elements };
  }

  // ---- C# 8+ expressions, read over ----

  private switchExpression(subject: Expr): Expr {
    const start = subject.start;
    const kw = this.advance();
    const open = this.i;
    this.advance(); // {
    const children: Expr[] = [subject];
    while (!this.at("}") && !this.at("eof")) {
      const before = this.i;
      this.collectPattern(this.pattern("arm"), children);
      if (this.atWord("when")) {
        this.advance();
        children.push(this.parseExpression());
      }
      this.expect("=>", "CS1003", "Syntax error, '=>' expected");
      children.push(this.parseExpression());
      if (!this.eat(",") || this.i === before) break;
    }
    const end = this.close(open, "}");
    this.newer("a switch expression", 8, kw.start, kw.end);
    return { kind: "UnsupportedExpression", start, end, feature: "switch expression", children };
  }

  private withExpression(subject: Expr): Expr {
    const kw = this.advance();
    const init = this.objectInitializer();
    const children: Expr[] = [subject];
    for (const m of init.members)
      if (m.value.kind !== "ObjectInitializer" && m.value.kind !== "CollectionInitializer") children.push(m.value);
    this.newer("a with expression", 9, kw.start, kw.end);
    return { kind: "UnsupportedExpression", start: subject.start, end: init.end, feature: "with expression", children };
  }

  private collectPattern(p: A.Pattern, into: Expr[]): void {
    if (p.kind === "ConstantPattern") into.push(p.expression);
    else if (p.kind === "UnsupportedPattern" && p.children) into.push(...p.children);
  }

  // ---- patterns ----

  private pattern(ctx: PatternContext): A.Pattern {
    let p = this.primaryPattern(ctx);
    while ((this.atWord("and") || this.atWord("or")) && canStartPattern(this.peek(1))) {
      const op = this.advance();
      const right = this.primaryPattern(ctx);
      const children: Expr[] = [];
      this.collectPattern(p, children);
      this.collectPattern(right, children);
      this.newer(`the '${op.value}' pattern combinator`, 9, op.start, op.end);
      p = { kind: "UnsupportedPattern", start: p.start, end: right.end, feature: "pattern combinator", children };
    }
    return p;
  }

  private primaryPattern(ctx: PatternContext): A.Pattern {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "ConstantPattern", start: at, end: at, expression: this.missing(at) };
    }
    const p = this.primaryPatternInner(ctx);
    this.depth--;
    return p;
  }

  private primaryPatternInner(ctx: PatternContext): A.Pattern {
    const t = this.tok;
    if (this.atWord("not") && canStartPattern(this.peek(1))) {
      this.advance();
      const inner = this.primaryPattern(ctx);
      const children: Expr[] = [];
      this.collectPattern(inner, children);
      this.newer("a 'not' pattern", 9, t.start, t.end);
      return { kind: "UnsupportedPattern", start: t.start, end: inner.end, feature: "not pattern", children };
    }
    if (t.kind === "<" || t.kind === "<=" || t.kind === ">" || t.kind === ">=") {
      this.advance();
      const e = this.binary(PREC_SHIFT);
      this.newer("a relational pattern", 9, t.start, e.end);
      return { kind: "UnsupportedPattern", start: t.start, end: e.end, feature: "relational pattern", children: [e] };
    }
    if (t.kind === "{") return this.propertyPattern(t.start, []);
    if (t.kind === "identifier" && t.value === "var" && (t.flags & TokenFlags.VERBATIM) === 0) {
      const d = this.peek(1);
      if (d.kind === "identifier") {
        this.advance();
        this.advance();
        return { kind: "VarPattern", start: t.start, end: d.end, designation: d.value };
      }
    }
    if (ctx === "arm" && t.kind === "identifier" && t.value === "_") {
      this.advance();
      return { kind: "UnsupportedPattern", start: t.start, end: t.end, feature: "discard pattern", children: [] };
    }
    const end = this.scanType(this.i, TYPE_IS_AS);
    if (end > this.i) {
      const definite = (this.scanFlags & DEFINITE) !== 0;
      const next = this.t[end] as Token;
      const designates =
        next.kind === "identifier" &&
        next.value !== "when" &&
        !((next.value === "and" || next.value === "or") && canStartPattern(this.t[Math.min(end + 1, this.n)] as Token));
      if (designates) {
        const type = this.type(TYPE_IS_AS);
        const name = this.advance();
        return { kind: "TypePattern", start: t.start, end: name.end, type, designation: name.value };
      }
      if (next.kind === "{") {
        const type = this.type(TYPE_IS_AS);
        return this.propertyPattern(t.start, [], type);
      }
      const endsLabel =
        next.kind === ":" ||
        next.kind === "=>" ||
        next.kind === "," ||
        (next.kind === "identifier" && next.value === "when");
      if (ctx === "is" || (definite && endsLabel)) {
        // `x is T` (C# 1); a bare type in a case label or an arm (`case int:`) is C# 9.
        const type = this.type(TYPE_IS_AS);
        if (ctx !== "is") this.newer("a type pattern without a designation", 9, type.start, type.end);
        return { kind: "TypePattern", start: t.start, end: type.end, type, designation: undefined };
      }
    }
    const expression = ctx === "is" ? this.binary(PREC_SHIFT) : this.conditional();
    return { kind: "ConstantPattern", start: expression.start, end: expression.end, expression };
  }

  /** `{ Name: pattern, ... }` (C# 8), optionally after a type. */
  private propertyPattern(start: number, children: Expr[], _type?: A.TypeNode): A.Pattern {
    const open = this.i;
    const brace = this.advance();
    while (!this.at("}") && !this.at("eof")) {
      const before = this.i;
      if (this.at("identifier") && this.peek(1).kind === ":") {
        this.advance();
        this.advance();
      }
      this.collectPattern(this.pattern("arm"), children);
      if (!this.eat(",") || this.i === before) break;
    }
    const end = this.close(open, "}");
    if (this.at("identifier") && !this.atWord("when") && !this.atWord("and") && !this.atWord("or")) this.advance();
    this.newer("a property pattern", 8, brace.start, brace.end);
    return {
      kind: "UnsupportedPattern",
      start,
      end: Math.max(end, this.nodeEnd()),
      feature: "property pattern",
      children,
    };
  }

  // ---- types ----

  /**
   * Where a type starting at token k ends (the index after it), or -1. Memoised per context and token, so that
   * the lookahead of casts, declarations and generic names stays linear however they nest. Leaves DEFINITE and
   * NULLABLE in scanFlags.
   */
  private scanType(k: number, ctx: number, depth = 0): number {
    this.steps++;
    const slot = ctx * this.t.length + k;
    const memo = this.typeMemo[slot] as number;
    if (memo !== -2) {
      this.scanFlags = this.typeFlags[slot] as number;
      return memo;
    }
    let flags = 0;
    const end = depth > MAX_DEPTH ? -1 : this.scanTypeUncached(k, ctx, depth);
    flags = this.scanFlags;
    this.typeMemo[slot] = end;
    this.typeFlags[slot] = flags;
    this.scanFlags = flags;
    return end;
  }

  private scanTypeUncached(k: number, ctx: number, depth: number): number {
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
  private scanTypeArgs(k: number, depth: number): number {
    const memo = this.typeArgMemo[k] as number;
    if (memo !== -2) return memo;
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
    return result;
  }

  /**
   * Reads a type. `unbound` allows `typeof(Dictionary<,>)`; without `suffixes` the `?`/`[]` suffixes are left to
   * the caller (`new int[3]`). Reports CS1031 and returns an empty type when there is none.
   */
  private type(ctx: number, unbound = false, suffixes = true): A.TypeNode {
    const t = this.tok;
    if (!this.enter()) {
      this.depth--;
      return this.emptyType(t.start);
    }
    const node = this.typeInner(ctx, unbound, suffixes);
    this.depth--;
    return node;
  }

  private typeInner(ctx: number, unbound: boolean, suffixes: boolean): A.TypeNode {
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
  private typeArgumentList(): A.TypeNode[] {
    this.advance(); // <
    const args: A.TypeNode[] = [];
    for (;;) {
      args.push(this.type(TYPE_NORMAL));
      if (!this.eat(",")) break;
    }
    this.expect(">", "CS1003", "Syntax error, '>' expected");
    return args;
  }

  // ---- statements ----

  private parseStatements(inBlock: boolean): A.Statement[] {
    const statements: A.Statement[] = [];
    for (;;) {
      const t = this.tok;
      if (t.kind === "eof" || (inBlock && t.kind === "}")) break;
      const before = this.i;
      if (t.kind === "}" || t.kind === ")" || t.kind === "]") {
        this.error("CS1525", `Invalid expression term '${t.kind}'`, t.start, t.end);
        this.advance();
        continue;
      }
      statements.push(this.statement());
      if (this.i === before) {
        // Nothing could be read here: say so once and move on.
        this.error("CS1525", `Invalid expression term '${this.tokenName(t)}'`, t.start, t.end);
        this.advance();
      }
    }
    return statements;
  }

  private block(): A.Block {
    const t = this.tok;
    if (t.kind !== "{") {
      this.errorAfterPrevious("CS1514", "{ expected");
      const at = this.prevEnd();
      return { kind: "Block", start: at, end: at, statements: [] };
    }
    const open = this.i;
    this.advance();
    const statements = this.parseStatements(true);
    const end = this.close(open, "}");
    return { kind: "Block", start: t.start, end, statements };
  }

  private statement(): A.Statement {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "BadStatement", start: at, end: at, children: [] };
    }
    const s = this.statementInner();
    this.depth--;
    return s;
  }

  private statementInner(): A.Statement {
    const t = this.tok;
    switch (t.kind) {
      case "{":
        return this.block();
      case ";":
        this.advance();
        return { kind: "Empty", start: t.start, end: t.end };
      case "if":
        return this.ifStatement();
      case "switch":
        return this.switchStatement();
      case "for":
        return this.forStatement();
      case "foreach":
        return this.foreachStatement();
      case "while": {
        this.advance();
        const test = this.parenthesizedCondition();
        const body = this.statement();
        return { kind: "While", start: t.start, end: body.end, test, body };
      }
      case "do": {
        this.advance();
        const body = this.statement();
        this.expect("while", "CS1003", "Syntax error, 'while' expected");
        const test = this.parenthesizedCondition();
        this.semicolon();
        return { kind: "Do", start: t.start, end: this.nodeEnd(), body, test };
      }
      case "break":
      case "continue":
        this.advance();
        this.semicolon();
        return { kind: t.kind === "break" ? "Break" : "Continue", start: t.start, end: this.nodeEnd() };
      case "return":
      case "throw": {
        this.advance();
        const argument = this.at(";") || this.at("}") || this.at("eof") ? undefined : this.parseExpression();
        this.semicolon();
        return { kind: t.kind === "return" ? "Return" : "Throw", start: t.start, end: this.nodeEnd(), argument };
      }
      case "try":
        return this.tryStatement();
      case "using":
        return this.usingStatement();
      case "const": {
        this.advance();
        const decl = this.localDeclaration(t.start, true);
        this.semicolon();
        decl.end = this.nodeEnd();
        return decl;
      }
      case "checked":
      case "unchecked":
        if (this.peek(1).kind === "{") {
          this.advance();
          const b = this.block();
          b.start = t.start;
          return b;
        }
        break;
      case "static":
        if (this.isDeclarationStart(this.i + 1) === "function") {
          this.advance();
          const f = this.localFunction(t.start);
          this.newer("a static local function", 8, t.start, t.end);
          return f;
        }
        break;
      case "else":
      case "case":
      case "catch":
      case "finally":
      case "goto":
      case "lock":
      case "fixed":
      case "unsafe":
        return this.badStatement(t);
    }
    const decl = this.isDeclarationStart(this.i);
    if (decl === "function") return this.localFunction(t.start);
    if (decl === "variable") {
      const d = this.localDeclaration(t.start, false);
      this.semicolon();
      d.end = this.nodeEnd();
      return d;
    }
    const before = this.i;
    const expression = this.parseExpression();
    if (this.i === before) return { kind: "BadStatement", start: t.start, end: t.start, children: [] };
    if (!isStatementExpression(expression)) {
      this.error(
        "CS0201",
        "Only assignment, call, increment, decrement, await, and new object expressions can be used as a statement",
        expression.start,
        expression.end,
      );
    }
    this.semicolon();
    return { kind: "ExpressionStatement", start: t.start, end: this.nodeEnd(), expression };
  }

  /** A statement keyword the policy language has no use for: reported, read over to its end. */
  private badStatement(t: Token): A.BadStatement {
    this.error("CS1525", `Invalid expression term '${t.kind}'`, t.start, t.end);
    this.advance();
    this.skipStatement();
    return { kind: "BadStatement", start: t.start, end: this.nodeEnd(), children: [] };
  }

  /** Skips to the end of the statement: past the next `;`, or up to a `}`, jumping over bracket pairs. */
  private skipStatement(): void {
    for (;;) {
      const t = this.tok;
      if (t.kind === "eof" || t.kind === "}") return;
      if (t.kind === ";") {
        this.advance();
        return;
      }
      if ((t.kind === "(" || t.kind === "[" || t.kind === "?[" || t.kind === "{") && t.match > this.i) {
        this.i = t.match;
      }
      this.advance();
    }
  }

  /** The `;` that ends a statement: reported at the end of the previous token when missing. */
  private semicolon(): void {
    if (this.eat(";")) return;
    this.errorAfterPrevious("CS1002", "; expected");
    const t = this.tok;
    // A new statement (on the next line, or a keyword that starts one) is read as such; junk is skipped.
    if (t.kind === "eof" || t.kind === "}" || this.newLineBefore() || isStatementKeyword(t.kind)) return;
    if (this.isDeclarationStart(this.i) !== undefined) return;
    this.skipStatement();
  }

  private parenthesizedCondition(): Expr {
    const open = this.i;
    if (!this.expect("(", "CS1003", "Syntax error, '(' expected")) return this.parseExpression();
    const e = this.parseExpression();
    this.close(open, ")");
    return e;
  }

  private ifStatement(): A.If {
    // `else if` chains are read in a loop: a long chain is not a deep nesting.
    const chain: A.If[] = [];
    for (;;) {
      const start = this.advance().start; // if
      const test = this.parenthesizedCondition();
      const consequent = this.statement();
      const node: A.If = { kind: "If", start, end: consequent.end, test, consequent, alternate: undefined };
      const prev = chain[chain.length - 1];
      if (prev) prev.alternate = node;
      chain.push(node);
      if (!this.eat("else")) break;
      if (this.at("if")) continue;
      node.alternate = this.statement();
      break;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const node = chain[k] as A.If;
      node.end = (node.alternate ?? node.consequent).end;
    }
    return chain[0] as A.If;
  }

  private switchStatement(): A.Switch {
    const start = this.advance().start;
    const discriminant = this.parenthesizedCondition();
    const sections: A.SwitchSection[] = [];
    if (!this.at("{")) {
      this.errorAfterPrevious("CS1514", "{ expected");
      return { kind: "Switch", start, end: this.nodeEnd(), discriminant, sections };
    }
    const open = this.i;
    this.advance();
    while (!this.at("}") && !this.at("eof")) {
      if (!this.isSwitchLabel()) {
        const t = this.tok;
        this.error("CS1525", `Invalid expression term '${this.tokenName(t)}'`, t.start, t.end);
        this.advance();
        continue;
      }
      const sectionStart = this.tok.start;
      const labels: A.SwitchLabel[] = [];
      while (this.isSwitchLabel()) {
        const t = this.advance();
        let pattern: A.Pattern | undefined;
        let when: Expr | undefined;
        if (t.kind === "case") {
          pattern = this.pattern("case");
          if (this.atWord("when")) {
            this.advance();
            when = this.parseExpression();
          }
        }
        this.expect(":", "CS1003", "Syntax error, ':' expected");
        labels.push({ kind: "SwitchLabel", start: t.start, end: this.nodeEnd(), pattern, when });
      }
      const statements: A.Statement[] = [];
      while (!this.at("}") && !this.at("eof") && !this.isSwitchLabel()) {
        const before = this.i;
        statements.push(this.statement());
        if (this.i === before) {
          const t = this.tok;
          this.error("CS1525", `Invalid expression term '${this.tokenName(t)}'`, t.start, t.end);
          this.advance();
        }
      }
      sections.push({ kind: "SwitchSection", start: sectionStart, end: this.nodeEnd(), labels, statements });
    }
    const end = this.close(open, "}");
    return { kind: "Switch", start, end, discriminant, sections };
  }

  private isSwitchLabel(): boolean {
    return this.at("case") || (this.at("default") && this.peek(1).kind === ":");
  }

  private forStatement(): A.For {
    const start = this.advance().start;
    const open = this.i;
    this.expect("(", "CS1003", "Syntax error, '(' expected");
    let init: A.For["init"];
    if (!this.at(";")) {
      if (this.isDeclarationStart(this.i) === "variable") init = this.localDeclaration(this.tok.start, false);
      else init = this.expressionList();
    }
    this.expect(";", "CS1002", "; expected");
    const test = this.at(";") ? undefined : this.parseExpression();
    this.expect(";", "CS1002", "; expected");
    const update = this.at(")") ? [] : this.expressionList();
    this.close(open, ")");
    const body = this.statement();
    return { kind: "For", start, end: body.end, init, test, update, body };
  }

  private expressionList(): Expr[] {
    const list: Expr[] = [];
    for (;;) {
      list.push(this.parseExpression());
      if (!this.eat(",")) return list;
    }
  }

  private foreachStatement(): A.Foreach {
    const start = this.advance().start;
    const open = this.i;
    this.expect("(", "CS1003", "Syntax error, '(' expected");
    let type: A.TypeNode | undefined;
    if (this.atWord("var") && this.peek(1).kind === "identifier") this.advance();
    else type = this.type(TYPE_NORMAL);
    const name = this.identifier();
    this.expect("in", "CS1515", "'in' expected");
    const iterable = this.parseExpression();
    this.close(open, ")");
    const body = this.statement();
    return { kind: "Foreach", start, end: body.end, type, name: name.name, iterable, body };
  }

  private tryStatement(): A.Try {
    const start = this.advance().start;
    const block = this.block();
    const handlers: A.CatchClause[] = [];
    while (this.at("catch")) {
      const c = this.advance();
      let type: A.TypeNode | undefined;
      let name: string | undefined;
      if (this.at("(")) {
        const open = this.i;
        this.advance();
        type = this.type(TYPE_NORMAL);
        if (this.at("identifier")) name = this.advance().value;
        this.close(open, ")");
      }
      let filter: Expr | undefined;
      if (this.atWord("when")) {
        this.advance();
        filter = this.parenthesizedCondition();
      }
      const body = this.block();
      handlers.push({ kind: "CatchClause", start: c.start, end: body.end, type, name, filter, body });
    }
    let finalizer: A.Block | undefined;
    if (this.eat("finally")) finalizer = this.block();
    if (handlers.length === 0 && !finalizer) this.errorAfterPrevious("CS1524", "Expected catch or finally");
    return { kind: "Try", start, end: this.nodeEnd(), block, handlers, finalizer };
  }

  private usingStatement(): A.Using {
    const t = this.advance();
    if (!this.at("(")) {
      // C# 8 `using var x = ...;`
      const resource = this.localDeclaration(this.tok.start, false);
      this.semicolon();
      resource.end = this.nodeEnd();
      this.newer("a using declaration", 8, t.start, t.end);
      return { kind: "Using", start: t.start, end: this.nodeEnd(), resource, body: undefined };
    }
    const open = this.i;
    this.advance();
    const resource: A.LocalDeclaration | Expr =
      this.isDeclarationStart(this.i) === "variable"
        ? this.localDeclaration(this.tok.start, false)
        : this.parseExpression();
    this.close(open, ")");
    const body = this.statement();
    return { kind: "Using", start: t.start, end: body.end, resource, body };
  }

  /**
   * C#'s "is this a declaration" lookahead at token k: `var x`, `T x` (then `=`, `;`, `,` or anything when T can
   * only be a type), `T F(` (a local function). A `T? x` followed by something else is a conditional.
   */
  private isDeclarationStart(k: number): "variable" | "function" | undefined {
    const t = this.t[k] as Token;
    if (t.kind !== "identifier" && !PREDEFINED_TYPES.has(t.kind) && t.kind !== "(") return undefined;
    if (t.kind === "identifier" && t.value === "from") {
      const save = this.i;
      this.i = k;
      const query = this.isQueryStart();
      this.i = save;
      if (query) return undefined;
    }
    const end = this.scanType(k, TYPE_NORMAL);
    if (end <= k) return undefined;
    const flags = this.scanFlags;
    const name = this.t[end] as Token;
    const after = (this.t[Math.min(end + 1, this.n)] as Token).kind;
    if (name.kind !== "identifier") {
      // `var return = 1;`: a declaration with a keyword for a name (CS1041 when it is read).
      return isReservedKeyword(name.kind) && !EXPRESSION_KEYWORDS.has(name.kind) && after === "="
        ? "variable"
        : undefined;
    }
    if (after === "(") return this.isParameterListStart(end + 2) ? "function" : "variable";
    if (after === "=" || after === ";" || after === ",") return "variable";
    if (after === "=>" || after === "in") return undefined;
    if ((flags & NULLABLE) !== 0) return undefined;
    return "variable";
  }

  /** After `T name(`: does a parameter list start at token k (`)`, a modifier, or `Type name`)? */
  private isParameterListStart(k: number): boolean {
    const t = this.t[Math.min(k, this.n)] as Token;
    if (t.kind === ")" || t.kind === "ref" || t.kind === "out" || t.kind === "in" || t.kind === "params") return true;
    const end = this.scanType(k, TYPE_NORMAL);
    return end > k && (this.t[end] as Token).kind === "identifier";
  }

  private localDeclaration(start: number, isConst: boolean): A.LocalDeclaration {
    let type: A.TypeNode | undefined;
    if (this.atWord("var") && this.peek(1).kind === "identifier") this.advance();
    else type = this.type(TYPE_NORMAL);
    const declarators: A.VariableDeclarator[] = [];
    for (;;) {
      const name = this.identifier();
      let initializer: Expr | A.ArrayInitializer | undefined;
      if (this.eat("=")) initializer = this.at("{") ? this.arrayInitializer() : this.parseExpression();
      else if (this.at("(") || this.at("[")) {
        const t = this.tok;
        this.error("CS1528", "Expected ; or = (cannot specify constructor arguments in declaration)", t.start, t.end);
        if (t.match > this.i) this.i = t.match;
        this.advance();
      }
      declarators.push({
        kind: "VariableDeclarator",
        start: name.start,
        end: this.nodeEnd(),
        name: name.name,
        initializer,
      });
      if (!this.eat(",")) break;
    }
    return { kind: "LocalDeclaration", start, end: this.nodeEnd(), type, isConst, declarators };
  }

  private localFunction(start: number): A.LocalFunction {
    const returnType = this.type(TYPE_NORMAL);
    const name = this.identifier();
    const parameters = this.parameterList();
    let body: A.Block | Expr;
    if (this.eat("=>")) {
      body = this.parseExpression();
      this.semicolon();
    } else body = this.block();
    return { kind: "LocalFunction", start, end: this.nodeEnd(), returnType, name: name.name, parameters, body };
  }
}

const CLOSERS: Partial<Record<TokenKind, [string, string]>> = {
  ")": ["CS1026", ") expected"],
  "]": ["CS1003", "Syntax error, ']' expected"],
  "}": ["CS1513", "} expected"],
};

function isReservedKeyword(kind: TokenKind): boolean {
  return KEYWORD_SET.has(kind);
}

function canStartExpression(t: Token): boolean {
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

function canStartPattern(t: Token): boolean {
  return (
    canStartExpression(t) || t.kind === "{" || t.kind === "<" || t.kind === ">" || t.kind === "<=" || t.kind === ">="
  );
}

const STATEMENT_KEYWORDS: ReadonlySet<string> = new Set([
  "if",
  "else",
  "switch",
  "case",
  "default",
  "for",
  "foreach",
  "while",
  "do",
  "break",
  "continue",
  "return",
  "throw",
  "try",
  "catch",
  "finally",
  "using",
  "const",
]);

function isStatementKeyword(kind: TokenKind): boolean {
  return STATEMENT_KEYWORDS.has(kind) || PREDEFINED_TYPES.has(kind);
}

function isStatementExpression(e: Expr): boolean {
  switch (e.kind) {
    case "Assignment":
    case "Invocation":
    case "ObjectCreation":
    case "UnsupportedExpression":
    case "Missing":
      return true;
    case "Unary":
      return e.operator === "++" || e.operator === "--";
    default:
      return false;
  }
}

/**
 * Parses the code of one expression: the original text [codeStart, codeLimit) is what lies between the
 * delimiters. `blockStart`/`blockEnd` span the `{ }` of a block form.
 */
export function parseCode(
  text: string,
  codeStart: number,
  codeLimit: number,
  form: "inline" | "block",
  blockStart = codeStart,
  blockEnd = codeLimit,
  stats?: { steps: number },
): A.ParsedExpression {
  const lexed = tokenize(text, codeStart, codeLimit);
  const parser = new Parser(text, lexed.tokens, codeStart, codeLimit, form === "inline" ? ")" : "}");
  const body = form === "inline" ? parser.parseInline() : parser.parseBlock(blockStart, blockEnd);
  if (stats) stats.steps += lexed.tokens.length + parser.steps;
  const diagnostics = lexed.diagnostics.concat(parser.diagnostics);
  diagnostics.sort((a, b) => a.start - b.start);
  if (diagnostics.length > MAX_DIAGNOSTICS) diagnostics.length = MAX_DIAGNOSTICS;
  return { form, body, diagnostics };
}
