// The expressions of the C# parser (parser.ts): operators by precedence, primaries, lambdas, LINQ queries, object
// creation and patterns, with C# 8+ forms read over as newer syntax.
import type * as A from "./ast.js";
import {
  canStartExpression,
  DEFINITE,
  EXPRESSION_KEYWORDS,
  type Expr,
  ParserCore,
  TYPE_IS_AS,
  TYPE_NORMAL,
} from "./parser-core.js";
import { isVar, isWord, PREDEFINED_TYPES, type Token, TokenFlags, type TokenKind } from "./tokens.js";

// Binary operator precedences (higher binds tighter).
const PREC_COALESCE = 1;
const PREC_SHIFT = 9;

/**
 * The precedence of a binary operator token, 0 for any other token. A switch, not a table: a property lookup
 * keyed by the token kind is a megamorphic keyed load, and binary() asks after every operand.
 */
function binaryPrecedence(kind: TokenKind): number {
  switch (kind) {
    case "+":
    case "-":
      return 10;
    case "==":
    case "!=":
      return 7;
    case "&&":
      return 3;
    case "||":
      return 2;
    case "<":
    case ">":
    case "<=":
    case ">=":
    case "is":
    case "as":
      return 8;
    case "*":
    case "/":
    case "%":
      return 11;
    case "|":
      return 4;
    case "^":
      return 5;
    case "&":
      return 6;
    case "<<":
      return 9;
    default:
      return 0;
  }
}

/** The assignment operator a token is, else undefined (a switch for the same reason as binaryPrecedence). */
function assignmentOperator(kind: TokenKind): A.AssignmentOperator | undefined {
  switch (kind) {
    case "=":
    case "+=":
    case "-=":
    case "*=":
    case "/=":
    case "%=":
    case "&=":
    case "|=":
    case "^=":
    case "<<=":
    case "??=":
      return kind;
    default:
      return undefined;
  }
}

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

type PatternContext = "is" | "case" | "arm";

function canStartPattern(t: Token): boolean {
  return (
    canStartExpression(t) || t.kind === "{" || t.kind === "<" || t.kind === ">" || t.kind === "<=" || t.kind === ">="
  );
}

export abstract class ExpressionParser extends ParserCore {
  /** A `{ ... }` block (lambda and anonymous-method bodies): the statement parser's. */
  protected abstract block(): A.Block;

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

