// `-f json`: { "passed", "failed", "tests": [{ "file", "name", "status", "message" }] }.
import { redactSecrets } from "../../../util/redact.js";
import { shownPath } from "./paths.js";
import { countResults, type ReportInput } from "./types.js";

export function formatJsonReport({ results, cwd }: ReportInput): string {
  const { passed, failed } = countResults(results);
  const tests = results.map((r) => ({
    file: shownPath(r.file, cwd),
    name: r.name,
    status: r.status,
    message: redactSecrets(r.message),
  }));
  return `${JSON.stringify({ passed, failed, tests }, null, 2)}\n`;
}
