// The scope-composition builder: <base /> where it stands (start, middle, end, absent), missing sections, the
// default global policy, fragments inlined with their origins, and every error as a value with file:line:column.
import { describe, expect, it } from "vitest";
import {
  type ComposeScope,
  composeEffective,
  DEFAULT_GLOBAL_FILE,
  type EffectiveChild,
  type EffectivePolicy,
  walkEffective,
} from "../../src/policy/compose.js";
import type { PolicyDocument } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import type { SectionName } from "../../src/policy/query.js";

/** A `<policies>` document whose inbound holds `inbound` (other sections given as extra text). */
function policy(file: string, inbound: string | undefined, rest = ""): PolicyDocument {
  const inb = inbound === undefined ? "" : `\n  <inbound>${inbound}</inbound>`;
  return parsePolicy(`<policies>${inb}${rest}\n</policies>\n`, file);
}

function fragment(file: string, body: string): PolicyDocument {
  return parsePolicy(`<fragment>\n  ${body}\n</fragment>\n`, file);
}

/** The top-level statements of a section as `name@scope`, element names only. */
function statements(p: EffectivePolicy, section: SectionName = "inbound"): string[] {
  return p
    .section(section)
    .children.flatMap((k: EffectiveChild) =>
      k.type === "element" ? [`${k.name}@${k.origin.scope}${k.origin.fragment ? `:${k.origin.fragment}` : ""}`] : [],
    );
}

function compose(
  scopes: Partial<Record<ComposeScope, PolicyDocument>>,
  fragments: Record<string, PolicyDocument> = {},
): EffectivePolicy {
  return composeEffective({ scopes, fragments });
}

const GLOBAL = policy("policy.xml", '<set-header name="g" exists-action="override" /><trace source="g" />');

describe("<base /> is replaced where it stands by the parent's effective section", () => {
  const cases: { what: string; api: string; expected: string[] }[] = [
    {
      what: "at the start",
      api: '<base /><set-variable name="a" value="1" />',
      expected: ["set-header@global", "trace@global", "set-variable@api"],
    },
    {
      what: "in the middle",
      api: '<cors /><base /><set-variable name="a" value="1" />',
      expected: ["cors@api", "set-header@global", "trace@global", "set-variable@api"],
    },
    { what: "at the end", api: "<cors /><base />", expected: ["cors@api", "set-header@global", "trace@global"] },
    {
      what: "absent: no inheritance",
      api: '<cors /><set-variable name="a" value="1" />',
      expected: ["cors@api", "set-variable@api"],
    },
    { what: "alone", api: "<base />", expected: ["set-header@global", "trace@global"] },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const p = compose({ global: GLOBAL, api: policy("apis/a/policy.xml", c.api) });
      expect(statements(p)).toEqual(c.expected);
      expect(p.diagnostics).toEqual([]);
    });
  }

  it("recursively: operation -> api -> global, each at its own position", () => {
    const p = compose({
      global: GLOBAL,
      api: policy("api.xml", '<cors /><base /><rate-limit calls="1" renewal-period="1" />'),
      operation: policy("op.xml", '<base /><rewrite-uri template="/x" />'),
    });
    expect(statements(p)).toEqual([
      "cors@api",
      "set-header@global",
      "trace@global",
      "rate-limit@api",
      "rewrite-uri@operation",
    ]);
    expect(p.chain.map((l) => l.scope)).toEqual(["global", "api", "operation"]);
    expect(p.scope).toBe("operation");
  });

  it("an absent scope between two is skipped: the product's <base /> reaches global", () => {
    const p = compose({
      global: GLOBAL,
      product: policy("p.xml", '<base /><quota calls="1" renewal-period="1" />'),
      operation: policy("op.xml", "<base /><cors />"),
    });
    expect(statements(p)).toEqual(["set-header@global", "trace@global", "quota@product", "cors@operation"]);
  });

  it("keeps the original element: the wrapper's element is the node of its own document, with its offsets", () => {
    const api = policy("api.xml", '<base /><set-variable name="a" value="@(1 + 2)" />');
    const p = compose({ global: GLOBAL, api });
    const sv = [...walkEffective(p.section("inbound").children)].find((e) => e.name === "set-variable");
    const original = api.root?.children
      .find((k) => k.type === "element")
      ?.children.find((k) => k.type === "element" && k.name === "set-variable");
    expect(sv?.element).toBe(original);
    expect(sv?.origin.document).toBe(api);
    const expr = sv?.element.attributes[1]?.value.expression;
    expect(api.source.slice(expr?.range.start.offset, expr?.range.end.offset)).toBe("@(1 + 2)");
  });

  it("wraps nested elements with their own origins (line and column in their document)", () => {
    const api = parsePolicy(
      '<policies>\n  <inbound>\n    <base />\n    <set-header name="h" exists-action="override">\n      <value>v</value>\n    </set-header>\n  </inbound>\n</policies>\n',
      "apis/a/policy.xml",
    );
    const p = compose({ global: GLOBAL, api });
    const value = [...walkEffective(p.section("inbound").children)].find((e) => e.name === "value");
    expect(value?.origin).toMatchObject({ file: "apis/a/policy.xml", line: 5, column: 7, scope: "api" });
  });
});

