// Statements of `@{ }` blocks and lambda bodies: each runs to its end or completes with break, continue or return
// (a Completion); exceptions travel as JS exceptions (NetException for .NET ones, NotEmulated never caught).

import type { Block, Expression, Lambda, LocalDeclaration, Statement } from "../../policy/csharp/ast.js";
import { K, named } from "../../policy/csharp/types/type-ref.js";
import { NetException } from "../errors.js";
import { NetArray, type NetValue } from "../values.js";
import { castTo, implicitTo } from "./conversions.js";
import type { Interpreter } from "./evaluator.js";
import { ExceptionObject, simpleExceptionName } from "./exceptions.js";
import { DECONSTRUCTION } from "./not-emulated.js";
import type { Scope } from "./scope.js";

/** What a statement ends with besides running to its end. */
export type Completion = undefined | "break" | "continue" | { value: NetValue };

export function block(it: Interpreter, b: Block, outer: Scope): Completion {
  const scope = outer.child();
  // Local functions can be called before their declaration: bind them first.
  for (const s of b.statements) if (s.kind === "LocalFunction") localFunction(it, s, scope);
  for (const s of b.statements) {
    const c = stmt(it, s, scope);
    if (c !== undefined) return c;
  }
  return undefined;
}

function localFunction(it: Interpreter, s: Statement & { kind: "LocalFunction" }, scope: Scope): void {
  // Binding T at each call (inference from the arguments) is not emulated.
  if (s.typeParameters.length > 0) throw it.notEmulated("a generic local function", s);
  const lambda: Lambda = { kind: "Lambda", parameters: s.parameters, body: s.body, start: s.start, end: s.end };
  scope.declare(s.name, it.lambda(lambda, scope), undefined);
}

function stmt(it: Interpreter, s: Statement, scope: Scope): Completion {
  switch (s.kind) {
    case "Block":
      return block(it, s, scope);
    case "LocalDeclaration":
      declaration(it, s, scope);
      return undefined;
    case "ExpressionStatement":
      it.expr(s.expression, scope);
      return undefined;
    case "If": {
      const inner = scope.child();
      if (it.truth(it.expr(s.test, inner), s.test)) return stmt(it, s.consequent, inner);
      return s.alternate ? stmt(it, s.alternate, inner) : undefined;
    }
    case "Switch":
      return switchStatement(it, s, scope);
    case "For": {
      const loop = scope.child();
      if (s.init) {
        if (Array.isArray(s.init)) for (const x of s.init) it.expr(x, loop);
        else declaration(it, s.init, loop);
      }
      for (;;) {
        if (s.test && !it.truth(it.expr(s.test, loop), s.test)) break;
        const c = stmt(it, s.body, loop.child());
        if (c === "break") break;
        if (c !== undefined && c !== "continue") return c;
        for (const u of s.update) it.expr(u, loop);
      }
      return undefined;
    }
    case "Foreach":
      return foreach(it, s, scope);
    case "While":
      for (;;) {
        if (!it.truth(it.expr(s.test, scope), s.test)) break;
        const c = stmt(it, s.body, scope.child());
        if (c === "break") break;
        if (c !== undefined && c !== "continue") return c;
      }
      return undefined;
    case "Do":
      for (;;) {
        const c = stmt(it, s.body, scope.child());
        if (c === "break") break;
        if (c !== undefined && c !== "continue") return c;
        if (!it.truth(it.expr(s.test, scope), s.test)) break;
      }
      return undefined;
    case "Break":
      return "break";
    case "Continue":
      return "continue";
    case "Return":
      return { value: s.argument ? it.expr(s.argument, scope) : null };
    case "Throw": {
      if (!s.argument) {
        if (!it.currentException) throw it.notEmulated("throw; outside a catch", s);
        throw it.currentException;
      }
      throw it.thrown(it.expr(s.argument, scope), s);
    }
    case "Try":
      return tryStatement(it, s, scope);
    case "Using":
      return using(it, s, scope);
    case "Empty":
      return undefined;
    case "LocalFunction":
      return undefined;
    case "Lock": {
      // Monitor.Enter(obj): one request runs on one thread here, so the lock itself changes nothing.
      if (it.expr(s.expression, scope) === null) {
        throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'obj')", it.at(s.expression));
      }
      return stmt(it, s.body, scope.child());
    }
    case "Labeled":
      return stmt(it, s.body, scope);
    case "Goto":
      throw it.notEmulated("goto", s);
    case "Yield":
      throw it.notEmulated("an iterator (yield)", s);
    case "BadStatement":
      throw it.notEmulated("a statement the parser could not read", s);
    default:
      // A statement kind added to ast.ts without a case here does not compile.
      s satisfies never;
  }
}

