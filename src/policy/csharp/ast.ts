// The syntax tree of a C# policy expression (`@( )` or `@{ }`): the one contract between the parser, the type
// checker, the lint rules, the emulator and the language server.
//
// Every node carries `start` and `end`: offsets [start, end) in the ORIGINAL document text (before XML entities
// and CRLF were decoded), so `doc.positionAt(node.start)` is the line:column of the file as written. One object
// shape per kind: optional fields are present as undefined, never missing (monomorphic property reads).

/** Fields every node has. */
export interface NodeBase {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Types as written (`string`, `JObject`, `Dictionary<string, int>[]`, `int?`, `System.IO.File`, `(int, string)`)

export interface TypeNode extends NodeBase {
  kind: "Type";
  /** The dotted name as written, keywords kept (`string`, `System.IO.File`, `Dictionary`). Empty for a tuple. */
  name: string;
  /** The generic arguments (`Dictionary<string, int>`), [] when none. */
  typeArguments: TypeNode[];
  /** `T?` */
  nullable: boolean;
  /** One entry per `[]` suffix, the rank of each (`int[,]` is [2]); [] when not an array. */
  arrayRanks: number[];
  /** Tuple element types for `(int, string)`, undefined otherwise (C# 7, [U] in APIM). */
  tupleElements: TypeNode[] | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions

export type LiteralKind = "string" | "char" | "number" | "true" | "false" | "null";
export type NumberType = "int" | "uint" | "long" | "ulong" | "float" | "double" | "decimal";

export interface Literal extends NodeBase {
  kind: "Literal";
  literalKind: LiteralKind;
  /** Decoded value for string/char; the digits as written (no suffix, `_` kept) for a number; else undefined. */
  value: string | undefined;
  /** For numbers: the type its suffix or form gives (`1` int, `1L` long, `1.0` double, `1m` decimal, `0x1u` uint). */
  numberType: NumberType | undefined;
  /** For strings: `@"..."`. */
  verbatim: boolean;
  /** The literal as written in the (decoded) code, e.g. `"a\"b"`, `0x1F`, `'x'`. */
  raw: string;
}

/** `$"a{b,5:F0}c"` / `$@"..."` / `@$"..."`. */
export interface InterpolatedString extends NodeBase {
  kind: "InterpolatedString";
  verbatim: boolean;
  parts: (InterpolatedText | Interpolation)[];
}

export interface InterpolatedText extends NodeBase {
  kind: "InterpolatedText";
  /** Decoded text (`{{` and `}}` already single braces, escapes decoded). */
  value: string;
}

export interface Interpolation extends NodeBase {
  kind: "Interpolation";
  expression: Expression;
  alignment: Expression | undefined;
  /** The format string after `:`, as written (`F0`, `yyyy-MM-dd`). */
  format: string | undefined;
}

/** `{{name}}` outside a string: APIM substitutes the named value's text before compiling; its type is unknown. */
export interface NamedValue extends NodeBase {
  kind: "NamedValue";
  name: string;
}

/** A simple name: a local, a parameter, `context`, a type (`Regex`, `string`, `int`), or a generic method name. */
export interface Identifier extends NodeBase {
  kind: "Identifier";
  name: string;
  /** `As<JObject>` when the name is used unqualified with type arguments; [] otherwise. */
  typeArguments: TypeNode[];
  /** True for a predefined-type keyword used as an expression (`string.Join`, `int.Parse`). */
  keyword: boolean;
}

/** `a.b`, `a?.b`, `a.b<T>` (the type arguments belong to a following invocation). */
export interface MemberAccess extends NodeBase {
  kind: "MemberAccess";
  object: Expression;
  name: string;
  /** Offsets of the member name alone (for findings such as "no member 'Quey'"). */
  nameStart: number;
  nameEnd: number;
  typeArguments: TypeNode[];
  /** `?.` */
  conditional: boolean;
}

export interface Argument extends NodeBase {
  kind: "Argument";
  /** `preserveContent: true` */
  name: string | undefined;
  modifier: "out" | "ref" | "in" | undefined;
  value: Expression;
}

/** `f(x)`, `a.b<T>(x, name: y, out var z)`. */
export interface Invocation extends NodeBase {
  kind: "Invocation";
  callee: Expression;
  arguments: Argument[];
}

/** `a[i]`, `a?[i]`, `a[i, j]`. */
export interface ElementAccess extends NodeBase {
  kind: "ElementAccess";
  object: Expression;
  arguments: Argument[];
  /** `?[` */
  conditional: boolean;
}

/** `out var x` / `out T x` as an argument value (C# 7). `type` is undefined for `var`. */
export interface DeclarationExpression extends NodeBase {
  kind: "DeclarationExpression";
  type: TypeNode | undefined;
  name: string;
}

export type UnaryOperator = "+" | "-" | "!" | "~" | "++" | "--";

export interface Unary extends NodeBase {
  kind: "Unary";
  operator: UnaryOperator;
  operand: Expression;
  /** False for postfix `x++` / `x--`. */
  prefix: boolean;
}

export type BinaryOperator =
  | "*"
  | "/"
  | "%"
  | "+"
  | "-"
  | "<<"
  | ">>"
  | "<"
  | ">"
  | "<="
  | ">="
  | "=="
  | "!="
  | "&"
  | "^"
  | "|"
  | "&&"
  | "||"
  | "??";

export interface Binary extends NodeBase {
  kind: "Binary";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface Conditional extends NodeBase {
  kind: "Conditional";
  test: Expression;
  consequent: Expression;
  alternate: Expression;
}

export type AssignmentOperator = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>=" | "??=";

export interface Assignment extends NodeBase {
  kind: "Assignment";
  operator: AssignmentOperator;
  target: Expression;
  value: Expression;
}

export interface Cast extends NodeBase {
  kind: "Cast";
  type: TypeNode;
  expression: Expression;
}

export interface As extends NodeBase {
  kind: "As";
  expression: Expression;
  type: TypeNode;
}

/** `x is T`, `x is T name`, `x is null`, `x is "a"`, `x is var v`. */
export interface Is extends NodeBase {
  kind: "Is";
  expression: Expression;
  pattern: Pattern;
}

export type Pattern = TypePattern | ConstantPattern | VarPattern | UnsupportedPattern;

export interface TypePattern extends NodeBase {
  kind: "TypePattern";
  type: TypeNode;
  /** The variable a C# 7 type pattern declares, if any. */
  designation: string | undefined;
}

export interface ConstantPattern extends NodeBase {
  kind: "ConstantPattern";
  expression: Expression;
}

export interface VarPattern extends NodeBase {
  kind: "VarPattern";
  designation: string;
}

/** C# 8+ patterns (`not null`, `> 5`, `{ Length: 0 }`, `and`/`or`): parsed over, reported as newer syntax. */
export interface UnsupportedPattern extends NodeBase {
  kind: "UnsupportedPattern";
  feature: string;
  /**
   * Expressions read inside it (`> limit`, `{ Length: n }`), so that variable reads there are still seen. Always
   * set by the parser; optional only so that hand-built nodes written before it was added still type-check.
   */
  children?: Expression[];
}

export interface Parameter extends NodeBase {
  kind: "Parameter";
  name: string;
  /** Explicit type `(string s) => ...`; undefined when implicit. */
  type: TypeNode | undefined;
  modifier: "out" | "ref" | "in" | undefined;
}

export interface Lambda extends NodeBase {
  kind: "Lambda";
  parameters: Parameter[];
  body: Expression | Block;
}

/** `new T(args) { initializer }`; `type` undefined for C# 9 target-typed `new()`. */
export interface ObjectCreation extends NodeBase {
  kind: "ObjectCreation";
  type: TypeNode | undefined;
  /** undefined when there is no argument list (`new JObject { ... }`). */
  arguments: Argument[] | undefined;
  initializer: ObjectInitializer | CollectionInitializer | undefined;
}

/** `{ Name = value, [key] = value }` */
export interface ObjectInitializer extends NodeBase {
  kind: "ObjectInitializer";
  members: MemberInitializer[];
}

export interface MemberInitializer extends NodeBase {
  kind: "MemberInitializer";
  /** `Name = ...`: the member name; undefined for an indexer initializer. */
  name: string | undefined;
  /** End offset of the name as written (`@Name` or an escape make it longer than the name). */
  nameEnd: number | undefined;
  /** `[key] = ...`: the index arguments; undefined for a named member. */
  index: Argument[] | undefined;
  value: Expression | ObjectInitializer | CollectionInitializer;
}

/** `{ a, b }` / `{ { "k", v }, { "k2", v2 } }` (each element an Add call's arguments). */
export interface CollectionInitializer extends NodeBase {
  kind: "CollectionInitializer";
  elements: (Expression | CollectionInitializer)[];
}

/** `new { a, Name = b }` */
export interface AnonymousObjectCreation extends NodeBase {
  kind: "AnonymousObjectCreation";
  members: { name: string | undefined; value: Expression; start: number; end: number }[];
}

/** `new T[n]`, `new T[] { ... }`, `new[] { ... }` (elementType undefined for the implicit form). */
export interface ArrayCreation extends NodeBase {
  kind: "ArrayCreation";
  elementType: TypeNode | undefined;
  /** The sizes in the first brackets (`new int[3]`), [] when none. */
  sizes: Expression[];
  /** Rank of every bracket pair after the element type, e.g. `new int[2][]` is [1, 1]. */
  ranks: number[];
  initializer: ArrayInitializer | undefined;
}

export interface ArrayInitializer extends NodeBase {
  kind: "ArrayInitializer";
  elements: (Expression | ArrayInitializer)[];
}

export interface TypeOf extends NodeBase {
  kind: "TypeOf";
  type: TypeNode;
}

/** `ref x` (C# 7): the initializer of a ref local, a ref return, a branch of a ref conditional. */
export interface RefExpression extends NodeBase {
  kind: "RefExpression";
  expression: Expression;
}

/** `sizeof(int)`: a constant for the predefined value types, safe code needs no more. */
export interface SizeOf extends NodeBase {
  kind: "SizeOf";
  type: TypeNode;
}

/** `default(T)`, or the C# 7.1 `default` literal (type undefined). */
export interface Default extends NodeBase {
  kind: "Default";
  type: TypeNode | undefined;
}

export interface Parenthesized extends NodeBase {
  kind: "Parenthesized";
  expression: Expression;
}

/** `(a, b)` (C# 7 tuple, [U] in APIM). */
export interface Tuple extends NodeBase {
  kind: "Tuple";
  elements: Argument[];
}

/** `throw e` in expression position (C# 7: `x ?? throw new Exception()`). */
export interface ThrowExpression extends NodeBase {
  kind: "ThrowExpression";
  expression: Expression;
}

/** `checked(x)` / `unchecked(x)` */
export interface CheckedExpression extends NodeBase {
  kind: "CheckedExpression";
  checked: boolean;
  expression: Expression;
}

/** `this` / `base` (never valid in a policy, parsed so that the checker can say so). */
export interface ThisExpression extends NodeBase {
  kind: "This";
  base: boolean;
}

/** LINQ query syntax: `from x in xs where ... select ...`. */
export interface Query extends NodeBase {
  kind: "Query";
  clauses: QueryClause[];
}

export type QueryClause =
  | (NodeBase & { kind: "FromClause"; type: TypeNode | undefined; name: string; source: Expression })
  | (NodeBase & { kind: "LetClause"; name: string; value: Expression })
  | (NodeBase & { kind: "WhereClause"; condition: Expression })
  | (NodeBase & {
      kind: "JoinClause";
      type: TypeNode | undefined;
      name: string;
      source: Expression;
      left: Expression;
      right: Expression;
      into: string | undefined;
    })
  | (NodeBase & { kind: "OrderByClause"; orderings: { expression: Expression; descending: boolean }[] })
  | (NodeBase & { kind: "SelectClause"; value: Expression })
  | (NodeBase & { kind: "GroupClause"; value: Expression; key: Expression })
  | (NodeBase & { kind: "IntoClause"; name: string });

/** C# 8+ expressions (switch expressions, ranges `a..b`, indices `^1`, `with`): parsed over, reported as newer. */
export interface UnsupportedExpression extends NodeBase {
  kind: "UnsupportedExpression";
  feature: string;
  /** Sub-expressions that were read, so that variable reads inside are still seen. */
  children: Expression[];
}

/** What the parser puts where an expression was expected and none could be read (an error was reported). */
export interface Missing extends NodeBase {
  kind: "Missing";
}

export type Expression =
  | Literal
  | InterpolatedString
  | NamedValue
  | Identifier
  | MemberAccess
  | Invocation
  | ElementAccess
  | DeclarationExpression
  | Unary
  | Binary
  | Conditional
  | Assignment
  | Cast
  | As
  | Is
  | Lambda
  | ObjectCreation
  | AnonymousObjectCreation
  | ArrayCreation
  | TypeOf
  | SizeOf
  | RefExpression
  | Default
  | Parenthesized
  | Tuple
  | ThrowExpression
  | CheckedExpression
  | ThisExpression
  | Query
  | UnsupportedExpression
  | Missing;

// ---------------------------------------------------------------------------------------------------------------
// Statements (inside `@{ }` and lambda bodies)

export interface Block extends NodeBase {
  kind: "Block";
  statements: Statement[];
}

export interface VariableDeclarator extends NodeBase {
  kind: "VariableDeclarator";
  name: string;
  initializer: Expression | ArrayInitializer | undefined;
}

/** `var a = 1;`, `string a, b = "x";`, `const int n = 3;` (type undefined for `var`). */
export interface LocalDeclaration extends NodeBase {
  kind: "LocalDeclaration";
  type: TypeNode | undefined;
  isConst: boolean;
  declarators: VariableDeclarator[];
}

export interface ExpressionStatement extends NodeBase {
  kind: "ExpressionStatement";
  expression: Expression;
}

export interface If extends NodeBase {
  kind: "If";
  test: Expression;
  consequent: Statement;
  alternate: Statement | undefined;
}

export interface SwitchLabel extends NodeBase {
  kind: "SwitchLabel";
  /** undefined for `default:` */
  pattern: Pattern | undefined;
  /** `case T x when cond:` */
  when: Expression | undefined;
}

export interface SwitchSection extends NodeBase {
  kind: "SwitchSection";
  labels: SwitchLabel[];
  statements: Statement[];
}

export interface Switch extends NodeBase {
  kind: "Switch";
  discriminant: Expression;
  sections: SwitchSection[];
}

export interface For extends NodeBase {
  kind: "For";
  init: LocalDeclaration | Expression[] | undefined;
  test: Expression | undefined;
  update: Expression[];
  body: Statement;
}

export interface Foreach extends NodeBase {
  kind: "Foreach";
  /** undefined for `var` */
  type: TypeNode | undefined;
  /** "" when the loop deconstructs its elements. */
  name: string;
  /** `foreach (var (k, v) in ...)` / `foreach ((string k, int v) in ...)` (C# 7): the names each element gives. */
  deconstruction: Tuple | undefined;
  iterable: Expression;
  body: Statement;
}

export interface While extends NodeBase {
  kind: "While";
  test: Expression;
  body: Statement;
}

export interface Do extends NodeBase {
  kind: "Do";
  body: Statement;
  test: Expression;
}

export interface Jump extends NodeBase {
  kind: "Break" | "Continue";
}

export interface Return extends NodeBase {
  kind: "Return";
  argument: Expression | undefined;
}

export interface Throw extends NodeBase {
  kind: "Throw";
  argument: Expression | undefined;
}

export interface CatchClause extends NodeBase {
  kind: "CatchClause";
  type: TypeNode | undefined;
  name: string | undefined;
  filter: Expression | undefined;
  body: Block;
}

export interface Try extends NodeBase {
  kind: "Try";
  block: Block;
  handlers: CatchClause[];
  finalizer: Block | undefined;
}

export interface Using extends NodeBase {
  kind: "Using";
  resource: LocalDeclaration | Expression;
  /** undefined for a C# 8 `using var x = ...;` declaration (reported as newer syntax). */
  body: Statement | undefined;
}

export interface Empty extends NodeBase {
  kind: "Empty";
}

/** A C# 7 local function (`string F(int x) { ... }`), [U] in APIM. */
export interface LocalFunction extends NodeBase {
  kind: "LocalFunction";
  returnType: TypeNode | undefined;
  name: string;
  /** `T Id<T>(T t)`: the names of its type parameters. */
  typeParameters: string[];
  parameters: Parameter[];
  /** The types named by its `where T : ...` clauses (`class`, `struct` and `new()` are not types). */
  constraints: TypeNode[];
  body: Block | Expression;
}

/** `lock (x) { ... }`. */
export interface Lock extends NodeBase {
  kind: "Lock";
  expression: Expression;
  body: Statement;
}

/** `goto name;`, `goto case 1;`, `goto default;`. */
export interface Goto extends NodeBase {
  kind: "Goto";
  /** The label of `goto name;`. */
  label: string | undefined;
  /** The value of `goto case value;`. */
  caseValue: Expression | undefined;
  /** `goto default;` */
  toDefault: boolean;
}

/** `name: statement`, a target of goto. */
export interface Labeled extends NodeBase {
  kind: "Labeled";
  label: string;
  body: Statement;
}

/** `yield return x;` (argument) or `yield break;` (none), in an iterator local function. */
export interface Yield extends NodeBase {
  kind: "Yield";
  argument: Expression | undefined;
}

/** A statement the parser read over because it could not make sense of it (an error was reported). */
export interface BadStatement extends NodeBase {
  kind: "BadStatement";
  /** Whatever expressions could be salvaged. */
  children: Expression[];
}

export type Statement =
  | Block
  | LocalDeclaration
  | ExpressionStatement
  | If
  | Switch
  | For
  | Foreach
  | While
  | Do
  | Jump
  | Return
  | Throw
  | Try
  | Using
  | Empty
  | LocalFunction
  | Lock
  | Goto
  | Labeled
  | Yield
  | BadStatement;

export type Node =
  | Expression
  | Statement
  | TypeNode
  | Argument
  | InterpolatedText
  | Interpolation
  | Pattern
  | Parameter
  | ObjectInitializer
  | MemberInitializer
  | CollectionInitializer
  | ArrayInitializer
  | VariableDeclarator
  | SwitchLabel
  | SwitchSection
  | CatchClause
  | QueryClause;

export type NodeKind = Node["kind"];

// ---------------------------------------------------------------------------------------------------------------
// The result of reading one expression

export type CsSeverity = "error" | "warning";

/** A problem the lexer or parser found, in C# compiler style (`; expected`, `) expected`). */
export interface CsDiagnostic {
  /** The C# compiler code where there is one (`CS1002`), else an apimkit code (`newer-syntax`). */
  code: string;
  message: string;
  severity: CsSeverity;
  /** Original-text offsets, always inside the expression's `@...` span. */
  start: number;
  end: number;
}

export interface ParsedExpression {
  form: "inline" | "block";
  /** `@( )`: one expression; `@{ }`: the block of statements. */
  body: Expression | Block;
  diagnostics: CsDiagnostic[];
}