  protected expression(): Expr {
    const t = this.tok;
    if (t.kind === "identifier") {
      const next = this.peek(1).kind;
      if (next === "=>") return this.lambdaSingle(t.start);
      if (isWord(t, "from") && this.isQueryStart()) return this.query();
      if (isWord(t, "async") && (this.peek(2).kind === "=>" || this.isLambdaParen(this.i + 1))) {
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
    let op = assignmentOperator(this.tok.kind);
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

  protected isLambdaParen(index: number): boolean {
    const open = this.t[index] as Token;
    if (open.kind !== "(" || open.match < 0) return false;
    const close = this.t[open.match] as Token;
    return close.kind === ")" && (this.t[Math.min(open.match + 1, this.n)] as Token).kind === "=>";
  }

  protected conditional(): Expr {
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
  protected binary(minPrec: number): Expr {
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
      const prec = binaryPrecedence(kind);
      if (prec === 0 || prec < minPrec) break;
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
  protected operand(): Expr {
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
  protected nestedUnary(): Expr {
    if (!this.enter()) {
      this.depth--;
      return this.missing(this.tok.start);
    }
    const e = this.unary();
    this.depth--;
    return e;
  }

  protected unary(): Expr {
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
      case "ref": {
        // `ref x` takes a whole expression (`ref c ? ref a : ref b`); `ref` arguments are read by argument().
        this.advance();
        const expression = this.parseExpression();
        return { kind: "RefExpression", start: t.start, end: expression.end, expression };
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
  protected tryCast(): Expr | undefined {
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

  protected primary(): Expr {
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
        if (isVar(t) && this.peek(1).kind === "(" && this.assignedAfter(this.i + 1)) return this.varDesignation();
        return this.name();
      case "(":
        return this.parenthesized();
      case "new":
        return this.creation();
      case "typeof":
      case "sizeof": {
        this.advance();
        const open = this.i;
        this.expect("(", "CS1003", "Syntax error, '(' expected");
        const type = this.type(TYPE_NORMAL, t.kind === "typeof");
        const end = this.close(open, ")");
        return { kind: t.kind === "typeof" ? "TypeOf" : "SizeOf", start: t.start, end, type };
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

  protected literal(t: Token, literalKind: A.LiteralKind, value: string | undefined): A.Literal {
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
  protected name(): A.Identifier {
    const t = this.advance();
    const typeArguments = this.typeArgumentsIfGeneric();
    return { kind: "Identifier", start: t.start, end: this.nodeEnd(), name: t.value, typeArguments, keyword: false };
  }

  protected typeArgumentsIfGeneric(): A.TypeNode[] {
    if (!this.at("<")) return [];
    const end = this.scanTypeArgs(this.i, 0);
    if (end < 0 || !GENERIC_FOLLOW.has((this.t[end] as Token).kind)) return [];
    return this.typeArgumentList();
  }

  protected postfix(start: Expr): Expr {
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

  protected memberName(): { name: string; start: number; end: number } {
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
  protected argumentList(closer: ")" | "]"): A.Argument[] {
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

  protected argument(): A.Argument {
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
  protected declarationExpression(): A.DeclarationExpression | undefined {
    const t = this.tok;
    const follows = (k: number): boolean => {
      const kind = (this.t[Math.min(k, this.n)] as Token).kind;
      return kind === "," || kind === ")" || kind === "]";
    };
    if (isVar(t) && this.peek(1).kind === "identifier" && follows(this.i + 2)) {
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

  /** `(x)` or a tuple; `declares`: the elements may be declarations (the tuple of `foreach ((int a, var b) in`). */
  protected parenthesized(declares = false): Expr {
    const open = this.tok;
    const openIndex = this.i;
    this.advance();
    if (this.at(")")) {
      const e = this.invalidTerm();
      this.advance();
      return e;
    }
    // The left of a deconstruction, `(int a, var b) = ...` or nested in one: its elements may declare.
    const outer = this.deconstructing;
    this.deconstructing = outer || declares || this.assignedAfter(openIndex);
    const first = this.tupleElement();
    let e: Expr;
    if (!this.at(",")) {
      const end = this.close(openIndex, ")");
      e = { kind: "Parenthesized", start: open.start, end, expression: first.value };
    } else {
      const elements = [first];
      while (this.eat(",")) elements.push(this.tupleElement());
      const end = this.close(openIndex, ")");
      e = { kind: "Tuple", start: open.start, end, elements };
    }
    this.deconstructing = outer;
    return e;
  }

  /** Whether the bracket opened at token `open` is closed and followed by `=` (a deconstruction's left). */
  protected assignedAfter(open: number): boolean {
    const close = (this.t[open] as Token).match;
    // Past this.n the buffer holds another parse's tokens.
    return close > open && close < this.n && (this.t[close + 1] as Token).kind === "=";
  }

  /**
   * `var (a, b)` and `var (a, (b, c))`, the left of a deconstruction (C# 7): read as the tuple of the names it
   * declares, each an implicitly typed declaration.
   */
  protected varDesignation(): A.Tuple {
    const start = this.advance().start;
    return this.designations(start);
  }

  private designations(start: number): A.Tuple {
    const openIndex = this.i;
    this.advance();
    const elements: A.Argument[] = [];
    do {
      const t = this.tok;
      let value: Expr;
      if (t.kind === "(") value = this.designations(t.start);
      else {
        const name = this.identifier();
        value = { kind: "DeclarationExpression", start: name.start, end: name.end, type: undefined, name: name.name };
      }
      elements.push({
        kind: "Argument",
        start: value.start,
        end: value.end,
        name: undefined,
        modifier: undefined,
        value,
      });
    } while (this.eat(","));
    const end = this.close(openIndex, ")");
    return { kind: "Tuple", start, end, elements };
  }

  protected tupleElement(): A.Argument {
    const start = this.tok.start;
    let name: string | undefined;
    if (this.at("identifier") && this.peek(1).kind === ":") {
      name = this.advance().value;
      this.advance();
    }
    const value = (this.deconstructing ? this.declarationExpression() : undefined) ?? this.parseExpression();
    return { kind: "Argument", start, end: value.end, name, modifier: undefined, value };
  }

  protected interpolated(): A.InterpolatedString {
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

  protected hole(): A.Interpolation {
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

  protected lambdaSingle(start: number): A.Lambda {
    const p = this.advance();
    this.advance(); // =>
    const parameters: A.Parameter[] = [
      { kind: "Parameter", start: p.start, end: p.end, name: p.value, type: undefined, modifier: undefined },
    ];
    const body = this.lambdaBody();
    return { kind: "Lambda", start, end: body.end, parameters, body };
  }

  protected lambdaParen(start: number): A.Lambda {
    const parameters = this.parameterList();
    this.expect("=>", "CS1003", "Syntax error, '=>' expected");
    const body = this.lambdaBody();
    return { kind: "Lambda", start, end: body.end, parameters, body };
  }

  protected lambdaBody(): Expr | A.Block {
    return this.at("{") ? this.block() : this.parseExpression();
  }

  /** `( [modifier] [Type] name, ... )` of a lambda, an anonymous method or a local function. */
  protected parameterList(): A.Parameter[] {
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
  protected anonymousMethod(): A.Lambda {
    const t = this.advance();
    const parameters = this.at("(") ? this.parameterList() : [];
    const body = this.block();
    return { kind: "Lambda", start: t.start, end: body.end, parameters, body };
  }

  /** `from` starts a query when followed by `name in` or `Type name in`. */
  protected isQueryStart(): boolean {
    const a = this.peek(1);
    if (a.kind === "identifier" && this.peek(2).kind === "in") return true;
    const end = this.scanType(this.i + 1, TYPE_NORMAL);
    return (
      end > 0 &&
      (this.t[end] as Token).kind === "identifier" &&
      (this.t[Math.min(end + 1, this.n)] as Token).kind === "in"
    );
  }

  protected query(): A.Query {
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
  protected rangeVariable(): { type: A.TypeNode | undefined; name: string; source: Expr } {
    let type: A.TypeNode | undefined;
    if (!(this.at("identifier") && this.peek(1).kind === "in")) type = this.type(TYPE_NORMAL);
    const name = this.identifier();
    this.expect("in", "CS1515", "'in' expected");
    const source = this.parseExpression();
    return { type, name: name.name, source };
  }

  protected fromClause(): A.QueryClause {
    const start = this.advance().start;
    const { type, name, source } = this.rangeVariable();
    return { kind: "FromClause", start, end: source.end, type, name, source };
  }

  protected joinClause(): A.QueryClause {
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

  protected creation(): Expr {
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
  protected rankSpecifier(): number {
    const open = this.i;
    this.advance();
    let rank = 1;
    while (this.eat(",")) rank++;
    this.close(open, "]");
    return rank;
  }

  protected anonymousObject(start: number): A.AnonymousObjectCreation {
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
  protected objectOrCollectionInitializer(): A.ObjectInitializer | A.CollectionInitializer {
    const first = this.peek(1);
    const second = this.peek(2);
    if (first.kind === "}" || first.kind === "[" || (first.kind === "identifier" && second.kind === "=")) {
      return this.objectInitializer();
    }
    return this.collectionInitializer();
  }

  protected objectInitializer(): A.ObjectInitializer {
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
      if (this.at("{")) {
        // `{ ["a"] = 1, { "b", 2 } }`: an object initializer's members are assignments, never collection elements.
        const element = this.objectOrCollectionInitializer();
        this.error("CS0747", "Invalid initializer member declarator", s, element.end);
        if (!this.eat(",")) break;
        continue;
      }
      let name: string | undefined;
      let nameEnd: number | undefined;
      let index: A.Argument[] | undefined;
      if (this.at("[")) index = this.argumentList("]");
      else ({ name, end: nameEnd } = this.identifier());
      this.expect("=", "CS1003", "Syntax error, '=' expected");
      const value = this.at("{") ? this.objectOrCollectionInitializer() : this.parseExpression();
      members.push({ kind: "MemberInitializer", start: s, end: value.end, name, nameEnd, index, value });
      if (!this.eat(",")) break;
    }
    const end = this.close(open, "}");
    this.depth--;
    return { kind: "ObjectInitializer", start, end, members };
  }

  protected collectionInitializer(): A.CollectionInitializer {
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

  protected arrayInitializer(): A.ArrayInitializer {
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

  protected switchExpression(subject: Expr): Expr {
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

  protected withExpression(subject: Expr): Expr {
    const kw = this.advance();
    const init = this.objectInitializer();
    const children: Expr[] = [subject];
    for (const m of init.members)
      if (m.value.kind !== "ObjectInitializer" && m.value.kind !== "CollectionInitializer") children.push(m.value);
    this.newer("a with expression", 9, kw.start, kw.end);
    return { kind: "UnsupportedExpression", start: subject.start, end: init.end, feature: "with expression", children };
  }

  protected collectPattern(p: A.Pattern, into: Expr[]): void {
    if (p.kind === "ConstantPattern") into.push(p.expression);
    else if (p.kind === "UnsupportedPattern" && p.children) into.push(...p.children);
  }

  // ---- patterns ----

  protected pattern(ctx: PatternContext): A.Pattern {
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

  protected primaryPattern(ctx: PatternContext): A.Pattern {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "ConstantPattern", start: at, end: at, expression: this.missing(at) };
    }
    const p = this.primaryPatternInner(ctx);
    this.depth--;
    return p;
  }

  protected primaryPatternInner(ctx: PatternContext): A.Pattern {
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
    if (isVar(t)) {
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
      const endsLabel = next.kind === ":" || next.kind === "=>" || next.kind === "," || isWord(next, "when");
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
  protected propertyPattern(start: number, children: Expr[], _type?: A.TypeNode): A.Pattern {
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
}
