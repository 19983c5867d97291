// RuntimeRegistry keeps the answers of member() and find() per key: a type defined after a lookup (a supertype the
// walk could not reach, or a member the walk missed) must be found afterwards, and each key keeps its own answers.
import { describe, expect, it } from "vitest";
import { type MemberImpl, RuntimeRegistry } from "../../src/emulator/runtime-types.js";

const prop = (value: string): MemberImpl => ({ kind: "property", get: () => value });

describe("RuntimeRegistry lookups kept per key", () => {
  it("a supertype defined after a miss answers the next lookup", () => {
    const r = new RuntimeRegistry();
    r.define({ key: "T.Derived", supertypes: ["T.Base"], instance: { Own: prop("own") } });
    expect(r.member("T.Derived", "Inherited", false)).toBeUndefined();
    expect(r.find("T.Derived", "toString")).toBeUndefined();
    r.define({ key: "T.Base", instance: { Inherited: prop("base") }, toString: () => "base text" });
    expect(r.member("T.Derived", "Inherited", false)).toBe(r.type("T.Base")?.instance?.Inherited);
    expect(r.find("T.Derived", "toString")?.key).toBe("T.Base");
  });

  it("static and instance members of one name, and different keys, are kept apart", () => {
    const r = new RuntimeRegistry();
    const inst = prop("instance");
    const stat = prop("static");
    r.define({ key: "T.A", instance: { M: inst }, static: { M: stat } });
    r.define({ key: "T.B", supertypes: ["T.A"], instance: { M: prop("b") } });
    for (let i = 0; i < 2; i++) {
      expect(r.member("T.A", "M", false)).toBe(inst);
      expect(r.member("T.A", "M", true)).toBe(stat);
      expect(r.member("T.B", "M", false)).not.toBe(inst);
      expect(r.member("T.B", "M", true)).toBe(stat);
      expect(r.member("T.B", "Missing", false)).toBeUndefined();
    }
  });
});
