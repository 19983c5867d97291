// Machine-readable, ESLint-like: one entry per linted file, with counts.
import { redactSecrets } from "../../util/redact.js";
import type { Finding } from "../types.js";
import { countFindings } from "./counts.js";
import type { FormatterInput } from "./types.js";

/**
 * Tokens never reach a report. The fixed text (--fix-dry-run) is the user's whole file: when it holds a token it
 * is withheld rather than redacted, because a consumer applying a redacted text would corrupt the file.
 */
const WITHHELD = "withheld: the fixed text contains a token or secret; run --fix on the file instead";

function message({ file: _file, ...rest }: Finding) {
  if (!rest.fix) return rest;
  const edits = rest.fix.edits.map((e) => ({ ...e, text: redactSecrets(e.text) }));
  return { ...rest, fix: { description: redactSecrets(rest.fix.description), edits } };
}

export function formatJson({ results }: FormatterInput): string {
  const files = results.map((r) => {
    const c = countFindings([r]);
    const output =
      r.output === undefined
        ? {}
        : redactSecrets(r.output) === r.output
          ? { output: r.output }
          : { output: null, outputWithheld: WITHHELD };
    return {
      filePath: r.file,
      messages: r.findings.map(message),
      errorCount: c.errors,
      warningCount: c.warnings,
      infoCount: c.infos,
      fixableCount: c.fixable,
      ...(r.fixed > 0 ? { fixed: r.fixed } : {}),
      ...output,
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
}
