// Writes a small file tree into a fresh temporary folder for a test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";

/** Call it inside a test: the folder is removed when that test ends. */
export function tmpTree(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), "apimkit-lint-"));
  // Per test, not a module-level afterEach: with isolate: false this module is loaded once per worker, so such a
  // hook would be registered for the first file that imports it only.
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

export const POLICY_WITH_HEADER = `<policies>
  <inbound>
    <base />
    <set-header name="x" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;
