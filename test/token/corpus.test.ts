// explain-token over every real policy in the shared corpus that has a validator: it reads the element without
// crashing, and answers (or says clearly why it cannot) for a token.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { explainToken } from "../../src/token/evaluate.js";
import { PolicyInputError, specFromPolicy } from "../../src/token/explain.js";
import { keySet, NOW, newKey, type SigningKey, sign, v1Claims } from "./support.js";

const CORPUS = resolve("../shared/corpus");

function policiesWithValidators(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...policiesWithValidators(p));
    else if (e.endsWith(".xml") && /<validate-(jwt|azure-ad-token)\b/.test(readFileSync(p, "utf8"))) out.push(p);
  }
  return out;
}

const files = existsSync(CORPUS) ? policiesWithValidators(CORPUS) : [];
let key: SigningKey;
beforeAll(async () => {
  key = await newKey("k1");
});

describe.skipIf(files.length === 0)("explain-token over the corpus", () => {
  it("finds policies with validators", () => {
    expect(files.length).toBeGreaterThan(3);
  });
  it.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))("%s", async (_name, file) => {
    const source = readFileSync(file, "utf8");
    let spec: ReturnType<typeof specFromPolicy>["spec"];
    try {
      spec = specFromPolicy(source, file, new Map()).spec;
    } catch (err) {
      // A policy apimkit cannot evaluate must say where and why, never crash.
      expect(err).toBeInstanceOf(PolicyInputError);
      expect((err as Error).message).toMatch(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(:\\d+:\\d+)?: `),
      );
      return;
    }
    const e = await explainToken({ spec, token: await sign(key, v1Claims()), keys: keySet(key), at: NOW });
    expect(e.checks.length).toBeGreaterThan(3);
    expect(["valid", "invalid", "unverified"]).toContain(e.verdict);
    if (!e.valid) expect(e.checks.some((c) => !c.ok)).toBe(true);
  });
});

if (files.length === 0) console.warn(`explain-token corpus test skipped: ${CORPUS} not found`);
