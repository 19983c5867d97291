import { describe, expect, it } from "vitest";
import { lintFiles } from "../../src/lint/lint-files.js";
import { inferScopeFromPath } from "../../src/lint/scope.js";
import type { Rule } from "../../src/lint/types.js";
import { POLICY_WITH_HEADER, tmpTree } from "./tmp-tree.js";

describe("scope from APIOps paths", () => {
  it.each([
    ["art/apis/echo/policy.xml", "api"],
    ["art/apis/echo;rev=2/operations/get-item/policy.xml", "operation"],
    ["art/products/starter/policy.xml", "product"],
    ["art/policy fragments/auth/policy.xml", "fragment"],
    ["art/workspaces/team-a/policy.xml", "workspace"],
    ["art/workspaces/team-a/apis/echo/policy.xml", "api"],
    ["C:\\repo\\art\\apis\\echo\\operations\\op\\policy.xml", "operation"],
    ["art/apis/echo/operations.xml", undefined],
    ["snippets/rate-limit.policy.xml", undefined],
    ["art/policy.xml", undefined],
  ])("%s -> %s", (path, scope) => {
    expect(inferScopeFromPath(path)).toBe(scope);
  });

  it("a policy.xml beside apis/, products/, ... is the global policy", () => {
    expect(inferScopeFromPath("art/policy.xml", (dir) => dir === "art")).toBe("global");
    expect(inferScopeFromPath("other/policy.xml", (dir) => dir === "art")).toBeUndefined();
  });
});

describe("scope in lintFiles", () => {
  const seen: Record<string, string> = {};
  const spy: Rule = {
    id: "scope-spy",
    meta: { severity: "info", category: "correctness", description: "s", docs: "rules/s.md" },
    create(ctx) {
      seen[ctx.sourceCode.doc.file] = ctx.scope;
      return {};
    },
  };

  it("global from the artifacts layout on disk, fragment from a <fragment> root, --scope overrides", async () => {
    const root = tmpTree({
      "artifacts/policy.xml": POLICY_WITH_HEADER,
      "artifacts/apis/echo/policy.xml": POLICY_WITH_HEADER,
      "artifacts/named values/nv/namedValueInformation.json": "{}",
      "loose/policy.xml": POLICY_WITH_HEADER,
      "loose/shared.xml": '<fragment><set-variable name="a" value="1" /></fragment>',
    });
    await lintFiles(["."], { cwd: root, rules: [spy] });
    const rel = Object.fromEntries(Object.entries(seen).map(([f, s]) => [f.slice(root.length + 1), s]));
    expect(rel).toEqual({
      "artifacts/apis/echo/policy.xml": "api",
      "artifacts/policy.xml": "global",
      "loose/policy.xml": "api",
      "loose/shared.xml": "fragment",
    });
    for (const k of Object.keys(seen)) delete seen[k];
    await lintFiles(["artifacts"], { cwd: root, rules: [spy], scope: "product" });
    expect(new Set(Object.values(seen))).toEqual(new Set(["product"]));
  });
});
