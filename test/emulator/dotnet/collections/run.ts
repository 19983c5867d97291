// Runs C# expression text through the interpreter with the standard registry: the value, its .NET text, or what
// it threw (exception type and message), for the table-driven tests of collections, LINQ, JSON and XML.

import { standardRegistry } from "../../../../src/emulator/dotnet/index.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { type EvalEnv, evaluate, netToString } from "../../../../src/emulator/interpreter/index.js";
import type { NetValue } from "../../../../src/emulator/values.js";
import { parseExpressionText } from "../../../../src/policy/csharp/index.js";

export const registry = standardRegistry();

export function env(): EvalEnv {
  return {
    registry,
    context: null,
    locate: (offset) => ({ file: "test.xml", line: 1, column: offset + 1 }),
    now: () => Date.UTC(2026, 5, 1, 12, 0, 0),
    namedValue: () => undefined,
  };
}

export function run(text: string): NetValue {
  return evaluate(parseExpressionText(text), env());
}

/** The result's .NET text (ToString), or "throws Type: message", or "not emulated: construct". */
export function show(text: string): string {
  try {
    return netToString(run(text), env());
  } catch (err) {
    if (err instanceof NetException) return `throws ${err.type}: ${err.message}`;
    if (err instanceof NotEmulated) return `not emulated: ${err.construct}`;
    throw err;
  }
}
