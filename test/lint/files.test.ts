import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandPaths } from "../../src/lint/files.js";
import { tmpTree } from "./tmp-tree.js";

const tree = () =>
  tmpTree({
    "a.xml": "<policies />",
    "b.cshtml": "<policies />",
    "notes.txt": "x",
    "sub/c.XML": "<policies />",
    "sub/deeper/d.xml": "<policies />",
    "node_modules/pkg/e.xml": "<policies />",
    ".git/f.xml": "<policies />",
    "other/readme.md": "x",
  });
const rel = (root: string, files: string[]) => files.map((f) => f.slice(root.length + 1));

describe("expandPaths", () => {
  it("recurses folders into *.xml and *.cshtml, never into node_modules or .git", () => {
    const root = tree();
    expect(rel(root, expandPaths([], root, () => false).files)).toEqual([
      "a.xml",
      "b.cshtml",
      "sub/c.XML",
      "sub/deeper/d.xml",
    ]);
  });

  it("an explicit file is linted whatever its extension; duplicates collapse", () => {
    const root = tree();
    expect(rel(root, expandPaths(["notes.txt", "a.xml", "./a.xml", "sub"], root, () => false).files)).toEqual([
      "a.xml",
      "notes.txt",
      "sub/c.XML",
      "sub/deeper/d.xml",
    ]);
  });

  it("expands globs relative to the current folder", () => {
    const root = tree();
    expect(rel(root, expandPaths(["sub/**/*.xml"], root, () => false).files)).toEqual(["sub/deeper/d.xml"]);
    expect(rel(root, expandPaths(["*.{xml,cshtml}"], root, () => false).files)).toEqual(["a.xml", "b.cshtml"]);
  });

  it("asks the ignore predicate for folders and files", () => {
    const root = tree();
    const ignored = (p: string) => p.endsWith("/sub") || p.endsWith("b.cshtml");
    expect(rel(root, expandPaths(["."], root, ignored).files)).toEqual(["a.xml"]);
    expect(expandPaths(["b.cshtml"], root, ignored)).toEqual({ files: [], ignored: [join(root, "b.cshtml")] });
  });

  it("follows symlinked files, not symlinked folders (no cycles)", () => {
    const root = tree();
    symlinkSync(join(root, "a.xml"), join(root, "sub/link.xml"));
    symlinkSync(root, join(root, "sub/loop"));
    expect(rel(root, expandPaths(["sub"], root, () => false).files)).toEqual([
      "sub/c.XML",
      "sub/deeper/d.xml",
      "sub/link.xml",
    ]);
  });

  it("a missing path or an empty glob is a usage error", () => {
    const root = tree();
    expect(() => expandPaths(["missing.xml"], root, () => false)).toThrow("missing.xml: no such file or folder");
    expect(() => expandPaths(["zzz/*.xml"], root, () => false)).toThrow('no files match the pattern "zzz/*.xml"');
  });
});
