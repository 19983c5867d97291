// Parent discovery over the APIOps layout (pure functions over paths and a TreeHost): where each file sits, its
// parents, product membership from products/<p>/apis.json, explicit parents, fragment lookup, and composeFile.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ApiopsPlace,
  apiNames,
  apiopsPlace,
  artifactsRootIn,
  discoverParents,
  type TreeHost,
} from "../../src/policy/compose/apiops.js";
import { diskTreeHost } from "../../src/policy/compose/disk-host.js";
import { composeFile } from "../../src/policy/compose/load.js";
import { corpusFiles, sharedCorpus } from "./corpus-files.js";

/** A tree in memory: files by path; folders are the prefixes of those paths. */
function memoryHost(files: Record<string, string>): TreeHost {
  return {
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    listDir: (path) => {
      const prefix = path === "." || path === "" ? "" : `${path.replace(/\/$/, "")}/`;
      const names = new Set<string>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length).split("/");
        if (rest.length > 1) names.add(rest[0] as string);
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}

const P = "<policies><inbound><base /></inbound></policies>";

describe("apiopsPlace", () => {
  const cases: { path: string; place: Partial<ApiopsPlace> | undefined }[] = [
    {
      path: "art/apis/hr/operations/get/policy.xml",
      place: { scope: "operation", root: "art", base: "art", api: "hr", operation: "get" },
    },
    { path: "art/apis/hr/policy.xml", place: { scope: "api", root: "art", base: "art", api: "hr" } },
    { path: "apis/hr/policy.xml", place: { scope: "api", root: "", base: "", api: "hr" } },
    { path: "/abs/apis/hr/policy.xml", place: { scope: "api", root: "/abs", api: "hr" } },
    { path: "/apis/hr/policy.xml", place: { scope: "api", root: "/", api: "hr" } },
    { path: "art\\apis\\hr\\policy.xml", place: { scope: "api", root: "art", api: "hr" } },
    { path: "art/products/gold/policy.xml", place: { scope: "product", root: "art", product: "gold" } },
    { path: "art/policy fragments/auth/policy.xml", place: { scope: "fragment", root: "art", fragment: "auth" } },
    {
      path: "art/workspaces/ws1/policy.xml",
      place: { scope: "workspace", root: "art", base: "art/workspaces/ws1", workspace: "ws1" },
    },
    {
      path: "art/workspaces/ws1/apis/hr/operations/get/policy.xml",
      place: {
        scope: "operation",
        root: "art",
        base: "art/workspaces/ws1",
        workspace: "ws1",
        api: "hr",
        operation: "get",
      },
    },
    { path: "art/apis/hr/api.xml", place: undefined },
    { path: "somewhere/policy.xml", place: undefined },
  ];
  for (const c of cases) {
    it(`${c.path} -> ${c.place?.scope ?? "unknown"}`, () => {
      const place = apiopsPlace(c.path);
      if (c.place === undefined) expect(place).toBeUndefined();
      else expect(place).toMatchObject(c.place);
    });
  }

  it("a bare policy.xml is global only when the artifact folders are beside it", () => {
    const host = memoryHost({ "art/policy.xml": P, "art/apis/a/policy.xml": P, "other/policy.xml": P });
    expect(apiopsPlace("art/policy.xml", artifactsRootIn(host))).toMatchObject({ scope: "global", root: "art" });
    expect(apiopsPlace("other/policy.xml", artifactsRootIn(host))).toBeUndefined();
  });
});

describe("discoverParents", () => {
  it("operation: the api policy and the global policy at the artifacts root", () => {
    const host = memoryHost({ "a/policy.xml": P, "a/apis/hr/policy.xml": P, "a/apis/hr/operations/get/policy.xml": P });
    const d = discoverParents("a/apis/hr/operations/get/policy.xml", { host });
    expect(d.scope).toBe("operation");
    expect(d.files).toEqual({
      global: "a/policy.xml",
      api: "a/apis/hr/policy.xml",
      operation: "a/apis/hr/operations/get/policy.xml",
    });
    expect(d.notes).toEqual([]);
  });

  it("parents that do not exist are left out (an api without policy.xml inherits as if all <base />)", () => {
    const host = memoryHost({ "a/apis/hr/operations/get/policy.xml": P });
    expect(discoverParents("a/apis/hr/operations/get/policy.xml", { host }).files).toEqual({
      operation: "a/apis/hr/operations/get/policy.xml",
    });
  });

  it("workspace: the workspace policy between global and the api", () => {
    const host = memoryHost({
      "a/policy.xml": P,
      "a/workspaces/w/policy.xml": P,
      "a/workspaces/w/apis/hr/policy.xml": P,
    });
    expect(discoverParents("a/workspaces/w/apis/hr/policy.xml", { host }).files).toEqual({
      global: "a/policy.xml",
      workspace: "a/workspaces/w/policy.xml",
      api: "a/workspaces/w/apis/hr/policy.xml",
    });
  });

  const products = {
    "a/policy.xml": P,
    "a/apis/hr/policy.xml": P,
    "a/apis/hr;rev=2/policy.xml": P,
    "a/apis/pay/policy.xml": P,
    "a/apis/both/policy.xml": P,
    "a/products/gold/policy.xml": P,
    "a/products/gold/apis.json": '[{ "name": "hr" }, { "name": "both" }]',
    "a/products/silver/policy.xml": P,
    "a/products/silver/apis.json": '\uFEFF[{ "name": "both" }]',
  };

  it("product: the API's only product per products/<p>/apis.json, with a note", () => {
    const d = discoverParents("a/apis/hr/policy.xml", { host: memoryHost(products) });
    expect(d.files.product).toBe("a/products/gold/policy.xml");
    expect(d.notes).toEqual(["product 'gold' composed (the only product listing api 'hr' in its apis.json)"]);
  });

  it("product: a revision folder belongs to its API's products", () => {
    expect(discoverParents("a/apis/hr;rev=2/policy.xml", { host: memoryHost(products) }).files.product).toBe(
      "a/products/gold/policy.xml",
    );
  });

  it("product: none for an API in no product, none with a note for an API in several, the chosen one when given", () => {
    const host = memoryHost(products);
    expect(discoverParents("a/apis/pay/policy.xml", { host }).files.product).toBeUndefined();
    const both = discoverParents("a/apis/both/policy.xml", { host });
    expect(both.files.product).toBeUndefined();
    expect(both.notes[0]).toMatch(/api 'both' is in products gold, silver: no product policy composed/);
    expect(discoverParents("a/apis/both/policy.xml", { host, product: "silver" }).files.product).toBe(
      "a/products/silver/policy.xml",
    );
  });

  it("product: membership unknown when apis.json is missing or not the extractor's shape", () => {
    const host = memoryHost({
      "a/apis/hr/policy.xml": P,
      "a/products/gold/policy.xml": P,
      "a/products/gold/apis.json": "{}",
    });
    const d = discoverParents("a/apis/hr/policy.xml", { host });
    expect(d.files.product).toBeUndefined();
    expect(d.notes[0]).toMatch(/membership is unknown/);
  });

  it("explicit parents replace the layout; a missing one is reported", () => {
    const host = memoryHost({ "x/hr_get.xml": P, "x/hr_all.xml": P, "x/apis/hr/policy.xml": P });
    const d = discoverParents("x/hr_get.xml", {
      host,
      scope: "operation",
      parents: { api: "x/hr_all.xml", global: "x/global.xml" },
    });
    expect(d.files).toEqual({ operation: "x/hr_get.xml", api: "x/hr_all.xml" });
    expect(d.missing).toEqual([{ scope: "global", file: "x/global.xml" }]);
  });

  it("a file outside any layout and without parents: composed alone as an api policy, with a note", () => {
    const d = discoverParents("loose.xml", { host: memoryHost({ "loose.xml": P }) });
    expect(d.scope).toBe("api");
    expect(d.files).toEqual({ api: "loose.xml" });
    expect(d.notes.join("\n")).toMatch(/scope is not known from the path/);
  });

  it("outside an APIOps tree a PSRule name gives the scope; explicit parents still come from inherits", () => {
    const host = memoryHost({ "p/hr_get.operation.cshtml": P, "p/hr.api.cshtml": P, "p/global.cshtml": P });
    const alone = discoverParents("p/hr_get.operation.cshtml", { host });
    expect(alone.scope).toBe("operation");
    expect(alone.notes.join("\n")).not.toMatch(/scope is not known/);
    expect(discoverParents("p/global.cshtml", { host }).scope).toBe("global");
    const withParents = discoverParents("p/hr_get.operation.cshtml", {
      host,
      parents: { api: "p/hr.api.cshtml", global: "p/global.cshtml" },
    });
    expect(withParents.files).toEqual({
      operation: "p/hr_get.operation.cshtml",
      api: "p/hr.api.cshtml",
      global: "p/global.cshtml",
    });
    // A fragment name is not a composed scope: the file is composed as an api policy, with the note.
    expect(discoverParents("p/auth.fragment.cshtml", { host: memoryHost({ "p/auth.fragment.cshtml": P }) }).scope).toBe(
      "api",
    );
  });

  it("fragments: explicit paths first, then the workspace's folder, then the service's", () => {
    const d = discoverParents("a/workspaces/w/apis/hr/policy.xml", {
      host: memoryHost({}),
      fragments: { special: "elsewhere/special.xml" },
    });
    expect(d.fragmentPaths.map((f) => f("special"))).toEqual([
      "elsewhere/special.xml",
      "a/workspaces/w/policy fragments/special/policy.xml",
      "a/policy fragments/special/policy.xml",
    ]);
    expect(d.fragmentPaths[0]?.("other")).toBeUndefined();
  });
});

describe("apiNames", () => {
  it("reads the extractor's [{ name }] array, nothing else", () => {
    expect(apiNames('[{"name":"a"},{"name":"b","x":1},{"other":1}]')).toEqual(["a", "b"]);
    expect(apiNames("not json")).toBeUndefined();
    expect(apiNames('{"name":"a"}')).toBeUndefined();
  });
});

describe("composeFile", () => {
  it("reads the chain and the fragments the documents include, and composes them", () => {
    const host = memoryHost({
      "t/policy.xml": '<policies><inbound><include-fragment fragment-id="f" /></inbound></policies>',
      "t/apis/a/policy.xml": '<policies><inbound><base /><set-variable name="v" value="1" /></inbound></policies>',
      "t/policy fragments/f/policy.xml": '<fragment><set-header name="h" exists-action="delete" /></fragment>',
    });
    const r = composeFile("t/apis/a/policy.xml", { host });
    expect(r.diagnostics).toEqual([]);
    const names = r.policy
      ?.section("inbound")
      .children.map((k) => (k.type === "element" ? `${k.name}@${k.origin.file}` : ""));
    expect(names).toEqual(["set-header@t/policy fragments/f/policy.xml", "set-variable@t/apis/a/policy.xml"]);
  });

  it("an explicit parent that does not exist is a diagnostic naming it", () => {
    const host = memoryHost({ "op.xml": P });
    const r = composeFile("op.xml", { host, scope: "operation", parents: { api: "api.xml" } });
    expect(r.diagnostics).toEqual([
      {
        code: "parent-not-found",
        message: "the api policy api.xml does not exist",
        file: "api.xml",
        line: 1,
        column: 1,
      },
    ]);
  });

  it("a file that cannot be read gives no policy and a diagnostic, no throw", () => {
    const r = composeFile("gone.xml", { host: memoryHost({}) });
    expect(r.policy).toBeUndefined();
    expect(r.diagnostics[0]?.message).toBe("gone.xml: no such file");
  });
});

describe("the APIOps tree of the shared corpus", () => {
  // The real extractor output (Azure/apiops SampleArtifacts); the bundled sample copy lacks its global policy.
  const root = join(sharedCorpus, "apiops/SampleArtifacts");
  const present = existsSync(root);
  if (!present) console.log(`compose corpus test skipped: ${root} is absent`);
  it.skipIf(!present)("every policy composes with its parents (global at the root), every fragment found", () => {
    const files = corpusFiles(root).filter(
      (f) => f.name.endsWith("policy.xml") && !f.name.startsWith("policy fragments/"),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const r = composeFile(f.path, { host: diskTreeHost });
      expect(r.diagnostics, f.name).toEqual([]);
      expect(r.policy?.chain[0], f.name).toMatchObject({ scope: "global", implicit: false });
    }
    const op = composeFile(join(root, "apis/basic-api/operations/get-items/policy.xml"), { host: diskTreeHost });
    expect(op.policy?.chain.map((l) => l.scope)).toEqual(["global", "api", "operation"]);
    const global = composeFile(join(root, "policy.xml"), { host: diskTreeHost });
    const inlined = global.policy?.section("inbound").children.filter((k) => k.type === "element" && k.origin.fragment);
    expect(inlined?.length).toBe(3);
  });
});
