import { describe, expect, it } from "vitest";
import { elementRole, placeElements, sectionElements, statementsIn } from "../../../src/lint/analysis/structure.js";
import { parsePolicy } from "../../../src/policy/parser.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "../../policy/corpus-files.js";

const src = `<policies>
  <inbound>
    <choose>
      <when condition="@(true)">
        <retry condition="@(false)" count="1" interval="1"><set-variable name="a" value="1" /></retry>
      </when>
    </choose>
    <send-request mode="new" response-variable-name="r"><set-header name="h" exists-action="delete" /></send-request>
    <set-body template="liquid"><root><child /></root></set-body>
  </inbound>
  <outbound><base /></outbound>
</policies>`;

const describeRole = (name: string, doc = parsePolicy(src)) => {
  const placed = placeElements(doc).find((p) => p.element.name === name)!;
  const r = placed.role;
  return r.kind === "statement"
    ? `statement:${r.section ?? "-"}`
    : r.kind === "child"
      ? `child:${r.parent.name}`
      : r.kind;
};

describe("element roles", () => {
  it.each([
    ["policies", "root"],
    ["inbound", "section-slot"],
    ["choose", "statement:inbound"],
    ["when", "child:choose"],
    ["retry", "statement:inbound"],
    ["set-variable", "statement:inbound"],
    ["send-request", "statement:inbound"],
    ["set-header", "child:send-request"],
    ["set-body", "statement:inbound"],
    ["root", "free"],
    ["child", "free"],
    ["base", "statement:outbound"],
  ])("<%s> is %s", (name, role) => {
    expect(describeRole(name)).toBe(role);
  });

  it("gives fragment statements no section", () => {
    expect(describeRole("set-variable", parsePolicy('<fragment><set-variable name="a" value="1" /></fragment>'))).toBe(
      "statement:-",
    );
  });

  it("lists statements through control flow, and the sections", () => {
    const doc = parsePolicy(src);
    const [inbound] = sectionElements(doc);
    expect([...statementsIn(inbound!)].map((e) => e.name)).toEqual([
      "choose",
      "retry",
      "set-variable",
      "send-request",
      "set-body",
    ]);
    expect(sectionElements(doc).map((s) => s.name)).toEqual(["inbound", "outbound"]);
  });

  // placeElements (top-down, one pass) and elementRole (bottom-up, per element) must agree everywhere.
  const files = [...corpusFiles(sharedCorpus), ...corpusFiles(sampleCorpus)];
  it(`agree on every element of ${files.length} corpus files`, () => {
    expect(files.length).toBeGreaterThan(0);
    let elements = 0;
    for (const f of files) {
      const doc = parsePolicy(f.source, f.path);
      for (const { element, role } of placeElements(doc)) {
        elements++;
        expect(role, `${f.name}: <${element.name}> at ${element.range.start.line}`).toEqual(elementRole(element));
      }
    }
    // Whole documents were walked (also with only the bundled sample, when ../shared is absent).
    expect(elements).toBeGreaterThan(files.length * 5);
  });
});
