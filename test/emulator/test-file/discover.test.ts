import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiscoveryError, discoverTestFiles } from "../../../src/emulator/test-file/discover.js";

const root = mkdtempSync(join(tmpdir(), "apimtest-discover-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const f of [
  "b.apimtest.yaml",
  "a/c.apimtest.yml",
  "a/d.APIMTEST.JSON",
  "a/policy.xml",
  "a/e.yaml",
  "node_modules/x/f.apimtest.yaml",
  ".git/g.apimtest.yaml",
  "deep/er/h.apimtest.json",
]) {
  mkdirSync(join(root, f, ".."), { recursive: true });
  writeFileSync(join(root, f), "");
}

describe("discoverTestFiles", () => {
  it("finds the three extensions below a folder, sorted, skipping node_modules and .git", () => {
    expect(discoverTestFiles([], root).map((f) => f.slice(root.length + 1))).toEqual([
      "a/c.apimtest.yml",
      "a/d.APIMTEST.JSON",
      "b.apimtest.yaml",
      "deep/er/h.apimtest.json",
    ]);
  });

  it("takes a named file as it is, and each file once", () => {
    expect(discoverTestFiles(["a/e.yaml", "a", "a/c.apimtest.yml"], root).map((f) => f.slice(root.length + 1))).toEqual(
      ["a/c.apimtest.yml", "a/d.APIMTEST.JSON", "a/e.yaml"],
    );
  });

  it.each([
    ["missing", "missing: no such file or folder"],
    ["a/policy.xml", "a/policy.xml: not a test file (expected *.apimtest.yaml, *.apimtest.yml or *.apimtest.json)"],
  ])("refuses %s", (path, message) => {
    expect(() => discoverTestFiles([path], root)).toThrow(new DiscoveryError(message));
  });
});
