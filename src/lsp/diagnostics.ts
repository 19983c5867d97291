// Lint findings as LSP diagnostics: the rule id as code, a link to the rule's docs page, source "apimkit", the
// finding's severity and exact range. Parse errors are findings of the engine's parse-error rule, so they come too.
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { lintSource } from "../lint/engine.js";
import { docsUri } from "../lint/formatters/sarif.js";
import { knownRuleMeta } from "../lint/presets.js";
import { isArtifactsRootOnDisk } from "../lint/scope.js";
import type { Finding, RuleMeta, Severity } from "../lint/types.js";
import type { FileConfig } from "./config.js";
import { pathOf } from "./paths.js";
import { PositionMap } from "./positions.js";

export const SOURCE = "apimkit";
/** The code of the diagnostic that says the lint config could not be read. */
export const CONFIG_ERROR = "config-error";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface LintOutcome {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Lints the editor's text of one document with the config that applies to its file. */
export function lintDocumentText(text: TextDocument, config: FileConfig): LintOutcome {
  if (config.ignored) return { findings: [], diagnostics: [] };
  const path = pathOf(text.uri);
  const findings = lintSource(text.getText(), {
    file: path ?? text.uri,
    config: config.config,
    isArtifactsRoot: isArtifactsRootOnDisk,
  });
  const map = new PositionMap(text);
  const diagnostics = findings.map((f) => toDiagnostic(f, map));
  if (config.error) {
    diagnostics.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      code: CONFIG_ERROR,
      source: SOURCE,
      message: `The lint config could not be used, so the recommended rules apply: ${config.error}`,
    });
  }
  return { findings, diagnostics };
}

export function toDiagnostic(f: Finding, map: PositionMap): Diagnostic {
  const diagnostic: Diagnostic = {
    range: map.lineRange(f.line, f.column, f.endLine, f.endColumn),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
  };
  const href = ruleDocsUri(f.ruleId);
  if (href) diagnostic.codeDescription = { href };
  return diagnostic;
}

let metas: ReadonlyMap<string, RuleMeta> | undefined;
export function ruleMeta(id: string): RuleMeta | undefined {
  metas ??= knownRuleMeta();
  return metas.get(id);
}

/** The rule's docs page, linked as the SARIF report links it (the repository when known, else the shipped page). */
export function ruleDocsUri(id: string): string | undefined {
  const meta = ruleMeta(id);
  return meta ? docsUri(meta) : undefined;
}
