// The walker over ast.ts trees. SAMPLES has one node of every kind (its type lists every kind of the Node union,
// so a kind added to ast.ts without a sample does not compile); each sample's children are numbered in source
// order. forEachChild must give exactly the nodes reachable through the sample's fields (found generically,
// through arrays and plain objects), in that order.
import { describe, expect, it } from "vitest";
import type {
  Argument,
  Block,
  Expression,
  Node,
  NodeKind,
  Pattern,
  Statement,
  TypeNode,
} from "../../../src/policy/csharp/ast.js";
import { childrenOf, forEachChild, NODE_KINDS, type NodeOfKind, walk } from "../../../src/policy/csharp/walk.js";

let next = 0;
const span = () => {
  const start = next++;
  return { start, end: start };
};
const expr = (): Expression => ({ kind: "Missing", ...span() });
const type = (): TypeNode => ({
  kind: "Type",
  name: "T",
  typeArguments: [],
  nullable: false,
  arrayRanks: [],
  tupleElements: undefined,
  ...span(),
});
const block = (): Block => ({ kind: "Block", statements: [], ...span() });
const statement = (): Statement => ({ kind: "Empty", ...span() });
const pattern = (): Pattern => ({ kind: "VarPattern", designation: "v", ...span() });
const arg = (): Argument => ({ kind: "Argument", name: undefined, modifier: undefined, value: expr(), ...span() });

