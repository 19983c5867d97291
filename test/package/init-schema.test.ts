// `apimkit init` in the clone: $schema points at the clone's own schemas/ (there is no node_modules/apimkit there);
// in an installed project it points into node_modules (test/package/pack.test.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const repo = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(repo, "test/package/.init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("apimkit init in the clone", () => {
  it("writes a $schema that resolves to the clone's schemas/apimkit.schema.json", async () => {
    const out = join(dir, "apimkit.json");
    const r = await runCli(["init", "--out", out]);
    expect(r.code).toBe(0);
    const ref = JSON.parse(readFileSync(out, "utf8")).$schema as string;
    expect(ref).toBe("../../../schemas/apimkit.schema.json");
    expect(existsSync(resolve(dir, ref))).toBe(true);
  });
});
