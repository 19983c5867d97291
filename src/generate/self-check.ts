// Generated policies go through apimkit's own parser and linter before anything is written:
// a parse problem or a lint error is a bug in apimkit (or a config it cannot serve), never a file on disk.
import type { Config } from "../config/types.js";
import { type Finding, lintText } from "../lint/index.js";
import { parsePolicy } from "../policy/parser.js";
import type { GeneratedFile } from "./index.js";
import { namedValueCatalogue } from "./named-values.js";

export class GenerateError extends Error {
  override name = "GenerateError";
  constructor(
    message: string,
    readonly findings: { file: string; line: number; column: number; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface SelfCheckResult {
  /** Lint findings below error level (warn, info), for the CLI to show. */
  findings: Finding[];
}

export function selfCheck(config: Config, files: GeneratedFile[]): SelfCheckResult {
  const known = new Set(namedValueCatalogue(config).map((v) => v.name));
  for (const c of config.callers) if (c.providerSubscriptionKey) known.add(c.providerSubscriptionKey.namedValue);
  const problems: GenerateError["findings"] = [];
  const rest: Finding[] = [];
  for (const f of files) {
    if (f.kind !== "policy") continue;
    const doc = parsePolicy(f.content, f.path);
    for (const d of doc.diagnostics) {
      problems.push({
        file: f.path,
        line: d.range.start.line,
        column: d.range.start.column,
        message: `${d.message} (${d.code})`,
      });
    }
    if (doc.diagnostics.length > 0) continue;
    const { findings } = lintText(f.content, { file: f.path, scope: f.target?.scope ?? "api", namedValues: known });
    for (const x of findings) {
      if (x.severity === "error")
        problems.push({ file: x.file, line: x.line, column: x.column, message: `${x.message} (${x.ruleId})` });
      else rest.push(x);
    }
  }
  if (problems.length > 0) {
    throw new GenerateError(
      `the generated policies failed apimkit's own checks (nothing was written):\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n")}`,
      problems,
    );
  }
  return { findings: rest };
}