// Each sample's own span comes first (so it never collides with its children's), then the children in source order.
const SAMPLES: { [K in NodeKind]: () => NodeOfKind<K> } = {
  Type: () => ({
    ...span(),
    kind: "Type",
    name: "",
    typeArguments: [type()],
    nullable: false,
    arrayRanks: [],
    tupleElements: [type()],
  }),
  Literal: () => ({
    ...span(),
    kind: "Literal",
    literalKind: "number",
    value: "1",
    numberType: "int",
    verbatim: false,
    raw: "1",
  }),
  InterpolatedString: () => ({
    ...span(),
    kind: "InterpolatedString",
    verbatim: false,
    parts: [{ kind: "InterpolatedText", value: "a", ...span() }, SAMPLES.Interpolation()],
  }),
  InterpolatedText: () => ({ ...span(), kind: "InterpolatedText", value: "a" }),
  Interpolation: () => ({ ...span(), kind: "Interpolation", expression: expr(), alignment: expr(), format: "F0" }),
  NamedValue: () => ({ ...span(), kind: "NamedValue", name: "nv" }),
  Identifier: () => ({ ...span(), kind: "Identifier", name: "As", typeArguments: [type()], keyword: false }),
  MemberAccess: () => ({
    ...span(),
    kind: "MemberAccess",
    object: expr(),
    name: "b",
    nameStart: 0,
    nameEnd: 0,
    typeArguments: [type()],
    conditional: false,
  }),
  Argument: () => ({ ...span(), kind: "Argument", name: "n", modifier: undefined, value: expr() }),
  Invocation: () => ({ ...span(), kind: "Invocation", callee: expr(), arguments: [arg(), arg()] }),
  ElementAccess: () => ({ ...span(), kind: "ElementAccess", object: expr(), arguments: [arg()], conditional: true }),
  DeclarationExpression: () => ({ ...span(), kind: "DeclarationExpression", type: type(), name: "x" }),
  Unary: () => ({ ...span(), kind: "Unary", operator: "!", operand: expr(), prefix: true }),
  Binary: () => ({ ...span(), kind: "Binary", operator: "+", left: expr(), right: expr() }),
  Conditional: () => ({ ...span(), kind: "Conditional", test: expr(), consequent: expr(), alternate: expr() }),
  Assignment: () => ({ ...span(), kind: "Assignment", operator: "=", target: expr(), value: expr() }),
  Cast: () => ({ ...span(), kind: "Cast", type: type(), expression: expr() }),
  As: () => ({ ...span(), kind: "As", expression: expr(), type: type() }),
  Is: () => ({ ...span(), kind: "Is", expression: expr(), pattern: pattern() }),
  TypePattern: () => ({ ...span(), kind: "TypePattern", type: type(), designation: "t" }),
  ConstantPattern: () => ({ ...span(), kind: "ConstantPattern", expression: expr() }),
  VarPattern: () => ({ ...span(), kind: "VarPattern", designation: "v" }),
  UnsupportedPattern: () => ({ ...span(), kind: "UnsupportedPattern", feature: "> limit", children: [expr()] }),
  Parameter: () => ({ ...span(), kind: "Parameter", name: "p", type: type(), modifier: undefined }),
  Lambda: () => ({ ...span(), kind: "Lambda", parameters: [SAMPLES.Parameter()], body: block() }),
  ObjectCreation: () => ({
    ...span(),
    kind: "ObjectCreation",
    type: type(),
    arguments: [arg()],
    initializer: SAMPLES.ObjectInitializer(),
  }),
  ObjectInitializer: () => ({ ...span(), kind: "ObjectInitializer", members: [SAMPLES.MemberInitializer()] }),
  MemberInitializer: () => ({
    ...span(),
    kind: "MemberInitializer",
    name: undefined,
    nameEnd: undefined,
    index: [arg()],
    value: SAMPLES.CollectionInitializer(),
  }),
  CollectionInitializer: () => ({
    ...span(),
    kind: "CollectionInitializer",
    elements: [expr(), { kind: "CollectionInitializer", elements: [expr()], ...span() }],
  }),
  AnonymousObjectCreation: () => ({
    ...span(),
    kind: "AnonymousObjectCreation",
    members: [
      { name: "a", value: expr(), start: 90_000, end: 90_001 },
      { name: undefined, value: expr(), start: 90_002, end: 90_003 },
    ],
  }),
  ArrayCreation: () => ({
    ...span(),
    kind: "ArrayCreation",
    elementType: type(),
    sizes: [expr()],
    ranks: [1],
    initializer: SAMPLES.ArrayInitializer(),
  }),
  ArrayInitializer: () => ({
    ...span(),
    kind: "ArrayInitializer",
    elements: [expr(), { kind: "ArrayInitializer", elements: [], ...span() }],
  }),
  TypeOf: () => ({ ...span(), kind: "TypeOf", type: type() }),
  SizeOf: () => ({ ...span(), kind: "SizeOf", type: type() }),
  RefExpression: () => ({ ...span(), kind: "RefExpression", expression: expr() }),
  Default: () => ({ ...span(), kind: "Default", type: type() }),
  Parenthesized: () => ({ ...span(), kind: "Parenthesized", expression: expr() }),
  Tuple: () => ({ ...span(), kind: "Tuple", elements: [arg(), arg()] }),
  ThrowExpression: () => ({ ...span(), kind: "ThrowExpression", expression: expr() }),
  CheckedExpression: () => ({ ...span(), kind: "CheckedExpression", checked: true, expression: expr() }),
  This: () => ({ ...span(), kind: "This", base: false }),
  Query: () => ({
    ...span(),
    kind: "Query",
    clauses: [SAMPLES.FromClause(), SAMPLES.WhereClause(), SAMPLES.SelectClause()],
  }),
  FromClause: () => ({ ...span(), kind: "FromClause", type: type(), name: "x", source: expr() }),
  LetClause: () => ({ ...span(), kind: "LetClause", name: "y", value: expr() }),
  WhereClause: () => ({ ...span(), kind: "WhereClause", condition: expr() }),
  JoinClause: () => ({
    ...span(),
    kind: "JoinClause",
    type: type(),
    name: "j",
    source: expr(),
    left: expr(),
    right: expr(),
    into: "g",
  }),
  OrderByClause: () => ({
    ...span(),
    kind: "OrderByClause",
    orderings: [
      { expression: expr(), descending: false },
      { expression: expr(), descending: true },
    ],
  }),
  SelectClause: () => ({ ...span(), kind: "SelectClause", value: expr() }),
  GroupClause: () => ({ ...span(), kind: "GroupClause", value: expr(), key: expr() }),
  IntoClause: () => ({ ...span(), kind: "IntoClause", name: "g" }),
  UnsupportedExpression: () => ({ ...span(), kind: "UnsupportedExpression", feature: "switch", children: [expr()] }),
  Missing: () => ({ ...span(), kind: "Missing" }),
  Block: () => ({ ...span(), kind: "Block", statements: [statement(), statement()] }),
  VariableDeclarator: () => ({ ...span(), kind: "VariableDeclarator", name: "v", initializer: expr() }),
  LocalDeclaration: () => ({
    ...span(),
    kind: "LocalDeclaration",
    type: type(),
    isConst: false,
    declarators: [SAMPLES.VariableDeclarator()],
  }),
  ExpressionStatement: () => ({ ...span(), kind: "ExpressionStatement", expression: expr() }),
  If: () => ({ ...span(), kind: "If", test: expr(), consequent: statement(), alternate: statement() }),
  SwitchLabel: () => ({ ...span(), kind: "SwitchLabel", pattern: pattern(), when: expr() }),
  SwitchSection: () => ({
    ...span(),
    kind: "SwitchSection",
    labels: [SAMPLES.SwitchLabel()],
    statements: [statement()],
  }),
  Switch: () => ({ ...span(), kind: "Switch", discriminant: expr(), sections: [SAMPLES.SwitchSection()] }),
  For: () => ({ ...span(), kind: "For", init: [expr(), expr()], test: expr(), update: [expr()], body: statement() }),
  Foreach: () => ({
    ...span(),
    kind: "Foreach",
    type: type(),
    name: "x",
    deconstruction: SAMPLES.Tuple(),
    iterable: expr(),
    body: statement(),
  }),
  While: () => ({ ...span(), kind: "While", test: expr(), body: statement() }),
  Do: () => ({ ...span(), kind: "Do", body: statement(), test: expr() }),
  Break: () => ({ ...span(), kind: "Break" }),
  Continue: () => ({ ...span(), kind: "Continue" }),
  Return: () => ({ ...span(), kind: "Return", argument: expr() }),
  Throw: () => ({ ...span(), kind: "Throw", argument: expr() }),
  CatchClause: () => ({ ...span(), kind: "CatchClause", type: type(), name: "e", filter: expr(), body: block() }),
  Try: () => ({ ...span(), kind: "Try", block: block(), handlers: [SAMPLES.CatchClause()], finalizer: block() }),
  Using: () => ({ ...span(), kind: "Using", resource: SAMPLES.LocalDeclaration(), body: statement() }),
  Empty: () => ({ ...span(), kind: "Empty" }),
  LocalFunction: () => ({
    ...span(),
    kind: "LocalFunction",
    returnType: type(),
    name: "F",
    typeParameters: ["T"],
    parameters: [SAMPLES.Parameter()],
    constraints: [type()],
    body: block(),
  }),
  Lock: () => ({ ...span(), kind: "Lock", expression: expr(), body: statement() }),
  Goto: () => ({ ...span(), kind: "Goto", label: undefined, caseValue: expr(), toDefault: false }),
  Labeled: () => ({ ...span(), kind: "Labeled", label: "end", body: statement() }),
  Yield: () => ({ ...span(), kind: "Yield", argument: expr() }),
  BadStatement: () => ({ ...span(), kind: "BadStatement", children: [expr(), expr()] }),
};

