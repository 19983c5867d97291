import { describe, expect, it } from "vitest";
import { closestName, didYouMean, suggestName } from "../../src/util/did-you-mean.js";
import { editDistance } from "../../src/util/edit-distance.js";

describe("suggestions", () => {
  it("measures edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    // An adjacent transposition is one typo (optimal string alignment), not two substitutions.
    expect(editDistance("set-haeder", "set-header")).toBe(1);
    expect(editDistance("kitten", "sitting", 1)).toBeGreaterThan(1);
  });

  it("finds the closest name within a third of the length, case-insensitively", () => {
    expect(closestName("t2-tenant", ["t2-tenant-id", "uami-client-id"])).toBe("t2-tenant-id");
    expect(closestName("T2-API-SCOPE", ["t2-api-scope"])).toBe("t2-api-scope");
    expect(closestName("abc", ["xyz"])).toBeUndefined();
  });

  it("falls back to the only name containing it as a word part", () => {
    expect(suggestName("token", ["service-token", "jwt"])).toBe("service-token");
    expect(suggestName("id", ["client-id"])).toBeUndefined(); // too short to guess from
    expect(suggestName("Token", ["accessToken", "jwt"])).toBe("accessToken");
    expect(suggestName("token", ["service-token", "access-token"])).toBeUndefined(); // ambiguous
    expect(suggestName("oken", ["service-token"])).toBeUndefined(); // not a word part
  });
});

describe("one did-you-mean", () => {
  it("allows about one edit per three characters, at least one", () => {
    expect(closestName("abd", ["abc"])).toBe("abc");
    expect(closestName("axd", ["abc"])).toBeUndefined(); // 2 edits in 3 characters
    expect(closestName("base-mising", ["base-missing"])).toBe("base-missing");
  });

  it("compares case-insensitively, never suggests the name itself, and breaks ties by sort order", () => {
    expect(closestName("Base-Missing", ["base-missing"])).toBe("base-missing");
    expect(closestName("set-header", ["set-header"])).toBeUndefined();
    expect(closestName("ab-c", ["ab-d", "ab-b"])).toBe("ab-b");
    expect(closestName("ab-c", ["ab-b", "ab-d"])).toBe("ab-b");
  });

  it("formats the suggestion for messages", () => {
    expect(didYouMean("extend", ["extends", "rules"])).toBe(' (did you mean "extends"?)');
    expect(didYouMean("zzz", ["extends"])).toBe("");
  });
});
