// The type checker of policy expressions: infers the type of every expression node it can (the `context` chain,
// locals, literals, operators, members and their generic results, LINQ over known sequences, ...) and reports
// only what is certain:
// - unknown-member: a member that does not exist on `context` or on a type whose members the model knows in full;
// - unknown-name: a simple name that is certainly not a local, `context`, a type or a namespace;
// - type-not-allowed: a type APIM does not allow, named in the code (creation, cast, typeof, generic argument,
//   declaration, static access);
// - member-not-allowed: a member outside the allowed members of a restricted type (DateTime, Regex, ...);
// - type-mismatch: a cast that can never succeed, a condition or a value whose known type cannot be what is needed.
// Anything unknown (a type outside the model, `object`, `dynamic`, an untyped variable) stays silent, and so does
// everything computed from it. One Checker per call; it never throws (an unexpected node is an unknown type).

import { closestName } from "../../util/did-you-mean.js";
import type {
  Argument,
  Binary,
  Block,
  CollectionInitializer,
  ElementAccess,
  Expression,
  Identifier,
  Invocation,
  Lambda,
  MemberAccess,
  Node,
  ObjectCreation,
  ObjectInitializer,
  ParsedExpression,
  Pattern,
  Query,
  Statement,
  TypeNode,
} from "./ast.js";
import {
  type CallArgument,
  type Candidate,
  CandidateSet,
  certainArgumentMismatch,
  type LambdaChecker,
  NO_CANDIDATES,
  resolveCandidates,
} from "./checker-calls.js";
import {
  castAlwaysFailsAtRuntime,
  castNeverCompiles,
  convertsImplicitly,
  isDefinite,
  isNumeric,
  promoteUnary,
} from "./checker-conversions.js";
import { binaryOperatorType, conditionalResultType } from "./checker-operators.js";
import { keywordType } from "./types/keywords.js";
import {
  derivedTable,
  type FoundMember,
  type MemberInfo,
  onlyOfArity,
  type TypeInfo,
  type TypeModel,
  typeModel,
  typeTable,
} from "./types/lookup.js";
import {
  arrayOf,
  BOOL,
  DYNAMIC_TYPE,
  formatType,
  isNamed,
  K,
  NULL_TYPE,
  named,
  nullableOf,
  nullableUnderlying,
  OBJECT,
  STRING,
  sameType,
  substitute,
  type TypeRef,
} from "./types/type-ref.js";
import { walk } from "./walk.js";

export type TypeDiagnosticCode =
  | "unknown-member"
  | "type-not-allowed"
  | "member-not-allowed"
  | "type-mismatch"
  | "unknown-name";

export interface TypeDiagnostic {
  code: TypeDiagnosticCode;
  message: string;
  /** Offsets of the original document text (from the AST nodes). */
  start: number;
  end: number;
  /** The did-you-mean name, when there is one. */
  suggestion?: string;
  /** type-mismatch of a value: the type it has and the type needed (when the message is about one value). */
  actual?: TypeRef;
  expected?: TypeRef;
  /** type-mismatch: the value is the expression's own result, checked against `CheckEnvironment.expectedType`. */
  result?: boolean;
  /** type-mismatch: the `context.Variables` entry whose stored type (`variableType`) the finding rests on. */
  variable?: string;
  /** The finding rests on a fact the runtime reference marks [U] (unverified or conflicting sources). */
  unverified?: boolean;
}

export interface CheckEnvironment {
  /** The type of `context.Variables[name]` when the policy makes it certain (validate-jwt -> Jwt, ...). */
  variableType?(name: string): TypeRef | undefined;
  /** What the value must be: bool for a `<when condition>`, int for a numeric attribute. */
  expectedType?: TypeRef;
  /** The text of a named value `{{name}}` (APIM substitutes it before compiling). */
  namedValueText?(name: string): string | undefined;
}

/** What a name or member in the expression resolved to (the language server shows it on hover). */
export type CheckSymbol =
  | { kind: "member"; member: MemberInfo; owner: TypeRef }
  | { kind: "type"; type: TypeInfo }
  | { kind: "namespace"; name: string }
  | { kind: "local"; name: string; type: TypeRef | undefined; declaration: Node }
  | { kind: "context"; type: TypeInfo };

export interface CheckResult {
  /** The inferred type of an expression node; undefined when unknown. */
  typeOf(node: Node): TypeRef | undefined;
  /** The member, type, local or namespace a node resolved to, when known. */
  symbolOf(node: Node): CheckSymbol | undefined;
  diagnostics: TypeDiagnostic[];
  /**
   * The type of the expression's value: the inline expression's type, or the one type every top-level `return` of
   * a block gives; undefined when unknown or when the returns differ.
   */
  resultType: TypeRef | undefined;
}

const NO_ENVIRONMENT: CheckEnvironment = {};

export function checkExpression(parsed: ParsedExpression, env: CheckEnvironment = NO_ENVIRONMENT): CheckResult {
  return new CheckedExpression(parsed, env, runChecker(parsed, env, false));
}

/**
 * The type and symbol of every node are for tools (parse --expressions, an editor); lint asks only for the
 * findings. So they are recorded by a second run, on the first question: the checker is deterministic (the same
 * tree, environment and model give the same answers), and most checks are never asked. A class rather than an
 * object of closures: one allocation per check.
 */
class CheckedExpression implements CheckResult {
  readonly diagnostics: TypeDiagnostic[];
  readonly resultType: TypeRef | undefined;
  private recorded: Checker | undefined;

  constructor(
    private readonly parsed: ParsedExpression,
    private readonly env: CheckEnvironment,
    checker: Checker,
  ) {
    this.diagnostics = checker.diagnostics;
    this.resultType = checker.resultType;
  }

  typeOf(node: Node): TypeRef | undefined {
    return this.nodes().types?.get(node);
  }

  symbolOf(node: Node): CheckSymbol | undefined {
    return this.nodes().symbols?.get(node);
  }

  private nodes(): Checker {
    this.recorded ??= runChecker(this.parsed, this.env, true);
    return this.recorded;
  }
}

function runChecker(parsed: ParsedExpression, env: CheckEnvironment, recordNodes: boolean): Checker {
  const checker = new Checker(typeModel(), env, recordNodes);
  try {
    checker.run(parsed);
  } catch {
    // A bug must not take the linter down: what was found so far stands.
  }
  return checker;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * What an expression denotes: a value (with its type), a type, a namespace, or nothing known. Immutable, so that
 * the common ones are shared (an unknown value, a bool, a string): every node's evaluation returns one.
 */
type Sem =
  | {
      readonly k: "value";
      readonly type: TypeRef | undefined;
      /** Inside a `?.` chain: the member's own type; the chain's result is its nullable form. */
      readonly lifted: boolean;
      /** The run-time type the policy stored (context.Variables["x"] with a known variable type). */
      readonly held: TypeRef | undefined;
      /** The variable `held` is the type of. */
      readonly heldName: string | undefined;
      /** An int literal (converts to any numeric type). */
      readonly intLiteral: boolean;
      /** A throw expression (`x ?? throw ...`): takes the other operand's type. */
      readonly throws: boolean;
    }
  | { readonly k: "type"; readonly info: TypeInfo; readonly ref: TypeRef }
  | { readonly k: "namespace"; readonly name: string }
  | { readonly k: "unknown" };

const UNKNOWN: Sem = { k: "unknown" };

type ValueSem = Extract<Sem, { k: "value" }>;

/** Every value Sem is made here (one shape for all of them). */
function valueSem(
  type: TypeRef | undefined,
  lifted: boolean,
  intLiteral: boolean,
  held: TypeRef | undefined,
  heldName: string | undefined,
  throws: boolean,
): ValueSem {
  return { k: "value", type, lifted, held, heldName, intLiteral, throws };
}

const UNKNOWN_VALUE = valueSem(undefined, false, false, undefined, undefined, false);
const LIFTED_UNKNOWN_VALUE = valueSem(undefined, true, false, undefined, undefined, false);
const BOOL_VALUE = valueSem(BOOL, false, false, undefined, undefined, false);
const STRING_VALUE = valueSem(STRING, false, false, undefined, undefined, false);
const THROW_VALUE = valueSem(undefined, false, false, undefined, undefined, true);

function value(type: TypeRef | undefined, lifted = false): ValueSem {
  if (type === undefined) return lifted ? LIFTED_UNKNOWN_VALUE : UNKNOWN_VALUE;
  if (!lifted && (type === BOOL || type === STRING)) return type === BOOL ? BOOL_VALUE : STRING_VALUE;
  return valueSem(type, lifted, false, undefined, undefined, false);
}

/** A value that may be an int constant (`1`, `-1`, `60 * 20`): it converts to any numeric type. */
function numberValue(type: TypeRef | undefined, intLiteral: boolean): ValueSem {
  return intLiteral ? valueSem(type, false, true, undefined, undefined, false) : value(type);
}

interface Local {
  name: string;
  type: TypeRef | undefined;
  declaration: Node;
  /** A local function: its return type. */
  returns?: TypeRef | undefined;
  /** Its value as a use of the name evaluates to (made on the first use, shared by the others). */
  value: ValueSem | undefined;
}

/** A block's locals. Most blocks and most expressions declare none: the map is made on the first declaration. */
class Scope {
  vars: Map<string, Local> | undefined;
  constructor(readonly parent: Scope | undefined) {}
  lookup(name: string): Local | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars?.get(name);
      if (v) return v;
    }
    return undefined;
  }
  set(name: string, local: Local): void {
    this.vars ??= new Map();
    this.vars.set(name, local);
  }
}