const KINDS = new Set<string>(NODE_KINDS);

/** The nodes directly reachable through a node's fields (through arrays and plain objects), in field order. */
function reachable(node: Node): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v && typeof v === "object") {
      const kind = (v as { kind?: unknown }).kind;
      if (typeof kind === "string" && KINDS.has(kind)) out.push(v as Node);
      else for (const x of Object.values(v)) visit(x);
    }
  };
  for (const [key, value] of Object.entries(node)) if (key !== "kind") visit(value);
  return out;
}

describe("forEachChild", () => {
  it("knows every kind of the Node union", () => {
    expect([...NODE_KINDS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.keys(SAMPLES) as NodeKind[])("%s: every child node, in source order", (kind) => {
    const node = SAMPLES[kind]();
    const children = childrenOf(node);
    expect(children).toEqual(reachable(node));
    // The samples number children in source order (a plain object's members in the order written).
    const starts = children.map((c) => c.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("visits a For whose init is a declaration, and one without init", () => {
    const decl = SAMPLES.LocalDeclaration();
    const body = statement();
    const withDecl: Node = { kind: "For", init: decl, test: undefined, update: [], body, start: 0, end: 0 };
    expect(childrenOf(withDecl)).toEqual([decl, body]);
    const bare: Node = { kind: "For", init: undefined, test: undefined, update: [], body, start: 0, end: 0 };
    const seen: Node[] = [];
    forEachChild(bare, (c) => seen.push(c));
    expect(seen).toEqual([body]);
  });
});

describe("walk", () => {
  const leaf = (name: string, start: number): Expression => ({
    kind: "Identifier",
    name,
    typeArguments: [],
    keyword: false,
    start,
    end: start + 1,
  });
  // a.b(c) + d
  const call: Expression = {
    kind: "Invocation",
    callee: {
      kind: "MemberAccess",
      object: leaf("a", 0),
      name: "b",
      nameStart: 2,
      nameEnd: 3,
      typeArguments: [],
      conditional: false,
      start: 0,
      end: 3,
    },
    arguments: [{ kind: "Argument", name: undefined, modifier: undefined, value: leaf("c", 4), start: 4, end: 5 }],
    start: 0,
    end: 6,
  };
  const tree: Expression = { kind: "Binary", operator: "+", left: call, right: leaf("d", 9), start: 0, end: 10 };
  const label = (n: Node) => (n.kind === "Identifier" ? n.name : n.kind);

  it("enters before the children and exits after them, with each node's parent", () => {
    const events: string[] = [];
    walk(
      tree,
      (n, parent) => {
        events.push(`>${label(n)}${parent ? ` in ${label(parent)}` : ""}`);
      },
      (n) => {
        events.push(`<${label(n)}`);
      },
    );
    expect(events).toEqual([
      ">Binary",
      ">Invocation in Binary",
      ">MemberAccess in Invocation",
      ">a in MemberAccess",
      "<a",
      "<MemberAccess",
      ">Argument in Invocation",
      ">c in Argument",
      "<c",
      "<Argument",
      "<Invocation",
      ">d in Binary",
      "<d",
      "<Binary",
    ]);
  });

  it("skips a node's children when enter returns false (and still exits it)", () => {
    const events: string[] = [];
    walk(
      tree,
      (n) => {
        events.push(label(n));
        return n.kind !== "Invocation";
      },
      (n) => {
        if (n.kind === "Invocation") events.push("exit Invocation");
      },
    );
    expect(events).toEqual(["Binary", "Invocation", "exit Invocation", "d"]);
  });

  it("walks every sample in the order forEachChild gives, each node with its parent", () => {
    for (const kind of Object.keys(SAMPLES) as NodeKind[]) {
      const root = SAMPLES[kind]();
      const expected: string[] = [];
      const visit = (n: Node, parent: Node | undefined): void => {
        expected.push(`>${n.start}@${parent?.start}`);
        forEachChild(n, (c) => visit(c, n));
        expected.push(`<${n.start}@${parent?.start}`);
      };
      visit(root, undefined);
      const events: string[] = [];
      walk(
        root,
        (n, parent) => {
          events.push(`>${n.start}@${parent?.start}`);
        },
        (n, parent) => {
          events.push(`<${n.start}@${parent?.start}`);
        },
      );
      expect(events).toEqual(expected);
      const entered: string[] = [];
      walk(root, (n, parent) => {
        entered.push(`>${n.start}@${parent?.start}`);
      });
      expect(entered).toEqual(expected.filter((e) => e.startsWith(">")));
    }
  });

  it("lets a callback walk a subtree (walks nest), with or without exit", () => {
    const outer: string[] = [];
    const inner: string[] = [];
    walk(tree, (n) => {
      outer.push(label(n));
      if (n.kind === "Invocation") {
        walk(n, (m) => {
          inner.push(label(m));
        });
        walk(
          n,
          () => {},
          (m) => {
            inner.push(`<${label(m)}`);
          },
        );
      }
    });
    expect(outer).toEqual(["Binary", "Invocation", "MemberAccess", "a", "Argument", "c", "d"]);
    expect(inner).toEqual([
      "Invocation",
      "MemberAccess",
      "a",
      "Argument",
      "c",
      "<a",
      "<MemberAccess",
      "<c",
      "<Argument",
      "<Invocation",
    ]);
  });

  it("is unharmed by a callback that throws", () => {
    expect(() =>
      walk(tree, (n) => {
        if (n.kind === "Argument") throw new Error("rule crashed");
      }),
    ).toThrow("rule crashed");
    expect(() =>
      walk(tree, undefined, (n) => {
        if (n.kind === "Argument") throw new Error("rule crashed");
      }),
    ).toThrow("rule crashed");
    const seen: string[] = [];
    walk(tree, (n) => {
      seen.push(label(n));
    });
    expect(seen).toEqual(["Binary", "Invocation", "MemberAccess", "a", "Argument", "c", "d"]);
  });

  it("walks a very deep tree without overflowing the stack", () => {
    let deep: Expression = leaf("x", 0);
    for (let i = 0; i < 100_000; i++) {
      deep = { kind: "Binary", operator: "+", left: deep, right: leaf("y", i), start: 0, end: i };
    }
    let entered = 0;
    let exited = 0;
    walk(
      deep,
      () => {
        entered++;
      },
      () => {
        exited++;
      },
    );
    expect(entered).toBe(200_001);
    expect(exited).toBe(200_001);
  });
});