describe("missing sections and the global policy", () => {
  it("[U] a section a scope leaves out behaves as <base />: the parent's section, with its element as origin", () => {
    const p = compose({
      global: policy("g.xml", undefined, '\n  <outbound><set-header name="o" exists-action="delete" /></outbound>'),
      api: policy("a.xml", "<cors />"),
    });
    expect(statements(p, "outbound")).toEqual(["set-header@global"]);
    expect(p.section("outbound").origin).toMatchObject({ file: "g.xml", scope: "global", line: 2 });
    expect(p.assumptions.join("\n")).toMatch(/leaves out behaves as <base \/>/);
  });

  it("[U] a global without <backend> still forwards (APIM's default global backend); an empty one does not", () => {
    const without = compose({ global: policy("g.xml", "<cors />"), api: policy("a.xml", "<base />") });
    expect(statements(without, "backend")).toEqual(["forward-request@global"]);
    expect(without.section("backend").origin.file).toBe(DEFAULT_GLOBAL_FILE);
    expect(statements(without, "outbound")).toEqual([]);
    const empty = compose({
      global: policy("g.xml", "<cors />", "\n  <backend></backend>"),
      api: policy("a.xml", "<base />"),
    });
    expect(statements(empty, "backend")).toEqual([]);
    expect(empty.section("backend").origin.file).toBe("g.xml");
  });

  it("[U] no global given: APIM's default global policy stands in, and the assumption is recorded", () => {
    const p = compose({ api: policy("a.xml", "<base /><cors />", "\n  <backend><base /></backend>") });
    expect(p.chain[0]).toMatchObject({ scope: "global", implicit: true });
    expect(p.chain[0]?.document.file).toBe(DEFAULT_GLOBAL_FILE);
    expect(statements(p)).toEqual(["cors@api"]);
    expect(statements(p, "backend")).toEqual(["forward-request@global"]);
    expect(p.assumptions[0]).toMatch(/no global policy given/);
    expect(p.diagnostics).toEqual([]);
  });

  it("always gives the four sections in pipeline order", () => {
    const p = compose({ global: GLOBAL });
    expect(p.sections.map((s) => s.name)).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });

  it("on-error composes through <base /> like the other sections", () => {
    const p = compose({
      global: policy("g.xml", undefined, '\n  <on-error><trace source="g" /></on-error>'),
      api: policy("a.xml", undefined, '\n  <on-error><set-status code="500" /><base /></on-error>'),
    });
    expect(statements(p, "on-error")).toEqual(["set-status@api", "trace@global"]);
  });
});

