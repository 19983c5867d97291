// Runs expression text through the interpreter with the standard registry, printing results as .NET does.

import { standardRegistry } from "../../../src/emulator/dotnet/index.js";
import { NetException, NotEmulated } from "../../../src/emulator/errors.js";
import { type EvalEnv, evaluate, netToString } from "../../../src/emulator/interpreter/index.js";
import type { NetValue } from "../../../src/emulator/values.js";
import { parseExpressionText } from "../../../src/policy/csharp/index.js";

const registry = standardRegistry();

export function env(namedValues: Record<string, string> = {}): EvalEnv {
  return {
    registry,
    context: null,
    locate: (offset) => ({ file: "test.xml", line: 1, column: offset + 1 }),
    now: () => Date.UTC(2026, 5, 1, 12, 0, 0),
    namedValue: (name) => namedValues[name],
  };
}

export function run(text: string, namedValues?: Record<string, string>): NetValue {
  return evaluate(parseExpressionText(text), env(namedValues));
}

/** The .NET text of the result, `throws <ExceptionType>`, or `not emulated`. */
export function show(text: string, namedValues?: Record<string, string>): string {
  try {
    const e = env(namedValues);
    return netToString(run(text, namedValues), e);
  } catch (err) {
    if (err instanceof NetException) return `throws ${err.type}`;
    if (err instanceof NotEmulated) return "not emulated";
    throw err;
  }
}

export function thrown(text: string): NetException | NotEmulated | undefined {
  try {
    run(text);
    return undefined;
  } catch (err) {
    if (err instanceof NetException || err instanceof NotEmulated) return err;
    throw err;
  }
}
