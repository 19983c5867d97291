// Runs rules over one document in ONE walk: each rule's create(context) gives its visitors, the engine indexes them
// by key, then walks the elements once (and the expression trees inside them), calling the visitors that apply.
// A rule whose visitor keys name no element of the document is never called for it (that is what skips the
// validate-jwt rules on the many documents without a validate-jwt). Expressions are parsed only when some rule
// visits expression nodes, each once (the per-document object keeps the tree).
import type { Node, NodeKind } from "../policy/csharp/ast.js";
import { NODE_KINDS, walk as walkTree } from "../policy/csharp/walk.js";
import type { ElementNode, PolicyValue } from "../policy/model.js";
import type { PolicySourceCode } from "./source-code.js";
import { addTime, timingEnabled } from "./timing.js";
import type { ExpressionSite, PolicyScope, Report, Rule, RuleContext, Severity, Visitors } from "./types.js";

/** A rule as configured: its level for this document and its (already validated) options. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

export interface RunEnvironment {
  scope: PolicyScope;
  scopeReason?: string;
  namedValues: ReadonlySet<string> | undefined;
}

/** Where the engine sends what the rules say. */
export interface RunListener {
  report(rule: EnabledRule, report: Report): void;
  /** A rule threw (in create or in a visitor): it is not called again for this document. */
  crash(rule: EnabledRule, error: unknown): void;
}

type ElementVisitor = (element: ElementNode) => void;
type DocumentVisitor = () => void;
type NodeVisitor = (node: Node, where: ExpressionSite) => void;

const NODE_KIND_SET: ReadonlySet<string> = new Set(NODE_KINDS);

/** One rule's run over one document: its context (the object rules see) and whether it crashed. */
class RuleRun implements RuleContext {
  crashed = false;
  constructor(
    readonly enabled: EnabledRule,
    readonly sourceCode: PolicySourceCode,
    private readonly env: RunEnvironment,
    readonly listener: RunListener,
  ) {}
  get id(): string {
    return this.enabled.rule.id;
  }
  get scope(): PolicyScope {
    return this.env.scope;
  }
  get scopeReason(): string | undefined {
    return this.env.scopeReason;
  }
  get options(): Readonly<Record<string, unknown>> {
    return this.enabled.options;
  }
  get namedValues(): ReadonlySet<string> | undefined {
    return this.env.namedValues;
  }
  report(report: Report): void {
    this.listener.report(this.enabled, report);
  }
}

interface Handler<F> {
  run: RuleRun;
  fn: F;
}

const EXIT = ":exit";

/** What a visitor key names: parsed once per key string (rules return the same keys for every document). */
interface VisitorKey {
  what: "document" | "any" | "element" | "node" | "unknown";
  target: string;
  exit: boolean;
}

const parsedKeys = new Map<string, VisitorKey>();

