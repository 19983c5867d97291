// The result types of C#'s operators on the types the checker knows: comparisons and logic give bool, `+` with a
// string is concatenation, numbers promote, DateTime/TimeSpan have their arithmetic, `??` and `?:` take the type
// both sides convert to. Unknown operands give an unknown result (undefined), never a guess.
import type { BinaryOperator } from "./ast.js";
import { convertsImplicitly, isIntegral, promoteNumeric, promoteUnary } from "./checker-conversions.js";
import type { TypeModel } from "./types/lookup.js";
import {
  BOOL,
  isNamed,
  K,
  named,
  nullableOf,
  nullableUnderlying,
  STRING,
  sameType,
  type TypeRef,
} from "./types/type-ref.js";

/** The type of `a op b`; `rightThrows` for `x ?? throw ...`. */
export function binaryOperatorType(
  model: TypeModel,
  op: BinaryOperator,
  ta: TypeRef | undefined,
  tb: TypeRef | undefined,
  rightThrows: boolean,
): TypeRef | undefined {
  switch (op) {
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=":
    case "&&":
    case "||":
      return BOOL;
    case "??": {
      if (rightThrows) return nullableUnderlying(ta) ?? ta;
      if (!ta || ta.kind === "null") return tb;
      const under = nullableUnderlying(ta);
      if (under && tb && sameType(under, tb)) return under;
      if (!tb) return undefined;
      if (convertsImplicitly(model, tb, ta)) return ta;
      if (convertsImplicitly(model, ta, tb)) return tb;
      return undefined;
    }
    case "+": {
      // A user-defined operator wins over string concatenation: XNamespace + string is an XName.
      if (isNamed(ta, "System.Xml.Linq.XNamespace"))
        return isNamed(tb, K.string) ? named("System.Xml.Linq.XName") : undefined;
      if (isNamed(ta, K.string) || isNamed(tb, K.string)) return STRING;
      return timeArithmetic(ta, tb, true) ?? promoteNumeric(ta, tb);
    }
    case "-":
      return timeArithmetic(ta, tb, false) ?? promoteNumeric(ta, tb);
    case "*":
    case "/":
    case "%":
      return promoteNumeric(ta, tb);
    case "<<":
    case ">>":
      return isIntegral(nullableUnderlying(ta) ?? ta) ? promoteUnary(ta, "+") : undefined;
    case "&":
    case "|":
    case "^": {
      if (isNamed(ta, K.bool) && isNamed(tb, K.bool)) return BOOL;
      if (ta && tb && sameType(ta, tb) && model.info(ta)?.kind === "enum") return ta;
      if (isIntegral(nullableUnderlying(ta) ?? ta) && isIntegral(nullableUnderlying(tb) ?? tb))
        return promoteNumeric(ta, tb);
      return undefined;
    }
  }
  return undefined;
}

/** DateTime/DateTimeOffset/TimeSpan arithmetic (their operators are not in the model's member lists). */
function timeArithmetic(a: TypeRef | undefined, b: TypeRef | undefined, plus: boolean): TypeRef | undefined {
  const span = named(K.timeSpan);
  for (const point of [K.dateTime, K.dateTimeOffset]) {
    if (isNamed(a, point) && isNamed(b, K.timeSpan)) return named(point);
    if (plus && isNamed(a, K.timeSpan) && isNamed(b, point)) return named(point);
    if (!plus && isNamed(a, point) && isNamed(b, point)) return span;
  }
  if (isNamed(a, K.timeSpan) && isNamed(b, K.timeSpan)) return span;
  return undefined;
}

/** The type of `c ? a : b`: the same type, the non-null one (nullable for a value type), or the one both convert to. */
export function conditionalResultType(
  model: TypeModel,
  ta: TypeRef | undefined,
  tb: TypeRef | undefined,
  aIntLiteral: boolean,
  bIntLiteral: boolean,
): TypeRef | undefined {
  if (!ta || !tb) return undefined;
  if (sameType(ta, tb)) return ta;
  if (ta.kind === "null") return model.info(tb)?.valueType ? nullableOf(tb) : tb;
  if (tb.kind === "null") return model.info(ta)?.valueType ? nullableOf(ta) : ta;
  const aToB = convertsImplicitly(model, ta, tb, true, aIntLiteral);
  const bToA = convertsImplicitly(model, tb, ta, true, bIntLiteral);
  if (aToB && !bToA) return tb;
  if (bToA && !aToB) return ta;
  return undefined;
}
