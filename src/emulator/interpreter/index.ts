// The interpreter's entry point: evaluate a parsed policy expression against the emulated gateway.

import type { ParsedExpression } from "../../policy/csharp/ast.js";
import { type CheckResult, checkExpression } from "../../policy/csharp/checker.js";
import { NotEmulated } from "../errors.js";
import type { RuntimeRegistry } from "../runtime-types.js";
import { NetEnum, type NetValue, Num } from "../values.js";
import { AnonymousObject } from "./anonymous.js";
import { decCompare } from "./decimal.js";
import { type EvalEnv, Interpreter } from "./evaluator.js";
import { Scope } from "./scope.js";
import { runtimeKey } from "./type-of.js";

export type { EvalEnv } from "./evaluator.js";
export { NULL_REFERENCE_MESSAGE } from "./evaluator.js";
export { doubleToString, floatToString, netToString, numToString } from "./text.js";

const checks = new WeakMap<ParsedExpression, CheckResult>();

/** The checker's types of the tree, once per parsed expression (the static types casts and Nullable<T> need). */
function checkOf(parsed: ParsedExpression): CheckResult {
  let c = checks.get(parsed);
  if (!c) {
    c = checkExpression(parsed);
    checks.set(parsed, c);
  }
  return c;
}

/**
 * Runs `@( )` (its value) or `@{ }` (the value of its `return`; null when it ends without one). Throws NetException
 * for a .NET exception the expression raised, NotEmulated for what the emulator does not know, and for an
 * expression with a C# error (the gateway would not have accepted the policy).
 */
export function evaluate(parsed: ParsedExpression, env: EvalEnv): NetValue {
  const error = parsed.diagnostics.find((d) => d.severity === "error");
  if (error) {
    throw new NotEmulated(`an expression with a C# error: ${error.code} ${error.message}`, env.locate(error.start));
  }
  return new Interpreter(env, checkOf(parsed)).run(parsed.body, new Scope());
}

/**
 * object.Equals(a, b): exact runtime types (a boxed 5 does not equal a boxed 5L), strings ordinal, NaN equals NaN,
 * decimals by value (1.0m equals 1m); a type with value semantics through its runtime type; else reference identity.
 */
export function netEquals(a: NetValue, b: NetValue, registry?: RuntimeRegistry): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Num && b instanceof Num) {
    if (a.type !== b.type) return false;
    if (a.type === "decimal") return decCompare(a.value as never, b.value as never) === 0;
    if (typeof a.value === "number")
      return a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value as number));
    return a.value === b.value;
  }
  if (a instanceof NetEnum && b instanceof NetEnum) return a.$type === b.$type && a.value === b.value;
  if (a instanceof AnonymousObject) return a.equals(b, (x, y) => netEquals(x, y, registry));
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  const key = runtimeKey(a)!;
  const t = registry?.find(key, "equals");
  if (t?.equals && runtimeKey(b) === key) return t.equals(a, b);
  return a === b;
}
