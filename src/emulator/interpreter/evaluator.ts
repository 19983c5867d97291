// The tree-walking interpreter of policy expressions: every expression kind of src/policy/csharp/ast.ts (the
// statements are in statements.ts), with .NET semantics (numbers.ts, operators.ts, conversions.ts) and members found
// through the RuntimeRegistry. Static types come from the checker (checkExpression): C# decides some things at
// compile time that the runtime value cannot tell (unboxing vs numeric conversion, Nullable<T> members on null).

import type {
  Argument,
  ArrayCreation,
  ArrayInitializer,
  Block,
  CollectionInitializer,
  Expression,
  Identifier,
  Invocation,
  Lambda,
  MemberAccess,
  Node,
  ObjectInitializer,
  Parameter,
  Pattern,
  TypeNode,
} from "../../policy/csharp/ast.js";
import type { CheckResult } from "../../policy/csharp/checker.js";
import { parseExpressionText } from "../../policy/csharp/index.js";
import { keywordType } from "../../policy/csharp/types/keywords.js";
import { typeModel } from "../../policy/csharp/types/lookup.js";
import { arrayOf, K, named, nullableUnderlying, OBJECT, type TypeRef } from "../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated, type SourceLocation } from "../errors.js";
import type { Arg, CallInfo, MemberImpl, MethodImpl, RuntimeRegistry } from "../runtime-types.js";
import { NetArray, NetDelegate, NetEnum, type NetValue, Num, type Ref } from "../values.js";
import { AnonymousObject } from "./anonymous.js";
import { castTo, defaultOf, implicitTo } from "./conversions.js";
import { EXCEPTION_KEYS, ExceptionObject, newException, simpleExceptionName } from "./exceptions.js";
import { literalValue } from "./literals.js";
import { DECONSTRUCTION, TUPLE } from "./not-emulated.js";
import { NUMERIC_KEY, numericTypeOfKey } from "./numbers.js";
import { binaryOperator, equalsOperator, increment, unaryOperator } from "./operators.js";
import { queryExpression } from "./query.js";
import { refTo, Scope } from "./scope.js";
import { block } from "./statements.js";
import { netToString } from "./text.js";
import { fullNameOf, isInstance, resolveTypeNode, runtimeKey, typeNodeText, typeRefOf } from "./type-of.js";

export interface EvalEnv {
  registry: RuntimeRegistry;
  /** The `context` object (a NetObject from the gateway). */
  context: NetValue;
  /** Document offset -> file:line:column. */
  locate(offset: number): SourceLocation;
  /** The emulated clock, ms since the Unix epoch. */
  now(): number;
  /** The text of `{{name}}`. */
  namedValue(name: string): string | undefined;
}

/** What a name or dotted name evaluates to before it is used. */
type Target = { k: "value"; v: NetValue } | { k: "type"; ref: TypeRef } | { k: "namespace"; name: string };

/** Thrown by a `?.` or `?[` on null and caught where its chain ends (never escapes `expr`). */
const SHORT_CIRCUIT: unique symbol = Symbol("null-conditional short circuit");

export const NULL_REFERENCE_MESSAGE = "Object reference not set to an instance of an object.";

const NO_TYPES: readonly TypeRef[] = [];

/** sizeof of the predefined value types, in bytes: the only sizeof that safe code may take (C# spec, sizeof). */
const SIZE_OF: Readonly<Record<string, number>> = {
  sbyte: 1,
  byte: 1,
  bool: 1,
  short: 2,
  ushort: 2,
  char: 2,
  int: 4,
  uint: 4,
  float: 4,
  long: 8,
  ulong: 8,
  double: 8,
  decimal: 16,
};

export class Interpreter {
  private checked = false;
  /** The exception a catch block is handling (what `throw;` rethrows). */
  currentException: NetException | undefined;

  constructor(
    readonly env: EvalEnv,
    private readonly check: CheckResult | undefined,
  ) {}

  // -------------------------------------------------------------------------------------------------------------
  // Helpers

  at(node: { start: number }): SourceLocation {
    return this.env.locate(node.start);
  }

  info(node: { start: number }, typeArgs: readonly TypeRef[] = NO_TYPES): CallInfo {
    return { typeArgs, at: this.at(node), now: () => this.env.now() };
  }

  notEmulated(construct: string, node: { start: number }): NotEmulated {
    return new NotEmulated(construct, this.at(node));
  }

  /** A NetException raised at `node` (its position filled in when the raiser did not know it). */
  located(e: NetException, node: { start: number }): NetException {
    if (e.at) return e;
    const copy = new NetException(e.type, e.message, this.at(node), e.bases);
    return copy;
  }

  nullReference(node: { start: number }): NetException {
    return new NetException("NullReferenceException", NULL_REFERENCE_MESSAGE, this.at(node));
  }

  staticType(node: Node): TypeRef | undefined {
    return this.check?.typeOf(node);
  }

