import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../src/lint/lint-files.js";
import { decideScope, inferScopeFromPath, scopeFromPath } from "../../src/lint/scope.js";
import { psruleScope } from "../../src/policy/compose/psrule.js";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

// A global "all APIs" policy: no <base /> anywhere (there is nothing above global), the backend forwards.
const GLOBAL = `<policies>
  <inbound>
    <set-header name="x-gw" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend>
    <forward-request />
  </backend>
  <outbound />
  <on-error />
</policies>`;

const WITHOUT_INBOUND_BASE = `<policies>
  <inbound>
    <set-header name="x" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;

const GLOBAL_WITH_BASE = `<policies>
  <inbound><base /></inbound>
  <backend><forward-request /></backend>
  <outbound />
  <on-error />
</policies>`;

describe("scope from the PSRule file-name convention", () => {
  it.each([
    ["policies/global.cshtml", "global"],
    ["policies/global.xml", "global"],
    ["C:\\repo\\GLOBAL.CSHTML", "global"],
    ["apis/hr.api.cshtml", "api"],
    ["apis/hr_get.operation.xml", "operation"],
    ["products/starter.product.cshtml", "product"],
    ["workspaces/team-a.workspace.xml", "workspace"],
    ["fragments/auth.fragment.cshtml", "fragment"],
    ["x.Api.CsHtml", "api"],
    // Not the convention: no name before the scope, another word, another extension.
    [".api.cshtml", undefined],
    ["api.cshtml", undefined],
    ["my-global.cshtml", undefined],
    ["global.policy.xml", undefined],
    ["hr.apis.cshtml", undefined],
    ["hr.api.json", undefined],
    ["hr.api.cshtml.bak", undefined],
  ])("%s -> %s", (path, scope) => {
    expect(psruleScope(path)).toBe(scope);
    expect(inferScopeFromPath(path)).toBe(scope);
  });

  it("an APIOps path is read before the file name", () => {
    expect(scopeFromPath("art/apis/echo/policy.xml")).toEqual({
      scope: "api",
      source: "apiops",
      reason: "APIOps path",
    });
    expect(scopeFromPath("art/apis/echo/global.xml")).toEqual({
      scope: "global",
      source: "psrule",
      reason: "PSRule name global.xml",
    });
  });
});

describe("which scope wins, and why", () => {
  const file = "/repo/apis/hr.api.cshtml";
  it.each([
    [{ cli: "product" as const }, "product", "cli", "--scope"],
    [
      { override: { scope: "operation" as const, from: "/repo/.apimkitrc.json" } },
      "operation",
      "override",
      "override in ../.apimkitrc.json",
    ],
    [{ override: { scope: "global" as const } }, "global", "override", "override in the lint config"],
    [{ fragmentRoot: true }, "fragment", "fragment-root", "its root is <fragment>"],
    [{}, "api", "psrule", "PSRule name hr.api.cshtml"],
  ])("%j -> %s (%s)", (inputs, scope, source, reason) => {
    expect(decideScope({ file, ...inputs })).toEqual({ scope, source, reason });
  });

  it("--scope beats an override, an override beats the path, the path beats the default", () => {
    const override = { scope: "operation" as const, from: "/repo/.apimkitrc.json" };
    expect(decideScope({ file, cli: "product", override, fragmentRoot: true }).source).toBe("cli");
    expect(decideScope({ file, override, fragmentRoot: true }).source).toBe("override");
    expect(decideScope({ file: "/repo/loose.xml" })).toEqual({
      scope: "api",
      source: "default",
      reason: "default: the path says nothing",
    });
  });
});

async function findingsOf(root: string, options: Parameters<typeof lintFiles>[1] = {}) {
  const { results } = await lintFiles(["."], { cwd: root, ...options });
  const out: Record<string, { rule: string; line: number; message: string }[]> = {};
  for (const r of results) {
    out[
      r.file
        .slice(root.length + 1)
        .split("\\")
        .join("/")
    ] = r.findings.map((f) => ({
      rule: f.ruleId,
      line: f.line,
      message: f.message,
    }));
  }
  return out;
}

const rulesOf = (list: { rule: string }[] | undefined) => (list ?? []).map((f) => f.rule);

describe("scope in lint results", () => {
  it("a global policy in a plain folder: base-missing in every section without an override, none with one", async () => {
    const files = { "platform/all-apis.xml": GLOBAL };
    const bare = await findingsOf(tmpTree(files));
    const missing = bare["platform/all-apis.xml"]!.filter((f) => f.rule === "base-missing");
    expect(missing.map((f) => f.line)).toEqual([2, 8, 9]);
    expect(missing[0]!.message).toContain("at this api scope (default: the path says nothing)");

    const withOverride = await findingsOf(
      tmpTree({
        ...files,
        ".apimkitrc.json": { root: true, overrides: [{ files: "platform/all-apis.xml", scope: "global" }] },
      }),
    );
    expect(rulesOf(withOverride["platform/all-apis.xml"])).toEqual([]);
  });

  it("PSRule-named files get their scope, and the messages say why", async () => {
    const root = tmpTree({
      "policies/global.cshtml": GLOBAL,
      "policies/hr.api.cshtml": WITHOUT_INBOUND_BASE,
      "policies/hr_get.operation.xml": WITHOUT_INBOUND_BASE,
      "policies/old/global.xml": GLOBAL_WITH_BASE,
    });
    const found = await findingsOf(root);
    expect(rulesOf(found["policies/global.cshtml"])).toEqual([]);
    expect(found["policies/hr.api.cshtml"]).toEqual([
      expect.objectContaining({
        rule: "base-missing",
        line: 2,
        message: expect.stringContaining("at this api scope (PSRule name hr.api.cshtml)"),
      }),
    ]);
    expect(found["policies/hr_get.operation.xml"]![0]!.message).toContain(
      "at this operation scope (PSRule name hr_get.operation.xml)",
    );
    expect(found["policies/old/global.xml"]).toEqual([
      expect.objectContaining({
        rule: "base-at-global",
        message: expect.stringContaining("<base /> in the global policy (PSRule name global.xml)"),
      }),
    ]);
  });

  it("an override's reason names its config file relative to the policy; --scope names itself", async () => {
    const root = tmpTree({
      ".apimkitrc.json": { root: true, overrides: [{ files: "ops/*.xml", scope: "operation" }] },
      "ops/get.xml": WITHOUT_INBOUND_BASE,
    });
    const found = await findingsOf(root);
    expect(found["ops/get.xml"]![0]!.message).toContain("at this operation scope (override in ../.apimkitrc.json)");
    const forced = await findingsOf(root, { scope: "product" });
    expect(forced["ops/get.xml"]![0]!.message).toContain("at this product scope (--scope)");
  });

  it("the global backend rule says why the file is global", async () => {
    const root = tmpTree({
      "global.cshtml": "<policies><inbound /><backend /><outbound /><on-error /></policies>",
    });
    const found = await findingsOf(root);
    expect(found["global.cshtml"]).toEqual([
      expect.objectContaining({
        rule: "global-backend-forward",
        message: expect.stringContaining("the global <backend> (PSRule name global.cshtml) has no <forward-request />"),
      }),
    ]);
  });
});

describe("fragment scope from a name", () => {
  it("a <policies> file named as a fragment is told why it should be one", async () => {
    const root = tmpTree({ "shared/auth.fragment.xml": WITHOUT_INBOUND_BASE });
    const found = await findingsOf(root);
    expect(found["shared/auth.fragment.xml"]).toEqual([
      expect.objectContaining({
        rule: "fragment-structure",
        line: 1,
        message: expect.stringContaining(
          "a policy fragment (PSRule name auth.fragment.xml) must have the root element",
        ),
      }),
    ]);
  });
});

describe("--print-config", () => {
  it("shows the scope and why, the placeholders and the inherited files", async () => {
    const root = tmpTree({
      ".apimkitrc.json": {
        root: true,
        placeholders: ["{name}", "#{name}#"],
        overrides: [
          {
            files: "apis/hr_*.xml",
            scope: "operation",
            inherits: { api: "apis/hr_all_operations.xml", global: "global.xml" },
          },
        ],
      },
      "apis/hr_get.xml": WITHOUT_INBOUND_BASE,
      "policies/hr.api.cshtml": WITHOUT_INBOUND_BASE,
      "shared/auth.xml": '<fragment><set-variable name="a" value="1" /></fragment>',
    });
    const print = async (file: string, ...more: string[]) => {
      const r = await runCli(["lint", "--print-config", join(root, file), ...more]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    expect(await print("apis/hr_get.xml")).toMatchObject({
      scope: "operation",
      scopeReason: "override in ../.apimkitrc.json",
      placeholders: ["{name}", "#{name}#"],
      inherits: { api: join(root, "apis/hr_all_operations.xml"), global: join(root, "global.xml") },
    });
    expect(await print("policies/hr.api.cshtml")).toMatchObject({
      scope: "api",
      scopeReason: "PSRule name hr.api.cshtml",
      inherits: null,
    });
    expect(await print("shared/auth.xml")).toMatchObject({ scope: "fragment", scopeReason: "its root is <fragment>" });
    expect(await print("elsewhere/new.xml")).toMatchObject({
      scope: "api",
      scopeReason: "default: the path says nothing",
    });
    expect(await print("apis/hr_get.xml", "--scope", "api")).toMatchObject({ scope: "api", scopeReason: "--scope" });
  });
});
