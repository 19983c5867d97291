// JSON Schema of .apimkitrc.json; schemas/apimkit-lint.schema.json is this object written out (a test checks it).
import { SCOPES } from "../scope.js";
import type { LintConfigFile } from "./types.js";

const level = { type: "string", enum: ["off", "info", "warn", "error"] } as const;

const ruleEntry = {
  oneOf: [
    level,
    {
      type: "array",
      minItems: 1,
      maxItems: 2,
      items: [level, { type: "object", description: "Rule options." }],
      additionalItems: false,
    },
  ],
} as const;

const rules = {
  type: "object",
  description: "Rule id -> level, or [level, options].",
  // apimkit's ids, or a plugin's "name/rule".
  propertyNames: { pattern: "^[a-z][a-z0-9]*(-[a-z0-9]+)*(/[a-z][a-z0-9]*(-[a-z0-9]+)*)?$" },
  additionalProperties: ruleEntry,
} as const;

const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;
const globList = {
  oneOf: [{ type: "string", minLength: 1 }, stringList],
} as const;

const namedValues = {
  description:
    'Known named values: their names, or a path (relative to this file) to named-values.json ([{"name": ...}]) or to an APIOps "named values" folder.',
  oneOf: [stringList, { type: "string", minLength: 1 }],
} as const;

export const lintConfigSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "apimkit lint configuration (.apimkitrc.json)",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    root: { type: "boolean", description: "Stop looking for .apimkitrc.json in parent folders." },
    extends: {
      description: "Rule sets to start from (default apimkit:recommended).",
      oneOf: [
        { type: "string", enum: ["apimkit:recommended", "apimkit:strict"] },
        { type: "array", items: { type: "string", enum: ["apimkit:recommended", "apimkit:strict"] } },
      ],
    },
    rules,
    overrides: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["files"],
        properties: {
          files: globList,
          excludedFiles: globList,
          rules,
          scope: { type: "string", enum: [...SCOPES] },
          inherits: {
            type: "object",
            description:
              "The broader scopes of these files where no APIOps tree says them: scope -> policy file (relative to this file).",
            additionalProperties: false,
            properties: {
              global: { type: "string", minLength: 1 },
              workspace: { type: "string", minLength: 1 },
              product: { type: "string", minLength: 1 },
              api: { type: "string", minLength: 1 },
            },
          },
          namedValues,
        },
      },
    },
    ignores: { ...stringList, description: "Globs of files and folders not to lint (relative to this file)." },
    namedValues,
    plugins: {
      ...stringList,
      description:
        'Plugins whose default export is { rules: [...] } (rule ids "name/rule"): paths relative to this file ("./house-rules.mjs") or npm packages resolved from its folder.',
    },
    placeholders: {
      ...stringList,
      description:
        'Deploy-time placeholder patterns, e.g. "{name}", "#{name}#", "__name__", "$(name)" (`name` is the variable part: letters, digits, _ . -). A value holding one is unknown at lint time. {{named values}} never count.',
    },
  },
} as const;

// Compile-time proof that the schema and the LintConfigFile interface describe the same documents.
type FromSchema<S> = S extends { oneOf: readonly (infer U)[] }
  ? FromSchema<U>
  : S extends { enum: readonly (infer E)[] }
    ? E
    : S extends { type: "string" }
      ? string
      : S extends { type: "boolean" }
        ? boolean
        : S extends { type: "array"; items: readonly [infer A, infer B] }
          ? [FromSchema<A>] | [FromSchema<A>, FromSchema<B>]
          : S extends { type: "array"; items: infer I }
            ? FromSchema<I>[]
            : S extends { type: "object"; properties: infer P }
              ? ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>
              : S extends { type: "object"; additionalProperties: infer AP extends object }
                ? Record<string, FromSchema<AP>>
                : S extends { type: "object" }
                  ? Record<string, unknown>
                  : unknown;
type ObjectOf<P, Req> = { [K in keyof P as K extends Req ? K : never]-?: FromSchema<P[K]> } & {
  [K in keyof P as K extends Req ? never : K]?: FromSchema<P[K]>;
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<LintConfigFile, FromSchema<typeof lintConfigSchema>> = true;
void schemaMatchesTypes;
