// The catalogue of known APIM policy elements: a typed, indexed view over catalogue.data.json, which
// scripts/build-catalogue.mjs generates from the policy XSDs, the policy toolkit's section matrix and the
// technical reference (see the script's header for sources and precedence). Used by the linter and the generator.
import { closestName } from "../util/did-you-mean.js";
import data from "./catalogue.data.json" with { type: "json" };

export const SECTIONS = ["inbound", "backend", "outbound", "on-error"] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * - root: a document root (`policies`, `fragment`, or a GraphQL resolver root such as `http-data-source`).
 * - section: inbound / backend / outbound / on-error.
 * - policy: a statement allowed directly in a section or a fragment (some are also children: set-header...).
 * - control: choose, and its when / otherwise.
 * - child: only inside particular parents.
 */
export type ElementKind = "root" | "section" | "policy" | "control" | "child";

/**
 * What an element may contain.
 * - policies: policy statements (sections, fragment, when, otherwise, retry, limit-concurrency).
 * - elements: only the children listed; text: text only; mixed: both; empty: nothing.
 * - opaque: free content the catalogue does not describe (set-body, xsl-transform...): do not check inside.
 */
export type ContentKind = "policies" | "elements" | "text" | "mixed" | "empty" | "opaque";

/** Where a fact comes from: the XSD, the reference (apim-reference.md), the toolkit, or the default rule. */
export type FactSource = "xsd" | "reference" | "toolkit" | "default";

export interface AttributeSpec {
  name: string;
  required: boolean;
  /** May the value be a policy expression `@(...)` / `@{...}`? */
  expressions: boolean;
  /** string | boolean | integer | number | datetime | enum | expression */
  type: string;
  /** Allowed literal values, when the XSD enumerates them. */
  values?: string[];
  /** Default value as documented, as text. */
  default?: string;
  /** "default": a plain string in the XSD; expressions allowed because nothing says otherwise. */
  source: FactSource;
}

export interface ChildSpec {
  name: string;
  min: number;
  /** null: unbounded. */
  max: number | null;
  /** Position in the parent's sequence, when the XSD gives an order (equal numbers: alternatives). */
  order?: number;
  /** The child is a policy used here with its own definition (set-header inside send-request). */
  ref?: boolean;
  /** Text expressions in this context, when it differs from the policy's own (send-request > set-method). */
  textExpressions?: boolean;
}

export interface ElementEntry {
  name: string;
  kind: ElementKind;
  /** For a child definition: the parent element's name. Absent for top-level definitions. */
  parent?: string;
  /** Parent names this element is known under (for policies: the elements that embed them, e.g. send-request). */
  parents?: string[];
  /** Sections the policy may appear in; undefined when no source says. */
  sections?: Section[];
  /** May the policy appear in a `<fragment>`? */
  inFragment?: boolean;
  sectionsSource?: FactSource;
  /** The sections the Microsoft docs list, when narrower than `sections` (reference §1). */
  documentedSections?: Section[];
  /** Scopes the docs list (global, workspace, product, api, operation), when known. */
  scopes?: string[];
  content: ContentKind;
  /** May the element's text be an expression (text and mixed content)? */
  textExpressions?: boolean;
  attributes: AttributeSpec[];
  /** Groups of attributes of which exactly one must be present (validate-jwt: header-name | query-parameter-name | token-value). */
  oneOf?: string[][];
  childOrder: "sequence" | "all" | "choice" | "none";
  children: ChildSpec[];
  sources: string[];
  note?: string;
}

export interface CatalogueOverride {
  element: string;
  attribute: string;
  field: string;
  before: unknown;
  reference: unknown;
  basis: "xsd" | "default";
}

interface CatalogueData {
  sections: string[];
  elements: ElementEntry[];
  overrides: CatalogueOverride[];
}

const catalogue = data as unknown as CatalogueData;

// Indexes, built once at load: every lookup below is a Map access.
const topLevel = new Map<string, ElementEntry>();
const childDefs = new Map<string, ElementEntry>(); // "parent>name"
const childSpecs = new Map<string, ChildSpec>(); // "parent>name", across every definition of parent
const attrIndex = new Map<ElementEntry, Map<string, AttributeSpec>>();
const requiredIndex = new Map<ElementEntry, string[]>();
const allNames = new Set<string>();
/** Names with an opaque definition somewhere (only these can be opaque, whatever the parent). */
const opaqueNames = new Set<string>();
const statementNames: string[] = [];

for (const entry of catalogue.elements) {
  allNames.add(entry.name);
  if (entry.content === "opaque") opaqueNames.add(entry.name);
  if (entry.parent) childDefs.set(`${entry.parent}>${entry.name}`, entry);
  else topLevel.set(entry.name, entry);
  attrIndex.set(entry, new Map(entry.attributes.map((a) => [a.name, a])));
  requiredIndex.set(
    entry,
    entry.attributes.filter((a) => a.required).map((a) => a.name),
  );
  for (const c of entry.children) {
    const key = `${entry.name}>${c.name}`;
    if (!childSpecs.has(key)) childSpecs.set(key, c);
  }
}
for (const entry of topLevel.values())
  if (entry.kind === "policy" || entry.kind === "control") statementNames.push(entry.name);
statementNames.sort();
const allNameList = [...allNames].sort();
// Child names defined under exactly one parent, so they can be looked up without it.
const soleDefinition = new Map<string, ElementEntry>();
const definitionCount = new Map<string, number>();
for (const e of catalogue.elements) definitionCount.set(e.name, (definitionCount.get(e.name) ?? 0) + 1);
for (const e of catalogue.elements) if (definitionCount.get(e.name) === 1) soleDefinition.set(e.name, e);

