// A generic walker over the C# expression tree of ast.ts: the child nodes of each kind, in source order, from one
// switch that must name every kind (a kind added to ast.ts without a case here does not compile).
import type { Node, NodeKind } from "./ast.js";

/** The node type of a kind (distributes over the union: Jump's kind is "Break" | "Continue"). */
export type NodeOfKind<K extends NodeKind> = OfKind<Node, K>;
type OfKind<N, K> = N extends { kind: infer NK } ? (K extends NK ? N : never) : never;
type Visit = (child: Node) => void;

const push = (out: Node[], list: readonly Node[] | undefined): void => {
  if (list) for (let i = 0; i < list.length; i++) out.push(list[i]!);
};

/**
 * Appends the child nodes of `node` to `out`, in source order. One switch, most frequent kinds first: the walk
 * calls it once per node, and a table of closures (a keyed lookup and a call per child) was most of the walk.
 */
function appendChildren(n: Node, out: Node[]): void {
  switch (n.kind) {
    case "MemberAccess":
      out.push(n.object);
      push(out, n.typeArguments);
      return;
    case "Identifier":
      push(out, n.typeArguments);
      return;
    case "Argument":
      out.push(n.value);
      return;
    case "Literal":
      return;
    case "Invocation":
      out.push(n.callee);
      push(out, n.arguments);
      return;
    case "Type":
      push(out, n.typeArguments);
      push(out, n.tupleElements);
      return;
    case "ElementAccess":
      out.push(n.object);
      push(out, n.arguments);
      return;
    case "Cast":
      out.push(n.type, n.expression);
      return;
    case "Binary":
      out.push(n.left, n.right);
      return;
    case "InterpolatedString":
      push(out, n.parts);
      return;
    case "InterpolatedText":
    case "NamedValue":
      return;
    case "Interpolation":
      out.push(n.expression);
      if (n.alignment) out.push(n.alignment);
      return;
    case "DeclarationExpression":
      if (n.type) out.push(n.type);
      return;
    case "Unary":
      out.push(n.operand);
      return;
    case "Conditional":
      out.push(n.test, n.consequent, n.alternate);
      return;
    case "Assignment":
      out.push(n.target, n.value);
      return;
    case "As":
      out.push(n.expression, n.type);
      return;
    case "Is":
      out.push(n.expression, n.pattern);
      return;
    case "TypePattern":
      out.push(n.type);
      return;
    case "ConstantPattern":
      out.push(n.expression);
      return;
    case "VarPattern":
      return;
    case "UnsupportedPattern":
    case "UnsupportedExpression":
    case "BadStatement":
      push(out, n.children);
      return;
    case "Parameter":
      if (n.type) out.push(n.type);
      return;
    case "Lambda":
      push(out, n.parameters);
      out.push(n.body);
      return;
    case "ObjectCreation":
      if (n.type) out.push(n.type);
      push(out, n.arguments);
      if (n.initializer) out.push(n.initializer);
      return;
    case "ObjectInitializer":
      push(out, n.members);
      return;
    case "MemberInitializer":
      push(out, n.index);
      out.push(n.value);
      return;
    case "CollectionInitializer":
    case "ArrayInitializer":
      push(out, n.elements);
      return;
    case "AnonymousObjectCreation": {
      const members = n.members;
      for (let i = 0; i < members.length; i++) out.push(members[i]!.value);
      return;
    }
    case "ArrayCreation":
      if (n.elementType) out.push(n.elementType);
      push(out, n.sizes);
      if (n.initializer) out.push(n.initializer);
      return;
    case "TypeOf":
    case "SizeOf":
      out.push(n.type);
      return;
    case "RefExpression":
      out.push(n.expression);
      return;
    case "Default":
      if (n.type) out.push(n.type);
      return;
    case "Parenthesized":
    case "ThrowExpression":
    case "CheckedExpression":
    case "ExpressionStatement":
      out.push(n.expression);
      return;
    case "Tuple":
      push(out, n.elements);
      return;
    case "This":
      return;
    case "Query":
      push(out, n.clauses);
      return;
    case "FromClause":
      if (n.type) out.push(n.type);
      out.push(n.source);
      return;
    case "LetClause":
    case "SelectClause":
      out.push(n.value);
      return;
    case "WhereClause":
      out.push(n.condition);
      return;
    case "JoinClause":
      if (n.type) out.push(n.type);
      out.push(n.source, n.left, n.right);
      return;
    case "OrderByClause": {
      const orderings = n.orderings;
      for (let i = 0; i < orderings.length; i++) out.push(orderings[i]!.expression);
      return;
    }
    case "GroupClause":
      out.push(n.value, n.key);
      return;
    case "IntoClause":
    case "Missing":
      return;
    // Statements
    case "Block":
      push(out, n.statements);
      return;
    case "VariableDeclarator":
      if (n.initializer) out.push(n.initializer);
      return;
    case "LocalDeclaration":
      if (n.type) out.push(n.type);
      push(out, n.declarators);
      return;
    case "If":
      out.push(n.test, n.consequent);
      if (n.alternate) out.push(n.alternate);
      return;
    case "SwitchLabel":
      if (n.pattern) out.push(n.pattern);
      if (n.when) out.push(n.when);
      return;
    case "SwitchSection":
      push(out, n.labels);
      push(out, n.statements);
      return;
    case "Switch":
      out.push(n.discriminant);
      push(out, n.sections);
      return;
    case "For":
      if (Array.isArray(n.init)) push(out, n.init);
      else if (n.init) out.push(n.init);
      if (n.test) out.push(n.test);
      push(out, n.update);
      out.push(n.body);
      return;
    case "Foreach":
      if (n.type) out.push(n.type);
      if (n.deconstruction) out.push(n.deconstruction);
      out.push(n.iterable, n.body);
      return;
    case "While":
      out.push(n.test, n.body);
      return;
    case "Do":
      out.push(n.body, n.test);
      return;
    case "Break":
    case "Continue":
    case "Empty":
      return;
    case "Return":
    case "Throw":
      if (n.argument) out.push(n.argument);
      return;
    case "CatchClause":
      if (n.type) out.push(n.type);
      if (n.filter) out.push(n.filter);
      out.push(n.body);
      return;
    case "Try":
      out.push(n.block);
      push(out, n.handlers);
      if (n.finalizer) out.push(n.finalizer);
      return;
    case "Using":
      out.push(n.resource);
      if (n.body) out.push(n.body);
      return;
    case "LocalFunction":
      if (n.returnType) out.push(n.returnType);
      push(out, n.parameters);
      push(out, n.constraints);
      out.push(n.body);
      return;
    case "Lock":
      out.push(n.expression, n.body);
      return;
    case "Goto":
      if (n.caseValue) out.push(n.caseValue);
      return;
    case "Labeled":
      out.push(n.body);
      return;
    case "Yield":
      if (n.argument) out.push(n.argument);
      return;
    default:
      // A kind added to ast.ts without a case here does not compile.
      n satisfies never;
  }
}

