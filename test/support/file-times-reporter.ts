// A vitest reporter for finding slow test files: per file, the time to import it (collect, which includes building
// fixtures at module level) and to run its tests and hooks, the slowest first. The JSON reporter's per-file times
// leave out the import, which is where much of a file's cost can be.
//   npx vitest run --reporter=default --reporter=./test/support/file-times-reporter.ts
// It prints the 25 slowest files to stderr; APIMKIT_TEST_TIMES=<file> also writes every file's figures as JSON.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

interface FileTimes {
  file: string;
  tests: number;
  collectMs: number;
  runMs: number;
  totalMs: number;
}

export default class FileTimesReporter implements Reporter {
  private readonly started = performance.now();

  onTestRunEnd(modules: readonly TestModule[]): void {
    const rows: FileTimes[] = modules.map((m) => {
      const d = m.diagnostic();
      const collectMs = d.collectDuration + d.setupDuration + d.prepareDuration + d.environmentSetupDuration;
      return {
        file: relative(process.cwd(), m.moduleId),
        tests: [...m.children.allTests()].length,
        collectMs: Math.round(collectMs),
        runMs: Math.round(d.duration),
        totalMs: Math.round(collectMs + d.duration),
      };
    });
    rows.sort((a, b) => b.totalMs - a.totalMs);
    const wallMs = Math.round(performance.now() - this.started);
    const sumMs = rows.reduce((s, r) => s + r.totalMs, 0);
    const out = process.env.APIMKIT_TEST_TIMES;
    if (out) writeFileSync(out, `${JSON.stringify({ wallMs, sumMs, files: rows }, null, 2)}\n`);
    const lines = rows
      .slice(0, 25)
      .map((r) => `${fmt(r.totalMs)} ${fmt(r.collectMs)} ${fmt(r.runMs)} ${String(r.tests).padStart(5)}  ${r.file}`);
    process.stderr.write(
      `\nslowest files (seconds: total, import, tests; test count)  wall ${fmt(wallMs)} s, sum over files ${fmt(sumMs)} s\n${lines.join("\n")}\n`,
    );
  }
}

function fmt(ms: number): string {
  return (ms / 1000).toFixed(1).padStart(6);
}
