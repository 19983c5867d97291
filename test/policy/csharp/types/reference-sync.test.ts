// Keeps the type model in step with the runtime reference (../shared/reference/apim-runtime-reference.md): the
// §2.1 allow-list, the §2.2 member restrictions, and the §3 `context` object model (its member table, the
// supporting types, the extension methods). Skipped, with a message, where ../shared is absent (a fresh clone).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALLOWED_TYPES,
  K,
  keywordType,
  named,
  RESTRICTIONS,
  substitute,
  type TypeInfo,
  type TypeRef,
  typeModel,
} from "../../../../src/policy/csharp/types/index.js";
import { repoRoot } from "../../corpus-files.js";

const referencePath = resolve(repoRoot, "../shared/reference/apim-runtime-reference.md");
const present = existsSync(referencePath);
if (!present) console.log(`reference-sync test skipped: ${referencePath} is absent`);

/** The text of the section that starts with `heading` (up to the next heading of the same or a higher level). */
function section(md: string, heading: string): string {
  const at = md.indexOf(heading);
  if (at < 0) throw new Error(`reference: no "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  const rest = md.slice(at + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** The cells of the table rows of `text` (header and separator rows left out). */
function tableRows(text: string): string[][] {
  const rows = text
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) =>
      l
        .slice(1, l.endsWith("|") ? -1 : undefined)
        .split(" | ")
        .map((c) => c.trim()),
    );
  return rows.slice(2);
}

describe.skipIf(!present)("type model in step with the runtime reference", () => {
  const md = present ? readFileSync(referencePath, "utf8") : "";
  const model = typeModel();
  const byFullName = new Map([...model.types()].map((t) => [t.fullName, t]));

  describe("§2.1 allowed types", () => {
    const text = present ? section(md, "### 2.1") : "";
    const listed: { ns: string; fullName: string }[] = [];
    for (const line of text.split("\n")) {
      const m = line.match(/^\* \*\*([\w.]+)\*\*: (.*)$/);
      if (!m) continue;
      for (const name of backticked(m[2]!)) {
        listed.push({ ns: m[1]!, fullName: `${m[1]}.${name.replace(/<.*>$/, "")}` });
      }
    }

    it("reads the list (sanity: the 13 namespaces, about 130 types)", () => {
      expect(new Set(listed.map((l) => l.ns)).size).toBe(13);
      expect(listed.length).toBeGreaterThan(120);
    });

    it("every allowed type of the reference is in the model, in its namespace, allowed", () => {
      for (const { ns, fullName } of listed) {
        const t = byFullName.get(fullName);
        expect(t, fullName).toBeDefined();
        expect(t!.namespace, fullName).toBe(ns);
        expect(t!.allowed, fullName).toBe("allowed");
        expect(
          ALLOWED_TYPES.some((a) => a.fullName === fullName && a.source === "doc D-EXPR"),
          fullName,
        ).toBe(true);
      }
    });

    it("every allow-list entry that cites D-EXPR is in the reference's list", () => {
      const names = new Set(listed.map((l) => l.fullName));
      for (const a of ALLOWED_TYPES.filter((x) => x.source === "doc D-EXPR")) {
        expect(names.has(a.fullName), a.fullName).toBe(true);
      }
      // The one entry with another source, and why.
      expect(ALLOWED_TYPES.filter((x) => x.source !== "doc D-EXPR").map((x) => [x.fullName, x.source])).toEqual([
        ["System.Object", "toolkit T-ANA"],
      ]);
    });
  });

  describe("§2.2 member restrictions", () => {
    const rows = present ? tableRows(section(md, "### 2.2")) : [];
    const expected = new Map<string, { mode: "allow" | "deny"; members: string[] }>();
    for (const [typeCell, docs] of rows) {
      const types = backticked(typeCell!);
      let rule: { mode: "allow" | "deny"; members: string[] };
      if (docs!.startsWith("all except")) {
        rule = {
          mode: "deny",
          members: backticked(docs!).map((n) => (/parameterless/.test(docs!) ? `${n.replace("()", "")}/0` : n)),
        };
      } else {
        // The list ends at the first sentence break ("Not listed, so disallowed: ...", "`Value` is not listed ...").
        const list = docs!.split(/\.\s/)[0]!;
        const members = backticked(list);
        if (/^constructor\b/.test(list)) members.unshift(".ctor");
        rule = { mode: "allow", members };
      }
      for (const t of types) expected.set(t, rule);
    }

    it("reads the table (sanity: 14 restricted types)", () => {
      expect(expected.size).toBe(14);
      expect(expected.get("DateTime")?.members).toContain(".ctor");
      expect(expected.get("DateTime")?.members).not.toContain("TryParse");
      expect(expected.get("Group")?.members).toEqual(["Captures", "Success"]);
      expect(expected.get("SymmetricAlgorithm")).toEqual({ mode: "deny", members: ["Create/0"] });
    });

    it("every restricted type's member list in the data equals the reference's", () => {
      for (const [simple, rule] of expected) {
        const r = RESTRICTIONS.find((x) => x.fullName.endsWith(`.${simple}`));
        expect(r, simple).toBeDefined();
        expect(r!.mode, simple).toBe(rule.mode);
        expect([...r!.members].sort(), simple).toEqual([...rule.members].sort());
      }
      expect(RESTRICTIONS.length).toBe(expected.size);
    });
  });

  describe("§3 the context object model", () => {
    const text = present ? section(md, "## 3.") : "";
    const context = model.type(K.context)!;
    /** Toolkit implementation names the reference mentions, which are not part of the expression API. */
    const NOT_API: Record<string, string> = {
      ApimVariablesDictionary: "the toolkit's implementation class of context.Variables",
      "MockBody.AsFormUrlEncodedContent": "the toolkit's mock",
      NotImplementedException: "what the toolkit's mock throws",
    };

    const memberType = (owner: TypeRef | undefined, name: string): TypeRef | undefined => {
      if (!owner) return undefined;
      const f = model.findMembers(owner, name)[0];
      return f?.member.type ? substitute(f.member.type, f.substitution) : undefined;
    };
    const hasMember = (owner: TypeRef | undefined, name: string): boolean =>
      !!owner && (model.findMembers(owner, name).length > 0 || model.extensionMethods(name).length > 0);
    const isTypeName = (name: string): boolean =>
      keywordType(name) !== undefined || name === "dynamic" || model.bySimple(name).length > 0;

    /** Checks every member-like token of a cell against `owner`; returns the tokens it could not place. */
    function checkCell(owner: TypeRef | undefined, cell: string): string[] {
      const misses: string[] = [];
      let previous: TypeRef | undefined;
      for (const raw of backticked(cell)) {
        const token = raw.trim();
        if (NOT_API[token]) continue;
        const sub = token.match(/^\{(.*)\}$/);
        if (sub) {
          for (const n of sub[1]!
            .split(/[,;]/)
            .map((s) => s.trim().match(/^\w+/)?.[0])
            .filter(Boolean)) {
            if (!hasMember(previous, n!)) misses.push(`${token}: ${n}`);
          }
          continue;
        }
        const typed = token.match(/^(\w+): (.*)$/) ?? token.match(/^(\w+) (\{.*\})$/);
        if (typed) {
          const name = typed[1]!;
          if (!hasMember(owner, name)) misses.push(token);
          previous = memberType(owner, name);
          const braces = typed[2]!.match(/\{(.*)\}/);
          if (braces) {
            for (const n of braces[1]!.split(",").map((s) => s.trim())) {
              if (!hasMember(previous, n)) misses.push(`${token}: ${n}`);
            }
          }
          continue;
        }
        const path = token.replace(/\(\)$/, "").match(/^(\w+)\.(\w+)$/);
        if (path) {
          const [, a, b] = path;
          const first = hasMember(owner, a!)
            ? memberType(owner, a!)
            : model.bySimple(a!)[0]
              ? named(model.bySimple(a!)[0]!.key)
              : undefined;
          if (!first || !hasMember(first, b!)) misses.push(token);
          continue;
        }
        const method = token.match(/(\w+)(?:<[^>]*>)?\(/);
        if (method) {
          if (!hasMember(owner, method[1]!) && !hasMember(named(K.context), method[1]!)) misses.push(token);
          continue;
        }
        const bare = token.match(/^(\w+)\??$/);
        if (!bare) continue; // a type expression or a value (`IReadOnlyDictionary<string, object>`, `"?…"`)
        const name = bare[1]!;
        if (hasMember(owner, name)) previous = memberType(owner, name);
        else if (!hasMember(named(K.context), name) && !isTypeName(name)) misses.push(token);
      }
      return misses;
    }

    it("the cell reader finds what is missing (so that the checks below can fail)", () => {
      const request = named(model.bySimple("IRequest")[0]!.key);
      expect(checkCell(request, "`Body: IMessageBody`, `Foo: int`, `Bar`, `Url.Nope`, `Gateway {Id}`")).toEqual([
        "Foo: int",
        "Bar",
        "Url.Nope",
        "Gateway {Id}",
        "Gateway {Id}: Id",
      ]);
    });

    it("every member of the context table is a member of context, and their members are in the data", () => {
      const table = text.slice(text.indexOf("| Member |"), text.indexOf("**Supporting types**"));
      const rows = tableRows(table);
      expect(rows.length).toBeGreaterThan(15);
      const misses: string[] = [];
      for (const [memberCell, docs, toolkit] of rows) {
        const names = backticked(memberCell!).map((n) => n.replace(/\(.*$/, ""));
        for (const n of names) if (!context.members.has(n)) misses.push(`context.${n}`);
        const owner = names.length === 1 ? memberType(named(K.context), names[0]!) : undefined;
        misses.push(...checkCell(owner, docs!), ...checkCell(owner, toolkit!));
      }
      expect(misses).toEqual([]);
    });

    it("every member of the supporting types table is in the data", () => {
      const table = text.slice(text.indexOf("**Supporting types**"), text.indexOf("**Extension methods**"));
      const rows = tableRows(table);
      expect(rows.length).toBeGreaterThanOrEqual(6);
      const misses: string[] = [];
      for (const [typeCell, docs, toolkit] of rows) {
        const types = backticked(typeCell!);
        const docParts = types.length > 1 ? docs!.split(" / ") : [docs!];
        types.forEach((name, i) => {
          const info: TypeInfo | undefined = model.bySimple(name)[0];
          if (!info?.contextModel) misses.push(`type ${name}`);
          const owner = info ? named(info.key) : undefined;
          misses.push(...checkCell(owner, docParts[i] ?? ""));
          if (types.length === 1) misses.push(...checkCell(owner, toolkit!));
        });
      }
      expect(misses).toEqual([]);
    });

    it("every extension method of the reference is in the data", () => {
      const table = text.slice(text.indexOf("**Extension methods**"));
      const rows = tableRows(table);
      expect(rows.length).toBeGreaterThanOrEqual(7);
      const misses: string[] = [];
      for (const [signature, docs] of rows) {
        for (const token of [...backticked(signature!), ...backticked(docs!).filter((t) => /^[A-Z]\w+$/.test(t))]) {
          const method = token.match(/(\w+)(?:<[^>]*>)?\(/)?.[1] ?? token.match(/^(\w+)$/)?.[1];
          if (!method) continue;
          const known =
            model.extensionMethods(method).length > 0 ||
            context.members.has(method) ||
            [...model.types()].some((t) => t.contextModel && t.members.has(method)) ||
            isTypeName(method);
          if (!known) misses.push(token);
        }
      }
      expect(misses).toEqual([]);
      for (const name of ["GetValueOrDefault", "AsJwt", "TryParseJwt", "AsBasic", "TryParseBasic", "Encrypt"]) {
        expect(model.extensionMethods(name).length, name).toBeGreaterThan(0);
      }
      expect(model.extensionMethods("Encrypt")).toHaveLength(3);
      expect(model.extensionMethods("Decrypt")).toHaveLength(3);
    });
  });
});
