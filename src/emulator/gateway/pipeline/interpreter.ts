// The one door to the C# interpreter (src/emulator/interpreter, built alongside). It is loaded on first use by a
// computed specifier so that the gateway compiles and runs literal-only policies before the interpreter lands;
// until then an expression is NotEmulated, never guessed.
import type { ParsedExpression } from "../../../policy/csharp/ast.js";
import type { SourceLocation } from "../../errors.js";
import { NotEmulated } from "../../errors.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { type NetValue, Num } from "../../values.js";

export interface EvalEnv {
  registry: RuntimeRegistry;
  context: NetValue;
  locate(offset: number): SourceLocation;
  now(): number;
  namedValue(name: string): string | undefined;
}

export interface Interpreter {
  evaluate(parsed: ParsedExpression, env: EvalEnv): NetValue;
  netToString(value: NetValue, env?: EvalEnv, format?: string): string;
}

let loaded: Interpreter | null | undefined;

export async function loadInterpreter(): Promise<Interpreter | null> {
  if (loaded !== undefined) return loaded;
  const spec = ["..", "..", "interpreter", "index.js"].join("/");
  try {
    const mod = (await import(spec)) as Partial<Interpreter>;
    loaded = typeof mod.evaluate === "function" && typeof mod.netToString === "function" ? (mod as Interpreter) : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

export function evaluateWith(
  interp: Interpreter | null,
  parsed: ParsedExpression,
  env: EvalEnv,
  at: SourceLocation,
): NetValue {
  if (!interp) throw new NotEmulated("C# expressions (the interpreter is not available)", at);
  return interp.evaluate(parsed, env);
}

/** .NET text of a value; the interpreter's when there is one, else only the kinds whose text is certain. */
export function toNetString(interp: Interpreter | null, v: NetValue, env: EvalEnv, at: SourceLocation): string {
  if (interp) return interp.netToString(v, env);
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof Num && (v.type === "int" || v.type === "long")) return String(v.value);
  throw new NotEmulated("ToString of a value (the interpreter is not available)", at);
}