describe("fragments", () => {
  it("are replaced by their children, each with the fragment's file, the including scope, the id and the include", () => {
    const f = fragment(
      "policy fragments/auth/policy.xml",
      '<check-header name="a" failed-check-httpcode="401" failed-check-error-message="no" />\n  <cors />',
    );
    const api = policy("apis/a/policy.xml", '<base /><include-fragment fragment-id="auth" /><trace source="a" />');
    const p = compose({ global: GLOBAL, api }, { auth: f });
    expect(statements(p)).toEqual([
      "set-header@global",
      "trace@global",
      "check-header@api:auth",
      "cors@api:auth",
      "trace@api",
    ]);
    const first = p.section("inbound").children.find((k) => k.type === "element" && k.origin.fragment === "auth");
    expect(first?.type === "element" && first.origin).toMatchObject({
      file: "policy fragments/auth/policy.xml",
      line: 2,
      column: 3,
      scope: "api",
      fragment: "auth",
      includedAt: { file: "apis/a/policy.xml", line: 2, scope: "api" },
    });
    expect(first?.type === "element" && first.origin.document).toBe(f);
    expect(p.diagnostics).toEqual([]);
  });

  it("are inlined inside nested elements (a <when>) too", () => {
    const f = fragment("f.xml", '<set-variable name="x" value="1" />');
    const api = policy(
      "a.xml",
      '<choose><when condition="@(true)"><include-fragment fragment-id="f" /></when></choose>',
    );
    const p = compose({ api }, { f });
    const names = [...walkEffective(p.section("inbound").children)].map(
      (e) => `${e.name}${e.origin.fragment ? `:${e.origin.fragment}` : ""}`,
    );
    expect(names).toEqual(["choose", "when", "set-variable:f"]);
  });

  it("a fragment in global is inlined before the api's <base /> reaches it", () => {
    const f = fragment("f.xml", "<cors />");
    const p = compose(
      {
        global: policy("g.xml", '<include-fragment fragment-id="f" />'),
        api: policy("a.xml", '<base /><trace source="a" />'),
      },
      { f },
    );
    expect(statements(p)).toEqual(["cors@global:f", "trace@api"]);
  });
});

