// Memoized catalogue lookups for the per-element hot paths of the rules. The catalogue builds a "parent>name"
// string key per call; these nested maps answer repeated questions without allocating. Bounded, because
// arbitrary documents bring arbitrary names.
import {
  type AttributeSpec,
  attributeSpec,
  elementEntry,
  isKnownChild,
  isOpaque,
  mayBeOpaque,
  textExpressionsAllowed,
} from "../../policy/catalogue.js";

const LIMIT = 5000;
const NONE = "";

class Memo2<V> {
  private readonly map = new Map<string, Map<string, V>>();
  private size = 0;
  constructor(private readonly compute: (a: string, b: string) => V) {}
  get(a: string, b: string): V {
    let inner = this.map.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.map.set(a, inner);
    }
    const hit = inner.get(b);
    if (hit !== undefined || inner.has(b)) return hit as V;
    if (++this.size > LIMIT) {
      this.map.clear();
      this.size = 1;
      inner = new Map();
      this.map.set(a, inner);
    }
    const v = this.compute(a, b);
    inner.set(b, v);
    return v;
  }
}

const knownChild = new Memo2((parent, child) => isKnownChild(parent, child));
const opaque = new Memo2((name, parent) => isOpaque(name, parent === NONE ? undefined : parent));
const known = new Memo2((name, parent) => elementEntry(name, parent === NONE ? undefined : parent) !== undefined);
const textExpr = new Memo2((name, parent) => textExpressionsAllowed(name, parent === NONE ? undefined : parent));
const attrSpecs = new Memo2(() => new Map<string, AttributeSpec | undefined>());

/** isKnownChild(parent, child), memoized. */
export function isKnownChildCached(parentName: string, childName: string): boolean {
  return knownChild.get(parentName, childName);
}

/** isOpaque(name, parent), memoized (most names are opaque nowhere: one set lookup answers those). */
export function isOpaqueCached(name: string, parentName?: string): boolean {
  return mayBeOpaque(name) && opaque.get(name, parentName ?? NONE);
}

/** True when the catalogue has a definition for `name` inside `parentName` (or at top level). */
export function hasEntryCached(name: string, parentName?: string): boolean {
  return known.get(name, parentName ?? NONE);
}

/** textExpressionsAllowed(name, parent), memoized. */
export function textExpressionsAllowedCached(name: string, parentName?: string): boolean | undefined {
  return textExpr.get(name, parentName ?? NONE);
}

/** attributeSpec(element, attribute, parent), memoized. */
export function attributeSpecCached(
  elementName: string,
  attrName: string,
  parentName?: string,
): AttributeSpec | undefined {
  const byAttr = attrSpecs.get(elementName, parentName ?? NONE);
  if (byAttr.has(attrName)) return byAttr.get(attrName);
  const spec = attributeSpec(elementName, attrName, parentName);
  if (byAttr.size < 200) byAttr.set(attrName, spec);
  return spec;
}
