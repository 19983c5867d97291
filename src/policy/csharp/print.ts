// A readable dump of an expression tree, one node a line with its position and (when given) its inferred type:
// what `apimkit parse --expressions` prints, for debugging and for tests. It reads the node fields generically
// (any field holding a node or a list of nodes is a child), so it never falls behind the node kinds of ast.ts.
import type { Position } from "../model.js";
import type { Node } from "./ast.js";

export interface PrintOptions {
  /** Line:column of an original-text offset (doc.positionAt). */
  positionAt(offset: number): Position;
  /** The inferred type of a node, shown as `: T`; undefined when unknown (nothing shown). */
  typeOf?(node: Node): string | undefined;
}

/** Scalar fields worth showing beside the kind, in this order. */
const LABELS = [
  "name",
  "operator",
  "literalKind",
  "numberType",
  "value",
  "format",
  "modifier",
  "feature",
  "designation",
] as const;
const MAX_VALUE = 40;

/** The tree under `root`, indented two spaces a level, each line `Kind details L:C-L:C[ : type]`. */
export function printTree(root: Node, options: PrintOptions): string {
  const lines: string[] = [];
  // Explicit stack: a deeply nested expression must not overflow the printer.
  const stack: { node: Node; depth: number; label: string }[] = [{ node: root, depth: 0, label: "" }];
  while (stack.length > 0) {
    const { node, depth, label } = stack.pop()!;
    lines.push(`${"  ".repeat(depth)}${label}${describe(node, options)}`);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ ...kids[i]!, depth: depth + 1 });
  }
  return lines.join("\n");
}

function describe(node: Node, options: PrintOptions): string {
  const record = node as unknown as Record<string, unknown>;
  let text = node.kind;
  for (const key of LABELS) {
    const v = record[key];
    if (v === undefined || v === "" || typeof v === "object") continue;
    const shown = typeof v === "string" ? JSON.stringify(v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v) : v;
    text += ` ${key}=${shown}`;
  }
  if (node.kind === "MemberAccess" && node.conditional) text += " ?.";
  if (node.kind === "ElementAccess" && node.conditional) text += " ?[]";
  const s = options.positionAt(node.start);
  const e = options.positionAt(node.end);
  text += ` ${s.line}:${s.column}-${e.line}:${e.column}`;
  const type = options.typeOf?.(node);
  return type ? `${text} : ${type}` : text;
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string";
}

/** The child nodes of `node`, each with the field it sits in (`left: `, `arguments[1]: `). */
function children(node: Node): { node: Node; label: string }[] {
  const out: { node: Node; label: string }[] = [];
  for (const [key, v] of Object.entries(node)) {
    if (isNode(v)) out.push({ node: v, label: `${key}: ` });
    else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (isNode(item)) out.push({ node: item, label: `${key}[${i}]: ` });
        else if (typeof item === "object" && item !== null) {
          // Plain records holding nodes (anonymous-object members, orderings): their nodes, labelled by field.
          for (const [k2, v2] of Object.entries(item))
            if (isNode(v2)) out.push({ node: v2, label: `${key}[${i}].${k2}: ` });
        }
      });
    }
  }
  return out;
}