function parseKey(key: string): VisitorKey {
  let parsed = parsedKeys.get(key);
  if (parsed === undefined) {
    const exit = key.endsWith(EXIT);
    const target = exit ? key.slice(0, -EXIT.length) : key;
    const what =
      target === "Document"
        ? "document"
        : target === "*"
          ? "any"
          : isElementKey(target)
            ? "element"
            : NODE_KIND_SET.has(target)
              ? "node"
              : "unknown";
    parsed = { what, target, exit };
    // A plugin computing keys from its options could bring many: the memo stays small.
    if (parsedKeys.size > 1000) parsedKeys.clear();
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

/**
 * The visitors of every rule for one document, by what they visit. Only what the document can call is kept: most
 * element keys name elements the document lacks (about 62 of 68 a document on the 10k-file tree), and those get no
 * handler. The maps are made on first use: most documents need one or two of the four.
 */
class VisitorIndex {
  enter: Map<string, Handler<ElementVisitor>[]> | undefined;
  exit: Map<string, Handler<ElementVisitor>[]> | undefined;
  readonly anyEnter: Handler<ElementVisitor>[] = [];
  readonly anyExit: Handler<ElementVisitor>[] = [];
  readonly documentEnter: Handler<DocumentVisitor>[] = [];
  readonly documentExit: Handler<DocumentVisitor>[] = [];
  nodeEnter: Map<NodeKind, Handler<NodeVisitor>[]> | undefined;
  nodeExit: Map<NodeKind, Handler<NodeVisitor>[]> | undefined;
  hasExit = false;

  constructor(private readonly sourceCode: PolicySourceCode) {}

  add(run: RuleRun, visitors: Visitors): void {
    for (const key in visitors) {
      const fn = (visitors as Record<string, unknown>)[key];
      if (typeof fn !== "function") continue;
      if (isElementEnterKey(key)) {
        // The common case, without parsing the key: an element name, called only if the document has one.
        if (this.sourceCode.has(key)) this.enter = add(this.enter, key, { run, fn: fn as ElementVisitor });
        continue;
      }
      this.addParsed(run, key, fn);
    }
  }

  private addParsed(run: RuleRun, key: string, fn: unknown): void {
    const { what, target, exit } = parseKey(key);
    switch (what) {
      case "document":
        (exit ? this.documentExit : this.documentEnter).push({ run, fn: fn as DocumentVisitor });
        break;
      case "any":
        (exit ? this.anyExit : this.anyEnter).push({ run, fn: fn as ElementVisitor });
        if (exit) this.hasExit = true;
        break;
      case "element":
        // Only `name:exit` gets here. Leaving elements needs the slower walk: only when the document has one.
        if (!this.sourceCode.has(target)) break;
        if (exit) {
          this.exit = add(this.exit, target, { run, fn: fn as ElementVisitor });
          this.hasExit = true;
        } else this.enter = add(this.enter, target, { run, fn: fn as ElementVisitor });
        break;
      case "node":
        if (exit) this.nodeExit = add(this.nodeExit, target as NodeKind, { run, fn: fn as NodeVisitor });
        else this.nodeEnter = add(this.nodeEnter, target as NodeKind, { run, fn: fn as NodeVisitor });
        break;
      default:
        throw new Error(`unknown visitor key "${key}" (not an element name, "Document" or a node kind of ast.ts)`);
    }
  }

  get visitsExpressions(): boolean {
    return this.nodeEnter !== undefined || this.nodeExit !== undefined;
  }
}

/** Adds a handler under `key`, making the map when there is none yet; returns the map. */
function add<K, F>(map: Map<K, Handler<F>[]> | undefined, key: K, handler: Handler<F>): Map<K, Handler<F>[]> {
  if (map === undefined) return new Map([[key, [handler]]]);
  const list = map.get(key);
  if (list) list.push(handler);
  else map.set(key, [handler]);
  return map;
}

/** Element names start with a lower-case letter (kebab-case); node kinds with an upper-case one. */
function isElementKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return !(c >= 65 && c <= 90);
}

/** An element name without `:exit` (what parseKey calls "element", not exit): no memo lookup needed. */
function isElementEnterKey(key: string): boolean {
  return isElementKey(key) && key !== "*" && !key.endsWith(EXIT);
}

/**
 * Runs `rules` over the document of `sourceCode`: create, then Document visitors, the element walk (enter in
 * document order, exit after the children), Document:exit. Never throws because of a rule.
 */
export function runRules(
  sourceCode: PolicySourceCode,
  rules: readonly EnabledRule[],
  env: RunEnvironment,
  listener: RunListener,
): void {
  const index = new VisitorIndex(sourceCode);
  // Timing is decided once per run, not per handler: the untimed loops have no clock branch.
  const call = timingEnabled ? callAllTimed : callAll;
  for (let i = 0; i < rules.length; i++) {
    const enabled = rules[i]!;
    const run = new RuleRun(enabled, sourceCode, env, listener);
    if (timingEnabled) createTimed(index, run);
    else create(index, run);
  }
  call(index.documentEnter, undefined, listener);
  if (index.enter !== undefined || index.anyEnter.length > 0 || index.hasExit || index.visitsExpressions) {
    walk(sourceCode, index, listener, call);
  }
  call(index.documentExit, undefined, listener);
}

/** A rule's create(), its visitors indexed; a throw (in create or from a bad key) is the rule's crash. */
function create(index: VisitorIndex, run: RuleRun): void {
  try {
    index.add(run, run.enabled.rule.create(run));
  } catch (err) {
    run.crashed = true;
    run.listener.crash(run.enabled, err);
  }
}

function createTimed(index: VisitorIndex, run: RuleRun): void {
  const t0 = performance.now();
  create(index, run);
  addTime(run.enabled.rule.id, performance.now() - t0);
}

type CallAll = typeof callAll;

function walk(sourceCode: PolicySourceCode, index: VisitorIndex, listener: RunListener, call: CallAll): void {
  const { enter, anyEnter } = index;
  const expressions = index.visitsExpressions;
  if (!index.hasExit) {
    // Enter visitors only: the document-order element list is the walk.
    const elements = sourceCode.elements();
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      const named = enter?.get(el.name);
      if (named !== undefined) call(named, el, listener);
      if (anyEnter.length > 0) call(anyEnter, el, listener);
      if (expressions) visitExpressions(sourceCode, el, index, listener, call);
    }
    return;
  }
  const root = sourceCode.root;
  if (!root) return;
  // Depth first with an explicit stack (deep documents cannot overflow it); `null` marks "leave the element above".
  const stack: (ElementNode | null)[] = [root];
  const leaving: ElementNode[] = [];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el === null) {
      const done = leaving.pop()!;
      const named = index.exit?.get(done.name);
      if (named !== undefined) call(named, done, listener);
      if (index.anyExit.length > 0) call(index.anyExit, done, listener);
      continue;
    }
    const named = enter?.get(el.name);
    if (named !== undefined) call(named, el, listener);
    if (anyEnter.length > 0) call(anyEnter, el, listener);
    if (expressions) visitExpressions(sourceCode, el, index, listener, call);
    leaving.push(el);
    stack.push(null);
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (k.type === "element") stack.push(k);
    }
  }
}

