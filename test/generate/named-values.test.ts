// named-values.json is what publish creates on each service: usedBy must name every policy that references a
// value (or the PUT of that policy is refused: "Cannot find a property"), and nothing nobody references.
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import { GOOD_CONFIGS, type GoodConfigName, goodConfig } from "./helpers.js";

const NAMES = Object.keys(GOOD_CONFIGS) as GoodConfigName[];

interface Entry {
  name: string;
  value: string;
  usedBy: string[];
}

describe("named-values.json usedBy", () => {
  for (const name of NAMES) {
    it(`${name}: lists exactly the policies whose text references each value`, () => {
      const config = goodConfig(name);
      const files = generate({ ...config, namedValues: true }, { layout: "plain" });
      const entries = JSON.parse(files.find((f) => f.path === "named-values.json")!.content) as Entry[];
      const secrets = new Set(config.callers.flatMap((c) => c.providerSubscriptionKey?.namedValue ?? []));
      const policies = files
        .filter((f) => f.kind === "policy")
        .map((f) => ({ owner: f.target!.owner as string, content: f.content }));
      const referenced = new Set(
        policies.flatMap((p) => [...p.content.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]!)),
      );
      // Every reference is either in the file or a secret the user creates (setup.sh).
      for (const ref of referenced) expect(secrets.has(ref) || entries.some((e) => e.name === ref), ref).toBe(true);
      for (const e of entries) {
        const users = policies.filter((p) => p.content.includes(`{{${e.name}}}`)).map((p) => p.owner);
        expect(users.length, `${e.name} is referenced by no policy`).toBeGreaterThan(0);
        expect([...e.usedBy].sort(), e.name).toEqual([...users].sort());
      }
    });
  }

  it("flagship: the API client id is used by the caller too (its token cache key)", () => {
    const files = generate(goodConfig("flagship"), { layout: "plain" });
    const entries = JSON.parse(files.find((f) => f.path === "named-values.json")!.content) as Entry[];
    expect(entries.find((e) => e.name === "t2-api-client-id")?.usedBy).toEqual(["provider", "caller:tenant1"]);
  });
});
