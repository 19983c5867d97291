// Questions about an expression's code, answered from its syntax tree: which context.Variables it reads, its
// string constants, the headers it reads, its member chains. One place for lint, token, the emulator and the
// language server; every offset is an offset of the original document text.
import type { InterpolatedString, Node, ParsedExpression } from "./ast.js";
import { childrenOf, walk } from "./walk.js";

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

// The search's stack, shared by every call (the search calls nothing that could search again); entries are
// popped, so a finished search holds no node.
const searchStack: Node[] = [];

/**
 * The reads of `context.Variables` in the tree:
 *   context.Variables["x"]                       indexer
 *   context.Variables.GetValueOrDefault<T>("x")  any method whose first argument is the constant key
 *   context.Variables.ContainsKey("x") / .TryGetValue("x", out v)
 * Anything else that touches context.Variables is a dynamic use.
 *
 * A search of its own rather than the generic walk (this ran for every expression that mentions Variables, and
 * the walk's callback, parent bookkeeping and claimed-set were most of the variable analysis). It visits the
 * nodes in the walk's pre-order, so reads and dynamic uses come in the same order, but it never enters what
 * cannot hold a use: a type (types only hold types), a literal, a name's type arguments. An access that reads
 * a constant key does not push its `context.Variables` at all, which is how the walk's claim worked: that node is
 * then not a dynamic use (and below it are only `context` and types).
 */
export function variableUses(parsed: ParsedExpression): VariableUses {
  let reads: VariableAccess[] | undefined;
  let dynamic: DynamicVariableUse[] | undefined;
  const stack = searchStack;
  const base = stack.length;
  stack.push(parsed.body);
  // Children are pushed last-first, so they pop in source order.
  while (stack.length > base) {
    const node = stack.pop()!;
    switch (node.kind) {
      case "Identifier":
      case "Literal":
      case "Type":
      case "InterpolatedText":
      case "NamedValue":
        // Leaves here: an identifier's and a type's children are types.
        break;
      case "MemberAccess":
        if (isContextVariables(node)) {
          // Not claimed by an access above it (that one would not have pushed it).
          if (dynamic === undefined) dynamic = [];
          dynamic.push({ start: node.start, end: node.end });
        } else {
          stack.push(node.object);
        }
        // Its type arguments are types.
        break;
      case "Argument":
        stack.push(node.value);
        break;
      case "Invocation": {
        const callee = node.callee;
        const args = node.arguments;
        for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]!);
        if (callee.kind === "MemberAccess" && isContextVariables(callee.object)) {
          const first = args[0];
          const key = first && first.modifier === undefined ? constantString(first.value) : undefined;
          if (key !== undefined) {
            if (reads === undefined) reads = [];
            reads.push({
              name: key,
              kind: "method",
              method: callee.name,
              start: node.start,
              end: first!.value.end,
            });
            // The callee's `context.Variables` is claimed; what else the callee holds (its name's type
            // arguments) are types. The callee itself is no `context.Variables` (its object is one).
            break;
          }
        }
        stack.push(callee);
        break;
      }
      case "ElementAccess": {
        const args = node.arguments;
        for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]!);
        if (isContextVariables(node.object)) {
          const arg = args.length === 1 ? args[0]! : undefined;
          const key = arg && arg.name === undefined ? constantString(arg.value) : undefined;
          if (key !== undefined) {
            if (reads === undefined) reads = [];
            reads.push({ name: key, kind: "indexer", method: undefined, start: node.start, end: node.end });
            // The `context.Variables` is claimed: not pushed.
            break;
          }
        }
        stack.push(node.object);
        break;
      }
      case "Binary":
        stack.push(node.right, node.left);
        break;
      case "Cast":
        stack.push(node.expression);
        break;
      case "Parenthesized":
        stack.push(node.expression);
        break;
      case "InterpolatedString": {
        const parts = node.parts;
        for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
        break;
      }
      case "Interpolation":
        if (node.alignment) stack.push(node.alignment);
        stack.push(node.expression);
        break;
      default: {
        // The rarer kinds: their children in the walk's order.
        const children = childrenOf(node);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    }
  }
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
  walk(parsed.body, (node) => {
    if (node.kind !== "ElementAccess" || node.arguments.length !== 1) return;
    const key = constantString(node.arguments[0]!.value);
    if (key !== undefined) found.push({ key, at: node.arguments[0]!.start });
  });
  // The walk meets `a["x"]["y"]` from the outside in.
  return found.sort((a, b) => a.at - b.at).map((f) => f.key);
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
