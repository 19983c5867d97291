// The one door to the C# interpreter (src/emulator/interpreter): evaluate and the .NET text of a value.
import type { ParsedExpression } from "../../../policy/csharp/ast.js";
import type { SourceLocation } from "../../errors.js";
import { type EvalEnv, evaluate, netToString } from "../../interpreter/index.js";
import type { NetValue } from "../../values.js";

export type { EvalEnv };

export function evaluateExpression(parsed: ParsedExpression, env: EvalEnv, _at: SourceLocation): NetValue {
  return evaluate(parsed, env);
}

/** .NET's ToString text of a value (string concatenation's). */
export function toNetString(v: NetValue, env: EvalEnv): string {
  return netToString(v, env);
}