/**
 * The expression trees of an element's own values (attributes in order, then its text), node by node: enter
 * visitors before a node's children, exit visitors after them. Part of the element, so between its enter visitors
 * and its children.
 */
function visitExpressions(
  sourceCode: PolicySourceCode,
  element: ElementNode,
  index: VisitorIndex,
  listener: RunListener,
  call: CallAll,
): void {
  const { nodeEnter, nodeExit } = index;
  const visit = (value: PolicyValue): void => {
    const expression = value.expression;
    if (!expression) return;
    const where: ExpressionSite = { element, value, expression };
    const tree = sourceCode.expressionTree(expression);
    walkTree(
      tree.body,
      nodeEnter !== undefined
        ? (node) => {
            const handlers = nodeEnter.get(node.kind);
            if (handlers !== undefined) call(handlers, node, listener, where);
          }
        : undefined,
      nodeExit !== undefined
        ? (node) => {
            const handlers = nodeExit.get(node.kind);
            if (handlers !== undefined) call(handlers, node, listener, where);
          }
        : undefined,
    );
  };
  for (const a of element.attributes) visit(a.value);
  for (const c of element.children) if (c.type === "text") visit(c.value);
}

/** Calls each handler whose rule has not crashed; a throw is that rule's crash (it is not called again). */
function callAll<A, W>(
  handlers: readonly Handler<(arg: A, where: W) => void>[],
  arg: A,
  listener: RunListener,
  where?: W,
): void {
  for (let i = 0; i < handlers.length; i++) callOne(handlers[i]!, arg, listener, where);
}

/** callAll with APIMKIT_TIMING: each call's time charged to its rule (a loop of its own: no clock branch above). */
function callAllTimed<A, W>(
  handlers: readonly Handler<(arg: A, where: W) => void>[],
  arg: A,
  listener: RunListener,
  where?: W,
): void {
  for (let i = 0; i < handlers.length; i++) {
    const h = handlers[i]!;
    const t0 = performance.now();
    callOne(h, arg, listener, where);
    addTime(h.run.enabled.rule.id, performance.now() - t0);
  }
}

function callOne<A, W>(h: Handler<(arg: A, where: W) => void>, arg: A, listener: RunListener, where?: W): void {
  const run = h.run;
  if (run.crashed) return;
  try {
    h.fn(arg, where as W);
  } catch (err) {
    run.crashed = true;
    listener.crash(run.enabled, err);
  }
}
