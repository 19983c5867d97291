// C# operators on runtime values: numeric operators after binary numeric promotion (numbers.ts), string
// concatenation (null concatenates as ""), == on strings by value (ordinal), lifted operators on nullable values
// (null in, null out; comparisons with null are false), bool logic, enum comparison by underlying value.

import type { BinaryOperator, Expression, Node } from "../../policy/csharp/ast.js";
import { K } from "../../policy/csharp/types/type-ref.js";
import { NetEnum, type NetValue, Num } from "../values.js";
import { AnonymousObject } from "./anonymous.js";
import type { Interpreter } from "./evaluator.js";
import {
  arithmetic,
  bitwise,
  compareNums,
  complement,
  convertNum,
  integral,
  isIntegralType,
  negate,
  numEquals,
  promote,
  promoteUnary,
  shift,
} from "./numbers.js";
import { runtimeKey } from "./type-of.js";

interface Site {
  start: number;
}

type BinaryNode = Site & { left: Expression; right: Expression };

/** A non-negative int literal (it converts implicitly to uint/ulong, so `u + 1` stays uint). */
function isNonNegativeIntConstant(e: Expression | undefined): boolean {
  return e?.kind === "Literal" && e.literalKind === "number" && (e.numberType ?? "int") === "int";
}

export function binaryOperator(
  op: BinaryOperator,
  l: NetValue,
  r: NetValue,
  it: Interpreter,
  node: Site & Partial<BinaryNode>,
): NetValue {
  if (op === "+" && (typeof l === "string" || typeof r === "string")) {
    // A user-defined operator that takes the string wins over concatenation (XNamespace + string -> XName,
    // C# §12.4.5 overload resolution): the checker's type of the expression says which one C# chose.
    if (typeof l !== "string" || typeof r !== "string") {
      const t = it.staticType(node as Node);
      if (t?.kind === "named" && t.key !== K.string && t.key !== K.object) return userOperator(op, l, r, it, node);
    }
    return it.toText(l, undefined, node) + it.toText(r, undefined, node);
  }
  if (op === "==") return equalsOperator(l, r, it);
  if (op === "!=") return !equalsOperator(l, r, it);
  if (typeof l === "boolean" || typeof r === "boolean") return boolOperator(op, l, r, it, node);
  if (l instanceof NetEnum || r instanceof NetEnum) return enumOperator(op, l, r, it, node);
  if (l === null || r === null) {
    // Lifted operators: null when an operand is null; the relational ones are false.
    if ((l === null || l instanceof Num) && (r === null || r instanceof Num)) {
      return op === "<" || op === ">" || op === "<=" || op === ">=" ? false : null;
    }
    if (op === "+" && (l === null || r === null))
      throw it.notEmulated(`operator + on ${runtimeKey(l) ?? "null"} and ${runtimeKey(r) ?? "null"}`, node);
  }
  if (l instanceof Num && r instanceof Num) {
    if (op === "<<" || op === ">>") return shift(op, l, r);
    const t = promote(l.type, r.type, isNonNegativeIntConstant(node.left), isNonNegativeIntConstant(node.right));
    const a = convertNum(l, t);
    const b = convertNum(r, t);
    switch (op) {
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        return arithmetic(op, a, b, it.isChecked);
      case "<":
        return compareNums(a, b) < 0;
      case ">":
        return compareNums(a, b) > 0;
      case "<=":
        return compareNums(a, b) <= 0;
      case ">=":
        return compareNums(a, b) >= 0;
      case "&":
      case "|":
      case "^":
        if (!isIntegralType(t)) throw it.notEmulated(`operator ${op} on ${t}`, node);
        return bitwise(op, a, b);
      default:
        break;
    }
  }
  return userOperator(op, l, r, it, node);
}

/** Operators of library types (DateTime - DateTime, TimeSpan + TimeSpan, ...): `op_Addition` etc. on the registry. */
const OPERATOR_NAMES: Partial<Record<BinaryOperator, string>> = {
  "+": "op_Addition",
  "-": "op_Subtraction",
  "*": "op_Multiply",
  "/": "op_Division",
  "%": "op_Modulus",
  "<": "op_LessThan",
  ">": "op_GreaterThan",
  "<=": "op_LessThanOrEqual",
  ">=": "op_GreaterThanOrEqual",
};

function userOperator(op: BinaryOperator, l: NetValue, r: NetValue, it: Interpreter, node: Site): NetValue {
  const name = OPERATOR_NAMES[op];
  if (name) {
    for (const side of [l, r]) {
      const key = runtimeKey(side);
      if (!key) continue;
      const m = it.env.registry.member(key, name, true);
      if (m?.kind === "method") return it.guard(() => m.call(null, [{ value: l }, { value: r }], it.info(node)), node);
    }
    if (l === null || r === null) {
      // A lifted user operator (DateTime? - DateTime): null in, null out; relational ones are false.
      return op === "<" || op === ">" || op === "<=" || op === ">=" ? false : null;
    }
  }
  throw it.notEmulated(`operator ${op} on ${runtimeKey(l) ?? "null"} and ${runtimeKey(r) ?? "null"}`, node);
}