/** A function body being checked: what its `return` statements must give, and what they gave. */
interface FunctionFrame {
  expected: TypeRef | undefined;
  returns: (TypeRef | undefined)[];
}

/** The members every value has (System.Object's): never "not allowed" on a restricted type. */
const OBJECT_MEMBERS = new Set(["Equals", "GetHashCode", "GetType", "ToString"]);

/** Lower-case words that are not variables yet may appear as simple names. */
const CONTEXTUAL = new Set(["nameof", "_", "var", "dynamic", "global", "value", "await", "async", "yield", "args"]);

const MAX_DEPTH = 400;

const NO_EXTENSIONS: readonly Candidate[] = [];
const NO_ARGUMENTS: readonly CallArgument[] = [];
const NO_TYPE_ARGS: readonly (TypeRef | undefined)[] = [];
const EMPTY_SUBSTITUTION: ReadonlyMap<string, TypeRef> = new Map();
// Candidate lists depend on the model alone: TypeModel.derived keeps them (with their resolutions), per receiver
// type and name.
const METHOD_CANDIDATES = typeTable<CandidateSet>("method candidates");
/** A value's methods and then its extension methods (tried only when no method applies). */
const CALL_TARGETS = typeTable<CallTargets>("call targets");

/** The candidates of `value.name(...)`, and whether the receiver's members are known (else object's only). */
interface CallTargets {
  readonly known: boolean;
  readonly set: CandidateSet;
}
const INDEXER_CANDIDATES = typeTable<CandidateSet>("indexer candidates");
const INDEXERS = typeTable<CallTargets>("indexers");
const CONSTRUCTOR_CANDIDATES = typeTable<CandidateSet>("constructor candidates");
const EXTENSION_CANDIDATES = typeTable<readonly Candidate[]>("extension candidates");

/**
 * What a member access on a value of a known type means: the member (a property before methods) and the access's
 * value outside and inside a `?.` chain. The same few accesses come in every document, so they are kept on the
 * model, Sems included (immutable).
 */
interface ValueMember {
  /** The receiver's members are known (see hasKnownMembers); else only object's first member of the name counts. */
  readonly known: boolean;
  readonly found: FoundMember | undefined;
  readonly value: ValueSem;
  readonly liftedValue: ValueSem;
}
const VALUE_MEMBERS = typeTable<ValueMember>("value members");

/** A member access on a value whose members are unknown: object's member of the name, when not a method. */
function objectValueMember(model: TypeModel, name: string): ValueMember {
  const om = model.findMembers(OBJECT, name)[0];
  const mt = om && om.member.kind !== "method" ? om.member.type : undefined;
  return { known: false, found: undefined, value: value(mt), liftedValue: value(mt, true) };
}

/** What every expression that names `context` needs of the model, kept on it. */
interface ContextFacts {
  readonly info: TypeInfo | undefined;
  readonly value: ValueSem;
}
const CONTEXT_FACTS = derivedTable<ContextFacts>("checker context", 1);

function contextFacts(model: TypeModel): ContextFacts {
  const memo = model.derived(CONTEXT_FACTS);
  let facts = memo.get(K.context);
  if (facts === undefined) {
    facts = { info: model.type(K.context), value: value(model.plain(K.context)) };
    memo.set(K.context, facts);
  }
  return facts;
}

const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"]);

class Checker implements LambdaChecker {
  /** Per node, its type and symbol: only when recording (see checkExpression). */
  readonly types: Map<Node, TypeRef> | undefined;
  readonly symbols: Map<Node, CheckSymbol> | undefined;
  readonly diagnostics: TypeDiagnostic[] = [];
  resultType: TypeRef | undefined;
  /** The frame of a block expression's own returns (their values are the expression's result). */
  private topFrame: FunctionFrame | undefined;
  /** The innermost scope; undefined until the first declaration or block. */
  private scope: Scope | undefined;
  /** The innermost function body's frame (what its `return`s give). */
  private frame: FunctionFrame | undefined;
  /**
   * Every name declared anywhere in the expression (a use before its declaration is not "unknown" to us). Only an
   * unknown name needs it, so the tree walk is done then, once.
   */
  private declared: Set<string> | undefined;
  private root: Node | undefined;
  /** The lambdas whose bodies were checked (made on the first lambda). */
  private checkedLambdas: Set<Lambda> | undefined;
  private depth = 0;
  /** binary()'s stack of left spines (made on the first binary expression). */
  private spines: Binary[] | undefined;

  constructor(
    private readonly model: TypeModel,
    private readonly env: CheckEnvironment,
    recordNodes: boolean,
  ) {
    if (recordNodes) {
      this.types = new Map();
      this.symbols = new Map();
    }
  }

