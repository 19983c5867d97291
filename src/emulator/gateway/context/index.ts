// Registers the `context` object model (runtime reference §3) in a runtime registry.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { AUTH_EXTENSIONS, authTypes } from "./auth.js";
import { bodyType } from "./body.js";
import { contextTypes } from "./context.js";
import { recordTypes } from "./data.js";
import { dictionaryType, stringDictionaryGetValueOrDefault } from "./dictionary.js";
import { urlType } from "./url.js";
import { variablesGetValueOrDefault } from "./variables.js";

export function defineContext(registry: RuntimeRegistry): void {
  for (const t of [
    ...contextTypes(registry),
    ...recordTypes(registry),
    ...authTypes(registry),
    bodyType(registry),
    urlType(registry),
    dictionaryType(),
  ])
    registry.define(t);
  registry.defineExtension(variablesGetValueOrDefault(registry));
  registry.defineExtension(stringDictionaryGetValueOrDefault());
  for (const e of AUTH_EXTENSIONS) registry.defineExtension(e);
}

export { type ContextData, ContextHost, ResponseHost } from "./context.js";
export { buildRecord, type FieldValue, RecordHost } from "./data.js";