// Names some definition of which holds policy statements. Without the grandparent, a name that holds policies
// under one parent only (value: policies inside cache-value, text inside set-header) is treated permissively.
const containers = new Set(catalogue.elements.filter((e) => e.content === "policies").map((e) => e.name));

/** The top-level entry (policy, control, section or root) of that name. */
export function policyElement(name: string): ElementEntry | undefined {
  return topLevel.get(name);
}

/**
 * The definition that applies to `name` inside `parentName`: a local child definition (validate-jwt > audiences),
 * else the top-level one (set-header inside send-request, or any policy inside a section).
 */
export function elementEntry(name: string, parentName?: string): ElementEntry | undefined {
  if (parentName !== undefined) {
    const local = childDefs.get(`${parentName}>${name}`);
    if (local) return local;
  }
  const top = topLevel.get(name);
  if (top) return top;
  // A child name asked without its parent: only when it has a single definition.
  return parentName === undefined ? soleDefinition.get(name) : undefined;
}

/** A statement allowed directly in a section or fragment (a policy, or `choose`). */
export function isKnownPolicy(name: string): boolean {
  const e = topLevel.get(name);
  return e !== undefined && (e.kind === "policy" || e.kind === "control");
}

/** Any element name the catalogue knows, in any position. */
export function isKnownElement(name: string): boolean {
  return allNames.has(name);
}

/**
 * Is `childName` known inside `parentName`? True for a listed child, and for any policy statement inside an
 * element that holds policies (sections, fragment, when, otherwise, retry, limit-concurrency). Pass the
 * grandparent's name when you have it: a few child names hold policies under one parent only (cache-value >
 * value); without it such a name is treated permissively. Children of opaque elements (set-body...) are not
 * described: ask `isOpaque(parentName)` first.
 */
export function isKnownChild(parentName: string, childName: string, grandparentName?: string): boolean {
  if (childSpecs.has(`${parentName}>${childName}`)) return true;
  const holdsPolicies =
    grandparentName !== undefined
      ? elementEntry(parentName, grandparentName)?.content === "policies"
      : containers.has(parentName);
  if (!holdsPolicies) return false;
  // <base /> belongs directly in a section (not in fragments, nor nested in control flow).
  if (childName === "base") return topLevel.get(parentName)?.kind === "section";
  return isKnownPolicy(childName);
}

/** The element holds free content that the catalogue does not describe (set-body, xsl-transform, data...). */
export function isOpaque(name: string, parentName?: string): boolean {
  return opaqueNames.has(name) && elementEntry(name, parentName)?.content === "opaque";
}

/** False when `name` is opaque under no parent (a cheap first test before isOpaque's lookup). */
export function mayBeOpaque(name: string): boolean {
  return opaqueNames.has(name);
}

/** The child spec (cardinality, order) of `childName` under `parentName`, if listed. */
export function childSpec(parentName: string, childName: string): ChildSpec | undefined {
  return childSpecs.get(`${parentName}>${childName}`);
}

/** Sections the policy may appear in; undefined when unknown (then a section check must stay silent). */
export function allowedSections(name: string): readonly Section[] | undefined {
  return topLevel.get(name)?.sections;
}

/** May the policy appear in a fragment? undefined when unknown. */
export function allowedInFragment(name: string): boolean | undefined {
  return topLevel.get(name)?.inFragment;
}

/** The spec of one attribute, in the context of `parentName` when given (child elements differ per parent). */
export function attributeSpec(elementName: string, attrName: string, parentName?: string): AttributeSpec | undefined {
  const entry = elementEntry(elementName, parentName);
  return entry ? attrIndex.get(entry)?.get(attrName) : undefined;
}

/** Names of the required attributes (empty when none or the element is unknown). */
export function requiredAttributes(name: string, parentName?: string): readonly string[] {
  const entry = elementEntry(name, parentName);
  return entry ? (requiredIndex.get(entry) ?? []) : [];
}

/** Groups of attributes of which exactly one must be present (empty when none). */
export function exactlyOneOf(name: string, parentName?: string): readonly (readonly string[])[] {
  return elementEntry(name, parentName)?.oneOf ?? [];
}

/** May the element's text be an expression here? undefined when the element takes no text or is unknown. */
export function textExpressionsAllowed(name: string, parentName?: string): boolean | undefined {
  if (parentName !== undefined) {
    const spec = childSpecs.get(`${parentName}>${name}`);
    if (spec?.textExpressions !== undefined) return spec.textExpressions;
  }
  return elementEntry(name, parentName)?.textExpressions;
}

/** Listed children (in XSD order when there is one). Policy containers list none: any policy goes. */
export function knownChildren(name: string, parentName?: string): readonly ChildSpec[] {
  return elementEntry(name, parentName)?.children ?? [];
}

/** Children whose minimum occurrence is at least one. */
export function requiredChildren(name: string, parentName?: string): readonly string[] {
  return knownChildren(name, parentName)
    .filter((c) => c.min > 0)
    .map((c) => c.name);
}

/** Every policy statement name (policies and choose), sorted. */
export function policyNames(): readonly string[] {
  return statementNames;
}

/** Every element name the catalogue knows, sorted. */
export function elementNames(): readonly string[] {
  return allNameList;
}

/** Places where the reference overrode the XSDs (for docs and audits). */
export function overrides(): readonly CatalogueOverride[] {
  return catalogue.overrides;
}

/**
 * Did-you-mean for an element name (the one did-you-mean of src/util/did-you-mean.ts), or null when nothing is
 * close. Defaults to every known policy statement name.
 */
export function suggestElement(name: string, candidates: Iterable<string> = statementNames): string | null {
  return closestName(name, candidates) ?? null;
}
