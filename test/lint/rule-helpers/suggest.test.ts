import { describe, expect, it } from "vitest";
import { closestName, suggestName } from "../../../src/lint/rule-helpers/suggest.js";
import { editDistance } from "../../../src/util/edit-distance.js";

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