function declaration(it: Interpreter, d: LocalDeclaration, scope: Scope): void {
  const type = d.type
    ? d.type.name === "var" && d.type.typeArguments.length === 0
      ? undefined
      : it.typeOfNode(d.type)
    : undefined;
  for (const decl of d.declarators) {
    let v: NetValue = null;
    if (decl.initializer?.kind === "ArrayInitializer") {
      if (type?.kind !== "array") throw it.notEmulated("an array initializer without an array type", decl);
      v = new NetArray(type.element, it.arrayItems(decl.initializer, type.element, scope));
    } else if (decl.initializer) {
      v = implicitTo(it.expr(decl.initializer, scope), type, it, decl.initializer);
    } else if (!type) throw it.notEmulated("var without an initializer", decl);
    scope.declare(decl.name, v, type ?? (decl.initializer ? it.staticType(decl.initializer as Expression) : undefined));
  }
}

function switchStatement(it: Interpreter, s: Statement & { kind: "Switch" }, scope: Scope): Completion {
  const v = it.expr(s.discriminant, scope);
  const st = it.staticType(s.discriminant);
  const inner = scope.child();
  let chosen: (typeof s.sections)[number] | undefined;
  outer: for (const section of s.sections) {
    for (const label of section.labels) {
      if (!label.pattern) continue;
      if (
        it.matches(v, label.pattern, inner, st) &&
        (!label.when || it.truth(it.expr(label.when, inner), label.when))
      ) {
        chosen = section;
        break outer;
      }
    }
  }
  chosen ??= s.sections.find((sec) => sec.labels.some((l) => !l.pattern));
  if (!chosen) return undefined;
  for (const st2 of chosen.statements) {
    const c = stmt(it, st2, inner);
    if (c === "break") return undefined;
    if (c !== undefined) return c;
  }
  return undefined;
}

function foreach(it: Interpreter, s: Statement & { kind: "Foreach" }, scope: Scope): Completion {
  if (s.deconstruction) throw it.notEmulated(DECONSTRUCTION, s.deconstruction);
  const source = it.expr(s.iterable, scope);
  if (source === null) throw it.nullReference(s.iterable);
  const type =
    s.type && !(s.type.name === "var" && s.type.typeArguments.length === 0) ? it.typeOfNode(s.type) : undefined;
  for (const item of it.iterate(source, s.iterable)) {
    const body = scope.child();
    // foreach converts each element explicitly to the declared type (C# §13.9.5).
    body.declare(s.name, type ? castTo(item, type, undefined, it, s) : item, type);
    const c = stmt(it, s.body, body);
    if (c === "break") break;
    if (c !== undefined && c !== "continue") return c;
  }
  return undefined;
}

function tryStatement(it: Interpreter, s: Statement & { kind: "Try" }, scope: Scope): Completion {
  try {
    return block(it, s.block, scope);
  } catch (err) {
    if (!(err instanceof NetException)) throw err;
    for (const h of s.handlers) {
      const inner = scope.child();
      if (h.type) {
        const name = simpleExceptionName(h.type.name);
        if (!err.isA(name)) continue;
      }
      const obj = new ExceptionObject(err);
      if (h.name) inner.declare(h.name, obj, h.type ? named(obj.$type) : named(K.exception));
      if (h.filter && !it.truth(it.expr(h.filter, inner), h.filter)) continue;
      const saved = it.currentException;
      it.currentException = err;
      try {
        return block(it, h.body, inner);
      } finally {
        it.currentException = saved;
      }
    }
    throw err;
  } finally {
    // A jump out of a finally block is a C# compile error (CS0157): the block's completion is not looked at.
    if (s.finalizer) block(it, s.finalizer, scope);
  }
}

function using(it: Interpreter, s: Statement & { kind: "Using" }, scope: Scope): Completion {
  if (!s.body) throw it.notEmulated("using declaration (C# 8)", s);
  const inner = scope.child();
  const resources: NetValue[] = [];
  if (s.resource.kind === "LocalDeclaration") {
    declaration(it, s.resource, inner);
    for (const d of s.resource.declarators) resources.push(inner.lookup(d.name)!.value);
  } else resources.push(it.expr(s.resource, inner));
  try {
    return stmt(it, s.body, inner);
  } finally {
    for (const r of resources.reverse()) {
      if (r === null) continue;
      const dispose = it.memberOf(r, "Dispose", undefined);
      if (dispose?.kind === "method") it.guard(() => dispose.call(r, [], it.info(s)), s);
    }
  }
}
