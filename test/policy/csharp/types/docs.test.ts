// The type model's one-line descriptions (model.ts's `doc`): every `context` type and member has one, every one
// anywhere is a single short line, and an overload without its own shows its method group's.
import { describe, expect, it } from "vitest";
import {
  ALL_TYPE_DATA,
  DOC_MAX_LENGTH,
  type MemberInfo,
  memberDoc,
  named,
  type TypeData,
  TypeModel,
} from "../../../../src/policy/csharp/types/index.js";

/** Every type of the model with every member (enum values included), each member once. */
function everyMember(model: TypeModel): { type: string; member: MemberInfo }[] {
  const out: { type: string; member: MemberInfo }[] = [];
  for (const t of model.types())
    for (const ms of t.members.values()) for (const m of ms) out.push({ type: t.key, member: m });
  return out;
}

describe("type model descriptions", () => {
  const model = new TypeModel();

  it("every type and member of the `context` model has one (its extension methods included)", () => {
    const types = [...model.types()].filter((t) => t.contextModel);
    expect(types.length).toBeGreaterThan(25);
    const missing: string[] = [];
    for (const t of types) {
      if (!t.doc) missing.push(t.key);
      for (const ms of t.members.values()) for (const m of ms) if (!memberDoc(m)) missing.push(`${t.key}.${m.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("so does every other type and member of the data modules (types known only as denied have their note)", () => {
    const missing: string[] = [];
    for (const t of model.types()) {
      // Declared from denied.ts alone: nothing to hover but the reason it is not allowed.
      if (t.denied !== undefined && t.members.size === 0) continue;
      if (!t.doc) missing.push(t.key);
      for (const ms of t.members.values()) for (const m of ms) if (!memberDoc(m)) missing.push(`${t.key}.${m.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("each is one sentence on one line, no longer than the limit", () => {
    const docs: [string, string][] = [];
    for (const t of model.types()) if (t.doc !== undefined) docs.push([t.key, t.doc]);
    for (const { type, member } of everyMember(model)) {
      if (member.doc !== undefined) docs.push([`${type}.${member.name}`, member.doc]);
    }
    expect(docs.length).toBeGreaterThan(150);
    for (const [where, doc] of docs) {
      expect(doc, where).not.toMatch(/[\r\n]/);
      expect(doc.length, `${where}: ${doc}`).toBeLessThanOrEqual(DOC_MAX_LENGTH);
      // A sentence: a capital or a code name first, a full stop last, no stray space.
      expect(doc, where).toMatch(/^[A-Z`].*\.$/);
      expect(doc, where).toBe(doc.trim());
    }
  });

  it("describes only enum members a type has", () => {
    for (const d of ALL_TYPE_DATA.flat()) {
      for (const name of Object.keys(d.valueDocs ?? {})) expect(d.values ?? [], `${d.name}.${name}`).toContain(name);
    }
  });

  it("an overload without its own shows the first of its group's; one with its own keeps it", () => {
    const data: TypeData[] = [
      {
        ns: "T",
        name: "Box",
        kind: "class",
        complete: true,
        source: "test",
        members: [
          "int Put(int x)",
          { sig: "int Put(string s)", doc: "Puts a value." },
          { sig: "int Put(string s, int n)", doc: "Puts a value n times." },
          "int Take()",
        ],
      },
    ];
    const withBox = new TypeModel([...ALL_TYPE_DATA, data]);
    const box = withBox.findMembers(named("T.Box"), "Put");
    expect(box.map((f) => memberDoc(f.member))).toEqual(["Puts a value.", "Puts a value.", "Puts a value n times."]);
    const take = withBox.findMembers(named("T.Box"), "Take")[0]!.member;
    expect(memberDoc(take)).toBeUndefined();
  });
});