/** Every node kind, once (its type requires each kind of ast.ts's Node union). */
const KIND_TABLE: { readonly [K in NodeKind]: true } = {
  Type: true,
  Literal: true,
  InterpolatedString: true,
  InterpolatedText: true,
  Interpolation: true,
  NamedValue: true,
  Identifier: true,
  MemberAccess: true,
  Argument: true,
  Invocation: true,
  ElementAccess: true,
  DeclarationExpression: true,
  Unary: true,
  Binary: true,
  Conditional: true,
  Assignment: true,
  Cast: true,
  As: true,
  Is: true,
  TypePattern: true,
  ConstantPattern: true,
  VarPattern: true,
  UnsupportedPattern: true,
  Parameter: true,
  Lambda: true,
  ObjectCreation: true,
  ObjectInitializer: true,
  MemberInitializer: true,
  CollectionInitializer: true,
  AnonymousObjectCreation: true,
  ArrayCreation: true,
  ArrayInitializer: true,
  SizeOf: true,
  RefExpression: true,
  TypeOf: true,
  Default: true,
  Parenthesized: true,
  Tuple: true,
  ThrowExpression: true,
  CheckedExpression: true,
  This: true,
  Query: true,
  FromClause: true,
  LetClause: true,
  WhereClause: true,
  JoinClause: true,
  OrderByClause: true,
  SelectClause: true,
  GroupClause: true,
  IntoClause: true,
  UnsupportedExpression: true,
  Missing: true,
  Block: true,
  VariableDeclarator: true,
  LocalDeclaration: true,
  ExpressionStatement: true,
  If: true,
  SwitchLabel: true,
  SwitchSection: true,
  Switch: true,
  For: true,
  Foreach: true,
  While: true,
  Do: true,
  Break: true,
  Continue: true,
  Return: true,
  Throw: true,
  CatchClause: true,
  Try: true,
  Using: true,
  Empty: true,
  LocalFunction: true,
  Lock: true,
  Goto: true,
  Labeled: true,
  Yield: true,
  BadStatement: true,
};