  typeOfNode(t: TypeNode): TypeRef {
    const r = resolveTypeNode(t);
    if (!r) throw this.notEmulated(`type ${typeNodeText(t)}`, t);
    return r;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Entry

  run(body: Expression | Block, scope: Scope): NetValue {
    if (body.kind !== "Block") return this.expr(body, scope);
    const c = block(this, body, scope);
    if (c === "break" || c === "continue") throw this.notEmulated("break or continue outside a loop", body);
    return c ? c.value : null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Expressions

  expr(e: Expression, scope: Scope): NetValue {
    try {
      return this.exprInner(e, scope);
    } catch (err) {
      // A `?.` / `?[` that met null ends its whole chain with null (C# §12.8.8): here, outside the chain.
      if (err === SHORT_CIRCUIT) return null;
      if (err instanceof NetException && !err.at) throw this.located(err, e);
      throw err;
    }
  }

  /** The receiver inside a member/call/index chain: a null-conditional short circuit passes through it. */
  private chainPart(e: Expression, scope: Scope): NetValue {
    if (e.kind !== "MemberAccess" && e.kind !== "Invocation" && e.kind !== "ElementAccess") return this.expr(e, scope);
    try {
      return this.exprInner(e, scope);
    } catch (err) {
      if (err instanceof NetException && !err.at) throw this.located(err, e);
      throw err;
    }
  }

  private exprInner(e: Expression, scope: Scope): NetValue {
    switch (e.kind) {
      case "Literal":
        return literalValue(e, this);
      case "InterpolatedString":
        return this.interpolated(e, scope);
      case "NamedValue":
        return this.namedValue(e);
      case "Identifier":
      case "MemberAccess": {
        const t = this.target(e, scope);
        if (t.k === "value") return t.v;
        throw this.notEmulated(
          t.k === "type" ? `type ${fullNameOf(t.ref)} used as a value` : `namespace ${t.name} used as a value`,
          e,
        );
      }
      case "Invocation":
        return this.invocation(e, scope);
      case "ElementAccess": {
        const recv = this.chainPart(e.object, scope);
        if (recv === null) {
          if (e.conditional) throw SHORT_CIRCUIT;
          throw this.nullReference(e);
        }
        return this.indexGet(recv, this.args(e.arguments, scope), e);
      }
      case "DeclarationExpression":
        throw this.notEmulated("a declaration expression outside an out argument", e);
      case "Unary":
        if (e.operator === "++" || e.operator === "--") return this.incDec(e.operand, e.operator, e.prefix, scope, e);
        return unaryOperator(e.operator, this.expr(e.operand, scope), this, e);
      case "Binary":
        return this.binary(e, scope);
      case "Conditional":
        return this.truth(this.expr(e.test, scope), e.test)
          ? this.expr(e.consequent, scope)
          : this.expr(e.alternate, scope);
      case "Assignment":
        return this.assignment(e, scope);
      case "Cast": {
        const target = this.typeOfNode(e.type);
        const v = this.expr(e.expression, scope);
        return castTo(v, target, this.staticType(e.expression), this, e);
      }
      case "As": {
        const target = this.typeOfNode(e.type);
        const v = this.expr(e.expression, scope);
        if (v === null) return null;
        const is = isInstance(v, target);
        if (is === undefined) throw this.notEmulated(`'as ${typeNodeText(e.type)}' on a ${runtimeKey(v)}`, e);
        return is ? v : null;
      }
      case "Is": {
        const v = this.expr(e.expression, scope);
        return this.matches(v, e.pattern, scope, this.staticType(e.expression));
      }
      case "Lambda":
        return this.lambda(e, scope);
      case "ObjectCreation":
        return this.objectCreation(e, scope);
      case "AnonymousObjectCreation": {
        const members: [string, NetValue][] = [];
        for (const m of e.members) {
          const name = m.name ?? inferredName(m.value);
          if (name === undefined) throw this.notEmulated("an anonymous type member without a name", m);
          members.push([name, this.expr(m.value, scope)]);
        }
        return new AnonymousObject(members);
      }
      case "ArrayCreation":
        return this.arrayCreation(e, scope);
      case "TypeOf":
        return this.typeOfValue(this.typeOfNode(e.type), e);
      case "RefExpression":
        throw this.notEmulated("a ref local or ref return (C# 7)", e);
      case "SizeOf": {
        const t = e.type;
        const plain = t.typeArguments.length === 0 && !t.nullable && t.arrayRanks.length === 0;
        const size = plain && Object.hasOwn(SIZE_OF, t.name) ? SIZE_OF[t.name] : undefined;
        if (size === undefined) throw this.notEmulated(`sizeof(${typeNodeText(e.type)})`, e);
        return new Num("int", size);
      }
      case "Default": {
        const t = e.type ? this.typeOfNode(e.type) : this.staticType(e);
        if (!t) throw this.notEmulated("the default literal of an unknown type", e);
        return defaultOf(t, this, e);
      }
      case "Parenthesized":
        return this.expr(e.expression, scope);
      case "Tuple":
        throw this.notEmulated(TUPLE, e);
      case "ThrowExpression":
        throw this.thrown(this.expr(e.expression, scope), e);
      case "CheckedExpression": {
        const saved = this.checked;
        this.checked = e.checked;
        try {
          return this.expr(e.expression, scope);
        } finally {
          this.checked = saved;
        }
      }
      case "This":
        throw this.notEmulated(e.base ? "base" : "this", e);
      case "Query":
        return queryExpression(this, e, scope);
      case "UnsupportedExpression":
        throw this.notEmulated(`${e.feature} (newer than C# 7)`, e);
      case "Missing":
        throw this.notEmulated("a missing expression", e);
    }
  }

  get isChecked(): boolean {
    return this.checked;
  }

  truth(v: NetValue, node: { start: number }): boolean {
    if (typeof v === "boolean") return v;
    if (v === null)
      throw new NetException("InvalidOperationException", "Nullable object must have a value.", this.at(node));
    throw this.notEmulated(`a condition of type ${runtimeKey(v)}`, node);
  }

  private namedValue(e: Expression & { kind: "NamedValue" }): NetValue {
    const text = this.env.namedValue(e.name);
    if (text === undefined) throw this.notEmulated(`named value {{${e.name}}} (no value given)`, e);
    // APIM substitutes the text before compiling: it is code here (`{{limit}}` -> 10).
    const parsed = parseExpressionText(text);
    const error = parsed.diagnostics.find((d) => d.severity === "error");
    if (error) throw this.notEmulated(`named value {{${e.name}}} as code (${error.message})`, e);
    const inner = new Interpreter({ ...this.env, locate: () => this.at(e) }, undefined);
    return inner.run(parsed.body, new Scope());
  }

  private interpolated(e: Expression & { kind: "InterpolatedString" }, scope: Scope): string {
    let out = "";
    for (const p of e.parts) {
      if (p.kind === "InterpolatedText") {
        out += p.value;
        continue;
      }
      const v = this.expr(p.expression, scope);
      let text = this.toText(v, p.format, p);
      if (p.alignment) {
        const width = this.expr(p.alignment, scope);
        if (!(width instanceof Num) || typeof width.value !== "number")
          throw this.notEmulated("a non-int alignment", p.alignment);
        text = width.value < 0 ? text.padEnd(-width.value) : text.padStart(width.value);
      }
      out += text;
    }
    return out;
  }

  /** ToString(format) of a value, through its runtime type (the format strings live in dotnet/format). */
  toText(v: NetValue, format: string | undefined, node: { start: number }): string {
    try {
      if (v instanceof Num && format !== undefined) {
        const t = this.env.registry.type(NUMERIC_KEY[v.type]);
        if (!t || !Object.hasOwn(t, "toString") || !t.toString)
          throw this.notEmulated(`ToString("${format}") of ${NUMERIC_KEY[v.type]}`, node);
        return t.toString(v, format, this.info(node));
      }
      return netToString(v, this.env, format);
    } catch (err) {
      if (err instanceof NotEmulated && !err.at) throw this.notEmulated(err.construct, node);
      if (err instanceof NetException && !err.at) throw this.located(err, node);
      throw err;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Names and members

  /** An identifier or dotted name: a local, `context`, a type, a namespace, or a member's value. */
  target(e: Expression, scope: Scope): Target {
    if (e.kind === "Identifier") return this.identifier(e, scope);
    if (e.kind !== "MemberAccess") return { k: "value", v: this.chainPart(e, scope) };
    const recv = this.target(e.object, scope);
    if (recv.k === "namespace") {
      const dotted = `${recv.name}.${e.name}`;
      const model = typeModel();
      const info = model.byFullName(dotted, e.typeArguments.length);
      if (info)
        return {
          k: "type",
          ref: named(
            info.key,
            e.typeArguments.map((t) => this.typeOfNode(t)),
          ),
        };
      if (model.isNamespace(dotted)) return { k: "namespace", name: dotted };
      throw this.notEmulated(`name ${dotted}`, e);
    }
    if (recv.k === "type") {
      const outer = recv.ref.kind === "named" ? typeModel().type(recv.ref.key) : undefined;
      const nested = outer?.nested.get(e.name);
      if (nested) return { k: "type", ref: named(nested.key) };
      return { k: "value", v: this.staticMember(recv.ref, e.name, e) };
    }
    return { k: "value", v: this.instanceMember(recv.v, e, e.object) };
  }

  private identifier(e: Identifier, scope: Scope): Target {
    if (!e.keyword) {
      const local = scope.lookup(e.name);
      if (local) return { k: "value", v: local.value };
      if (e.name === "context") return { k: "value", v: this.env.context };
    }
    const kw = keywordType(e.name);
    if (kw) return { k: "type", ref: named(kw) };
    const model = typeModel();
    const candidates = model.bySimple(e.name).filter((t) => t.typeParameters.length === e.typeArguments.length);
    if (candidates.length === 1) {
      return {
        k: "type",
        ref: named(
          candidates[0]!.key,
          e.typeArguments.map((t) => this.typeOfNode(t)),
        ),
      };
    }
    if (candidates.length === 0 && model.isNamespace(e.name)) return { k: "namespace", name: e.name };
    if (EXCEPTION_KEYS[e.name]) return { k: "type", ref: named(EXCEPTION_KEYS[e.name]!) };
    throw this.notEmulated(candidates.length > 1 ? `ambiguous name ${e.name}` : `name ${e.name}`, e);
  }

  private staticMember(type: TypeRef, name: string, node: MemberAccess): NetValue {
    const key = type.kind === "named" ? type.key : K.array;
    const m = this.env.registry.member(key, name, true);
    if (!m) throw this.notEmulated(`${fullNameOf(type)}.${name}`, node);
    if (m.kind !== "property") return this.methodGroup(m, null, type, name, node);
    return this.guard(() => m.get(null, this.info(node, type.kind === "named" ? type.args : NO_TYPES)), node);
  }

  /** Runs a library call, giving its exceptions the call's position. */
  guard<T>(f: () => T, node: { start: number }): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof NetException && !err.at) throw this.located(err, node);
      if (err instanceof NotEmulated && !err.at) throw this.notEmulated(err.construct, node);
      throw err;
    }
  }

  /** Whether the checker typed `node` as Nullable<T> (HasValue, Value, GetValueOrDefault run on the nullable). */
  private nullableReceiver(node: Expression): boolean {
    const t = this.staticType(node);
    return t?.kind === "named" && t.key === K.nullable;
  }

  /**
   * The member implementation for a receiver: its type and supertypes, then System.Object. With `kind`, only a
   * member of that kind counts (an invocation binds to methods: JValue's Value property does not hide JToken's
   * Value<T>() method).
   */
  memberOf(
    recv: NetValue,
    name: string,
    receiverNode: Expression | undefined,
    kind?: MemberImpl["kind"],
  ): MemberImpl | undefined {
    const registry = this.env.registry;
    if (receiverNode && this.nullableReceiver(receiverNode)) {
      const m = memberOfKind(registry, K.nullable, name, false, kind);
      if (m) return m;
    }
    if (recv === null) return undefined;
    let key = runtimeKey(recv)!;
    if (recv instanceof ExceptionObject && !registry.type(key)) key = K.exception;
    if (recv instanceof NetEnum && !registry.type(key)) key = K.enum;
    return (
      memberOfKind(registry, key, name, false, kind) ??
      (recv instanceof NetEnum ? memberOfKind(registry, K.enum, name, false, kind) : undefined) ??
      memberOfKind(registry, K.object, name, false, kind)
    );
  }

  private instanceMember(recv: NetValue, e: MemberAccess, receiverNode: Expression): NetValue {
    if (recv === null && e.conditional) throw SHORT_CIRCUIT;
    if (recv instanceof AnonymousObject) {
      const v = recv.get(e.name);
      if (v === undefined) throw this.notEmulated(`member ${e.name} of an anonymous type`, e);
      return v;
    }
    const m = this.memberOf(recv, e.name, e.conditional ? undefined : receiverNode);
    if (!m) {
      if (recv === null) throw this.nullReference(e);
      throw this.notEmulated(`${fullNameOf(typeRefOf(recv)!)}.${e.name}`, { start: e.nameStart });
    }
    if (m.kind !== "property") return this.methodGroup(m, recv, typeRefOf(recv)!, e.name, e);
    return this.guard(() => m.get(recv, this.info(e)), e);
  }

  /**
   * A method group used as a value (`"a1".Count(char.IsDigit)`, `.Select(int.Parse)`): a delegate bound to the
   * method (and its receiver). Its arity, for the overload choice of the method it is passed to, is the smallest
   * parameter count of the group's overloads in the type model: the one a Func<T, TResult> converts to.
   */
  private methodGroup(m: MethodImpl, self: NetValue, type: TypeRef, name: string, node: MemberAccess): NetDelegate {
    const overloads = typeModel()
      .findMembers(type, name)
      .filter((f) => f.member.kind === "method" && f.member.static === (self === null));
    const arity = overloads.length ? Math.min(...overloads.map((f) => f.member.parameters.length)) : 1;
    return new NetDelegate(arity, (args) =>
      this.guard(
        () =>
          m.call(
            self,
            args.map((value) => ({ value })),
            this.info(node),
          ),
        node,
      ),
    );
  }

  private typeOfValue(t: TypeRef, node: { start: number }): NetValue {
    const type = this.env.registry.type(K.type);
    if (!type?.construct) throw this.notEmulated("typeof", node);
    return type.construct([{ value: fullNameOf(t) }], this.info(node, [t]));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Calls

  args(list: readonly Argument[], scope: Scope): Arg[] {
    const out: Arg[] = [];
    for (const a of list) {
      if (a.modifier === "out" || a.modifier === "ref") {
        const ref = this.refOf(a.value, scope, a.modifier === "out");
        out.push({ value: a.modifier === "ref" ? ref.get() : null, name: a.name, ref });
      } else out.push({ value: this.expr(a.value, scope), name: a.name });
    }
    return out;
  }

  private refOf(e: Expression, scope: Scope, out: boolean): Ref {
    if (e.kind === "DeclarationExpression") {
      const type = e.type ? this.typeOfNode(e.type) : this.staticType(e);
      const v = scope.declare(e.name, null, type);
      return refTo(v, (x) => implicitTo(x, type, this, e));
    }
    if (e.kind === "Identifier") {
      const v = scope.lookup(e.name);
      if (!v) throw this.notEmulated(`${out ? "out" : "ref"} argument ${e.name}`, e);
      return refTo(v, (x) => implicitTo(x, v.type, this, e));
    }
    throw this.notEmulated(`${out ? "out" : "ref"} argument of kind ${e.kind}`, e);
  }

  private invocation(e: Invocation, scope: Scope): NetValue {
    const callee = e.callee;
    if (callee.kind === "MemberAccess") {
      const recv = this.target(callee.object, scope);
      const typeArgs = callee.typeArguments.map((t) => this.typeOfNode(t));
      if (recv.k === "namespace") throw this.notEmulated(`${recv.name}.${callee.name}()`, callee);
      if (recv.k === "type") {
        const key = recv.ref.kind === "named" ? recv.ref.key : K.array;
        const m =
          memberOfKind(this.env.registry, key, callee.name, true, "method") ??
          this.env.registry.member(key, callee.name, true);
        if (!m) throw this.notEmulated(`${fullNameOf(recv.ref)}.${callee.name}()`, callee);
        const args = this.args(e.arguments, scope);
        return this.callMember(m, null, args, callee, typeArgs, e);
      }
      const self = recv.v;
      if (self === null && callee.conditional) throw SHORT_CIRCUIT;
      return this.callOn(
        self,
        callee.name,
        callee.object,
        this.args(e.arguments, scope),
        typeArgs,
        callee,
        e,
        callee.conditional,
      );
    }
    if (callee.kind === "Identifier" && !callee.keyword) {
      const local = scope.lookup(callee.name);
      if (local) return this.invokeDelegate(local.value, this.args(e.arguments, scope), e);
      throw this.notEmulated(`call of ${callee.name}()`, callee);
    }
    return this.invokeDelegate(this.expr(callee, scope), this.args(e.arguments, scope), e);
  }

  private callOn(
    self: NetValue,
    name: string,
    receiverNode: Expression,
    args: Arg[],
    typeArgs: readonly TypeRef[],
    callee: MemberAccess,
    call: Invocation,
    conditional: boolean,
  ): NetValue {
    if (self instanceof NetDelegate && name === "Invoke") return this.invokeDelegate(self, args, call);
    if (self instanceof AnonymousObject) {
      if (name === "ToString" && args.length === 0) return this.toText(self, undefined, call);
      if (name === "Equals" && args.length === 1) return self.equals(args[0]!.value, (a, b) => this.equals(a, b));
      throw this.notEmulated(`method ${name} of an anonymous type`, callee);
    }
    if (self === null && name === "GetValueOrDefault" && args.length === 0 && !conditional) {
      // Nullable<T>.GetValueOrDefault() of a null: default(T), with T from the checker's type of the receiver.
      const t = this.staticType(receiverNode);
      const inner = t?.kind === "named" && t.key === K.nullable ? t.args[0] : undefined;
      if (inner) return defaultOf(inner, this, callee);
    }
    // C# binds an invocation to methods, own then extension (§12.8.10.2): a property of the same name
    // (List<T>.Count beside Enumerable.Count()) is invoked only when nothing else applies and it holds a delegate.
    const m = this.memberOf(self, name, conditional ? undefined : receiverNode, "method");
    if (m) return this.callMember(m, self, args, callee, typeArgs, call);
    const ext = this.env.registry.extensionsNamed(name).find((x) => x.appliesTo(self));
    if (ext) return this.guard(() => ext.call(self, args, this.info(call, typeArgs)), callee);
    const p = this.memberOf(self, name, conditional ? undefined : receiverNode, "property");
    if (p?.kind === "property") {
      const fn = this.guard(() => p.get(self, this.info(callee)), callee);
      if (fn instanceof NetDelegate || fn === null) return this.invokeDelegate(fn, args, call);
      throw this.notEmulated(`${fullNameOf(typeRefOf(self)!)}.${name}() (a property of type ${runtimeKey(fn)})`, {
        start: callee.nameStart,
      });
    }
    if (self === null) throw this.nullReference(callee);
    throw this.notEmulated(`${fullNameOf(typeRefOf(self)!)}.${name}()`, { start: callee.nameStart });
  }

  private callMember(
    m: MemberImpl,
    self: NetValue,
    args: Arg[],
    callee: { start: number; nameStart?: number },
    typeArgs: readonly TypeRef[],
    call: Invocation,
  ): NetValue {
    if (m.kind === "property")
      return this.invokeDelegate(
        this.guard(() => m.get(self, this.info(call)), callee),
        args,
        call,
      );
    return this.guard(() => m.call(self, args, this.info(call, typeArgs)), call);
  }

  invokeDelegate(fn: NetValue, args: readonly Arg[], node: { start: number }): NetValue {
    if (fn === null) throw this.nullReference(node);
    if (!(fn instanceof NetDelegate)) throw this.notEmulated(`invocation of a ${runtimeKey(fn)}`, node);
    return this.guard(() => fn.invoke(args.map((a) => a.value)), node);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Indexers

  indexGet(recv: NetValue, args: readonly Arg[], node: { start: number }): NetValue {
    if (recv instanceof NetArray) return recv.items[this.arrayIndex(recv, args, node)]!;
    const key = runtimeKey(recv)!;
    const t = this.env.registry.find(key, "indexer");
    if (!t?.indexer) throw this.notEmulated(`indexer of ${key}`, node);
    return this.guard(() => t.indexer!.get(recv, args, this.info(node)), node);
  }

  private indexSet(recv: NetValue, args: readonly Arg[], value: NetValue, node: { start: number }): void {
    if (recv instanceof NetArray) {
      const i = this.arrayIndex(recv, args, node);
      recv.items[i] = implicitTo(value, recv.elementType, this, node);
      return;
    }
    const key = runtimeKey(recv)!;
    const t = this.env.registry.find(key, "indexer");
    if (!t?.indexer?.set) throw this.notEmulated(`indexer set of ${key}`, node);
    this.guard(() => t.indexer!.set!(recv, args, value, this.info(node)), node);
  }

  private arrayIndex(a: NetArray, args: readonly Arg[], node: { start: number }): number {
    if (args.length !== 1) throw this.notEmulated("a multi-dimensional array index", node);
    const iv = args[0]!.value;
    if (
      !(iv instanceof Num) ||
      (iv.type !== "int" &&
        iv.type !== "long" &&
        iv.type !== "char" &&
        iv.type !== "short" &&
        iv.type !== "byte" &&
        iv.type !== "uint" &&
        iv.type !== "ushort" &&
        iv.type !== "sbyte" &&
        iv.type !== "ulong")
    )
      throw this.notEmulated(`an array index of type ${runtimeKey(iv)}`, node);
    const i = Number(iv.value);
    if (i < 0 || i >= a.items.length)
      throw new NetException("IndexOutOfRangeException", "Index was outside the bounds of the array.", this.at(node));
    return i;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Operators

  private binary(e: Expression & { kind: "Binary" }, scope: Scope): NetValue {
    switch (e.operator) {
      case "&&": {
        const l = this.expr(e.left, scope);
        return this.truth(l, e.left) ? this.truth(this.expr(e.right, scope), e.right) : false;
      }
      case "||": {
        const l = this.expr(e.left, scope);
        return this.truth(l, e.left) ? true : this.truth(this.expr(e.right, scope), e.right);
      }
      case "??": {
        const l = this.expr(e.left, scope);
        return l !== null ? l : this.expr(e.right, scope);
      }
      default: {
        const l = this.expr(e.left, scope);
        const r = this.expr(e.right, scope);
        return binaryOperator(e.operator, l, r, this, e);
      }
    }
  }

  /** `a == b` (the == operator's semantics: strings by value, numbers after promotion, else Equals or identity). */
  equals(a: NetValue, b: NetValue): boolean {
    return equalsOperator(a, b, this);
  }

  private incDec(
    target: Expression,
    op: "++" | "--",
    prefix: boolean,
    scope: Scope,
    node: { start: number },
  ): NetValue {
    const place = this.place(target, scope);
    const old = place.get();
    const next = increment(old, op === "++" ? 1 : -1, this, node);
    place.set(next);
    return prefix ? next : old;
  }

  private assignment(e: Expression & { kind: "Assignment" }, scope: Scope): NetValue {
    if (e.operator === "??=") throw this.notEmulated("??= (C# 8)", e);
    if (e.target.kind === "Tuple") throw this.notEmulated(DECONSTRUCTION, e.target);
    const place = this.place(e.target, scope);
    if (e.operator === "=") {
      const v = this.expr(e.value, scope);
      return place.set(v);
    }
    const old = place.get();
    const rhs = this.expr(e.value, scope);
    const op = e.operator.slice(0, -1) as "+";
    let result = binaryOperator(op, old, rhs, this, e);
    // Compound assignment converts back to the variable's type (C# §12.21.4): byte b; b += 1 stays a byte.
    if (old instanceof Num && result instanceof Num && result.type !== old.type) {
      result = castTo(result, named(NUMERIC_KEY[old.type]), named(NUMERIC_KEY[result.type]), this, e);
    }
    return place.set(result);
  }

  /** An assignable location: a local, a property, an indexer or array element. `set` returns the stored value. */
  private place(target: Expression, scope: Scope): { get(): NetValue; set(v: NetValue): NetValue } {
    if (target.kind === "Parenthesized") return this.place(target.expression, scope);
    if (target.kind === "Identifier") {
      const v = scope.lookup(target.name);
      if (!v) throw this.notEmulated(`assignment to ${target.name}`, target);
      return {
        get: () => v.value,
        set: (x) => {
          v.value = implicitTo(x, v.type, this, target);
          return v.value;
        },
      };
    }
    if (target.kind === "MemberAccess") {
      const recv = this.target(target.object, scope);
      if (recv.k !== "value") throw this.notEmulated(`assignment to static member ${target.name}`, target);
      const self = recv.v;
      if (self === null) throw this.nullReference(target);
      const m = this.memberOf(self, target.name, target.object);
      if (!m || m.kind !== "property") throw this.notEmulated(`${runtimeKey(self)}.${target.name}`, target);
      return {
        get: () => this.guard(() => m.get(self, this.info(target)), target),
        set: (x) => {
          if (!m.set) throw this.notEmulated(`assignment to read-only ${runtimeKey(self)}.${target.name}`, target);
          this.guard(() => m.set!(self, x, this.info(target)), target);
          return x;
        },
      };
    }
    if (target.kind === "ElementAccess") {
      const recv = this.expr(target.object, scope);
      if (recv === null) throw this.nullReference(target);
      const args = this.args(target.arguments, scope);
      return {
        get: () => this.indexGet(recv, args, target),
        set: (x) => {
          this.indexSet(recv, args, x, target);
          return x;
        },
      };
    }
    throw this.notEmulated(`assignment to a ${target.kind}`, target);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Patterns

  matches(v: NetValue, p: Pattern, scope: Scope, staticType: TypeRef | undefined): boolean {
    switch (p.kind) {
      case "ConstantPattern": {
        const c = this.expr(p.expression, scope);
        if (c === null) return v === null;
        if (v === null) return false;
        // On a boxed value the constant must be of the same type (`(object)5L is 5` is false); on a typed number
        // the constant converts to the value's type first.
        if (v instanceof Num && c instanceof Num && !isNumericRef(staticType))
          return v.type === c.type && this.equals(v, c);
        return this.equals(v, c);
      }
      case "TypePattern": {
        const t = this.typeOfNode(p.type);
        if (v === null) return false;
        const is = isInstance(v, t);
        if (is === undefined) throw this.notEmulated(`'is ${typeNodeText(p.type)}' on a ${runtimeKey(v)}`, p);
        if (is && p.designation) scope.declare(p.designation, v, t);
        return is;
      }
      case "VarPattern":
        scope.declare(p.designation, v, staticType);
        return true;
      case "UnsupportedPattern":
        throw this.notEmulated(`${p.feature} pattern (newer than C# 7)`, p);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lambdas and creation

  lambda(e: Lambda, scope: Scope): NetDelegate {
    const params = e.parameters;
    for (const p of params) if (p.modifier) throw this.notEmulated(`${p.modifier} lambda parameter`, p);
    const types = params.map((p) => (p.type ? this.typeOfNode(p.type) : undefined));
    return new NetDelegate(params.length, (args) => {
      const inner = scope.child();
      params.forEach((p: Parameter, i) => {
        inner.declare(p.name, implicitTo(args[i] ?? null, types[i], this, p), types[i]);
      });
      return this.run(e.body, inner);
    });
  }

  private objectCreation(e: Expression & { kind: "ObjectCreation" }, scope: Scope): NetValue {
    const type = e.type ? this.typeOfNodeOrException(e.type) : this.staticType(e);
    if (!type) throw this.notEmulated("target-typed new() (C# 9)", e);
    const args = e.arguments ? this.args(e.arguments, scope) : [];
    let obj: NetValue;
    if (type.kind === "named" && isExceptionKey(type.key) && !this.env.registry.type(type.key)?.construct) {
      obj = this.newExceptionFrom(type.key, args, e);
    } else {
      if (type.kind !== "named") throw this.notEmulated(`new ${fullNameOf(type)}`, e);
      const t = this.env.registry.type(type.key);
      if (!t?.construct) throw this.notEmulated(`new ${fullNameOf(type)}(...)`, e);
      obj = this.guard(() => t.construct!(args, this.info(e, type.args)), e);
    }
    if (e.initializer) this.initialize(obj, e.initializer, scope);
    return obj;
  }

  private typeOfNodeOrException(t: TypeNode): TypeRef {
    const r = resolveTypeNode(t);
    if (r) return r;
    const simple = simpleExceptionName(t.name);
    if (t.typeArguments.length === 0 && EXCEPTION_KEYS[simple]) return named(EXCEPTION_KEYS[simple]!);
    throw this.notEmulated(`type ${typeNodeText(t)}`, t);
  }

  private newExceptionFrom(key: string, args: readonly Arg[], node: { start: number }): NetValue {
    const simple = key.slice(key.lastIndexOf(".") + 1);
    const strs = args.map((a) => a.value);
    if (strs.some((s) => s !== null && typeof s !== "string" && !(s instanceof ExceptionObject)))
      throw this.notEmulated(`new ${simple}(...) with these arguments`, node);
    const first = (strs[0] ?? null) as string | null;
    const second = typeof strs[1] === "string" ? strs[1] : null;
    // ArgumentNullException(paramName) and ArgumentOutOfRangeException(paramName): the one-string form is the name.
    if (simple === "ArgumentNullException" || simple === "ArgumentOutOfRangeException") {
      if (args.length <= 1) {
        const message =
          simple === "ArgumentOutOfRangeException" ? "Specified argument was out of the range of valid values." : null;
        return newException(simple, message, first, this.at(node));
      }
      return newException(simple, second, first, this.at(node));
    }
    return newException(simple, first, simple === "ArgumentException" ? second : null, this.at(node));
  }

  private initialize(obj: NetValue, init: ObjectInitializer | CollectionInitializer, scope: Scope): void {
    if (init.kind === "CollectionInitializer") {
      for (const el of init.elements) {
        const args: Arg[] =
          el.kind === "CollectionInitializer"
            ? el.elements.map((x) => {
                if (x.kind === "CollectionInitializer") throw this.notEmulated("a nested collection initializer", x);
                return { value: this.expr(x, scope) };
              })
            : [{ value: this.expr(el, scope) }];
        const m = this.memberOf(obj, "Add", undefined, "method");
        if (!m || m.kind !== "method") throw this.notEmulated(`${runtimeKey(obj)}.Add (collection initializer)`, el);
        this.guard(() => m.call(obj, args, this.info(el)), el);
      }
      return;
    }
    for (const m of init.members) {
      if (m.name !== undefined) {
        const impl = this.memberOf(obj, m.name, undefined);
        if (!impl || impl.kind !== "property") throw this.notEmulated(`${runtimeKey(obj)}.${m.name}`, m);
        if (m.value.kind === "ObjectInitializer" || m.value.kind === "CollectionInitializer") {
          this.initialize(
            this.guard(() => impl.get(obj, this.info(m)), m),
            m.value,
            scope,
          );
        } else {
          const v = this.expr(m.value, scope);
          if (!impl.set) throw this.notEmulated(`assignment to read-only ${runtimeKey(obj)}.${m.name}`, m);
          this.guard(() => impl.set!(obj, v, this.info(m)), m);
        }
        continue;
      }
      const args = this.args(m.index ?? [], scope);
      if (m.value.kind === "ObjectInitializer" || m.value.kind === "CollectionInitializer") {
        this.initialize(this.indexGet(obj, args, m), m.value, scope);
      } else this.indexSet(obj, args, this.expr(m.value, scope), m);
    }
  }

  private arrayCreation(e: ArrayCreation, scope: Scope): NetValue {
    if (e.ranks.some((r) => r !== 1)) throw this.notEmulated("a multi-dimensional array", e);
    let element: TypeRef | undefined;
    if (e.elementType) {
      element = this.typeOfNode(e.elementType);
      // `new int[2][]`: the element of the outer array is itself an array per further bracket pair.
      for (let i = e.ranks.length - 1; i >= 1; i--) element = arrayOf(element, 1);
    } else {
      const st = this.staticType(e);
      element = st?.kind === "array" ? st.element : undefined;
    }
    if (e.initializer) {
      const items = this.arrayItems(e.initializer, element, scope);
      if (!element) element = commonElementType(items);
      if (!element) throw this.notEmulated("the element type of new[] { ... }", e);
      if (e.sizes.length === 1) {
        const n = this.size(e.sizes[0]!, scope);
        if (n !== items.length)
          throw this.notEmulated("an array size that differs from its initializer (a C# compile error)", e);
      }
      return new NetArray(element, items);
    }
    if (!element) throw this.notEmulated("an array of unknown element type", e);
    if (e.sizes.length !== 1) throw this.notEmulated("an array without a size", e);
    const n = this.size(e.sizes[0]!, scope);
    const items: NetValue[] = [];
    const d = defaultOf(element, this, e);
    for (let i = 0; i < n; i++) items.push(d);
    return new NetArray(element, items);
  }

  private size(e: Expression, scope: Scope): number {
    const v = this.expr(e, scope);
    if (!(v instanceof Num) || typeof v.value === "object")
      throw this.notEmulated("an array size that is not an integer", e);
    const n = Number(v.value);
    if (!Number.isInteger(n)) throw this.notEmulated("an array size that is not an integer", e);
    if (n < 0) throw new NetException("OverflowException", "Arithmetic operation resulted in an overflow.", this.at(e));
    return n;
  }

  arrayItems(init: ArrayInitializer, element: TypeRef | undefined, scope: Scope): NetValue[] {
    return init.elements.map((x) => {
      if (x.kind === "ArrayInitializer") {
        if (element?.kind !== "array") throw this.notEmulated("a nested array initializer", x);
        return new NetArray(element.element, this.arrayItems(x, element.element, scope));
      }
      return implicitTo(this.expr(x, scope), element, this, x);
    });
  }

  /**
   * foreach's enumeration, one element at a time (never a copy made first): a collection changed by the body
   * raises "Collection was modified" at the next step and lazy LINQ runs its lambdas between body runs, as in .NET.
   */
  *iterate(source: NetValue, node: { start: number }): Iterable<NetValue> {
    if (source instanceof NetArray) {
      // An array's foreach reads a[i] at each step (an element written by the body is seen).
      for (let i = 0; i < source.items.length; i++) yield source.items[i]!;
      return;
    }
    const key = runtimeKey(source)!;
    const t = this.env.registry.find(key, "iterate");
    if (!t?.iterate) throw this.notEmulated(`foreach over ${key}`, node);
    const it = this.guard(() => t.iterate!(source, this.info(node))[Symbol.iterator](), node);
    for (;;) {
      const step = this.guard(() => it.next(), node);
      if (step.done) return;
      yield step.value;
    }
  }

  thrown(v: NetValue, node: { start: number }): NetException {
    if (v === null) return this.nullReference(node);
    if (v instanceof ExceptionObject) return v.error.at ? v.error : this.located(v.error, node);
    throw this.notEmulated(`throw of a ${runtimeKey(v)}`, node);
  }
}

function isNumericRef(t: TypeRef | undefined): boolean {
  const inner = nullableUnderlying(t) ?? t;
  return inner?.kind === "named" && numericTypeOfKey(inner.key) !== undefined;
}

function isExceptionKey(key: string): boolean {
  return Object.values(EXCEPTION_KEYS).includes(key);
}

/** The member name C# infers for `new { x, a.B }`. */
function inferredName(e: Expression): string | undefined {
  if (e.kind === "Identifier") return e.name;
  if (e.kind === "MemberAccess") return e.name;
  return undefined;
}

/** The element type of `new[] { ... }` from the values (all of one runtime type), else undefined. */
function commonElementType(items: readonly NetValue[]): TypeRef | undefined {
  let t: TypeRef | undefined;
  for (const v of items) {
    const r = typeRefOf(v);
    if (!r) continue;
    if (!t) t = r;
    else if (fullNameOf(t) !== fullNameOf(r)) return undefined;
  }
  return t ?? (items.length === 0 ? undefined : OBJECT);
}

/** registry.member, restricted to one kind of member when `kind` is given (searched the same way, depth-first). */
function memberOfKind(
  registry: RuntimeRegistry,
  key: string,
  name: string,
  isStatic: boolean,
  kind: MemberImpl["kind"] | undefined,
): MemberImpl | undefined {
  const found = registry.member(key, name, isStatic);
  if (!kind || !found || found.kind === kind) return found;
  const seen = new Set<string>();
  const go = (k: string): MemberImpl | undefined => {
    if (seen.has(k)) return undefined;
    seen.add(k);
    const t = registry.type(k);
    if (!t) return undefined;
    const own = isStatic ? t.static?.[name] : t.instance?.[name];
    if (own?.kind === kind) return own;
    for (const s of t.supertypes ?? []) {
      const m = go(s);
      if (m) return m;
    }
    return undefined;
  };
  return go(key);
}