function boolOperator(op: BinaryOperator, l: NetValue, r: NetValue, it: Interpreter, node: Site): NetValue {
  const okL = l === null || typeof l === "boolean";
  const okR = r === null || typeof r === "boolean";
  if (!okL || !okR)
    throw it.notEmulated(`operator ${op} on ${runtimeKey(l) ?? "null"} and ${runtimeKey(r) ?? "null"}`, node);
  // bool? & and | are three-valued (C# §12.13.5): false & null is false, true | null is true.
  switch (op) {
    case "&":
      if (l === false || r === false) return false;
      return l === null || r === null ? null : true;
    case "|":
      if (l === true || r === true) return true;
      return l === null || r === null ? null : false;
    case "^":
      return l === null || r === null ? null : l !== r;
    default:
      throw it.notEmulated(`operator ${op} on bool`, node);
  }
}

function enumOperator(op: BinaryOperator, l: NetValue, r: NetValue, it: Interpreter, node: Site): NetValue {
  if (!(l instanceof NetEnum) || !(r instanceof NetEnum) || l.$type !== r.$type) {
    throw it.notEmulated(`operator ${op} on ${runtimeKey(l) ?? "null"} and ${runtimeKey(r) ?? "null"}`, node);
  }
  switch (op) {
    case "<":
      return l.value < r.value;
    case ">":
      return l.value > r.value;
    case "<=":
      return l.value <= r.value;
    case ">=":
      return l.value >= r.value;
    default: {
      const t = it.env.registry.type(l.$type);
      const fromValue = t?.static?.__fromValue;
      if ((op === "&" || op === "|" || op === "^") && fromValue?.kind === "method") {
        const v = op === "&" ? l.value & r.value : op === "|" ? l.value | r.value : l.value ^ r.value;
        return fromValue.call(null, [{ value: integral("int", BigInt(v)) }], it.info(node));
      }
      throw it.notEmulated(`operator ${op} on ${l.$type}`, node);
    }
  }
}

/**
 * `a == b`: null only equals null; strings by value (ordinal); numbers by value after promotion; bools; enums of
 * one type by value; a type with value semantics through its runtime type's equals; otherwise reference identity.
 */
export function equalsOperator(a: NetValue, b: NetValue, it: Interpreter): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  if (a instanceof Num && b instanceof Num) return numEquals(a, b);
  if (a instanceof NetEnum && b instanceof NetEnum) return a.$type === b.$type && a.value === b.value;
  if (a instanceof AnonymousObject) return a === b;
  const key = runtimeKey(a)!;
  const t = it.env.registry.find(key, "equals");
  if (t?.equals && runtimeKey(b) === key) return t.equals(a, b);
  return a === b;
}

export function unaryOperator(
  op: "+" | "-" | "!" | "~",
  v: NetValue,
  it: Interpreter,
  node: Site & { operand?: Expression },
): NetValue {
  if (v === null) return null;
  if (op === "!") {
    if (typeof v !== "boolean") throw it.notEmulated(`operator ! on ${runtimeKey(v)}`, node);
    return !v;
  }
  if (!(v instanceof Num)) throw it.notEmulated(`operator ${op} on ${runtimeKey(v)}`, node);
  if (op === "+") return convertNum(v, promoteUnary(v.type));
  if (op === "~") return complement(v);
  // -2147483648 and -9223372036854775808 are int and long literals (C# §6.4.5.3), not a negated uint/ulong.
  const operand = node.operand;
  if (operand?.kind === "Literal" && operand.literalKind === "number" && (operand.numberType ?? "int") === "int") {
    if (v.type === "uint" && v.value === 2147483648) return integral("int", -2147483648n);
    if (v.type === "ulong" && v.value === 9223372036854775808n) return integral("long", -9223372036854775808n);
  }
  return negate(v, it.isChecked);
}

/** `x++` / `x--`: the operand's own type, wrapping (char stays char). */
export function increment(v: NetValue, delta: 1 | -1, it: Interpreter, node: Site): NetValue {
  if (v === null) return null;
  if (!(v instanceof Num)) throw it.notEmulated(`operator ${delta > 0 ? "++" : "--"} on ${runtimeKey(v)}`, node);
  if (isIntegralType(v.type)) {
    const big = typeof v.value === "bigint" ? v.value : BigInt(v.value as number);
    return integral(v.type, big + BigInt(delta), it.isChecked);
  }
  return arithmetic("+", v, convertNum(new Num("int", delta), v.type), it.isChecked);
}
