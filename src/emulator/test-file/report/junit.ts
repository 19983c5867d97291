// `-f junit`: a testsuite per test file, a testcase per test; a miss of an expectation is a <failure>, a run that
// could not finish (a construct not emulated, a call no mock answers) an <error>. The escaping is the lint
// report's (one rule for what XML can carry).

import { redactSecrets } from "../../../util/redact.js";
import { xmlAttr } from "../../../util/xml.js";
import type { TestResult } from "../runner.js";
import { shownPath } from "./paths.js";
import { countResults, type ReportInput } from "./types.js";

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function details(r: TestResult): string {
  return redactSecrets(r.misses.map((m) => (m.diff ? `${m.message}\n${m.diff}` : m.message)).join("\n\n"));
}

function isError(r: TestResult): boolean {
  return r.misses.length > 0 && r.misses.every((m) => m.key === "error");
}

export function formatJunitReport({ results, durationMs, cwd }: ReportInput): string {
  const byFile = new Map<string, TestResult[]>();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const counts = countResults(results);
  const errors = results.filter(isError).length;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="apimkit test" tests="${counts.total}" failures="${counts.failed - errors}" errors="${errors}" time="${seconds(durationMs)}">`,
  ];
  for (const [file, tests] of byFile) {
    const name = shownPath(file, cwd);
    const failed = tests.filter((t) => t.status === "failed");
    const errs = failed.filter(isError).length;
    const time = tests.reduce((sum, t) => sum + t.durationMs, 0);
    lines.push(
      `  <testsuite name="${xmlAttr(name)}" tests="${tests.length}" failures="${failed.length - errs}" errors="${errs}" time="${seconds(time)}">`,
    );
    for (const t of tests) {
      const open = `    <testcase name="${xmlAttr(t.name)}" classname="${xmlAttr(name)}" time="${seconds(t.durationMs)}"`;
      if (t.status === "passed") {
        lines.push(`${open} />`);
        continue;
      }
      const tag = isError(t) ? "error" : "failure";
      const first = redactSecrets(t.message.split("\n")[0] ?? "");
      lines.push(
        `${open}>`,
        `      <${tag} message="${xmlAttr(first)}" type="${tag === "error" ? "TestError" : "ExpectationFailed"}">${xmlAttr(details(t))}</${tag}>`,
        "    </testcase>",
      );
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
