// schemas/apimkit.schema.json is what users' editors read: it must be the schema the loader enforces.
// UPDATE_GOLDEN=1 rewrites it from src/config/schema.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { runtimeSchema } from "../../src/config/schema.js";
import { GOOD_CONFIGS } from "../generate/helpers.js";

const FILE = "schemas/apimkit.schema.json";

describe("schemas/apimkit.schema.json", () => {
  it("is the schema the loader compiles (types -> schema -> file cannot drift)", () => {
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(FILE, `${JSON.stringify(runtimeSchema(), null, 2)}\n`);
    expect(JSON.parse(readFileSync(FILE, "utf8"))).toEqual(runtimeSchema());
  });

  it("accepts every good config and the example, on its own (a fresh ajv, as an editor would use it)", () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(FILE, "utf8")));
    for (const path of Object.values(GOOD_CONFIGS)) {
      expect(validate(JSON.parse(readFileSync(path, "utf8"))), `${path}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
  });

  it("rejects null where a key is optional (omit the key instead)", () => {
    const validate = new Ajv().compile(JSON.parse(readFileSync(FILE, "utf8")));
    const config = JSON.parse(readFileSync(GOOD_CONFIGS.flagship, "utf8"));
    config.provider.operationId = null;
    expect(validate(config)).toBe(false);
  });
});
