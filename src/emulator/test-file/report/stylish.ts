// The report people read (vitest's shape): ✓/✗ per test with its time, the misses with their diffs under a failed
// test, then `Tests  3 passed | 1 failed (4)` and the duration. Colours only when asked (a TTY).
import { redactSecrets } from "../../../util/redact.js";
import type { TestResult } from "../runner.js";
import { shownPath } from "./paths.js";
import { countResults, type ReportInput } from "./types.js";

const COLOURS = { green: 32, red: 31, dim: 2, bold: 1 } as const;
type Colour = keyof typeof COLOURS;

function painter(enabled: boolean): (colour: Colour, text: string) => string {
  return (colour, text) => (enabled ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text);
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

function missLines(r: TestResult, paint: ReturnType<typeof painter>): string[] {
  const prefix = r.failedStep
    ? `step ${r.failedStep.index}${r.failedStep.name ? ` (${r.failedStep.name})` : ""}: `
    : "";
  const out: string[] = [];
  for (const m of r.misses) {
    out.push(`     ${paint("red", "→")} ${prefix}${m.message}`);
    if (!m.diff) continue;
    for (const line of m.diff.split("\n")) {
      const coloured = line.startsWith("- ") ? paint("green", line) : line.startsWith("+ ") ? paint("red", line) : line;
      out.push(`       ${coloured}`);
    }
  }
  return out;
}

export function formatStylishReport({ results, durationMs, cwd }: ReportInput, colour = false): string {
  const paint = painter(colour);
  const lines: string[] = [];
  for (const r of results) {
    const mark = r.status === "passed" ? paint("green", "✓") : paint("red", "✗");
    const time = paint("dim", formatDuration(r.durationMs));
    lines.push(` ${mark} ${shownPath(r.file, cwd)} > ${r.name} ${time}`);
    if (r.status === "failed") lines.push(...missLines(r, paint));
  }
  const { passed, failed, total } = countResults(results);
  const parts = [
    ...(passed > 0 || failed === 0 ? [paint("green", `${passed} passed`)] : []),
    ...(failed > 0 ? [paint("red", `${failed} failed`)] : []),
  ];
  const files = new Set(results.map((r) => r.file));
  const failedFiles = new Set(results.filter((r) => r.status === "failed").map((r) => r.file));
  const fileParts = [
    ...(files.size > failedFiles.size || failedFiles.size === 0
      ? [paint("green", `${files.size - failedFiles.size} passed`)]
      : []),
    ...(failedFiles.size > 0 ? [paint("red", `${failedFiles.size} failed`)] : []),
  ];
  lines.push(
    "",
    ` Test Files  ${fileParts.join(" | ")} (${files.size})`,
    `      ${paint("bold", "Tests")}  ${parts.join(" | ")} (${total})`,
    `   Duration  ${formatDuration(durationMs)}`,
  );
  return `${redactSecrets(lines.join("\n"))}\n`;
}
