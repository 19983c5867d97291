// Recursive-descent parser of C# policy expressions over the lexer's tokens, to the tree of ast.ts.
// Linear and safe on any input: lookahead is bounded or memoised (type scans, one memo per token), brackets are
// paired once by the lexer (Token.match) so lambdas, casts and recovery never search, nesting is capped
// (MAX_DEPTH: one error, then the rest of the expression is skipped), every loop consumes a token or exits, and
// nothing throws. Errors are in C# compiler style (code and message), at most one per position and MAX_DIAGNOSTICS
// per expression; the parser goes on after each so that the rest of the tree is still there.
// Three layers, one class chain: parser-core.ts (tokens, diagnostics, types), parser-expressions.ts, and here the
// statements and the entry points.
import type * as A from "./ast.js";
import { TokenBuffer } from "./lexer.js";
import {
  EXPRESSION_KEYWORDS,
  type Expr,
  isReservedKeyword,
  MAX_DIAGNOSTICS,
  NULLABLE,
  TYPE_NORMAL,
} from "./parser-core.js";
import { ExpressionParser } from "./parser-expressions.js";
import { isVar, isWord, PREDEFINED_TYPES, type Token, type TokenKind } from "./tokens.js";

export { MAX_DEPTH, MAX_DIAGNOSTICS } from "./parser-core.js";

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

export class Parser extends ExpressionParser {
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

  // ---- statements ----

