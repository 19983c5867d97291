// ESLint's default look: findings grouped by file, aligned columns, a summary line.
import { escapeControl } from "../../util/printable.js";
import { countFindings, plural } from "./counts.js";
import { displayPath } from "./paths.js";
import type { FormatterInput } from "./types.js";

/**
 * Text from a policy (element names, quoted values) must not drive the terminal: control characters, ESC above
 * all, are shown escaped. Line breaks become spaces first, so each finding stays on one line.
 */
function printable(s: string): string {
  return escapeControl(s.replace(/\s*\r?\n\s*/g, " "));
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, underline: 4, bold: 1 } as const;

export function formatStylish({ results, cwd, color }: FormatterInput): string {
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const label = { error: paint("red", "error"), warn: paint("yellow", "warning"), info: paint("cyan", "info") };
  const labelWidth = "warning".length;
  let out = "";
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out += `\n${paint("underline", printable(displayPath(r.file, cwd)))}\n`;
    const where = r.findings.map((f) => `${f.line}:${f.column}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    const messages = r.findings.map((f) => printable(f.message));
    const messageWidth = Math.max(...messages.map((m) => m.length));
    r.findings.forEach((f, i) => {
      const pos = paint("dim", where[i]!.padStart(whereWidth));
      const lvl = label[f.severity] + " ".repeat(labelWidth - (f.severity === "warn" ? 7 : f.severity.length));
      const message = messages[i]!;
      out += `  ${pos}  ${lvl}  ${message.padEnd(Math.min(messageWidth, 100))}  ${paint("dim", f.ruleId)}\n`;
    });
  }
  const c = countFindings(results);
  const total = c.errors + c.warnings + c.infos;
  if (total === 0) return "";
  const parts = [plural(c.errors, "error"), plural(c.warnings, "warning")];
  if (c.infos > 0) parts.push(plural(c.infos, "info"));
  const mark = c.errors > 0 ? paint("red", "✖") : c.warnings > 0 ? paint("yellow", "⚠") : paint("cyan", "ℹ");
  out += `\n${paint("bold", `${mark} ${plural(total, "problem")} (${parts.join(", ")})`)}\n`;
  if (c.fixable > 0) out += `  ${plural(c.fixable, "problem")} potentially fixable with the \`--fix\` option.\n`;
  return out;
}