  run(parsed: ParsedExpression): void {
    this.root = parsed.body;
    const expected = this.env.expectedType;
    if (parsed.body.kind === "Block") {
      const frame: FunctionFrame = { expected, returns: [] };
      this.topFrame = frame;
      this.frame = frame;
      this.block(parsed.body);
      this.frame = undefined;
      const first = frame.returns[0];
      if (first && frame.returns.every((t) => t && sameType(t, first))) this.resultType = first;
    } else {
      const sem = this.expr(parsed.body);
      if (sem.k === "value" && !sem.throws) this.resultType = observed(sem);
      this.expectValue(parsed.body, sem, expected, "expression", true);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Diagnostics

  private report(
    code: TypeDiagnostic["code"],
    message: string,
    start: number,
    end: number,
    suggestion?: string,
  ): TypeDiagnostic {
    const d: TypeDiagnostic = { code, message, start, end };
    if (suggestion !== undefined) d.suggestion = suggestion;
    this.diagnostics.push(d);
    return d;
  }

  /** A value of known type where `expected` is needed: report when it certainly cannot convert. */
  private expectValue(node: Expression, sem: Sem, expected: TypeRef | undefined, what: string, result = false): void {
    if (!expected || sem.k !== "value" || sem.throws) return;
    const t = observed(sem);
    if (!t || !this.certainMismatch(t, expected, sem.intLiteral)) return;
    const d = this.report(
      "type-mismatch",
      `The ${what} is ${formatType(t)}, but ${formatType(expected)} is needed here`,
      node.start,
      node.end,
    );
    d.actual = t;
    d.expected = expected;
    if (result) d.result = true;
  }

  /** `from` certainly has no implicit conversion to `to`: both definite, `to` a closed type (bool, int, string...). */
  private certainMismatch(from: TypeRef | undefined, to: TypeRef, intLiteral = false): boolean {
    if (!from || from.kind === "null" || !isDefinite(this.model, from)) return false;
    if (isNamed(from, K.void)) return false;
    const target = nullableUnderlying(to) ?? to;
    if (!isDefinite(this.model, target) || !isClosed(target)) return false;
    return !convertsImplicitly(this.model, from, to, true, intLiteral);
  }

  private condition(node: Expression): void {
    const sem = this.expr(node);
    if (sem.k !== "value") return;
    const t = observed(sem);
    // bool? in a condition is a C# error too, but our nullability is approximate: only a non-bool is certain.
    if (!t || isNamed(nullableUnderlying(t) ?? t, K.bool)) return;
    if (this.certainMismatch(t, BOOL)) {
      this.report("type-mismatch", `The condition is ${formatType(t)}, not bool`, node.start, node.end);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Statements

  // A new scope for a block: `const saved = this.openScope(); ...; this.scope = saved;` (no closure per block).
  // No try/finally here or in `expr`: an exception ends the whole check (runChecker), so nothing needs restoring.
  private openScope(): Scope | undefined {
    const saved = this.scope;
    this.scope = new Scope(saved);
    return saved;
  }

  /** A statement in a scope of its own (an `if` branch, a loop body). */
  private scopedStmt(s: Statement): void {
    const saved = this.openScope();
    this.stmt(s);
    this.scope = saved;
  }

  private lookup(name: string): Local | undefined {
    return this.scope?.lookup(name);
  }

  private declare(name: string, type: TypeRef | undefined, declaration: Node, returns?: TypeRef): void {
    if (type?.kind === "null") type = undefined;
    const local: Local = { name, type, declaration, returns, value: undefined };
    this.scope ??= new Scope(undefined);
    this.scope.set(name, local);
  }

  private block(b: Block): void {
    const saved = this.openScope();
    const statements = b.statements;
    for (let i = 0; i < statements.length; i++) this.stmt(statements[i]!);
    this.scope = saved;
  }

  private stmt(s: Statement): void {
    switch (s.kind) {
      case "Block":
        this.block(s);
        return;
      case "LocalDeclaration": {
        const declared = s.type ? this.typeNode(s.type) : undefined;
        for (const d of s.declarators) {
          let t = declared;
          if (d.initializer) {
            if (d.initializer.kind === "ArrayInitializer") {
              this.arrayInitializer(d.initializer, declared?.kind === "array" ? declared.element : undefined);
            } else {
              const sem = this.expr(d.initializer, declared);
              if (!s.type) t = sem.k === "value" ? observed(sem) : undefined;
              else this.expectValue(d.initializer, sem, declared, "value");
            }
          }
          this.declare(d.name, t, d);
          this.symbols?.set(d, { kind: "local", name: d.name, type: t, declaration: d });
        }
        return;
      }
      case "ExpressionStatement":
        this.expr(s.expression);
        return;
      case "If":
        this.condition(s.test);
        this.scopedStmt(s.consequent);
        if (s.alternate) this.scopedStmt(s.alternate);
        return;
      case "Return": {
        const frame = this.frame;
        if (!s.argument) return;
        const sem = this.expr(s.argument, frame?.expected);
        const t = sem.k === "value" && !sem.throws ? observed(sem) : undefined;
        frame?.returns.push(t);
        if (frame) this.expectValue(s.argument, sem, frame.expected, "returned value", frame === this.topFrame);
        return;
      }
      default:
        this.stmtRare(s);
        return;
    }
  }

  /** The statements policy expressions seldom use (loops, switch, try, using...): kept out of stmt(), as evaluateRare. */
  private stmtRare(s: Statement): void {
    switch (s.kind) {
      case "Switch": {
        const sem = this.expr(s.discriminant);
        const dt = sem.k === "value" ? observed(sem) : undefined;
        for (const section of s.sections) {
          const saved = this.openScope();
          for (const label of section.labels) {
            if (label.pattern) this.pattern(label.pattern, dt);
            if (label.when) this.condition(label.when);
          }
          for (const st of section.statements) this.stmt(st);
          this.scope = saved;
        }
        return;
      }
      case "For": {
        const saved = this.openScope();
        if (s.init) {
          if (Array.isArray(s.init)) for (const e of s.init) this.expr(e);
          else this.stmt(s.init);
        }
        if (s.test) this.condition(s.test);
        for (const e of s.update) this.expr(e);
        this.scopedStmt(s.body);
        this.scope = saved;
        return;
      }
      case "Foreach": {
        const sem = this.expr(s.iterable);
        const element = sem.k === "value" ? this.elementType(observed(sem)) : undefined;
        const t = s.type ? this.typeNode(s.type) : element;
        const saved = this.openScope();
        // A deconstruction declares its names (typed where written; what `var` gets is not modelled).
        if (s.deconstruction) this.expr(s.deconstruction);
        else this.declare(s.name, t, s);
        this.stmt(s.body);
        this.scope = saved;
        return;
      }
      case "While":
        this.condition(s.test);
        this.scopedStmt(s.body);
        return;
      case "Do":
        this.scopedStmt(s.body);
        this.condition(s.test);
        return;
      case "Break":
      case "Continue":
      case "Empty":
        return;
      case "Throw":
        if (s.argument) this.expr(s.argument);
        return;
      case "Try":
        this.block(s.block);
        for (const h of s.handlers) {
          const saved = this.openScope();
          const t = h.type ? this.typeNode(h.type) : this.model.plain(K.exception);
          if (h.name) this.declare(h.name, t, h);
          if (h.filter) this.condition(h.filter);
          this.block(h.body);
          this.scope = saved;
        }
        if (s.finalizer) this.block(s.finalizer);
        return;
      case "Using": {
        const saved = this.openScope();
        if (s.resource.kind === "LocalDeclaration") this.stmt(s.resource);
        else this.expr(s.resource);
        if (s.body) this.stmt(s.body);
        this.scope = saved;
        return;
      }
      case "LocalFunction": {
        const returns = s.returnType ? this.typeNode(s.returnType) : undefined;
        this.declare(s.name, undefined, s, returns ?? this.model.plain(K.void));
        for (const c of s.constraints) this.typeNode(c);
        const saved = this.openScope();
        for (const p of s.parameters) this.declare(p.name, p.type ? this.typeNode(p.type) : undefined, p);
        const outer = this.frame;
        this.frame = { expected: returns, returns: [] };
        if (s.body.kind === "Block") this.block(s.body);
        else this.expr(s.body);
        this.frame = outer;
        this.scope = saved;
        return;
      }
      case "Lock":
        this.expr(s.expression);
        this.scopedStmt(s.body);
        return;
      case "Goto":
        if (s.caseValue) this.expr(s.caseValue);
        return;
      case "Labeled":
        this.stmt(s.body);
        return;
      case "Yield":
        if (s.argument) this.expr(s.argument);
        return;
      case "BadStatement":
        for (const c of s.children) this.expr(c);
        return;
      case "Block":
      case "LocalDeclaration":
      case "ExpressionStatement":
      case "If":
      case "Return":
        return; // stmt's own
      default:
        // A statement kind added to ast.ts without a case here does not compile.
        s satisfies never;
    }
  }

  private pattern(p: Pattern, subject: TypeRef | undefined): void {
    switch (p.kind) {
      case "TypePattern": {
        const t = this.typeNode(p.type);
        if (p.designation) this.declare(p.designation, t, p);
        return;
      }
      case "ConstantPattern":
        this.expr(p.expression);
        return;
      case "VarPattern":
        this.declare(p.designation, subject, p);
        return;
      case "UnsupportedPattern":
        for (const c of p.children ?? []) this.expr(c);
        return;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Expressions

  /** Evaluates `e` (once), records its type, and returns what it denotes. */
  private expr(e: Expression, expected?: TypeRef): Sem {
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    const sem = this.evaluate(e, expected);
    this.depth--;
    if (this.types && sem.k === "value") {
      const t = observed(sem);
      if (t && t.kind !== "null" && t.kind !== "dynamic" && !isNamed(t, K.void)) this.types.set(e, t);
    }
    return sem;
  }

  /** The observed type of `e` (a `?.` chain lifted), undefined for a type name or an unknown. */
  private val(e: Expression, expected?: TypeRef): TypeRef | undefined {
    const sem = this.expr(e, expected);
    return sem.k === "value" ? observed(sem) : undefined;
  }

  private evaluate(e: Expression, expected: TypeRef | undefined): Sem {
    switch (e.kind) {
      case "Literal":
        return this.literal(e);
      case "InterpolatedString":
        for (const part of e.parts) {
          if (part.kind === "Interpolation") {
            this.expr(part.expression);
            if (part.alignment) this.expr(part.alignment);
          }
        }
        return value(STRING);
      case "NamedValue":
        return value(this.namedValueType(e.name));
      case "Identifier":
        return this.identifier(e);
      case "MemberAccess":
        return this.member(e, this.expr(e.object));
      case "Invocation":
        return this.invocation(e);
      case "ElementAccess":
        return this.elementAccess(e);
      case "Unary": {
        const operand = this.expr(e.operand);
        const t = operand.k === "value" ? observed(operand) : undefined;
        switch (e.operator) {
          case "!":
            // `!` applies to bool (and lifts over bool?); whatever the operand, the result is a bool.
            return value(nullableUnderlying(t) ? t : BOOL);
          case "++":
          case "--":
            return value(t);
          default: {
            // `-1` is an int constant too.
            const intLiteral = e.operator !== "~" && operand.k === "value" && operand.intLiteral;
            return numberValue(promoteUnary(t, e.operator), intLiteral);
          }
        }
      }
      case "Binary":
        return this.binary(e);
      case "Conditional": {
        this.condition(e.test);
        const a = this.expr(e.consequent, expected);
        const b = this.expr(e.alternate, expected);
        return value(this.conditionalType(a, b));
      }
      case "Cast": {
        const t = this.typeNode(e.type);
        const inner = this.expr(e.expression, t);
        this.checkCast(e.expression, inner, t, e.start, e.end);
        return value(t);
      }
      case "Parenthesized": {
        const inner = this.expr(e.expression, expected);
        // The parentheses end a `?.` chain.
        if (inner.k !== "value" || !inner.lifted) return inner;
        return valueSem(observed(inner), false, inner.intLiteral, inner.held, inner.heldName, inner.throws);
      }
      case "ObjectCreation":
        return this.objectCreation(e, expected);
      default:
        return this.evaluateRare(e, expected);
    }
  }

  /**
   * The node kinds policy expressions seldom use, apart from evaluate(): a smaller hot switch is less for the
   * optimizing compiler to compile in a one-shot lint, and this one is seldom run often enough to be compiled.
   */
  private evaluateRare(e: Expression, expected: TypeRef | undefined): Sem {
    switch (e.kind) {
      case "DeclarationExpression": {
        const t = e.type ? this.typeNode(e.type) : undefined;
        this.declare(e.name, t, e);
        return value(t);
      }
      case "Assignment": {
        const target = this.val(e.target);
        const v = this.expr(e.value, target);
        if (e.operator === "=" && target) this.expectValue(e.value, v, target, "value");
        return value(target);
      }
      case "As": {
        this.expr(e.expression);
        return value(this.typeNode(e.type));
      }
      case "Is": {
        const sem = this.expr(e.expression);
        this.pattern(e.pattern, sem.k === "value" ? observed(sem) : undefined);
        return value(BOOL);
      }
      case "Lambda":
        this.lambda(e, []);
        return value(undefined);
      case "AnonymousObjectCreation":
        for (const m of e.members) this.expr(m.value);
        return value(undefined);
      case "ArrayCreation": {
        const element = e.elementType ? this.typeNode(e.elementType) : undefined;
        for (const size of e.sizes) this.expr(size);
        let inner = element;
        if (e.initializer) {
          const found = this.arrayInitializer(e.initializer, element);
          if (!e.elementType) inner = found;
        }
        if (!inner) return value(undefined);
        let t: TypeRef = inner;
        const ranks = e.ranks.length > 0 ? e.ranks : [1];
        for (let i = ranks.length - 1; i >= 0; i--) t = arrayOf(t, ranks[i]);
        return value(t);
      }
      case "TypeOf":
        this.typeNode(e.type);
        return value(this.model.plain(K.type));
      case "SizeOf":
        this.typeNode(e.type);
        return value(this.model.plain(K.int));
      case "RefExpression":
        return this.expr(e.expression, expected);
      case "Default":
        return value(e.type ? this.typeNode(e.type) : expected);
      case "Tuple":
        for (const a of e.elements) this.expr(a.value);
        return value(undefined);
      case "ThrowExpression":
        this.expr(e.expression);
        return THROW_VALUE;
      case "CheckedExpression":
        return this.expr(e.expression, expected);
      case "This":
        return value(undefined);
      case "Query":
        return this.query(e);
      case "UnsupportedExpression":
        for (const c of e.children) this.expr(c);
        return value(undefined);
      case "Missing":
        return UNKNOWN;
    }
    return UNKNOWN;
  }

  private literal(e: Expression & { kind: "Literal" }): Sem {
    switch (e.literalKind) {
      case "string":
        return value(STRING);
      case "char":
        return value(this.model.plain(K.char));
      case "true":
      case "false":
        return value(BOOL);
      case "null":
        return value(NULL_TYPE);
      case "number": {
        // A literal's number type is named by its keyword (`1L` is a long).
        const key = keywordType(e.numberType ?? "int");
        return numberValue(key ? this.model.plain(key) : undefined, key === K.int);
      }
    }
  }

  /** `{{name}}` outside a string: the type of its text when that is a plain literal. */
  private namedValueType(name: string): TypeRef | undefined {
    const text = this.env.namedValueText?.(name)?.trim();
    if (text === undefined) return undefined;
    if (/^-?\d+$/.test(text)) return this.model.plain(K.int);
    if (/^-?\d+\.\d+$/.test(text)) return this.model.plain(K.double);
    if (text === "true" || text === "false") return BOOL;
    if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return STRING;
    return undefined;
  }

  private arrayInitializer(
    init: { elements: (Expression | { kind: "ArrayInitializer"; elements: unknown[] })[] },
    element: TypeRef | undefined,
  ): TypeRef | undefined {
    let common: TypeRef | undefined;
    let same = true;
    for (const el of init.elements) {
      if ((el as { kind: string }).kind === "ArrayInitializer") {
        this.arrayInitializer(el as never, element?.kind === "array" ? element.element : undefined);
        same = false;
        continue;
      }
      const t = this.val(el as Expression, element);
      if (!t || t.kind === "null") {
        same = false;
        continue;
      }
      if (!common) common = t;
      else if (!sameType(common, t)) same = false;
    }
    return same ? common : undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Names

  private identifier(e: Identifier): Sem {
    const local = this.lookup(e.name);
    if (local && !e.keyword) {
      this.symbols?.set(e, { kind: "local", name: e.name, type: local.type, declaration: local.declaration });
      local.value ??= value(local.type);
      return local.value;
    }
    if (e.name === "context" && !e.keyword) {
      const context = contextFacts(this.model);
      this.symbols?.set(e, { kind: "context", type: context.info! });
      return context.value;
    }
    const kw = e.keyword ? keywordType(e.name) : undefined;
    if (kw) {
      const info = this.model.type(kw);
      if (!info) return UNKNOWN;
      this.symbols?.set(e, { kind: "type", type: info });
      return { k: "type", info, ref: this.model.plain(kw) };
    }
    const args = this.typeArguments(e.typeArguments);
    const simple = this.model.bySimple(e.name);
    const info = onlyOfArity(simple, e.typeArguments.length);
    if (info) {
      this.symbols?.set(e, { kind: "type", type: info });
      if (info.allowed === "denied") this.notAllowed(info, e.start, e.end);
      return { k: "type", info, ref: this.typeWithArgs(info.key, args) };
    }
    if (simple.length > 0) return UNKNOWN;
    return this.namespaceOrUnknown(e);
  }

  /** A simple name that is no local, no `context` and no type: a namespace, else unknown (kept out of identifier()). */
  private namespaceOrUnknown(e: Identifier): Sem {
    if (this.model.isNamespace(e.name)) {
      this.symbols?.set(e, { kind: "namespace", name: e.name });
      return { k: "namespace", name: e.name };
    }
    this.unknownName(e);
    return UNKNOWN;
  }

  /**
   * A simple name found nowhere. Certain only when it is not declared anywhere in the expression and either starts
   * with a lower-case letter (no .NET type or namespace does) or is a typo of a local or of `context`.
   */
  private unknownName(e: Identifier): void {
    if (e.keyword || CONTEXTUAL.has(e.name)) return;
    this.declared ??= collectDeclaredNames(this.root ?? e);
    if (this.declared.has(e.name)) return;
    const locals = ["context", ...this.visibleLocals()];
    const suggestion = closestName(e.name, locals);
    const first = e.name.charCodeAt(0);
    const lower = first >= 97 && first <= 122;
    if (!lower && suggestion === undefined) return;
    const best = suggestion ?? (lower ? closestName(e.name, this.model.simpleNames()) : undefined);
    this.report(
      "unknown-name",
      `'${e.name}' does not exist here${best ? ` (did you mean '${best}'?)` : ""}`,
      e.start,
      e.end,
      best,
    );
  }

  private visibleLocals(): string[] {
    const out: string[] = [];
    for (let s: Scope | undefined = this.scope; s; s = s.parent) if (s.vars) for (const n of s.vars.keys()) out.push(n);
    return out;
  }

  private notAllowed(info: TypeInfo, start: number, end: number): void {
    const why = info.denied ? ` (${info.denied.note})` : "";
    this.report("type-not-allowed", `${info.fullName} is not allowed in APIM policy expressions${why}`, start, end);
  }

  /** Resolves a type as written; reports a denied type (and denied generic arguments). Unknown: undefined. */
  private typeNode(t: TypeNode): TypeRef | undefined {
    if (t.tupleElements) {
      for (const el of t.tupleElements) this.typeNode(el);
      return undefined;
    }
    const args = this.typeArguments(t.typeArguments);
    let resolved: TypeRef | undefined;
    const kw = keywordType(t.name);
    if (kw) resolved = this.model.plain(kw);
    else if (t.name === "dynamic") resolved = DYNAMIC_TYPE;
    else {
      const info = this.resolveTypeName(t.name, t.typeArguments.length);
      if (info) {
        this.symbols?.set(t, { kind: "type", type: info });
        if (info.allowed === "denied") this.notAllowed(info, t.start, t.end);
        resolved = this.typeWithArgs(info.key, args);
        // An unknown generic argument makes the whole type unknown (List<Foo> is not List<object>).
        if (args.some((a) => a === undefined)) resolved = undefined;
      }
    }
    if (!resolved) return undefined;
    if (t.nullable && this.model.info(resolved)?.valueType) resolved = nullableOf(resolved);
    for (let i = t.arrayRanks.length - 1; i >= 0; i--) resolved = arrayOf(resolved, t.arrayRanks[i]);
    return resolved;
  }

  /** The types of written type arguments (none: a shared empty list, no allocation). */
  private typeArguments(nodes: readonly TypeNode[]): readonly (TypeRef | undefined)[] {
    if (nodes.length === 0) return NO_TYPE_ARGS;
    // A loop, not map(): a closure over `this` would make a context object on every call, type arguments or not.
    const out: (TypeRef | undefined)[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) out[i] = this.typeNode(nodes[i]!);
    return out;
  }

  /** `key` with its type arguments (an unknown one as object); the model's shared instance when there are none. */
  private typeWithArgs(key: string, args: readonly (TypeRef | undefined)[]): TypeRef {
    return args.length === 0
      ? this.model.plain(key)
      : named(
          key,
          args.map((a) => a ?? OBJECT),
        );
  }

  private resolveTypeName(dotted: string, arity: number): TypeInfo | undefined {
    return this.model.resolveTypeName(dotted, arity);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Members

  /** `a.b` once `a` is evaluated: a type or namespace inside a dotted name, or a member of a value or type. */
  private member(e: MemberAccess, recv: Sem): Sem {
    const typeArgs = this.typeArguments(e.typeArguments);
    if (recv.k === "unknown") return UNKNOWN;
    if (recv.k === "namespace") return this.namespaceMember(e, recv.name, typeArgs);
    if (recv.k === "type") {
      const nested = recv.info.nested.get(e.name);
      if (nested) {
        this.symbols?.set(e, { kind: "type", type: nested });
        return { k: "type", info: nested, ref: this.model.plain(nested.key) };
      }
      if (recv.info.allowed === "denied") return UNKNOWN;
      const found = this.model.findMembers(recv.ref, e.name);
      const m = memberMeant(found);
      if (!m) {
        this.missingMember(e, recv.ref, recv.info, true);
        return UNKNOWN;
      }
      this.symbols?.set(e, { kind: "member", member: m.member, owner: m.owner });
      this.restricted(m.member, e.nameStart, e.nameEnd);
      if (m.member.kind === "method") return UNKNOWN;
      return value(m.member.type ? substitute(m.member.type, m.substitution) : undefined);
    }
    // A value.
    const conditional = e.conditional;
    const lifted = recv.lifted || conditional;
    let t = recv.type;
    if (conditional || recv.lifted) t = nullableUnderlying(t) ?? t;
    if (!t) return value(undefined, lifted);
    const access = this.valueMember(t, e.name);
    // object, dynamic, a type parameter, a type outside the model: only object's members, unchecked.
    if (!access.known) return lifted ? access.liftedValue : access.value;
    const m = access.found;
    if (!m) {
      if (this.model.extensionMethods(e.name).length === 0 || !this.anyExtensionApplies(t, e.name)) {
        this.missingMember(e, t, this.model.info(t), false);
      }
      return value(undefined, lifted);
    }
    this.symbols?.set(e, { kind: "member", member: m.member, owner: m.owner });
    this.restricted(m.member, e.nameStart, e.nameEnd);
    return lifted ? access.liftedValue : access.value;
  }

  /** `ns.name`: a type or a namespace inside a namespace (policies seldom spell one out: kept out of member()). */
  private namespaceMember(e: MemberAccess, ns: string, typeArgs: readonly (TypeRef | undefined)[]): Sem {
    const dotted = `${ns}.${e.name}`;
    const info = this.model.byFullName(dotted, e.typeArguments.length);
    if (info) {
      this.symbols?.set(e, { kind: "type", type: info });
      if (info.allowed === "denied") this.notAllowed(info, e.start, e.end);
      return {
        k: "type",
        info,
        ref: this.typeWithArgs(info.key, typeArgs),
      };
    }
    if (this.model.isNamespace(dotted)) {
      this.symbols?.set(e, { kind: "namespace", name: dotted });
      return { k: "namespace", name: dotted };
    }
    return UNKNOWN;
  }

  /** What `value.name` gives on a value of type `t` (kept on the model per type and name). */
  private valueMember(t: TypeRef, name: string): ValueMember {
    const byName = this.model.derivedOf(VALUE_MEMBERS, t);
    let access = byName.get(name);
    if (access === undefined) {
      access = this.hasKnownMembers(t) ? this.knownValueMember(t, name) : objectValueMember(this.model, name);
      byName.set(name, access);
    }
    return access;
  }

  private knownValueMember(t: TypeRef, name: string): ValueMember {
    const found = memberMeant(this.model.findMembers(t, name));
    const member = found?.member;
    // A method group or an event is no value the checker types.
    const typed = member !== undefined && member.kind !== "method" && member.kind !== "event";
    const mt = typed && member.type ? substitute(member.type, found!.substitution) : undefined;
    return { known: true, found, value: value(mt), liftedValue: value(mt, true) };
  }

  /** A receiver whose members the checker looks up (not object/dynamic/a type parameter/unknown). */
  private hasKnownMembers(t: TypeRef): boolean {
    if (t.kind === "array") return true;
    if (t.kind !== "named") return false;
    if (t.key === K.object || t.key === "System.ValueType") return false;
    return this.model.type(t.key) !== undefined;
  }

  private anyExtensionApplies(t: TypeRef, name: string): boolean {
    return this.extensionCandidates(t, name).length > 0;
  }

  /** Extension methods named `name` whose `this` parameter the receiver can bind to. */
  private extensionCandidates(t: TypeRef, name: string): readonly Candidate[] {
    if (this.model.extensionMethods(name).length === 0) return NO_EXTENSIONS;
    // A pure function of the model: kept on it per (receiver, name).
    const byName = this.model.derivedOf(EXTENSION_CANDIDATES, t);
    let found = byName.get(name);
    if (found === undefined) {
      const out: Candidate[] = [];
      for (const m of this.model.extensionMethods(name)) {
        const thisType = m.parameters[0]?.type;
        if (!thisType) continue;
        if (!this.receiverFits(thisType, t, new Set(m.typeParameters))) continue;
        out.push({ member: m, typeSubst: EMPTY_SUBSTITUTION, depth: 0, tier: 1, receiver: t });
      }
      found = out;
      byName.set(name, found);
    }
    return found;
  }

  /** Could `receiver` bind to an extension method's `this` parameter (by identity, reference or boxing)? */
  private receiverFits(thisType: TypeRef, receiver: TypeRef, params: ReadonlySet<string>): boolean {
    if (thisType.kind === "typeParameter") return params.has(thisType.name);
    if (thisType.kind === "array") return receiver.kind === "array";
    if (thisType.kind !== "named") return false;
    if (thisType.args.every((a) => a.kind !== "typeParameter" && !hasParam(a))) {
      return convertsImplicitly(this.model, receiver, thisType, false);
    }
    return this.model.supertypes(receiver).some((s) => s.kind === "named" && s.key === thisType.key);
  }

  /**
   * A name not found on a type: unknown-member when the model knows every member; on a type APIM restricts to a
   * list of members, member-not-allowed (allowed it is not, whether or not it exists); else silent.
   */
  private missingMember(e: MemberAccess, t: TypeRef, info: TypeInfo | undefined, isStatic: boolean): void {
    const complete = this.model.isComplete(t) && this.model.extensionTypes().every((x) => x.complete);
    if (!complete) {
      if (info?.restriction?.mode === "allow" && !OBJECT_MEMBERS.has(e.name)) {
        this.report(
          "member-not-allowed",
          `${info.name}.${e.name} is not allowed in APIM policy expressions (APIM allows only some members of ${info.name})`,
          e.nameStart,
          e.nameEnd,
        );
      }
      return;
    }
    const candidates = new Set(this.model.memberNames(t));
    if (!isStatic)
      for (const x of this.model.extensionTypes())
        for (const n of x.members.keys()) {
          if (this.anyExtensionApplies(t, n)) candidates.add(n);
        }
    const suggestion = closestName(e.name, candidates);
    const where = isNamed(t, K.context) ? "context" : formatType(t);
    this.report(
      "unknown-member",
      `'${e.name}' is not a member of ${where}${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
      e.nameStart,
      e.nameEnd,
      suggestion,
    );
  }

  /** member-not-allowed for a member of a restricted type (by the type that declares it). */
  private restricted(m: MemberInfo, start: number, end: number): void {
    const r = m.declaringType.restriction;
    if (!r || OBJECT_MEMBERS.has(m.name)) return;
    const name = m.name;
    const listed = this.model.listedByRestriction(m);
    if (r.mode === "allow" ? listed : !listed) return;
    const display =
      m.kind === "constructor" ? `the ${m.declaringType.name} constructor` : `${m.declaringType.name}.${name}`;
    const detail =
      r.mode === "allow"
        ? ` (APIM allows only some members of ${m.declaringType.name})`
        : r.members.some((x) => x.includes("/"))
          ? ` (this overload)`
          : "";
    this.report("member-not-allowed", `${display} is not allowed in APIM policy expressions${detail}`, start, end);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Element access, calls, creation

  private elementAccess(e: ElementAccess): Sem {
    const recv = this.expr(e.object);
    if (recv.k !== "value") {
      for (const a of e.arguments) this.expr(a.value);
      return UNKNOWN;
    }
    const lifted = recv.lifted || e.conditional;
    let t = recv.type;
    if (lifted) t = nullableUnderlying(t) ?? t;
    const args = this.arguments(e.arguments);
    if (!t) return value(undefined, lifted);
    if (t.kind === "array") return value(t.element, lifted);
    const indexers = this.indexers(t);
    if (!indexers.known) return value(undefined, lifted);
    const candidates = indexers.set;
    const r = this.resolve(candidates, args, undefined);
    if (r.chosen) {
      this.symbols?.set(e, { kind: "member", member: r.chosen.member, owner: t });
      this.restricted(r.chosen.member, e.start, e.end);
    }
    // context.Variables["name"]: the run-time type the policy stored, when the environment knows it.
    const held = this.isVariables(e.object) ? this.heldVariable(e.arguments[0]) : undefined;
    if (held) return valueSem(r.type, lifted, false, held, variableName(e.arguments[0]), false);
    return value(r.type, lifted);
  }

  private isVariables(e: Expression): boolean {
    return (
      e.kind === "MemberAccess" &&
      e.name === "Variables" &&
      e.object.kind === "Identifier" &&
      e.object.name === "context" &&
      this.lookup("context") === undefined
    );
  }

  private heldVariable(arg: Argument | undefined): TypeRef | undefined {
    const name = variableName(arg);
    return name === undefined ? undefined : this.env.variableType?.(name);
  }

  /** Evaluates the arguments that do not depend on the overload (lambdas and `out var` wait for it). */
  private arguments(args: readonly Argument[]): readonly CallArgument[] {
    if (args.length === 0) return NO_ARGUMENTS;
    const out: CallArgument[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) out[i] = this.argument(args[i]!);
    return out;
  }

  private argument(arg: Argument): CallArgument {
    const v = arg.value;
    if (v.kind === "Lambda") return { arg, type: undefined, lambda: v, declaration: undefined, intLiteral: false };
    if (v.kind === "DeclarationExpression") {
      const t = v.type ? this.typeNode(v.type) : undefined;
      return { arg, type: t, lambda: undefined, declaration: v, intLiteral: false };
    }
    const sem = this.expr(v);
    const type = sem.k === "value" ? observed(sem) : undefined;
    return { arg, type, lambda: undefined, declaration: undefined, intLiteral: sem.k === "value" && sem.intLiteral };
  }

  private resolve(
    candidates: CandidateSet,
    args: readonly CallArgument[],
    typeArgs: readonly (TypeRef | undefined)[] | undefined,
  ) {
    const r = resolveCandidates(this.model, candidates, args, typeArgs, this);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.lambda && !this.checkedLambdas?.has(a.lambda)) this.lambda(a.lambda, []);
      if (a.declaration) {
        const t = a.type ?? r.parameterTypes[i];
        this.declare(a.declaration.name, t, a.declaration);
        if (t) this.types?.set(a.declaration, t);
        this.symbols?.set(a.declaration, {
          kind: "local",
          name: a.declaration.name,
          type: t,
          declaration: a.declaration,
        });
      }
    }
    return r;
  }

  private invocation(e: Invocation): Sem {
    const callee = e.callee;
    if (callee.kind === "MemberAccess") {
      const recv = this.expr(callee.object);
      const typeArgs = this.typeArguments(callee.typeArguments);
      return this.call(e, callee, recv, typeArgs);
    }
    if (callee.kind === "Identifier" && !callee.keyword) {
      if (callee.name === "nameof" && !this.lookup("nameof")) return value(STRING);
      const local = this.lookup(callee.name);
      if (local) {
        this.symbols?.set(callee, {
          kind: "local",
          name: local.name,
          type: local.type,
          declaration: local.declaration,
        });
        const args = this.arguments(e.arguments);
        this.resolve(NO_CANDIDATES, args, undefined);
        return value(local.returns ?? this.delegateReturn(local.type));
      }
    }
    const sem = this.expr(callee);
    const args = this.arguments(e.arguments);
    this.resolve(NO_CANDIDATES, args, undefined);
    return value(sem.k === "value" ? this.delegateReturn(observed(sem)) : undefined);
  }

  private delegateReturn(t: TypeRef | undefined): TypeRef | undefined {
    const info = this.model.info(t);
    if (!t || info?.kind !== "delegate") return undefined;
    const invoke = info.members.get("Invoke")?.[0];
    return invoke?.type ? substitute(invoke.type, this.model.substitution(info, t)) : undefined;
  }

  /** A call whose method is unknown: its arguments are still checked (and its `out var`s declared). */
  private unresolvedCall(e: Invocation, lifted: boolean): Sem {
    this.resolve(NO_CANDIDATES, this.arguments(e.arguments), undefined);
    return value(undefined, lifted);
  }

  private call(e: Invocation, callee: MemberAccess, recv: Sem, typeArgs: readonly (TypeRef | undefined)[]): Sem {
    if (recv.k === "unknown") return this.unresolvedCall(e, false);
    if (recv.k === "namespace") {
      this.member(callee, recv);
      return this.unresolvedCall(e, false);
    }
    let set: CandidateSet;
    let t: TypeRef | undefined;
    let lifted = false;
    if (recv.k === "type") {
      if (recv.info.allowed === "denied") return this.unresolvedCall(e, false);
      t = recv.ref;
      set = this.methodsNamed(t, callee.name);
      if (set.candidates.length === 0) {
        const found = this.model.findMembers(t, callee.name);
        if (found.length === 0) this.missingMember(callee, t, recv.info, true);
        return this.unresolvedCall(e, false);
      }
    } else {
      lifted = recv.lifted || callee.conditional;
      t = recv.type;
      if (lifted) t = nullableUnderlying(t) ?? t;
      if (!t) return this.unresolvedCall(e, lifted);
      const targets = this.callTargets(t, callee.name);
      set = targets.set;
      if (set.candidates.length === 0) {
        if (!targets.known) return this.unresolvedCall(e, lifted);
        return this.callOfNoMethod(e, callee, t, lifted);
      }
    }
    const args = this.arguments(e.arguments);
    const r = this.resolve(set, args, typeArgs.length > 0 ? typeArgs : undefined);
    const candidates = set.candidates;
    if (r.chosen) {
      const symbol: CheckSymbol = { kind: "member", member: r.chosen.member, owner: t };
      this.symbols?.set(callee, symbol);
      this.symbols?.set(e, symbol);
      this.restricted(r.chosen.member, callee.nameStart, callee.nameEnd);
      this.variableReadAs(e, callee, r.type);
    } else {
      this.argumentMismatch(candidates, args, callee.name);
      this.noneAllowed(candidates, callee);
    }
    return value(r.type, lifted);
  }

  /**
   * `value.name(...)` where the value's type has no method `name`: a property of delegate type is invoked, anything
   * else is reported. Rare, so kept out of call() (less for the optimizing compiler to compile there).
   */
  private callOfNoMethod(e: Invocation, callee: MemberAccess, t: TypeRef, lifted: boolean): Sem {
    const found = this.model.findMembers(t, callee.name);
    // A property of delegate type (`Action<string> Trace`): invoke it.
    const prop = firstNonMethod(found);
    if (prop) {
      this.symbols?.set(callee, { kind: "member", member: prop.member, owner: prop.owner });
      const pt = prop.member.type ? substitute(prop.member.type, prop.substitution) : undefined;
      // Invoking a property that is not a delegate (`MatchedParameters("id")`) is CS1955: no such method.
      if (isDefinite(this.model, pt) && this.model.info(pt)?.kind !== "delegate") {
        this.report(
          "unknown-member",
          `'${callee.name}' is a property of ${formatType(t)} (${formatType(pt)}), not a method`,
          callee.nameStart,
          callee.nameEnd,
        );
      }
      this.resolve(NO_CANDIDATES, this.arguments(e.arguments), undefined);
      return value(this.delegateReturn(pt), lifted);
    }
    this.missingMember(callee, t, this.model.info(t), false);
    return this.unresolvedCall(e, lifted);
  }

  /**
   * `context.Variables.GetValueOrDefault<T>("name", ...)` where the policy stored a value that can never be a T:
   * the docs say it throws (the toolkit returns the default instead [U]); either way it is not what was meant.
   */
  private variableReadAs(e: Invocation, callee: MemberAccess, t: TypeRef | undefined): void {
    if (callee.name !== "GetValueOrDefault" || callee.typeArguments.length !== 1 || !t) return;
    if (!this.isVariables(callee.object)) return;
    const held = this.heldVariable(e.arguments[0]);
    if (!held || !castAlwaysFailsAtRuntime(this.model, held, t)) return;
    const d = this.report(
      "type-mismatch",
      `this variable holds ${withArticle(formatType(held))}: GetValueOrDefault<${formatType(t)}> throws (docs) or gives the default (toolkit)`,
      e.start,
      e.end,
    );
    d.actual = held;
    d.expected = t;
    d.variable = variableName(e.arguments[0]);
    // Throws per the docs, gives the default per the toolkit: the reference marks the conflict [U].
    d.unverified = true;
  }

  /** No overload fits (or two do): still a not-allowed member when every candidate is one of one restricted type. */
  private noneAllowed(candidates: readonly Candidate[], callee: MemberAccess): void {
    const first = candidates[0]!.member;
    if (candidates.every((c) => c.member.declaringType === first.declaringType) && candidates.length > 0) {
      const r0 = first.declaringType.restriction;
      if (r0 && !this.anyAllowed(candidates)) {
        this.restricted(first, callee.nameStart, callee.nameEnd);
      }
    }
  }

  /** No overload applies and one argument certainly fits none of them (`AddSeconds("5")`): type-mismatch. */
  private argumentMismatch(candidates: readonly Candidate[], args: readonly CallArgument[], name: string): void {
    const found = certainArgumentMismatch(candidates, args, (a, p) => this.certainMismatch(a.type, p, a.intLiteral));
    if (!found) return;
    const arg = args[found.index]!;
    this.report(
      "type-mismatch",
      `Argument ${found.index + 1} is ${formatType(arg.type)}, but ${name} takes ${formatType(found.parameter)}`,
      arg.arg.value.start,
      arg.arg.value.end,
    );
  }

  private anyAllowed(candidates: readonly Candidate[]): boolean {
    for (let i = 0; i < candidates.length; i++) if (this.isAllowedMember(candidates[i]!.member)) return true;
    return false;
  }

  private isAllowedMember(m: MemberInfo): boolean {
    const r = m.declaringType.restriction;
    if (!r || OBJECT_MEMBERS.has(m.name)) return true;
    const listed = this.model.listedByRestriction(m);
    return r.mode === "allow" ? listed : !listed;
  }

  private methodsNamed(t: TypeRef, name: string): CandidateSet {
    return this.membersAsCandidates(t, name, "method");
  }

  /**
   * What a call `value.name(...)` may mean (kept on the model per receiver and name): a value's methods, then its
   * extension methods; on object or dynamic, object's own methods (ToString, Equals, ...) or none.
   */
  private callTargets(t: TypeRef, name: string): CallTargets {
    const byName = this.model.derivedOf(CALL_TARGETS, t);
    let targets = byName.get(name);
    if (targets === undefined) {
      if (this.hasKnownMembers(t)) {
        const methods = this.methodsNamed(t, name).candidates;
        targets = { known: true, set: new CandidateSet([...methods, ...this.extensionCandidates(t, name)]) };
      } else {
        const om = t.kind === "named" && t.key === K.object ? this.methodsNamed(OBJECT, name) : NO_CANDIDATES;
        targets = { known: false, set: om };
      }
      byName.set(name, targets);
    }
    return targets;
  }

  /** The indexers of a value of type `t` (kept on the model per type), when its members are known. */
  private indexers(t: TypeRef): CallTargets {
    const byName = this.model.derivedOf(INDEXERS, t);
    let targets = byName.get("Item");
    if (targets === undefined) {
      const known = this.hasKnownMembers(t);
      targets = { known, set: known ? this.membersAsCandidates(t, "Item", "indexer") : NO_CANDIDATES };
      byName.set("Item", targets);
    }
    return targets;
  }

  /** The members named `name` of kind `kind` as call candidates (kept on the model per receiver, name and kind). */
  private membersAsCandidates(t: TypeRef, name: string, kind: "method" | "indexer"): CandidateSet {
    const byName = this.model.derivedOf(kind === "method" ? METHOD_CANDIDATES : INDEXER_CANDIDATES, t);
    let set = byName.get(name);
    if (set === undefined) {
      set = new CandidateSet(membersOfKind(this.model.findMembers(t, name), kind));
      byName.set(name, set);
    }
    return set;
  }

  private objectCreation(e: ObjectCreation, expected: TypeRef | undefined): Sem {
    const t = e.type ? this.typeNode(e.type) : expected;
    const args = e.arguments ? this.arguments(e.arguments) : NO_ARGUMENTS;
    const info = this.model.info(t);
    if (t && info && info.allowed !== "denied") {
      const ctorSet = this.constructors(t, info);
      const ctors = ctorSet.candidates;
      const r = this.resolve(ctorSet, args, undefined);
      const where = e.type ?? e;
      if (r.chosen) {
        this.symbols?.set(e, { kind: "member", member: r.chosen.member, owner: t });
        this.restricted(r.chosen.member, where.start, where.end);
      } else {
        this.argumentMismatch(ctors, args, `new ${info.name}`);
        if (ctors.length > 0 && !this.anyAllowed(ctors)) {
          this.restricted(ctors[0]!.member, where.start, where.end);
        }
      }
    } else this.resolve(NO_CANDIDATES, args, undefined);
    if (e.initializer) this.initializer(e.initializer, t);
    return value(t);
  }

  /** The type's own constructors (not its bases'), kept on the model per type. */
  private constructors(t: TypeRef, info: TypeInfo): CandidateSet {
    const byName = this.model.derivedOf(CONSTRUCTOR_CANDIDATES, t);
    let set = byName.get(".ctor");
    if (set === undefined) {
      set = new CandidateSet(constructorCandidates(info.members.get(".ctor"), this.model.substitution(info, t)));
      byName.set(".ctor", set);
    }
    return set;
  }

  private initializer(init: ObjectInitializer | CollectionInitializer, t: TypeRef | undefined): void {
    if (init.kind === "CollectionInitializer") {
      for (const el of init.elements) {
        if (el.kind === "CollectionInitializer") this.initializer(el, undefined);
        else this.expr(el);
      }
      return;
    }
    for (const m of init.members) {
      let mt: TypeRef | undefined;
      if (m.index) for (const a of m.index) this.expr(a.value);
      if (m.name !== undefined && t && this.hasKnownMembers(t)) {
        const found = this.model.findMembers(t, m.name)[0];
        if (found) {
          this.symbols?.set(m, { kind: "member", member: found.member, owner: found.owner });
          mt = found.member.type ? substitute(found.member.type, found.substitution) : undefined;
        } else if (this.model.isComplete(t)) {
          const suggestion = closestName(m.name, this.model.memberNames(t));
          this.report(
            "unknown-member",
            `'${m.name}' is not a member of ${formatType(t)}${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
            m.start,
            m.nameEnd ?? m.end,
            suggestion,
          );
        }
      }
      if (m.value.kind === "ObjectInitializer" || m.value.kind === "CollectionInitializer")
        this.initializer(m.value, mt);
      else this.expr(m.value, mt);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lambdas and queries

  lambdaType(l: Lambda, parameterTypes: readonly (TypeRef | undefined)[]): TypeRef | undefined {
    return this.lambda(l, parameterTypes);
  }

  /** Checks a lambda's body once, its parameters typed as given (explicit types win); returns the body's type. */
  private lambda(l: Lambda, parameterTypes: readonly (TypeRef | undefined)[]): TypeRef | undefined {
    this.checkedLambdas ??= new Set();
    if (this.checkedLambdas.has(l)) return undefined;
    this.checkedLambdas.add(l);
    let result: TypeRef | undefined;
    const saved = this.openScope();
    for (let i = 0; i < l.parameters.length; i++) {
      const p = l.parameters[i]!;
      const t = p.type ? this.typeNode(p.type) : parameterTypes[i];
      this.declare(p.name, t, p);
      if (t) this.types?.set(p, t);
      this.symbols?.set(p, { kind: "local", name: p.name, type: t, declaration: p });
    }
    if (l.body.kind === "Block") {
      const frame: FunctionFrame = { expected: undefined, returns: [] };
      const outer = this.frame;
      this.frame = frame;
      this.block(l.body);
      this.frame = outer;
      const first = frame.returns[0];
      result = first && frame.returns.every((r) => r && sameType(r, first)) ? first : undefined;
    } else {
      result = this.val(l.body);
    }
    this.scope = saved;
    return result?.kind === "null" ? undefined : result;
  }

  private query(q: Query): Sem {
    let result: TypeRef | undefined;
    let element: TypeRef | undefined;
    const saved = this.openScope();
    for (const c of q.clauses) {
      switch (c.kind) {
        case "FromClause": {
          const src = this.val(c.source);
          const t = c.type ? this.typeNode(c.type) : this.elementType(src);
          this.declare(c.name, t, c);
          element = t;
          break;
        }
        case "LetClause":
          this.declare(c.name, this.val(c.value), c);
          break;
        case "WhereClause":
          this.condition(c.condition);
          break;
        case "JoinClause": {
          const src = this.val(c.source);
          const t = c.type ? this.typeNode(c.type) : this.elementType(src);
          this.expr(c.left);
          this.declare(c.name, t, c);
          this.expr(c.right);
          if (c.into) this.declare(c.into, t ? named(K.ienumerable, [t]) : undefined, c);
          break;
        }
        case "OrderByClause":
          for (const o of c.orderings) this.expr(o.expression);
          break;
        case "SelectClause": {
          const t = this.val(c.value);
          result = t ? named(K.ienumerable, [t]) : undefined;
          element = t;
          break;
        }
        case "GroupClause": {
          const v = this.val(c.value);
          const k = this.val(c.key);
          element = v && k ? named("System.Linq.IGrouping`2", [k, v]) : undefined;
          result = element ? named(K.ienumerable, [element]) : undefined;
          break;
        }
        case "IntoClause":
          this.declare(c.name, element, c);
          break;
      }
    }
    this.scope = saved;
    return value(result);
  }

  /** The element type `foreach` gives: GetEnumerator()'s Current, else the one IEnumerable<T> it implements. */
  private elementType(t: TypeRef | undefined): TypeRef | undefined {
    if (!t) return undefined;
    if (t.kind === "array") return t.element;
    if (!this.hasKnownMembers(t)) return undefined;
    const enumerators = this.model
      .findMembers(t, "GetEnumerator")
      .filter((f) => f.member.kind === "method" && f.member.parameters.length === 0 && !f.member.static);
    const best = enumerators.sort((a, b) => a.depth - b.depth)[0];
    if (best?.member.type) {
      const et = substitute(best.member.type, best.substitution);
      // findMembers lists by increasing depth: the first is the most derived.
      const current = this.model.findMembers(et, "Current")[0];
      if (current?.member.type) return substitute(current.member.type, current.substitution);
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Operators

  private binary(root: Binary): Sem {
    // A long `a + b + c + ...` is a deep left spine: walk it with a loop rather than recursion. The spines of
    // nested binaries share one stack, each above the one it is inside (no array per binary expression).
    if (root.left.kind !== "Binary") return this.binaryType(root, this.expr(root.left), this.expr(root.right));
    this.spines ??= [];
    const spine = this.spines;
    const base = spine.length;
    let left: Expression = root;
    while (left.kind === "Binary" && spine.length - base < 100_000) {
      spine.push(left);
      left = left.left;
    }
    let acc = this.expr(left);
    for (let i = spine.length - 1; i >= base; i--) {
      const node = spine[i]!;
      const right = this.expr(node.right);
      acc = this.binaryType(node, acc, right);
      if (i > base && this.types && acc.k === "value") {
        const t = observed(acc);
        if (t && t.kind !== "null") this.types.set(node, t);
      }
    }
    spine.length = base;
    return acc;
  }

  private binaryType(e: Binary, a: Sem, b: Sem): Sem {
    const ta = a.k === "value" ? observed(a) : undefined;
    const tb = b.k === "value" ? observed(b) : undefined;
    // `60 * 20` is an int constant like `1200`: it converts to any numeric type (uint x = 60 * 20).
    if (a.k === "value" && b.k === "value" && a.intLiteral && b.intLiteral && ARITHMETIC.has(e.operator)) {
      return numberValue(this.model.plain(K.int), true);
    }
    return value(binaryOperatorType(this.model, e.operator, ta, tb, b.k === "value" && b.throws));
  }

  private conditionalType(a: Sem, b: Sem): TypeRef | undefined {
    if (a.k === "value" && a.throws) return b.k === "value" ? observed(b) : undefined;
    if (b.k === "value" && b.throws) return a.k === "value" ? observed(a) : undefined;
    if (a.k !== "value" || b.k !== "value") return undefined;
    return conditionalResultType(this.model, observed(a), observed(b), a.intLiteral, b.intLiteral);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Casts

  private checkCast(inner: Expression, sem: Sem, to: TypeRef | undefined, start: number, end: number): void {
    if (!to || sem.k !== "value") return;
    const from = observed(sem);
    if (castNeverCompiles(from, to)) {
      this.report("type-mismatch", `Cannot convert type '${formatType(from)}' to '${formatType(to)}'`, start, end);
      return;
    }
    // The policy stored a value of a known type in context.Variables: a cast it can never satisfy throws.
    if (sem.held && isNamed(from, K.object) && castAlwaysFailsAtRuntime(this.model, sem.held, to)) {
      const what = inner.kind === "ElementAccess" ? "this variable" : "the value";
      const d = this.report(
        "type-mismatch",
        `${what} holds ${withArticle(formatType(sem.held))}: the cast to '${formatType(to)}' always fails at run time`,
        start,
        end,
      );
      d.actual = sem.held;
      d.expected = to;
      d.variable = sem.heldName;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** The type a `?.` chain gives where it ends: `T?` for a value type T, T itself for a reference type. */
function observed(sem: ValueSem): TypeRef | undefined {
  const t = sem.type;
  if (!sem.lifted || !t || t.kind !== "named") return t;
  if (t.key === K.nullable) return t;
  const m = typeModel().type(t.key);
  return m?.valueType ? nullableOf(t) : t;
}

/** A type whose conversions C# fixes (numbers, bool, char, string, DateTime, TimeSpan, Guid). */
function isClosed(t: TypeRef): boolean {
  if (t.kind !== "named") return false;
  return (
    isNumeric(t) ||
    t.key === K.bool ||
    t.key === K.string ||
    t.key === K.dateTime ||
    t.key === K.timeSpan ||
    t.key === K.guid
  );
}

function hasParam(t: TypeRef): boolean {
  if (t.kind === "typeParameter") return true;
  if (t.kind === "named") return t.args.some(hasParam);
  if (t.kind === "array") return hasParam(t.element);
  return false;
}

/** The found members of one kind as call candidates of the receiver's own tier. */
function membersOfKind(found: readonly FoundMember[], kind: "method" | "indexer"): Candidate[] {
  return found
    .filter((f) => f.member.kind === kind)
    .map((f) => ({ member: f.member, typeSubst: f.substitution, depth: f.depth, tier: 0, receiver: undefined }));
}

function constructorCandidates(
  ctors: readonly MemberInfo[] | undefined,
  typeSubst: ReadonlyMap<string, TypeRef>,
): Candidate[] {
  return (ctors ?? []).map((m) => ({ member: m, typeSubst, depth: 0, tier: 0, receiver: undefined }));
}

/** The first found member that is not a method (a property, field or event), if any. */
function firstNonMethod(found: readonly FoundMember[]): FoundMember | undefined {
  for (let i = 0; i < found.length; i++) if (found[i]!.member.kind !== "method") return found[i];
  return undefined;
}

/** What `a.b` means among the members named b: a property (field, event) before methods. */
function memberMeant(found: readonly FoundMember[]): FoundMember | undefined {
  return firstNonMethod(found) ?? found[0];
}

/** "a Jwt", "an int". */
function withArticle(type: string): string {
  return `${/^[aeiouAEIOU]/.test(type) ? "an" : "a"} ${type}`;
}

/** A variable name written as a string literal (`context.Variables["name"]`). */
function variableName(arg: Argument | undefined): string | undefined {
  if (arg?.value.kind !== "Literal" || arg.value.literalKind !== "string") return undefined;
  return arg.value.value;
}

/** Every local, parameter, range variable, pattern and out variable the expression declares. */
function collectDeclaredNames(root: Node): Set<string> {
  const out = new Set<string>();
  walk(root, (n) => {
    switch (n.kind) {
      case "VariableDeclarator":
      case "DeclarationExpression":
      case "Parameter":
      case "Foreach":
      case "LocalFunction":
        out.add(n.name);
        break;
      case "CatchClause":
        if (n.name) out.add(n.name);
        break;
      case "TypePattern":
        if (n.designation) out.add(n.designation);
        break;
      case "VarPattern":
        out.add(n.designation);
        break;
      case "FromClause":
      case "LetClause":
      case "JoinClause":
      case "IntoClause":
        out.add(n.name);
        if (n.kind === "JoinClause" && n.into) out.add(n.into);
        break;
    }
    return true;
  });
  return out;
}
