// `apimkit effective` through the real CLI entry: the golden composition of an APIOps tree of three scopes and a
// fragment (xml and json), errors on stderr with file:line:column and exit 2, notes on stderr.
// UPDATE_GOLDEN=1 npx vitest run test/cli/effective.test.ts rewrites the golden files (then review the git diff).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const TREE = "test/fixtures/compose/apiops";
const GOLDEN = "test/golden/effective";
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const OPERATION = `${TREE}/apis/hr/operations/get-employee/policy.xml`;

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "apimkit-effective-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("apimkit effective (golden)", () => {
  it("operation of an APIOps tree: global, api, operation and a fragment inside a <when>, as xml", async () => {
    const r = await runCli(["effective", OPERATION]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    golden("get-employee.xml", r.stdout);
  });

  it("the same as json, an origin on every element", async () => {
    const r = await runCli(["effective", "--format", "json", OPERATION]);
    expect(r.code).toBe(0);
    golden("get-employee.json", r.stdout);
  });

  it("the api policy alone composes with global only", async () => {
    const r = await runCli(["effective", `${TREE}/apis/hr/policy.xml`]);
    expect(r.code).toBe(0);
    golden("hr-api.xml", r.stdout);
  });
});

describe("apimkit effective", () => {
  it("prints every element of the xml output after a comment naming its scope and file:line:column", async () => {
    const r = await runCli(["effective", OPERATION]);
    const lines = r.stdout.split("\n");
    const elements = lines.filter((l) => /^\s*<(?!\/|!--|policies)/.test(l));
    for (const el of elements) {
      const before = lines[lines.indexOf(el) - 1] ?? "";
      expect(before, el).toMatch(/^\s*<!-- (global|api|operation): \S.*:\d+:\d+( \(fragment .*\))? -->$/);
    }
    expect(r.stdout).toContain(
      `<!-- operation: ${TREE}/policy fragments/jwt-auth/policy.xml:2:3 (fragment jwt-auth, included at ${OPERATION}:6:9) -->`,
    );
  });

  it("a missing fragment: the error names the file and position of the include, exit 2, the rest still printed", async () => {
    const dir = tree({
      "policy.xml": "<policies><inbound /><backend><forward-request /></backend><outbound /></policies>\n",
      "apis/a/policy.xml":
        '<policies>\n  <inbound>\n    <base />\n    <include-fragment fragment-id="nope" />\n  </inbound>\n</policies>\n',
    });
    const file = join(dir, "apis/a/policy.xml");
    const r = await runCli(["effective", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:4:5: error: fragment 'nope' not found\n`);
    expect(r.stdout).toContain('<include-fragment fragment-id="nope" />');
    expect(r.stdout).toContain("<forward-request />");
  });

  it("a <base /> in a fragment is an error at its line in the fragment file", async () => {
    const dir = tree({
      "policy.xml": '<policies><inbound><include-fragment fragment-id="f" /></inbound></policies>\n',
      "apis/a/policy.xml": "<policies><inbound><base /></inbound></policies>\n",
      "policy fragments/f/policy.xml": '<fragment>\n  <set-variable name="x" value="1" />\n  <base />\n</fragment>\n',
    });
    const r = await runCli(["effective", join(dir, "apis/a/policy.xml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${join(dir, "policy fragments/f/policy.xml")}:3:3: error: fragment 'f' contains <base /> (not allowed in a fragment)\n`,
    );
  });

  it("a global policy absent from the tree: APIM's default global stands in (its origins and the json assumptions say so)", async () => {
    const dir = tree({
      "apis/a/policy.xml": "<policies><inbound><base /></inbound></policies>\n",
      "products/.keep": "",
    });
    const r = await runCli(["effective", "--format", "json", join(dir, "apis/a/policy.xml")]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.chain).toEqual([
      { scope: "global", file: "(default global policy)", implicit: true },
      { scope: "api", file: join(dir, "apis/a/policy.xml"), implicit: false },
    ]);
    expect(json.sections[1].children[0]).toMatchObject({
      name: "forward-request",
      origin: { scope: "global", file: "(default global policy)" },
    });
    expect(json.assumptions[0]).toMatch(/default global policy/);
  });

  it("a file outside any APIOps layout: a note on stderr, composed as an api policy", async () => {
    const dir = tree({
      "loose.xml": '<policies><inbound><base /><set-variable name="a" value="1" /></inbound></policies>\n',
    });
    const r = await runCli(["effective", join(dir, "loose.xml")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: .*loose\.xml: its scope is not known from the path/);
  });

  it("bad input: a missing file and a fragment file are usage errors (exit 2)", async () => {
    const missing = await runCli(["effective", "does/not/exist.xml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("apimkit: does/not/exist.xml: no such file\n");
    const fragment = await runCli(["effective", `${TREE}/policy fragments/jwt-auth/policy.xml`]);
    expect(fragment.code).toBe(2);
    expect(fragment.stderr).toMatch(/is a fragment; compose a policy that includes it/);
  });

  it("--product composes the product chosen; an unknown --format is a usage error", async () => {
    const dir = tree({
      "policy.xml": "<policies><inbound /><backend><forward-request /></backend></policies>\n",
      "products/gold/policy.xml":
        '<policies><inbound><base /><set-variable name="tier" value="gold" /></inbound></policies>\n',
      "products/gold/apis.json": '[{ "name": "a" }]\n',
      "products/silver/policy.xml":
        '<policies><inbound><base /><set-variable name="tier" value="silver" /></inbound></policies>\n',
      "products/silver/apis.json": '[{ "name": "a" }]\n',
      "apis/a/policy.xml": "<policies><inbound><base /></inbound></policies>\n",
    });
    const file = join(dir, "apis/a/policy.xml");
    const both = await runCli(["effective", file]);
    expect(both.code).toBe(0);
    expect(both.stdout).not.toContain("tier");
    expect(both.stderr).toMatch(/api 'a' is in products gold, silver: no product policy composed/);
    const silver = await runCli(["effective", "--product", "silver", file]);
    expect(silver.stdout).toContain('<set-variable name="tier" value="silver" />');
    expect(silver.stdout).toContain(`<!-- product: ${join(dir, "products/silver/policy.xml")}:1:28 -->`);
    const bad = await runCli(["effective", "--format", "yaml", file]);
    expect(bad.code).toBe(2);
  });

  it("--parent names the parents of a file outside the APIOps layout; --fragment names a fragment", async () => {
    const dir = tree({
      "global.xml":
        '<policies><inbound><trace source="g" /></inbound><backend><forward-request /></backend></policies>\n',
      "hr_all.xml": '<policies><inbound><base /><include-fragment fragment-id="f" /></inbound></policies>\n',
      "hr_get.xml": "<policies><inbound><base /><cors /></inbound></policies>\n",
      "frags/f.xml": '<fragment><set-variable name="f" value="1" /></fragment>\n',
    });
    const at = (name: string) => join(dir, name);
    const r = await runCli([
      "effective",
      "--format",
      "json",
      "--scope",
      "operation",
      "--parent",
      `api=${at("hr_all.xml")}`,
      "--parent",
      `global=${at("global.xml")}`,
      "--fragment",
      `f=${at("frags/f.xml")}`,
      at("hr_get.xml"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.chain.map((l: { scope: string; file: string }) => `${l.scope}=${l.file}`)).toEqual([
      `global=${at("global.xml")}`,
      `api=${at("hr_all.xml")}`,
      `operation=${at("hr_get.xml")}`,
    ]);
    expect(
      json.sections[0].children.map((k: { name: string; origin: { scope: string } }) => `${k.name}@${k.origin.scope}`),
    ).toEqual(["trace@global", "set-variable@api", "cors@operation"]);
  });

  it("--parent: a file that does not exist is an error naming it (exit 2, also in the json); a bad entry is a usage error", async () => {
    const dir = tree({ "op.xml": "<policies><inbound><base /></inbound></policies>\n" });
    const missing = join(dir, "nope.xml");
    const r = await runCli([
      "effective",
      "--format",
      "json",
      "--scope",
      "operation",
      "--parent",
      `api=${missing}`,
      join(dir, "op.xml"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${missing}:1:1: error: the api policy ${missing} does not exist\n`);
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: "parent-not-found", file: missing });
    const bad = await runCli(["effective", "--parent", "tenant=x.xml", join(dir, "op.xml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--parent tenant=x\.xml: the scope must be one of global, workspace, product, api, operation/,
    );
    const noEq = await runCli(["effective", "--fragment", "f", join(dir, "op.xml")]);
    expect(noEq.code).toBe(2);
    expect(noEq.stderr).toMatch(/--fragment f: expected NAME=FILE/);
  });
});
