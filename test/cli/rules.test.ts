// `apimkit rules`: the list (table and --json) and one rule's page, plain when not a terminal.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { knownRuleMeta } from "../../src/lint/presets.js";
import { runCli } from "../support/run-cli.js";

const rules = knownRuleMeta();

describe("apimkit rules", () => {
  it("lists every rule with category, level, fixable and description", async () => {
    const r = await runCli(["rules"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^RULE +CATEGORY +LEVEL +FIXABLE +DESCRIPTION$/);
    for (const [id, meta] of rules) {
      const line = lines.find((l) => l.startsWith(`${id} `));
      expect(line, id).toBeDefined();
      const cells = line!.split(/ {2,}/);
      expect(cells[0]).toBe(id);
      expect(cells[1]).toBe(meta.category);
      expect(cells[2]).toBe(meta.severity);
      if (meta.fixable) expect(cells[3]).toBe("yes");
      expect(line!.endsWith(meta.description)).toBe(true);
    }
  });

  it("--json gives the same for machines", async () => {
    const r = await runCli(["rules", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; category: string; severity: string; fixable: boolean }[];
    expect(list.map((x) => x.id)).toEqual([...rules.keys()].sort());
    const base = list.find((x) => x.id === "base-missing")!;
    expect(base).toMatchObject({ category: "structure", severity: "error", fixable: true });
    expect(list.find((x) => x.id === "unused-directive")).toMatchObject({ severity: "off", strictSeverity: "warn" });
  });

  it("rules ID prints the page as plain text when stdout is not a terminal", async () => {
    const r = await runCli(["rules", "base-missing"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).not.toContain("```");
    expect(r.stdout).toMatch(/^base-missing\n\nA section of a product/);
    expect(r.stdout).toContain("\nFailing example\n");
  });

  it("--color highlights headings and code", async () => {
    const r = await runCli(["rules", "base-missing", "--color"]);
    expect(r.stdout).toContain("\u001b[1mbase-missing\u001b[0m");
    expect(r.stdout).toContain("\u001b[36m<base />\u001b[0m");
  });

  it("rules ID --json has the entry and the markdown page", async () => {
    const r = await runCli(["rules", "jwt-not-first", "--json"]);
    const page = JSON.parse(r.stdout);
    expect(page.id).toBe("jwt-not-first");
    expect(page.markdown).toBe(readFileSync(resolve(import.meta.dirname, "../../rules/jwt-not-first.md"), "utf8"));
  });

  it("an unknown id is a usage error with a suggestion", async () => {
    const r = await runCli(["rules", "base-mising"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'apimkit: unknown rule "base-mising" (did you mean "base-missing"?); apimkit rules lists them\n',
    );
  });
});
