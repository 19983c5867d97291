// A generic walker over the C# expression tree of ast.ts: the child nodes of each kind, in source order, from one
// table whose type names every kind (a kind added to ast.ts without an entry here does not compile).
import type { Node, NodeKind } from "./ast.js";

/** The node type of a kind (distributes over the union: Jump's kind is "Break" | "Continue"). */
export type NodeOfKind<K extends NodeKind> = OfKind<Node, K>;
type OfKind<N, K> = N extends { kind: infer NK } ? (K extends NK ? N : never) : never;
type Visit = (child: Node) => void;

const each = (list: readonly Node[] | undefined, fn: Visit): void => {
  if (list) for (let i = 0; i < list.length; i++) fn(list[i]!);
};
const one = (node: Node | undefined, fn: Visit): void => {
  if (node) fn(node);
};
const none = (): void => {};

/** For each node kind, how to reach its children (in source order). */
const CHILDREN: { readonly [K in NodeKind]: (node: NodeOfKind<K>, fn: Visit) => void } = {
  Type: (n, fn) => {
    each(n.typeArguments, fn);
    each(n.tupleElements, fn);
  },
  // Expressions
  Literal: none,
  InterpolatedString: (n, fn) => each(n.parts, fn),
  InterpolatedText: none,
  Interpolation: (n, fn) => {
    fn(n.expression);
    one(n.alignment, fn);
  },
  NamedValue: none,
  Identifier: (n, fn) => each(n.typeArguments, fn),
  MemberAccess: (n, fn) => {
    fn(n.object);
    each(n.typeArguments, fn);
  },
  Argument: (n, fn) => fn(n.value),
  Invocation: (n, fn) => {
    fn(n.callee);
    each(n.arguments, fn);
  },
  ElementAccess: (n, fn) => {
    fn(n.object);
    each(n.arguments, fn);
  },
  DeclarationExpression: (n, fn) => one(n.type, fn),
  Unary: (n, fn) => fn(n.operand),
  Binary: (n, fn) => {
    fn(n.left);
    fn(n.right);
  },
  Conditional: (n, fn) => {
    fn(n.test);
    fn(n.consequent);
    fn(n.alternate);
  },
  Assignment: (n, fn) => {
    fn(n.target);
    fn(n.value);
  },
  Cast: (n, fn) => {
    fn(n.type);
    fn(n.expression);
  },
  As: (n, fn) => {
    fn(n.expression);
    fn(n.type);
  },
  Is: (n, fn) => {
    fn(n.expression);
    fn(n.pattern);
  },
  TypePattern: (n, fn) => fn(n.type),
  ConstantPattern: (n, fn) => fn(n.expression),
  VarPattern: none,
  UnsupportedPattern: (n, fn) => each(n.children, fn),
  Parameter: (n, fn) => one(n.type, fn),
  Lambda: (n, fn) => {
    each(n.parameters, fn);
    fn(n.body);
  },
  ObjectCreation: (n, fn) => {
    one(n.type, fn);
    each(n.arguments, fn);
    one(n.initializer, fn);
  },
  ObjectInitializer: (n, fn) => each(n.members, fn),
  MemberInitializer: (n, fn) => {
    each(n.index, fn);
    fn(n.value);
  },
  CollectionInitializer: (n, fn) => each(n.elements, fn),
  AnonymousObjectCreation: (n, fn) => {
    for (const m of n.members) fn(m.value);
  },
  ArrayCreation: (n, fn) => {
    one(n.elementType, fn);
    each(n.sizes, fn);
    one(n.initializer, fn);
  },
  ArrayInitializer: (n, fn) => each(n.elements, fn),
  TypeOf: (n, fn) => fn(n.type),
  Default: (n, fn) => one(n.type, fn),
  Parenthesized: (n, fn) => fn(n.expression),
  Tuple: (n, fn) => each(n.elements, fn),
  ThrowExpression: (n, fn) => fn(n.expression),
  CheckedExpression: (n, fn) => fn(n.expression),
  This: none,
  Query: (n, fn) => each(n.clauses, fn),
  FromClause: (n, fn) => {
    one(n.type, fn);
    fn(n.source);
  },
  LetClause: (n, fn) => fn(n.value),
  WhereClause: (n, fn) => fn(n.condition),
  JoinClause: (n, fn) => {
    one(n.type, fn);
    fn(n.source);
    fn(n.left);
    fn(n.right);
  },
  OrderByClause: (n, fn) => {
    for (const o of n.orderings) fn(o.expression);
  },
  SelectClause: (n, fn) => fn(n.value),
  GroupClause: (n, fn) => {
    fn(n.value);
    fn(n.key);
  },
  IntoClause: none,
  UnsupportedExpression: (n, fn) => each(n.children, fn),
  Missing: none,
  // Statements
  Block: (n, fn) => each(n.statements, fn),
  VariableDeclarator: (n, fn) => one(n.initializer, fn),
  LocalDeclaration: (n, fn) => {
    one(n.type, fn);
    each(n.declarators, fn);
  },
  ExpressionStatement: (n, fn) => fn(n.expression),
  If: (n, fn) => {
    fn(n.test);
    fn(n.consequent);
    one(n.alternate, fn);
  },
  SwitchLabel: (n, fn) => {
    one(n.pattern, fn);
    one(n.when, fn);
  },
  SwitchSection: (n, fn) => {
    each(n.labels, fn);
    each(n.statements, fn);
  },
  Switch: (n, fn) => {
    fn(n.discriminant);
    each(n.sections, fn);
  },
  For: (n, fn) => {
    if (Array.isArray(n.init)) each(n.init, fn);
    else one(n.init, fn);
    one(n.test, fn);
    each(n.update, fn);
    fn(n.body);
  },
  Foreach: (n, fn) => {
    one(n.type, fn);
    fn(n.iterable);
    fn(n.body);
  },
  While: (n, fn) => {
    fn(n.test);
    fn(n.body);
  },
  Do: (n, fn) => {
    fn(n.body);
    fn(n.test);
  },
  Break: none,
  Continue: none,
  Return: (n, fn) => one(n.argument, fn),
  Throw: (n, fn) => one(n.argument, fn),
  CatchClause: (n, fn) => {
    one(n.type, fn);
    one(n.filter, fn);
    fn(n.body);
  },
  Try: (n, fn) => {
    fn(n.block);
    each(n.handlers, fn);
    one(n.finalizer, fn);
  },
  Using: (n, fn) => {
    fn(n.resource);
    one(n.body, fn);
  },
  Empty: none,
  LocalFunction: (n, fn) => {
    one(n.returnType, fn);
    each(n.parameters, fn);
    fn(n.body);
  },
  BadStatement: (n, fn) => each(n.children, fn),
};

