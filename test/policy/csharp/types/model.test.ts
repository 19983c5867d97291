// The type model's data on its own (no ../shared needed): it loads, every name in it resolves, every type and
// member has a source, and the lookups answer what the checker relies on.
import { describe, expect, it } from "vitest";
import {
  ALL_TYPE_DATA,
  ALLOWED_TYPES,
  DENIED_TYPES,
  formatType,
  K,
  named,
  RESTRICTIONS,
  STRING,
  TYPE_KEYWORDS,
  TypeModel,
  typeModel,
} from "../../../../src/policy/csharp/types/index.js";

describe("type model data", () => {
  const model = typeModel();

  it("loads: every type name in every declaration resolves (the loader throws otherwise)", () => {
    expect(() => new TypeModel()).not.toThrow();
    let types = 0;
    let members = 0;
    for (const t of model.types()) {
      types++;
      for (const ms of t.members.values()) members += ms.length;
    }
    console.log(`type model: ${types} types, ${members} members`);
    expect(types).toBeGreaterThan(200);
    expect(members).toBeGreaterThan(1500);
  });

  it("a declaration naming an unknown type is a load error, not a silent gap", () => {
    const bad = [[{ ns: "X", name: "Y", kind: "class" as const, complete: true, source: "t", members: ["Nope Z()"] }]];
    expect(() => new TypeModel(bad)).toThrow(/unknown type Nope/);
  });

  it("every type and every member has a source", () => {
    for (const t of model.types()) {
      expect(t.source, t.key).toMatch(/\S/);
      for (const ms of t.members.values()) for (const m of ms) expect(m.source, `${t.key}.${m.name}`).toMatch(/\S/);
    }
    for (const a of ALLOWED_TYPES) expect(a.source).toMatch(/\S/);
    for (const r of RESTRICTIONS) expect(r.source).toMatch(/\S/);
    for (const d of DENIED_TYPES) expect(d.source).toMatch(/\S/);
  });

  it("every allow-list entry, restriction and denied type names a type of the model", () => {
    const fullNames = new Set([...model.types()].map((t) => t.fullName));
    for (const a of ALLOWED_TYPES) expect(fullNames.has(a.fullName), a.fullName).toBe(true);
    for (const r of RESTRICTIONS) expect(fullNames.has(r.fullName), r.fullName).toBe(true);
    for (const d of DENIED_TYPES) expect(model.byFullName(`${d.ns}.${d.name}`, 0)?.allowed).toBe("denied");
  });

  it("an allow-restriction names members the type has (the data and the list cannot drift apart)", () => {
    for (const r of RESTRICTIONS) {
      const t = [...model.types()].find((x) => x.fullName === r.fullName)!;
      for (const m of r.members) {
        const name = m.split("/")[0]!;
        expect(model.findMembers(named(t.key), name).length, `${r.fullName}.${m}`).toBeGreaterThan(0);
      }
    }
  });

  it("marks allowed, context, denied and unlisted types", () => {
    expect(model.type("Newtonsoft.Json.Linq.JObject")?.allowed).toBe("allowed");
    expect(model.type("System.Collections.Generic.List`1")?.allowed).toBe("allowed");
    expect(model.type("System.Nullable`1")?.allowed).toBe("allowed");
    expect(model.type("System.Tuple`2")?.allowed).toBe("allowed");
    expect(model.type(K.context)?.allowed).toBe("allowed");
    expect(model.type(K.context)?.contextModel).toBe(true);
    expect(model.type("System.IO.File")?.allowed).toBe("denied");
    expect(model.type("System.DayOfWeek")?.allowed).toBe("unlisted");
    expect(model.type("System.Func`2")?.allowed).toBe("unlisted");
    expect(model.type(K.object)?.allowed).toBe("allowed");
    expect(model.type(K.object)?.allowEntry?.source).toBe("toolkit T-ANA");
  });

  it("lists the supertypes of a type with their type arguments", () => {
    const jobject = named("Newtonsoft.Json.Linq.JObject");
    const supers = model.supertypes(jobject).map(formatType);
    expect(supers.slice(0, 3)).toEqual(["JObject", "JContainer", "JToken"]);
    expect(supers).toContain("IEnumerable<JToken>");
    expect(supers).toContain("IEnumerable<KeyValuePair<string, JToken>>");
    expect(supers.at(-1)).toBe("object");
    const list = named("System.Collections.Generic.List`1", [STRING]);
    expect(model.supertypes(list).map(formatType)).toContain("IEnumerable<string>");
    expect(model.supertypes(STRING).map(formatType)).toContain("IEnumerable<char>");
    const headers = named("System.Collections.Generic.IReadOnlyDictionary`2", [STRING, named(K.object)]);
    expect(model.supertypes(headers).map(formatType)).toContain("IEnumerable<KeyValuePair<string, object>>");
  });

  it("finds inherited members with the substitution of the type they are declared on", () => {
    const group = named("System.Text.RegularExpressions.Group");
    const value = model.findMembers(group, "Value")[0]!;
    expect(value.member.declaringType.name).toBe("Capture");
    expect(value.depth).toBe(1);
    const list = named("System.Collections.Generic.List`1", [STRING]);
    const item = model.findMembers(list, "Item")[0]!;
    expect(item.substitution.get("T")).toEqual(STRING);
  });

  it("keeps every data module's type names unique", () => {
    const keys = ALL_TYPE_DATA.flat().map((t) => `${t.ns}.${t.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("maps every predefined type keyword to its .NET type", () => {
    for (const [keyword, key] of Object.entries(TYPE_KEYWORDS)) {
      if (keyword !== "void") expect(model.type(key)?.fullName, keyword).toBe(key);
    }
    expect(Object.keys(TYPE_KEYWORDS).sort()).toEqual(
      [
        "bool",
        "byte",
        "char",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "object",
        "sbyte",
        "short",
        "string",
        "uint",
        "ulong",
        "ushort",
        "void",
      ].sort(),
    );
  });

  it("reads a type written as C# (for callers that know a type by name)", () => {
    expect(formatType(model.typeFromText("Jwt"))).toBe("Jwt");
    expect(formatType(model.typeFromText("IReadOnlyDictionary<string, string[]>"))).toBe(
      "IReadOnlyDictionary<string, string[]>",
    );
    expect(formatType(model.typeFromText("int?"))).toBe("int?");
    expect(formatType(model.typeFromText("Newtonsoft.Json.Linq.JObject"))).toBe("JObject");
    expect(model.typeFromText("NoSuchType")).toBeUndefined();
    expect(model.typeFromText("List<")).toBeUndefined();
  });
});
