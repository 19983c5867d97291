// Questions about an expression's code, answered from its syntax tree: which context.Variables it reads, its
// string constants, the headers it reads, its member chains. One place for lint, token, the emulator and the
// language server; every offset is an offset of the original document text.
import type { InterpolatedString, Node, ParsedExpression } from "./ast.js";
import { walk } from "./walk.js";

export type VariableAccessKind = "indexer" | "method";

/** A read of `context.Variables` with a constant key. */
export interface VariableAccess {
  name: string;
  kind: VariableAccessKind;
  /** For kind "method": GetValueOrDefault, ContainsKey, TryGetValue, ...; undefined (but present) for an indexer. */
  method: string | undefined;
  /** From `context` to the closing `]` (indexer) or to the end of the key string (method). */
  start: number;
  end: number;
}

/** A use of `context.Variables` that may read any variable: a computed key, `.Keys`, passing the dictionary on. */
export interface DynamicVariableUse {
  /** The `context.Variables` itself. */
  start: number;
  end: number;
}

export interface VariableUses {
  reads: VariableAccess[];
  dynamic: DynamicVariableUse[];
}

/** A string literal that is a compile-time constant (not interpolated): its decoded value, else undefined. */
export function constantString(node: Node | undefined): string | undefined {
  return node?.kind === "Literal" && node.literalKind === "string" ? node.value : undefined;
}

/** `context.Variables` exactly (`x.context.Variables` and `context?.Variables` are other things). */
function isContextVariables(node: Node): boolean {
  return (
    node.kind === "MemberAccess" &&
    node.name === "Variables" &&
    !node.conditional &&
    node.object.kind === "Identifier" &&
    node.object.name === "context"
  );
}

/** The shared answer for a tree with no use (frozen: callers only read it). */
const NO_USES: VariableUses = Object.freeze({
  reads: Object.freeze([]) as unknown as VariableAccess[],
  dynamic: Object.freeze([]) as unknown as DynamicVariableUse[],
});

/**
 * The reads of `context.Variables` in the tree:
 *   context.Variables["x"]                       indexer
 *   context.Variables.GetValueOrDefault<T>("x")  any method whose first argument is the constant key
 *   context.Variables.ContainsKey("x") / .TryGetValue("x", out v)
 * Anything else that touches context.Variables is a dynamic use.
 */
export function variableUses(parsed: ParsedExpression): VariableUses {
  let reads: VariableAccess[] | undefined;
  let dynamic: DynamicVariableUse[] | undefined;
  // The walk is pre-order: an access is seen before its `context.Variables`, which it claims. The claimed node is
  // the next one or two entered (the access's object, or its callee's object), so one claim is ever pending.
  let claimed: Node | undefined;
  walk(parsed.body, (node) => {
    // A type holds only types; a literal nothing.
    if (node.kind === "Type" || node.kind === "Literal") return false;
    if (node.kind === "ElementAccess" && isContextVariables(node.object)) {
      const arg = node.arguments.length === 1 ? node.arguments[0]! : undefined;
      const key = arg && arg.name === undefined ? constantString(arg.value) : undefined;
      if (key !== undefined) {
        reads ??= [];
        reads.push({ name: key, kind: "indexer", method: undefined, start: node.start, end: node.end });
        claimed = node.object;
      }
    } else if (
      node.kind === "Invocation" &&
      node.callee.kind === "MemberAccess" &&
      isContextVariables(node.callee.object)
    ) {
      const first = node.arguments[0];
      const key = first && first.modifier === undefined ? constantString(first.value) : undefined;
      if (key !== undefined) {
        reads ??= [];
        reads.push({ name: key, kind: "method", method: node.callee.name, start: node.start, end: first!.value.end });
        claimed = node.callee.object;
      }
    } else if (isContextVariables(node)) {
      if (node === claimed) {
        claimed = undefined;
      } else {
        dynamic ??= [];
        dynamic.push({ start: node.start, end: node.end });
      }
    }
    return true;
  });
  // Most trees read no variable: one shared answer.
  if (reads === undefined && dynamic === undefined) return NO_USES;
  return { reads: reads ?? [], dynamic: dynamic ?? [] };
}