/** The node kinds the walker knows: every kind of ast.ts's Node union. */
export const NODE_KINDS: readonly NodeKind[] = Object.keys(CHILDREN) as NodeKind[];

/** Calls `fn` with each direct child node of `node`, in source order. */
export function forEachChild(node: Node, fn: Visit): void {
  (CHILDREN[node.kind] as (n: Node, f: Visit) => void)(node, fn);
}

/** The direct child nodes of `node`, in source order. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  forEachChild(node, (c) => out.push(c));
  return out;
}

/**
 * Depth-first walk of `root` and everything below it: `enter` before a node's children (returning false skips
 * them), `exit` after them. Iterative, so a very deep tree (a long `a + b + ...` chain) cannot overflow the stack.
 */
export function walk(
  root: Node,
  enter?: (node: Node, parent: Node | undefined) => unknown,
  exit?: (node: Node, parent: Node | undefined) => void,
): void {
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  // A node is pushed twice: once to enter (with its parent) and once, marked by `leaving`, to exit.
  const leaving: boolean[] = [false];
  // Children go straight onto the stack (then their run is reversed, so the first child is entered first): one
  // closure for the whole walk, and no list of children per node.
  let current: Node | undefined;
  const pushChild = (c: Node): void => {
    nodes.push(c);
    parents.push(current);
    leaving.push(false);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (leaving.pop()) {
      exit?.(node, parent);
      continue;
    }
    const descend = enter?.(node, parent) !== false;
    if (exit) {
      nodes.push(node);
      parents.push(parent);
      leaving.push(true);
    }
    if (!descend) continue;
    const base = nodes.length;
    current = node;
    forEachChild(node, pushChild);
    for (let i = base, j = nodes.length - 1; i < j; i++, j--) {
      const t = nodes[i]!;
      nodes[i] = nodes[j]!;
      nodes[j] = t;
    }
  }
}
