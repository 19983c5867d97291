// GitHub Actions workflow commands (annotations). GitHub shows at most 10 annotations per level per step, so
// only the first 10 of each level are emitted, then one summary line.
import { escapeControl } from "../../util/printable.js";
import { countFindings, plural } from "./counts.js";
import { displayPath, isInside } from "./paths.js";
import type { FormatterInput } from "./types.js";

export const MAX_ANNOTATIONS_PER_LEVEL = 10;

const COMMAND = { error: "error", warn: "warning", info: "notice" } as const;

/**
 * @actions/core escapeData, then every other control character shown escaped: text from a policy (an ESC in a tag)
 * must not reach the Actions log raw.
 */
export function escapeData(s: string): string {
  return escapeControl(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"), true);
}

/** @actions/core escapeProperty. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub({ results, cwd, githubWorkspace }: FormatterInput): string {
  const emitted = { error: 0, warn: 0, info: 0 };
  let out = "";
  for (const r of results) {
    // Annotations are matched to repository paths: relative to the workspace when the file is inside it.
    const base = githubWorkspace && isInside(r.file, githubWorkspace) ? githubWorkspace : cwd;
    const file = escapeProperty(displayPath(r.file, base));
    for (const f of r.findings) {
      if (emitted[f.severity] >= MAX_ANNOTATIONS_PER_LEVEL) continue;
      emitted[f.severity]++;
      const props = [
        `file=${file}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(",");
      out += `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
    }
  }
  const c = countFindings(results);
  const total = c.errors + c.warnings + c.infos;
  const parts = [plural(c.errors, "error"), plural(c.warnings, "warning"), plural(c.infos, "info")];
  let summary = `apimkit lint: ${plural(total, "problem")} (${parts.join(", ")}) in ${plural(results.length, "file")}`;
  const hidden = c.errors - emitted.error + (c.warnings - emitted.warn) + (c.infos - emitted.info);
  if (hidden > 0) {
    summary += `; ${hidden} not annotated (GitHub shows ${MAX_ANNOTATIONS_PER_LEVEL} per level): run with -f stylish to see all`;
  }
  return `${out}${summary}\n`;
}
