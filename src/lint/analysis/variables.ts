// Where a policy document sets and reads APIM policy variables (`context.Variables`), and how values flow from one
// variable into another. One analysis per document, built by the per-document object (source-code.ts).
//
// Setters (policies write variables, expressions only read them):
//   set-variable name="x"
//   any attribute named `*variable-name` that names an output variable: send-request response-variable-name,
//   authentication-managed-identity / validate-jwt / validate-azure-ad-token / get-authorization-context
//   output-token-variable-name, cache-lookup-value variable-name, rate-limit retry-after-variable-name, ...
//   except return-response response-variable-name, which READS the response variable it returns.
// Readers: C# expressions (their syntax trees, src/policy/csharp/queries.ts), Liquid set-body templates, return-response
// response-variable-name.
// Flow (data-flow-lite, order-insensitive on purpose: policies branch with choose): a set-variable whose value reads
// another variable, a cache-lookup-value whose key a cache-store-value wrote from another variable.
import { type VariableAccess, type VariableUses, variableUses } from "../../policy/csharp/queries.js";
import type { Attribute, ElementNode, Expression, PolicyDocument, PolicyValue, Range } from "../../policy/model.js";
import { mayName } from "./code-words.js";
import type { TreeSource } from "./expressions.js";
import { variableReadsInLiquid } from "./liquid-reads.js";
import { attribute } from "./nodes.js";

/** What a read can pass on: `ContainsKey` only tests presence, `TryGetValue` / `GetValueOrDefault` read. */
export type ReadKind = "index" | "get" | "contains" | "try-get";

/** The setters whose variable carries a known kind of content (apim-reference §3). */
export type DefinitionKind = "set-variable" | "response" | "token" | "cache-lookup" | "jwt";

export interface VariableWrite {
  /** The variable name; undefined when the name is an expression or contains a named value. */
  name?: string;
  element: ElementNode;
  attribute: Attribute;
}

/** A setter of a known kind, with its name as written (a `{{named value}}` in it kept). */
export interface VariableDefinition {
  name: string;
  kind: DefinitionKind;
  element: ElementNode;
  attribute: Attribute;
}

/** Which attribute of which element sets a variable of a known kind. */
const DEFINING_ATTRIBUTES: ReadonlyMap<string, [string, DefinitionKind]> = new Map([
  ["set-variable", ["name", "set-variable"]],
  ["send-request", ["response-variable-name", "response"]],
  ["authentication-managed-identity", ["output-token-variable-name", "token"]],
  ["cache-lookup-value", ["variable-name", "cache-lookup"]],
  ["validate-jwt", ["output-token-variable-name", "jwt"]],
  ["validate-azure-ad-token", ["output-token-variable-name", "jwt"]],
]);

const METHOD_KINDS: Readonly<Record<string, ReadKind>> = { ContainsKey: "contains", TryGetValue: "try-get" };

/** How a read in code can pass the variable on (ContainsKey only tests presence). */
export function readKindOf(access: VariableAccess): ReadKind {
  return access.kind === "indexer" ? "index" : (METHOD_KINDS[access.method ?? ""] ?? "get");
}

/**
 * A variable read. In a C# expression its range is made only when asked for (most reads never become a finding);
 * its offsets are those of the document's text, from the syntax tree. Liquid and attribute reads have their range
 * given (ReadSite.placed): every read of a document has one object shape, so the rules that loop over them stay
 * monomorphic (a second shape deoptimised them).
 */
export class ReadSite {
  readonly name: string;
  /** For a read in code: how it can pass the variable on; "index" for Liquid and attribute reads. */
  readonly kind: ReadKind;
  constructor(
    private readonly doc: PolicyDocument | undefined,
    readonly expr: Expression | undefined,
    /** The element that owns the read (the attribute's element, or the text's parent). */
    readonly element: ElementNode,
    /** For a read in code: how the dictionary was accessed (offsets of the document's text). */
    readonly access: VariableAccess | undefined,
    /** The attribute value or text that holds the expression (reads in code only). */
    readonly value: PolicyValue | undefined,
    private mapped: Range | undefined,
    readonly source: "expression" | "liquid" | "attribute",
    name = access?.name ?? "",
  ) {
    this.name = name;
    this.kind = access ? readKindOf(access) : "index";
  }
  /** A read whose range is known up front (Liquid text, a reading attribute). */
  static placed(name: string, range: Range, element: ElementNode, source: "liquid" | "attribute"): ReadSite {
    return new ReadSite(undefined, undefined, element, undefined, undefined, range, source, name);
  }
  /** The source range of the access (`context.Variables["x"]`, or the attribute value). */
  get range(): Range {
    if (this.mapped === undefined) {
      this.mapped = { start: this.doc!.positionAt(this.access!.start), end: this.doc!.positionAt(this.access!.end) };
    }
    return this.mapped;
  }
}