  protected parseStatements(inBlock: boolean): A.Statement[] {
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

  protected block(): A.Block {
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

  protected statement(): A.Statement {
    if (!this.enter()) {
      this.depth--;
      const at = this.tok.start;
      return { kind: "BadStatement", start: at, end: at, children: [] };
    }
    const s = this.statementInner();
    this.depth--;
    return s;
  }

  protected statementInner(): A.Statement {
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
      case "ref": {
        // A ref local (`ref int r = ref a[0];`, `ref readonly var r = ...`) or a ref-returning local function: the
        // `ref` of the declaration is read over, the initializer's RefExpression says what it is.
        const k = this.peek(1).kind === "readonly" ? this.i + 2 : this.i + 1;
        const decl = this.isDeclarationStart(k);
        if (decl === undefined) break;
        this.i = k;
        if (decl === "function") return this.localFunction(t.start);
        const d = this.localDeclaration(t.start, false);
        this.semicolon();
        d.end = this.nodeEnd();
        return d;
      }
      case "lock": {
        this.advance();
        const expression = this.parenthesizedCondition();
        const body = this.statement();
        return { kind: "Lock", start: t.start, end: body.end, expression, body };
      }
      case "goto":
        return this.gotoStatement();
      case "identifier":
        if (this.peek(1).kind === ":") {
          this.advance();
          this.advance();
          const body = this.statement();
          return { kind: "Labeled", start: t.start, end: body.end, label: t.value, body };
        }
        if (isWord(t, "yield")) {
          const k = this.peek(1).kind;
          if (k === "return" || k === "break") {
            this.advance();
            this.advance();
            const argument = k === "return" ? this.parseExpression() : undefined;
            this.semicolon();
            return { kind: "Yield", start: t.start, end: this.nodeEnd(), argument };
          }
        }
        break;
      case "else":
      case "case":
      case "catch":
      case "finally":
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
  protected badStatement(t: Token): A.BadStatement {
    this.error("CS1525", `Invalid expression term '${t.kind}'`, t.start, t.end);
    this.advance();
    this.skipStatement();
    return { kind: "BadStatement", start: t.start, end: this.nodeEnd(), children: [] };
  }

  /** Skips to the end of the statement: past the next `;`, or up to a `}`, jumping over bracket pairs. */
  protected skipStatement(): void {
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
  protected semicolon(): void {
    if (this.eat(";")) return;
    this.errorAfterPrevious("CS1002", "; expected");
    const t = this.tok;
    // A new statement (on the next line, or a keyword that starts one) is read as such; junk is skipped.
    if (t.kind === "eof" || t.kind === "}" || this.newLineBefore() || isStatementKeyword(t.kind)) return;
    if (this.isDeclarationStart(this.i) !== undefined) return;
    this.skipStatement();
  }

  protected parenthesizedCondition(): Expr {
    const open = this.i;
    if (!this.expect("(", "CS1003", "Syntax error, '(' expected")) return this.parseExpression();
    const e = this.parseExpression();
    this.close(open, ")");
    return e;
  }

  protected ifStatement(): A.If {
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

  protected switchStatement(): A.Switch {
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

  protected isSwitchLabel(): boolean {
    return this.at("case") || (this.at("default") && this.peek(1).kind === ":");
  }

  protected forStatement(): A.For {
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

  protected expressionList(): Expr[] {
    const list: Expr[] = [];
    for (;;) {
      list.push(this.parseExpression());
      if (!this.eat(",")) return list;
    }
  }

  protected foreachStatement(): A.Foreach {
    const start = this.advance().start;
    const open = this.i;
    this.expect("(", "CS1003", "Syntax error, '(' expected");
    let type: A.TypeNode | undefined;
    let name = "";
    let deconstruction: A.Tuple | undefined;
    if (isVar(this.tok) && this.peek(1).kind === "(") deconstruction = this.varDesignation();
    else if (this.at("(") && !this.typedName(this.i)) deconstruction = this.declarationTuple();
    else {
      if (isVar(this.tok) && this.peek(1).kind === "identifier") this.advance();
      else type = this.type(TYPE_NORMAL);
      name = this.identifier().name;
    }
    this.expect("in", "CS1515", "'in' expected");
    const iterable = this.parseExpression();
    this.close(open, ")");
    const body = this.statement();
    return { kind: "Foreach", start, end: body.end, type, name, deconstruction, iterable, body };
  }

  /** Whether a type and then a name start at token k (`(int, string) t`, not `(int a, string b)`). */
  private typedName(k: number): boolean {
    const end = this.scanType(k, TYPE_NORMAL);
    return end >= 0 && (this.t[end] as Token).kind === "identifier";
  }

  /** `(int a, var b)` of `foreach ((int a, var b) in xs)`: a tuple whose elements declare. */
  private declarationTuple(): A.Tuple | undefined {
    const e = this.parenthesized(true);
    if (e.kind === "Tuple") return e;
    this.error("CS8186", "A foreach loop must declare its iteration variables.", e.start, e.end);
    return undefined;
  }

  protected gotoStatement(): A.Goto {
    const start = this.advance().start;
    let label: string | undefined;
    let caseValue: A.Expression | undefined;
    let toDefault = false;
    if (this.eat("case")) caseValue = this.parseExpression();
    else if (this.eat("default")) toDefault = true;
    else label = this.identifier().name;
    this.semicolon();
    return { kind: "Goto", start, end: this.nodeEnd(), label, caseValue, toDefault };
  }

  protected tryStatement(): A.Try {
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

  protected usingStatement(): A.Using {
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
  protected isDeclarationStart(k: number): "variable" | "function" | undefined {
    const t = this.t[k] as Token;
    if (t.kind !== "identifier" && !PREDEFINED_TYPES.has(t.kind) && t.kind !== "(") return undefined;
    if (isWord(t, "from")) {
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
    if (after === "<") {
      // `T Id<T>(T t)`: a generic local function.
      const close = this.typeParameterListEnd(end + 1);
      if (close > 0 && (this.t[close] as Token).kind === "(" && this.isParameterListStart(close + 1)) return "function";
    }
    if (after === "=" || after === ";" || after === ",") return "variable";
    if (after === "=>" || after === "in") return undefined;
    if ((flags & NULLABLE) !== 0) return undefined;
    return "variable";
  }

  /** After a local function's name, `<T, U>` at token k: the index after its `>`, or -1. */
  private typeParameterListEnd(k: number): number {
    let i = k + 1;
    for (;;) {
      if ((this.t[Math.min(i, this.n)] as Token).kind !== "identifier") return -1;
      const next = (this.t[Math.min(i + 1, this.n)] as Token).kind;
      if (next === ">") return i + 2;
      if (next !== ",") return -1;
      i += 2;
    }
  }

  /** After `T name(`: does a parameter list start at token k (`)`, a modifier, or `Type name`)? */
  protected isParameterListStart(k: number): boolean {
    const t = this.t[Math.min(k, this.n)] as Token;
    if (t.kind === ")" || t.kind === "ref" || t.kind === "out" || t.kind === "in" || t.kind === "params") return true;
    const end = this.scanType(k, TYPE_NORMAL);
    return end > k && (this.t[end] as Token).kind === "identifier";
  }

  protected localDeclaration(start: number, isConst: boolean): A.LocalDeclaration {
    let type: A.TypeNode | undefined;
    if (isVar(this.tok) && this.peek(1).kind === "identifier") this.advance();
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

  protected localFunction(start: number): A.LocalFunction {
    const returnType = this.type(TYPE_NORMAL);
    const name = this.identifier();
    const typeParameters: string[] = [];
    if (this.eat("<")) {
      do typeParameters.push(this.identifier().name);
      while (this.eat(","));
      this.expect(">", "CS1003", "Syntax error, '>' expected");
    }
    const parameters = this.parameterList();
    const constraints: A.TypeNode[] = [];
    while (isWord(this.tok, "where")) {
      this.advance();
      this.identifier();
      this.expect(":", "CS1003", "Syntax error, ':' expected");
      do {
        if (this.eat("class") || this.eat("struct")) continue;
        if (this.eat("new")) {
          this.expect("(", "CS1003", "Syntax error, '(' expected");
          this.expect(")", "CS1026", ") expected");
        } else constraints.push(this.type(TYPE_NORMAL));
      } while (this.eat(","));
    }
    let body: A.Block | Expr;
    if (this.eat("=>")) {
      body = this.parseExpression();
      this.semicolon();
    } else body = this.block();
    return {
      kind: "LocalFunction",
      start,
      end: this.nodeEnd(),
      returnType,
      name: name.name,
      typeParameters,
      parameters,
      constraints,
      body,
    };
  }
}

/** One token buffer and one parser for every parse: parses never nest, and no token is kept past its parse. */
const sharedTokens = new TokenBuffer();
let sharedParser: Parser | undefined;

function byStart(a: A.CsDiagnostic, b: A.CsDiagnostic): number {
  return a.start - b.start;
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
  const lexed = sharedTokens;
  lexed.fill(text, codeStart, codeLimit);
  const lexer = lexed.lexer;
  const closer = form === "inline" ? ")" : "}";
  let parser = sharedParser;
  if (parser === undefined) {
    parser = new Parser(text, lexed.tokens, codeStart, codeLimit, closer, lexed.count, lexer);
    sharedParser = parser;
  } else parser.begin(lexed.tokens, lexed.count, lexer, closer);
  const body = form === "inline" ? parser.parseInline() : parser.parseBlock(blockStart, blockEnd);
  if (stats) stats.steps += lexed.count + parser.steps;
  // Most expressions have no diagnostic: then a new empty array is all the result needs.
  const lexerDiagnostics = lexer.diagnostics;
  const parserDiagnostics = parser.diagnostics;
  const diagnostics =
    lexerDiagnostics.length === 0 && parserDiagnostics.length === 0 ? [] : lexerDiagnostics.concat(parserDiagnostics);
  if (diagnostics.length > 1) diagnostics.sort(byStart);
  if (diagnostics.length > MAX_DIAGNOSTICS) diagnostics.length = MAX_DIAGNOSTICS;
  lexed.release();
  return { form, body, diagnostics };
}
