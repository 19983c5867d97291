// Machine-readable, ESLint-like: one entry per linted file, with counts.
import { countFindings } from "./counts.js";
import type { FormatterInput } from "./types.js";

export function formatJson({ results }: FormatterInput): string {
  const files = results.map((r) => {
    const c = countFindings([r]);
    return {
      filePath: r.file,
      messages: r.findings.map(({ file: _file, ...rest }) => rest),
      errorCount: c.errors,
      warningCount: c.warnings,
      infoCount: c.infos,
      fixableCount: c.fixable,
      ...(r.fixed > 0 ? { fixed: r.fixed } : {}),
      ...(r.output !== undefined ? { output: r.output } : {}),
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
}