/** A read inside a C# expression: its expression, access and value are set. */
export type CodeRead = ReadSite & { expr: Expression; access: VariableAccess; value: PolicyValue };

/** return-response response-variable-name READS the response it returns; every other `*variable-name` sets one. */
function isReadingAttribute(element: ElementNode, attr: Attribute): boolean {
  return element.name === "return-response" && attr.name === "response-variable-name";
}

/** True when `attr` of `element` names a variable the policy sets. */
export function isVariableSetter(element: ElementNode, attr: Attribute): boolean {
  if (element.name === "set-variable") return attr.name === "name";
  return attr.name.endsWith("variable-name") && !isReadingAttribute(element, attr);
}

/** What the analysis reads a document through: its elements in document order, and its expression trees. */
export interface ElementSource extends TreeSource {
  elements(): readonly ElementNode[];
  has(name: string): boolean;
}

export class VariableAnalysis {
  /** Setters with a constant name. */
  readonly writes: VariableWrite[] = [];
  /** Setters whose name is not a constant: they may set any variable. */
  readonly dynamicWrites: VariableWrite[] = [];
  /** Setters of a known kind (their names may hold a named value). */
  readonly definitions: VariableDefinition[] = [];
  /** Every read with a constant name: in code, in Liquid, in a reading attribute. */
  readonly reads: ReadSite[] = [];
  /** The reads in C# expressions, in document order. */
  readonly codeReads: CodeRead[] = [];
  /** Uses of context.Variables with a computed key or as a whole: they may read any variable. */
  readonly dynamicReads: Range[] = [];
  /** The include-fragment elements: a fragment may set or read variables this document cannot see. */
  readonly includes: ElementNode[] = [];
  // Indexes for the flow questions, built on the first one: most documents are only asked for writes and reads.
  private codeReadsByName?: Map<string, CodeRead[]>;
  private codeReadsByElement?: Map<ElementNode, CodeRead[]>;

