// Reads of `context.Variables` inside C# policy expressions and Liquid templates.
//
// APIM exposes policy variables to expressions as the read-only dictionary `context.Variables`
// (IReadOnlyDictionary<string, object>), so expressions only READ variables; policies set them.
// Recognised reads, with a constant string key:
//   context.Variables["x"]                      indexer
//   context.Variables.GetValueOrDefault<T>("x") any method whose first argument is the key:
//   context.Variables.ContainsKey("x")            GetValueOrDefault, ContainsKey, TryGetValue, ...
//   context.Variables.TryGetValue("x", out v)
// Anything else that touches context.Variables (a computed key, `.Keys`, `foreach (var kv in context.Variables)`,
// passing the dictionary on) is a "dynamic" use: it may read any variable.
import { type CsToken, tokenizeCSharp } from "./csharp-tokens.js";
import { variableReadsByScanning } from "./variable-access-scan.js";

export type VariableAccessKind = "indexer" | "method";

export interface VariableAccess {
  /** The variable name (the constant key). */
  name: string;
  kind: VariableAccessKind;
  /** For kind "method": the method name, e.g. "GetValueOrDefault", "ContainsKey"; undefined (but present: one object shape) for an indexer. */
  method: string | undefined;
  /** Offsets in the code of the whole access, from `context` to the closing `]` or the key string. */
  start: number;
  end: number;
}

export interface DynamicVariableUse {
  /** Offsets in the code of the `context.Variables` that is used with a computed key or as a whole. */
  start: number;
  end: number;
}

export interface VariableUses {
  reads: VariableAccess[];
  dynamic: DynamicVariableUse[];
}

/** Finds the `context.Variables` reads in C# code (decoded expression code, without the `@( )` delimiters). */
export function variableReadsInCode(code: string): VariableUses {
  // Cheap pre-check: most expressions never mention Variables.
  if (!code.includes("Variables")) return { reads: [], dynamic: [] };
  // Scanned with regular expressions where that gives the lexer's answer (most expressions), else lexed.
  return variableReadsByScanning(code) ?? variableReadsByLexing(code);
}

/** variableReadsInCode by lexing (any code; variableReadsByScanning gives the same answer where it answers). */
export function variableReadsByLexing(code: string): VariableUses {
  // (indexOf, not lastIndexOf: V8's lastIndexOf compares at every offset, indexOf skips ahead; an expression
  // mentions Variables a few times at most.)
  let last = code.indexOf("Variables");
  if (last < 0) return { reads: [], dynamic: [] };
  for (let k = code.indexOf("Variables", last + 1); k >= 0; k = code.indexOf("Variables", k + 1)) last = k;
  // Tokens are looked at up to the last access: its key follows within a few tokens (generic arguments
  // included). Tokens that start 512 characters after it are out of sight.
  return findReads(tokenizeCSharp(code, last + 512));
}

/** The reads and dynamic uses among the tokens `t` of the code. */
function findReads(t: readonly CsToken[]): VariableUses {
  const result: VariableUses = { reads: [], dynamic: [] };
  for (let i = 0; i + 2 < t.length; i++) {
    if (!isIdent(t[i], "context") || !isPunct(t[i + 1], ".") || !isIdent(t[i + 2], "Variables")) continue;
    // `context?.Variables` is not valid on the non-null context, so only `.` is recognised.
    if (i > 0 && isPunct(t[i - 1], ".")) continue; // `something.context.Variables` is another object
    const start = t[i]!.start;
    const after = t[i + 3];
    // context.Variables["x"]
    if (isPunct(after, "[")) {
      const key = t[i + 4];
      if (isConstString(key) && isPunct(t[i + 5], "]")) {
        result.reads.push({ name: key.value, kind: "indexer", method: undefined, start, end: t[i + 5]!.end });
        continue;
      }
      result.dynamic.push({ start, end: t[i + 2]!.end });
      continue;
    }
    // context.Variables.Method<T>("x", ...)
    if (isPunct(after, ".") && t[i + 4]?.kind === "identifier") {
      const method = t[i + 4]!.value;
      let j = i + 5;
      if (isPunct(t[j], "<")) j = skipTypeArguments(t, j);
      if (isPunct(t[j], "(")) {
        const key = t[j + 1];
        if (isConstString(key) && (isPunct(t[j + 2], ",") || isPunct(t[j + 2], ")"))) {
          result.reads.push({ name: key.value, kind: "method", method, start, end: key.end });
          continue;
        }
      }
    }
    result.dynamic.push({ start, end: t[i + 2]!.end });
  }
  return result;
}

// Liquid reads the same dictionary: {{context.Variables["x"]}}, {{context.Variables.x}}, {% assign v = context.Variables['x'] %}.
const LIQUID_READ = /context\.Variables(?:\[\s*"([^"]*)"\s*\]|\[\s*'([^']*)'\s*\]|\.([A-Za-z_][\w-]*))?/g;

/** Finds the `context.Variables` reads in the text of a Liquid template (set-body template="liquid"). */
export function variableReadsInLiquid(text: string): VariableUses {
  const result: VariableUses = { reads: [], dynamic: [] };
  if (!text.includes("Variables")) return result;
  for (const m of text.matchAll(LIQUID_READ)) {
    const name = m[1] ?? m[2] ?? m[3];
    const start = m.index ?? 0;
    if (name === undefined) result.dynamic.push({ start, end: start + m[0].length });
    else result.reads.push({ name, kind: "indexer", method: undefined, start, end: start + m[0].length });
  }
  return result;
}

function isIdent(t: CsToken | undefined, name: string): boolean {
  return t?.kind === "identifier" && t.value === name;
}

function isPunct(t: CsToken | undefined, value: string): boolean {
  return t?.kind === "punct" && t.value === value;
}

function isConstString(t: CsToken | undefined): t is CsToken {
  return t?.kind === "string" && !t.interpolated;
}

/** From a `<` token, returns the index after the matching `>` of a type-argument list (or `from` if none). */
function skipTypeArguments(t: readonly CsToken[], from: number): number {
  let depth = 0;
  for (let j = from; j < t.length && j < from + 64; j++) {
    const tok = t[j]!;
    if (tok.kind === "punct" && tok.value === "<") depth++;
    else if (tok.kind === "punct" && tok.value === ">") {
      depth--;
      if (depth === 0) return j + 1;
    } else if (tok.kind !== "identifier" && !(tok.kind === "punct" && [",", ".", "?", "[", "]"].includes(tok.value))) {
      return from;
    }
  }
  return from;
}
