// The schema file and the TypeScript types of the test file list the same keys (tsc checks the key lists against
// the interfaces; this checks them against the schema users point their editors at).
import { describe, expect, it } from "vitest";
import { testFileSchema } from "../../../src/emulator/test-file/schema-check.js";
import { SCHEMA_KEYS } from "../../../src/emulator/test-file/types.js";

type Node = { properties?: Record<string, unknown>; additionalProperties?: unknown };

describe("schemas/apimtest.schema.json", () => {
  const schema = testFileSchema() as Node & { definitions: Record<string, Node> };
  it.each(Object.entries(SCHEMA_KEYS))("definition %j has the keys of its interface, and no other", (name, keys) => {
    const node = name === "" ? schema : schema.definitions[name];
    expect(Object.keys(node?.properties ?? {}).sort()).toEqual(Object.keys(keys).sort());
    expect(node?.additionalProperties).toBe(false);
  });

  it("expect.backend takes the keys of an outbound expectation", () => {
    const backend = (schema.definitions.expect!.properties!.backend as Node).properties;
    expect(Object.keys(backend ?? {}).sort()).toEqual(Object.keys(SCHEMA_KEYS.outboundExpect).sort());
  });
});