/** The node kinds the walker knows: every kind of ast.ts's Node union. */
export const NODE_KINDS: readonly NodeKind[] = Object.keys(KIND_TABLE) as NodeKind[];

/** Calls `fn` with each direct child node of `node`, in source order. */
export function forEachChild(node: Node, fn: Visit): void {
  const children = childrenOf(node);
  for (let i = 0; i < children.length; i++) fn(children[i]!);
}

/** The direct child nodes of `node`, in source order. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  appendChildren(node, out);
  return out;
}

// The walks' stack, shared: a walk uses it from the height it found it at and leaves it there (an enter or exit
// callback may walk a subtree meanwhile), so no walk allocates a stack of its own. Entries are popped, so a
// finished walk holds no node.
const stackNodes: Node[] = [];
const stackParents: (Node | undefined)[] = [];
/** For walks with an exit callback: whether the entry is the node's exit. */
const stackLeaving: boolean[] = [];

/**
 * Depth-first walk of `root` and everything below it: `enter` before a node's children (returning false skips
 * them), `exit` after them. Iterative, so a very deep tree (a long `a + b + ...` chain) cannot overflow the stack.
 */
export function walk(
  root: Node,
  enter?: (node: Node, parent: Node | undefined) => unknown,
  exit?: (node: Node, parent: Node | undefined) => void,
): void {
  // stackParents moves with stackNodes; stackLeaving only in the walks with an exit.
  const base = stackNodes.length;
  const leavingBase = stackLeaving.length;
  try {
    if (exit) walkWithExit(root, base, enter, exit);
    else walkEnter(root, base, enter);
  } finally {
    // Only after a callback threw: the stack goes back to where this walk found it.
    while (stackNodes.length > base) stackNodes.pop();
    while (stackParents.length > base) stackParents.pop();
    while (stackLeaving.length > leavingBase) stackLeaving.pop();
  }
}

/** Reverses nodes[from..) in place: children are appended in source order and popped from the end. */
function reverseFrom(nodes: Node[], from: number): void {
  for (let i = from, j = nodes.length - 1; i < j; i++, j--) {
    const t = nodes[i]!;
    nodes[i] = nodes[j]!;
    nodes[j] = t;
  }
}

function walkEnter(root: Node, base: number, enter?: (node: Node, parent: Node | undefined) => unknown): void {
  const nodes = stackNodes;
  const parents = stackParents;
  nodes.push(root);
  parents.push(undefined);
  while (nodes.length > base) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (enter !== undefined && enter(node, parent) === false) continue;
    const from = nodes.length;
    appendChildren(node, nodes);
    const to = nodes.length;
    if (to === from) continue;
    for (let i = from; i < to; i++) parents.push(node);
    reverseFrom(nodes, from);
  }
}

function walkWithExit(
  root: Node,
  base: number,
  enter: ((node: Node, parent: Node | undefined) => unknown) | undefined,
  exit: (node: Node, parent: Node | undefined) => void,
): void {
  const nodes = stackNodes;
  const parents = stackParents;
  // A node is pushed twice: once to enter (with its parent) and once, marked by `leaving`, to exit.
  const leaving = stackLeaving;
  nodes.push(root);
  parents.push(undefined);
  leaving.push(false);
  while (nodes.length > base) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (leaving.pop()) {
      exit(node, parent);
      continue;
    }
    const descend = enter === undefined || enter(node, parent) !== false;
    nodes.push(node);
    parents.push(parent);
    leaving.push(true);
    if (!descend) continue;
    const from = nodes.length;
    appendChildren(node, nodes);
    const to = nodes.length;
    for (let i = from; i < to; i++) {
      parents.push(node);
      leaving.push(false);
    }
    reverseFrom(nodes, from);
  }
}
