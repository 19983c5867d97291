// APIMKIT_TIMING=1 (like ESLint's TIMING=1): time spent per rule (and in the parser), printed after a run,
// so rule authors see which checks make linting slow. Off by default: timing costs a clock read per rule call.
export const timingEnabled = process.env.APIMKIT_TIMING !== undefined && process.env.APIMKIT_TIMING !== "0";

const spent = new Map<string, number>();

export function addTime(id: string, ms: number): void {
  spent.set(id, (spent.get(id) ?? 0) + ms);
}

/** The slowest entries as a fixed-width table (all of them with APIMKIT_TIMING=all). */
export function timingTable(): string {
  const total = [...spent.values()].reduce((a, b) => a + b, 0);
  const rows = [...spent].sort((a, b) => b[1] - a[1]);
  const shown = process.env.APIMKIT_TIMING === "all" ? rows : rows.slice(0, 15);
  const width = Math.max(4, ...shown.map(([id]) => id.length));
  const lines = [`${"Rule".padEnd(width)} | Time (ms) | Relative`, `${"-".repeat(width)}-|-----------|---------`];
  for (const [id, ms] of shown) {
    const pct = total > 0 ? `${((ms / total) * 100).toFixed(1)}%` : "-";
    lines.push(`${id.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${pct.padStart(8)}`);
  }
  return `${lines.join("\n")}\n`;
}
