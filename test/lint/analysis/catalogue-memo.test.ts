import { describe, expect, it } from "vitest";
import {
  attributeSpecCached,
  hasEntryCached,
  isKnownChildCached,
  isOpaqueCached,
  textExpressionsAllowedCached,
} from "../../../src/lint/analysis/catalogue-memo.js";
import {
  attributeSpec,
  elementEntry,
  elementNames,
  isKnownChild,
  isOpaque,
  knownChildren,
  textExpressionsAllowed,
} from "../../../src/policy/catalogue.js";

describe("memoized catalogue lookups", () => {
  // Every (parent, child) pair the catalogue lists, plus names it does not know, asked twice (miss, then hit).
  const pairs: [string, string][] = [];
  for (const parent of elementNames()) {
    for (const c of knownChildren(parent)) pairs.push([parent, c.name]);
    pairs.push([parent, "no-such-element"]);
  }

  it("answer exactly as the catalogue does", () => {
    expect(pairs.length).toBeGreaterThan(100);
    for (let round = 0; round < 2; round++) {
      for (const [parent, child] of pairs) {
        expect(isKnownChildCached(parent, child)).toBe(isKnownChild(parent, child));
        expect(isOpaqueCached(child, parent)).toBe(isOpaque(child, parent));
        expect(hasEntryCached(child, parent)).toBe(elementEntry(child, parent) !== undefined);
        expect(textExpressionsAllowedCached(child, parent)).toBe(textExpressionsAllowed(child, parent));
        for (const a of ["id", "name", "client-id", "variable-name", "nope"]) {
          expect(attributeSpecCached(child, a, parent)).toBe(attributeSpec(child, a, parent));
        }
      }
    }
  });

  it("stay correct past their size bound (arbitrary names)", () => {
    for (let i = 0; i < 12_000; i++) expect(isKnownChildCached("choose", `x${i}`)).toBe(false);
    expect(isKnownChildCached("choose", "when")).toBe(true);
  });
});