describe("errors are values with file:line:column", () => {
  const cases: {
    what: string;
    scopes: () => Partial<Record<ComposeScope, PolicyDocument>>;
    fragments?: () => Record<string, PolicyDocument>;
    expected: { code: string; file: string; line: number; column: number; message: RegExp }[];
  }[] = [
    {
      what: "a fragment not found: at the include",
      scopes: () => ({ api: policy("a.xml", '<base />\n    <include-fragment fragment-id="nope" />') }),
      expected: [
        { code: "fragment-not-found", file: "a.xml", line: 3, column: 5, message: /fragment 'nope' not found/ },
      ],
    },
    {
      what: "a fragment with <base />: at the base, in the fragment's file",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({ f: fragment("f.xml", "<cors />\n  <base />") }),
      expected: [
        { code: "fragment-base", file: "f.xml", line: 3, column: 3, message: /fragment 'f' contains <base \/>/ },
      ],
    },
    {
      what: "a fragment including a fragment: reported at the inner include",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({
        f: fragment("f.xml", '<include-fragment fragment-id="g" />'),
        g: fragment("g.xml", "<cors />"),
      }),
      expected: [{ code: "fragment-nested", file: "f.xml", line: 2, column: 3, message: /fragments cannot nest/ }],
    },
    {
      what: "a cycle of fragments",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({
        f: fragment("f.xml", '<include-fragment fragment-id="g" />'),
        g: fragment("g.xml", '<include-fragment fragment-id="f" />'),
      }),
      expected: [
        { code: "fragment-nested", file: "f.xml", line: 2, column: 3, message: /'f' includes fragment 'g'/ },
        { code: "fragment-nested", file: "g.xml", line: 2, column: 3, message: /'g' includes fragment 'f'/ },
        { code: "fragment-cycle", file: "g.xml", line: 2, column: 3, message: /fragment cycle: f -> g -> f/ },
      ],
    },
    {
      what: "a fragment including itself",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({ f: fragment("f.xml", '<include-fragment fragment-id="f" />') }),
      expected: [
        { code: "fragment-nested", file: "f.xml", line: 2, column: 3, message: /includes fragment 'f'/ },
        { code: "fragment-cycle", file: "f.xml", line: 2, column: 3, message: /f -> f/ },
      ],
    },
    {
      what: "a <base /> in global (it has no parent)",
      scopes: () => ({ global: policy("g.xml", "\n    <base />"), api: policy("a.xml", "<base />") }),
      expected: [{ code: "base-in-global", file: "g.xml", line: 3, column: 5, message: /global has no parent/ }],
    },
    {
      what: "[U] a <base /> inside another element",
      scopes: () => ({ api: policy("a.xml", '<choose><when condition="@(true)"><base /></when></choose>') }),
      expected: [
        {
          code: "base-nested",
          file: "a.xml",
          line: 2,
          column: 46,
          message: /direct child of <inbound>, not of <when>/,
        },
      ],
    },
    {
      what: "[U] a second <base /> in a section",
      scopes: () => ({ global: GLOBAL, api: policy("a.xml", "<base /><cors /><base />") }),
      expected: [
        { code: "base-repeated", file: "a.xml", line: 2, column: 28, message: /a second <base \/> in <inbound>/ },
      ],
    },
    {
      what: "an include-fragment without a literal id",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="@("f")" /><include-fragment />') }),
      expected: [
        { code: "fragment-id-missing", file: "a.xml", line: 2, column: 12, message: /a literal fragment id/ },
        { code: "fragment-id-missing", file: "a.xml", line: 2, column: 53, message: /a fragment-id attribute/ },
      ],
    },
    {
      what: "a fragment file that is a <policies> document",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({ f: policy("f.xml", "<cors />") }),
      expected: [
        {
          code: "fragment-not-fragment",
          file: "a.xml",
          line: 2,
          column: 12,
          message: /\(f\.xml\) is a <policies> document/,
        },
      ],
    },
    {
      what: "a fragment holding a section element",
      scopes: () => ({ api: policy("a.xml", '<include-fragment fragment-id="f" />') }),
      fragments: () => ({ f: fragment("f.xml", "<inbound />") }),
      expected: [
        { code: "fragment-section", file: "f.xml", line: 2, column: 3, message: /a <inbound> section element/ },
      ],
    },
    {
      what: "a scope document whose root is not <policies>",
      scopes: () => ({ api: fragment("a.xml", "<cors />") }),
      expected: [
        {
          code: "not-policies",
          file: "a.xml",
          line: 1,
          column: 1,
          message: /expected a <policies> document, found <fragment>/,
        },
      ],
    },
    {
      what: "a document the parser could not read: its diagnostics, with their positions",
      scopes: () => ({ api: parsePolicy("<policies>\n  <inbound>\n    <cors>\n  </inbound>\n</policies>\n", "a.xml") }),
      // The parser's own position for the unclosed <cors> (3:5), passed through.
      expected: [{ code: "parse", file: "a.xml", line: 3, column: 5, message: /cors/ }],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const p = compose(c.scopes(), c.fragments?.() ?? {});
      expect(p.diagnostics.map((d) => ({ ...d, message: d.message }))).toEqual(
        c.expected.map((e) => ({ ...e, message: expect.stringMatching(e.message) })),
      );
    });
  }

  it("a fragment included twice reports its problem once", () => {
    const p = compose(
      { api: policy("a.xml", '<include-fragment fragment-id="f" /><include-fragment fragment-id="f" />') },
      { f: fragment("f.xml", "<base />") },
    );
    expect(p.diagnostics.map((d) => d.code)).toEqual(["fragment-base"]);
  });

  it("what cannot be resolved stays in place, unexpanded (the printed document shows where)", () => {
    const p = compose({
      global: policy("g.xml", "<base /><cors />"),
      api: policy("a.xml", '<base /><include-fragment fragment-id="x" />'),
    });
    expect(statements(p)).toEqual(["base@global", "cors@global", "include-fragment@api"]);
  });

  it("a nested fragment is still inlined so the rest reads as it would", () => {
    const p = compose(
      { api: policy("a.xml", '<include-fragment fragment-id="f" />') },
      { f: fragment("f.xml", '<include-fragment fragment-id="g" />'), g: fragment("g.xml", "<cors />") },
    );
    expect(statements(p)).toEqual(["cors@api:g"]);
  });
});
