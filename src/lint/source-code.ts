// The per-document object rules ask (ESLint's SourceCode): built once per document by the engine, it answers every
// question about the document that more than one rule asks: its elements by name, its values, the variable
// analysis, the token validations, the token flow, each element's role. Each answer is computed on first use and
// kept on this object, so it lives exactly as long as the document's lint run (no module state, nothing kept
// between documents).
import type { ParsedExpression } from "../policy/csharp/ast.js";
import { parseExpression } from "../policy/csharp/index.js";
import type { ElementNode, Expression, PolicyDocument, Position, Range } from "../policy/model.js";
import { Placeholders } from "../policy/placeholders.js";
import { isValidator, VALIDATOR_KINDS } from "../policy/validate-jwt.js";
import { type ExpressionTypes, ExpressionTyping, expressionSites } from "./analysis/expression-types.js";
import { type JwtValidation, readValidation } from "./analysis/jwt.js";
import { type ElementRole, type PlacedElement, placeElements } from "./analysis/structure.js";
import { analyseTokenFlow, type TokenFlow } from "./analysis/token-flow.js";
import { type ValueSite, valueSites } from "./analysis/values.js";
import { VariableAnalysis } from "./analysis/variables.js";
import type { DocumentScopes } from "./composition.js";
import type { ExpressionSite } from "./types.js";

const NO_ELEMENTS: readonly ElementNode[] = Object.freeze([]) as readonly ElementNode[];
const NO_VALIDATIONS: JwtValidation[] = Object.freeze([]) as unknown as JwtValidation[];

export class PolicySourceCode {
  private elementList?: ElementNode[];
  private names?: Set<string>;
  /** Bit (length % 32) set for the length of every element name (see has). */
  private nameLengths = 0;
  private byName?: Map<string, readonly ElementNode[]>;
  private valueList?: ValueSite[];
  private variableAnalysis?: VariableAnalysis;
  private validationList?: JwtValidation[];
  private validationByElement?: Map<ElementNode, JwtValidation>;
  private flowOfTokens?: TokenFlow;
  private placedList?: PlacedElement[];
  private roles?: Map<ElementNode, ElementRole>;
  private trees?: Map<Expression, ParsedExpression>;
  private typing?: ExpressionTyping;
  private siteList?: ExpressionSite[];

  /** Deploy-time placeholders of the lint config (none unless configured): values holding one are unknown. */
  readonly placeholders: Placeholders;

  private scopeAnswer?: DocumentScopes | null;
  /** How the document's parents are composed (the lint run's composition; none for a lone text). */
  private readonly scopeSource?: (code: PolicySourceCode) => DocumentScopes | undefined;

  constructor(
    readonly doc: PolicyDocument,
    options: {
      placeholders?: Placeholders;
      scopes?: (code: PolicySourceCode) => DocumentScopes | undefined;
    } = {},
  ) {
    this.placeholders = options.placeholders ?? Placeholders.NONE;
    this.scopeSource = options.scopes;
  }

  /** The original text. */
  get text(): string {
    return this.doc.source;
  }

  get root(): ElementNode | undefined {
    return this.doc.root;
  }

  positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  /** Every element in document order. */
  elements(): readonly ElementNode[] {
    this.elementList ??= collectElements(this.doc);
    return this.elementList;
  }

  /** The elements named `name`, in document order ([] when there is none). */
  elementsNamed(name: string): readonly ElementNode[] {
    // Per name asked for (a few names are), not an index of every name: most would never be looked up.
    this.byName ??= new Map();
    let list = this.byName.get(name);
    if (list === undefined) {
      list = this.has(name) ? this.elements().filter((el) => el.name === name) : NO_ELEMENTS;
      this.byName.set(name, list);
    }
    return list;
  }

  /** True when the document holds an element named `name`. */
  has(name: string): boolean {
    if (this.names === undefined) this.indexNames();
    // Most names asked (the rules' visitor keys) are absent; a name whose length no element name has is answered
    // without hashing it into the set.
    return (this.nameLengths & (1 << (name.length & 31))) !== 0 && this.names!.has(name);
  }

  private indexNames(): void {
    // A second loop over the list: adding the names in collectElements' walk measured about 10% slower.
    const elements = this.elements();
    const names = new Set<string>();
    let lengths = 0;
    for (let i = 0; i < elements.length; i++) {
      const name = elements[i]!.name;
      names.add(name);
      lengths |= 1 << (name.length & 31);
    }
    this.names = names;
    this.nameLengths = lengths;
  }

  /** True when the document holds an element with one of these names. */
  hasAnyOf(names: readonly string[]): boolean {
    for (let i = 0; i < names.length; i++) if (this.has(names[i]!)) return true;
    return false;
  }

