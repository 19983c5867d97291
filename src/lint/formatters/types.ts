import type { FileResult } from "../lint-files.js";
import type { RuleMeta } from "../types.js";

export const FORMAT_NAMES = ["stylish", "json", "sarif", "github", "junit"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatterInput {
  results: readonly FileResult[];
  /** Metadata of every known rule (for SARIF driver.rules and docs links). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Paths in human and CI formats are shown relative to this folder. */
  cwd: string;
  /** GITHUB_WORKSPACE when set: the github format names files relative to the repository, wherever lint ran. */
  githubWorkspace?: string;
  /** --docs-base-url: rule pages are linked at <base>/rules/<id>.md (SARIF helpUri). */
  docsBaseUrl?: string;
  /** ANSI colours (stylish only). */
  color: boolean;
}

export type Formatter = (input: FormatterInput) => string;
