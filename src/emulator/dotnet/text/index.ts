// System.Text: Encoding and StringBuilder.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineEncoding } from "./encoding.js";
import { defineStringBuilder } from "./string-builder.js";

export function defineText(registry: RuntimeRegistry): void {
  defineEncoding(registry);
  defineStringBuilder(registry);
}