  /** Every attribute value and text run, in document order, with the element it belongs to. */
  values(): readonly ValueSite[] {
    this.valueList ??= valueSites(this.elements());
    return this.valueList;
  }

  /** Where variables are set and read, and how they flow into each other. */
  variables(): VariableAnalysis {
    this.variableAnalysis ??= new VariableAnalysis(this.doc, this);
    return this.variableAnalysis;
  }

  /**
   * The document among its scopes: its effective policy with the parents and fragments composed, what `<base />`
   * brings, the policies that inherit from it. Undefined when nothing is known about its parents and children
   * (rules then judge the document alone). Composed on first use.
   */
  scopes(): DocumentScopes | undefined {
    if (this.scopeAnswer === undefined) this.scopeAnswer = this.scopeSource?.(this) ?? null;
    return this.scopeAnswer ?? undefined;
  }

  /**
   * The validate-jwt / validate-azure-ad-token elements, read. A validation the parser could not read cleanly
   * (e.g. an unclosed child swallowing its siblings) is left to parse-error: judging its half-read children would
   * only add misleading findings.
   */
  validations(): readonly JwtValidation[] {
    if (!this.validationList) {
      // Most documents have none: the 13 token validation rules then share one answer and one empty list.
      if (!this.hasAnyOf(VALIDATOR_KINDS)) {
        this.validationList = NO_VALIDATIONS;
        return NO_VALIDATIONS;
      }
      const doc = this.doc;
      const damaged = (el: ElementNode) =>
        doc.diagnostics.some(
          (d) => d.range.start.offset < el.range.end.offset && d.range.end.offset > el.range.start.offset,
        );
      this.validationList = [];
      this.validationByElement = new Map();
      for (const el of this.elements()) {
        if (!isValidator(el) || damaged(el)) continue;
        const v = readValidation(el, this.placeholders);
        this.validationList.push(v);
        this.validationByElement.set(el, v);
      }
    }
    return this.validationList;
  }

  /** The validation an element is (undefined when it is not one, or was damaged: see validations()). */
  validationOf(el: ElementNode): JwtValidation | undefined {
    if (!this.validationList) this.validations();
    return this.validationByElement?.get(el);
  }

  /** Where tokens are fetched and which variables hold them. */
  tokenFlow(): TokenFlow {
    this.flowOfTokens ??= analyseTokenFlow(this);
    return this.flowOfTokens;
  }

  /** Every element in document order with its role (root, section slot, statement, child, free content). */
  placedElements(): readonly PlacedElement[] {
    this.placedList ??= placeElements(this.doc);
    return this.placedList;
  }

  /** The role of an element of this document (as placedElements gives it). */
  roleOf(el: ElementNode): ElementRole {
    if (!this.roles) {
      this.roles = new Map();
      for (const p of this.placedElements()) this.roles.set(p.element, p.role);
    }
    return this.roles.get(el)!;
  }

  /**
   * The syntax tree of an expression (C# front end, src/policy/csharp), parsed on first use and kept: every
   * position in it is an offset of the document's text.
   */
  expressionTree(expr: Expression): ParsedExpression {
    this.trees ??= new Map();
    let tree = this.trees.get(expr);
    if (tree === undefined) {
      tree = parseExpression(this.doc.source, expr);
      this.trees.set(expr, tree);
    }
    return tree;
  }

  /** Every expression of the document with its element and value, in document order. */
  expressionSites(): readonly ExpressionSite[] {
    if (!this.siteList) {
      const out: ExpressionSite[] = [];
      // Index loops: this runs once per document, mostly before V8 optimises it, where for-of allocates.
      const elements = this.elements();
      for (let i = 0; i < elements.length; i++) {
        const sites = expressionSites(elements[i]!);
        for (let j = 0; j < sites.length; j++) out.push(sites[j]!);
      }
      this.siteList = out;
    }
    return this.siteList;
  }

  /**
   * The types of an expression (the C# checker, with what the document makes certain: the attribute's type, the
   * variables' stored types) and its findings as lint reports them; computed on first use and kept.
   */
  expressionTypes(site: ExpressionSite): ExpressionTypes {
    this.typing ??= new ExpressionTyping(this);
    return this.typing.of(site);
  }

  /** The range of a syntax tree node (or anything with original-text offsets), for a report's node. */
  rangeOf(node: { start: number; end: number }): Range {
    return { start: this.doc.positionAt(node.start), end: this.doc.positionAt(node.end) };
  }
}

/** Document-order walk with an explicit stack (no generator overhead: this is the engine's hottest loop). */
function collectElements(doc: PolicyDocument): ElementNode[] {
  const out: ElementNode[] = [];
  if (!doc.root) return out;
  const stack: ElementNode[] = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (k.type === "element") stack.push(k);
    }
  }
  return out;
}