  /** `source`: the document's elements and where expression trees come from (the per-document object keeps both). */
  constructor(
    private readonly doc: PolicyDocument,
    private readonly trees: ElementSource,
  ) {
    // The per-document element list (document order) is the walk; no stack of our own.
    const elements = trees.elements();
    if (!mayUseVariables(doc.source)) {
      // Nothing is set or read: only the includes are left (about half the documents).
      if (trees.has("include-fragment")) {
        for (let i = 0; i < elements.length; i++) {
          if (elements[i]!.name === "include-fragment") this.includes.push(elements[i]!);
        }
      }
      return;
    }
    // Inside a Liquid body its text is a template that may read variables. Parents come before their children in
    // the list, so one set of the elements in a Liquid body answers for each child; most documents have no set-body.
    const liquid = trees.has("set-body") ? new Set<ElementNode>() : undefined;
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      let inLiquid = false;
      if (liquid !== undefined && ((el.parent !== undefined && liquid.has(el.parent)) || isLiquidBody(el))) {
        inLiquid = true;
        liquid.add(el);
      }
      this.addElement(el, inLiquid);
    }
  }

  /** The reads of `name` in C# expressions. */
  codeReadsOf(name: string): readonly CodeRead[] {
    if (!this.codeReadsByName) {
      this.codeReadsByName = new Map();
      for (const read of this.codeReads) push(this.codeReadsByName, read.name, read);
    }
    return this.codeReadsByName.get(name) ?? NONE;
  }

  /** The reads in C# expressions of `el`'s own attributes and text. */
  codeReadsIn(el: ElementNode): readonly CodeRead[] {
    if (!this.codeReadsByElement) {
      this.codeReadsByElement = new Map();
      for (const read of this.codeReads) push(this.codeReadsByElement, read.element, read);
    }
    return this.codeReadsByElement.get(el) ?? NONE;
  }

  /**
   * The variables reachable from `seeds` through set-variable values and cache round trips. `carries(read)` decides
   * whether a read passes the variable's content on (e.g. `.StatusCode` does not carry a token).
   */
  derivedFrom(seeds: Iterable<string>, carries: (read: CodeRead) => boolean = () => true): Set<string> {
    const out = new Set(seeds);
    const queue = [...out];
    while (queue.length > 0) {
      const name = queue.pop()!;
      for (const read of this.codeReadsOf(name)) {
        if (carries(read)) this.addTargets(read, out, queue);
      }
    }
    return out;
  }

  /**
   * Adds the variables a read flows into to `out` and `queue` (those not in `out` yet): the set-variable it is the
   * value of, or the lookups of the cache key it stores. (Added in place, not returned as an array: arrays of
   * different element kinds from here made derivedFrom's loop polymorphic, and V8 deoptimised it.)
   */
  private addTargets(read: CodeRead, out: Set<string>, queue: string[]): void {
    const add = (name: string) => {
      if (!out.has(name)) {
        out.add(name);
        queue.push(name);
      }
    };
    const el = read.element;
    if (el.name === "set-variable" && attribute(el, "value")?.value === read.value) {
      const name = attribute(el, "name")?.value.text.trim();
      if (name) add(name);
    } else if (el.name === "cache-store-value" && attribute(el, "value")?.value === read.value) {
      const key = attribute(el, "key")?.value.text.trim();
      for (const d of this.definitions) {
        if (d.kind === "cache-lookup" && attribute(d.element, "key")?.value.text.trim() === key) add(d.name);
      }
    }
  }

  private addElement(el: ElementNode, liquid: boolean): void {
    if (el.name === "include-fragment") this.includes.push(el);
    const defining = DEFINING_ATTRIBUTES.get(el.name);
    if (defining) {
      const a = attribute(el, defining[0]);
      if (a && a.value.kind !== "expression" && a.value.text.trim() !== "") {
        this.definitions.push({ name: a.value.text.trim(), kind: defining[1], element: el, attribute: a });
      }
    }
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes[i]!;
      if (isVariableSetter(el, attr)) {
        const name = attr.value.kind === "literal" ? attr.value.text.trim() : undefined;
        const write: VariableWrite = { element: el, attribute: attr };
        if (name) {
          write.name = name;
          this.writes.push(write);
        } else if (attr.value.kind !== "literal") {
          this.dynamicWrites.push(write);
        }
        // A setter's name may itself be computed from other variables.
        if (attr.value.kind === "expression") this.addValue(el, attr.value, liquid);
        continue;
      }
      if (isReadingAttribute(el, attr) && attr.value.kind === "literal" && attr.value.text.trim()) {
        this.reads.push(ReadSite.placed(attr.value.text.trim(), attr.value.range, el, "attribute"));
        continue;
      }
      this.addValue(el, attr.value, liquid);
    }
    const children = el.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === "text") this.addValue(el, child.value, liquid);
    }
  }

  private addValue(el: ElementNode, value: PolicyValue, liquid: boolean): void {
    const expr = value.expression;
    if (expr) {
      // Most expressions never mention Variables: no tree is needed to know they read none.
      if (!mayName(expr.code, "Variables")) return;
      const uses = variableUses(this.trees.expressionTree(expr));
      for (const r of uses.reads) {
        const read = new ReadSite(this.doc, expr, el, r, value, undefined, "expression") as CodeRead;
        this.reads.push(read);
        this.codeReads.push(read);
      }
      for (const d of uses.dynamic) {
        this.dynamicReads.push({ start: this.doc.positionAt(d.start), end: this.doc.positionAt(d.end) });
      }
      return;
    }
    if (liquid && value.text.includes("Variables")) this.addLiquidReads(el, value, variableReadsInLiquid(value.text));
  }

  private addLiquidReads(el: ElementNode, value: PolicyValue, uses: VariableUses): void {
    // Positions inside the text are exact only when no entity was decoded; else point at the whole value.
    const doc = this.doc;
    const exact = value.raw === value.text;
    const base = value.range.start.offset;
    const rangeOf = (start: number, end: number): Range =>
      exact ? { start: doc.positionAt(base + start), end: doc.positionAt(base + end) } : value.range;
    for (const r of uses.reads) this.reads.push(ReadSite.placed(r.name, rangeOf(r.start, r.end), el, "liquid"));
    for (const d of uses.dynamic) this.dynamicReads.push(rangeOf(d.start, d.end));
  }
}

const NONE: readonly CodeRead[] = Object.freeze([]) as readonly CodeRead[];

/**
 * False when no setter or read can be in the text: every one spells "ariable" (context.Variables in code or
 * Liquid, set-variable, the `*variable-name` attributes; XML names are never escaped), and in a value only a
 * numeric character reference (`&#86;ariables`) could spell it without the letters being in the text.
 */
function mayUseVariables(text: string): boolean {
  return text.includes("ariable") || text.includes("&#") || text.includes("\\");
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True when `el` is a set-body with template="liquid" or inside one (its XML children are template text). */
export function isInsideLiquidBody(el: ElementNode): boolean {
  for (let e: ElementNode | undefined = el; e; e = e.parent) if (e.name === "set-body") return isLiquidBody(e);
  return false;
}

function isLiquidBody(el: ElementNode): boolean {
  if (el.name !== "set-body") return false;
  const t = el.attributes.find((a) => a.name === "template");
  return t?.value.text.trim().toLowerCase() === "liquid";
}
