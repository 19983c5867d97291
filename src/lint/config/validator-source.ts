// Writes the .apimkitrc.json validator as standalone code (ajv's standalone output) into
// validate-config.generated.ts: compiling the schema with ajv on every run costs ~70 ms of a cold
// `apimkit lint`, loading the generated function ~2 ms. test/lint/config.test.ts fails when it is stale.
// Regenerate: npm run build && node dist/src/lint/config/validator-source.js
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { packagePath } from "../../util/paths.js";
import { lintConfigSchema } from "./schema.js";

export const GENERATED_VALIDATOR = "src/lint/config/validate-config.generated.ts";

export function validatorSource(): string {
  const require = createRequire(import.meta.url);
  const Ajv = require("ajv").default as typeof import("ajv").default;
  const standaloneCode = require("ajv/dist/standalone").default as (ajv: unknown, validate: unknown) => string;
  // unicode: false counts string length in UTF-16 units, so the code needs no ajv runtime import (only
  // minLength 1 is used, where both counts agree).
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicode: false,
    logger: false,
    code: { source: true, esm: true },
  });
  const code = standaloneCode(ajv, ajv.compile(lintConfigSchema));
  return [
    "// @ts-nocheck",
    "// Generated from src/lint/config/schema.ts by src/lint/config/validator-source.ts: do not edit.",
    code,
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(packagePath(GENERATED_VALIDATOR), validatorSource());
}