/** The text of an interpolated string's literal parts, joined (holes left out). */
export function interpolatedText(node: InterpolatedString): string {
  let text = "";
  for (const p of node.parts) if (p.kind === "InterpolatedText") text += p.value;
  return text;
}

/**
 * The text of every string literal, in source order; an interpolated string gives its literal parts joined, and
 * the strings inside its holes come after it.
 */
export function stringLiterals(parsed: ParsedExpression): string[] {
  const out: string[] = [];
  walk(parsed.body, (node) => {
    if (node.kind === "Literal" && node.literalKind === "string") out.push(node.value ?? "");
    else if (node.kind === "InterpolatedString") out.push(interpolatedText(node));
  });
  return out;
}

/** Constant strings used as an indexer's only argument, in source order: `x["access_token"]` gives access_token. */
export function stringIndexers(parsed: ParsedExpression): string[] {
  const found: { key: string; at: number }[] = [];
  forEachStringIndexer(parsed, (key, at) => found.push({ key, at }));
  // The walk meets `a["x"]["y"]` from the outside in.
  return found.sort((a, b) => a.at - b.at).map((f) => f.key);
}

/** Calls `fn` with the key and offset of each constant-string indexer (`x["access_token"]`), in walk order. */
export function forEachStringIndexer(parsed: ParsedExpression, fn: (key: string, at: number) => void): void {
  walk(parsed.body, (node) => {
    if (node.kind !== "ElementAccess" || node.arguments.length !== 1) return;
    const key = constantString(node.arguments[0]!.value);
    if (key !== undefined) fn(key, node.arguments[0]!.start);
  });
}

/** `X.Headers` or a local named `Headers`. */
function isHeaders(node: Node): boolean {
  return (
    (node.kind === "MemberAccess" && node.name === "Headers") || (node.kind === "Identifier" && node.name === "Headers")
  );
}

/**
 * Header names read through `Headers["x"]`, `Headers.GetValueOrDefault("x", ...)` or `Headers.TryGetValue("x", ...)`,
 * lower-cased. `ContainsKey("x")` only tests presence and is not a read.
 */
export function headerReads(parsed: ParsedExpression): string[] {
  const out: string[] = [];
  walk(parsed.body, (node) => {
    if (node.kind === "ElementAccess" && isHeaders(node.object)) {
      const key = constantString(node.arguments[0]?.value);
      if (key !== undefined) out.push(key.toLowerCase());
    } else if (node.kind === "Invocation" && node.callee.kind === "MemberAccess" && isHeaders(node.callee.object)) {
      const method = node.callee.name;
      if (method !== "GetValueOrDefault" && method !== "TryGetValue") return;
      const key = constantString(node.arguments[0]?.value);
      if (key !== undefined) out.push(key.toLowerCase());
    }
  });
  return out;
}

/** Every simple name and member name used (`StatusCode`, `LastError`, `Body`, locals, type names). */
export function names(parsed: ParsedExpression): Set<string> {
  const out = new Set<string>();
  walk(parsed.body, (node) => {
    if (node.kind === "Identifier" || node.kind === "MemberAccess") out.add(node.name);
  });
  return out;
}

/** Member chains rooted at a simple name, such as `context.LastError.Message` as [context, LastError, Message]. */
export function memberChains(parsed: ParsedExpression): string[][] {
  const out: string[][] = [];
  walk(parsed.body, (node, parent) => {
    if (node.kind !== "MemberAccess") return;
    // Only the outermost access of a chain: one whose parent does not continue it.
    if (parent?.kind === "MemberAccess" && parent.object === node) return;
    const chain: string[] = [];
    let n: Node = node;
    while (n.kind === "MemberAccess") {
      chain.push(n.name);
      n = n.object;
    }
    if (n.kind !== "Identifier") return;
    chain.push(n.name);
    out.push(chain.reverse());
  });
  return out;
}
