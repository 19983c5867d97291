// How schema errors name types and values ("must be a string, got an array"): one wording for apimkit.json, the
// lint config and test files. A YAML file's author thinks in mappings and lists, a JSON file's in objects and arrays.

export type Vocabulary = "json" | "yaml";

const CONTAINERS: Record<Vocabulary, { object: string; array: string }> = {
  json: { object: "an object", array: "an array" },
  yaml: { object: "a mapping", array: "a list" },
};

const SCALARS: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "null",
};

/** A JSON Schema type keyword in words: `a string`, `an array` (json) / `a list` (yaml). */
export function typeName(type: string, vocabulary: Vocabulary): string {
  if (type === "object" || type === "array") {
    const c = CONTAINERS[vocabulary];
    return vocabulary === "yaml" && type === "object" ? `${c.object} (key: value)` : c[type];
  }
  return SCALARS[type] ?? type;
}

/** The value a file holds, for "got ...": strings quoted and cut at 60 characters, containers by kind. */
export function describeValue(v: unknown, vocabulary: Vocabulary): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return CONTAINERS[vocabulary].array;
  if (typeof v === "object") return CONTAINERS[vocabulary].object;
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return `${typeof v} ${String(v)}`;
}
