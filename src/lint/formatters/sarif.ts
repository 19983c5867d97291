// SARIF 2.1.0 the way GitHub code scanning reads it: driver "apimkit" with its rules (descriptions and help
// from the rule docs pages), results with repository-relative URIs and 1-based regions.
import { pathToFileURL } from "node:url";
import { packageVersion } from "../../util/paths.js";
import { docsUri, readRuleDocs, repositoryBase } from "../rule-docs.js";
import type { Severity, SeverityOrOff } from "../types.js";
import { displayPath, isInside } from "./paths.js";
import type { FormatterInput } from "./types.js";

// The language server links rule pages with the same function.
export { docsUri } from "../rule-docs.js";

const LEVEL: Record<SeverityOrOff, "error" | "warning" | "note" | "none"> = {
  error: "error",
  warn: "warning",
  info: "note",
  off: "none",
};

function artifactUri(file: string, cwd: string): string {
  if (!isInside(file, cwd)) return pathToFileURL(file).href;
  return displayPath(file, cwd).split("/").map(encodeURIComponent).join("/");
}

export function formatSarif({ results, rules, cwd, docsBaseUrl }: FormatterInput): string {
  const ids = [...rules.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const driverRules = ids.map((id) => {
    const meta = rules.get(id)!;
    const docs = readRuleDocs(meta);
    // Never a file:// path: the report is read on another machine (GitHub code scanning shows `help` instead).
    const helpUri = docsUri(meta, { baseUrl: docsBaseUrl, localFile: false });
    return {
      id,
      name: id,
      shortDescription: { text: meta.description },
      fullDescription: { text: docs?.firstParagraph ?? meta.description },
      help: { text: docs?.text ?? meta.description, markdown: docs?.markdown ?? meta.description },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: { category: meta.category, tags: [meta.category] },
    };
  });
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity as Severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.file, cwd) },
            region: {
              startLine: f.line,
              startColumn: f.column,
              ...(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)
                ? { endLine: f.endLine, endColumn: f.endColumn }
                : {}),
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "apimkit",
            version: packageVersion(),
            semanticVersion: packageVersion(),
            ...(repositoryBase() ? { informationUri: repositoryBase() } : {}),
            rules: driverRules,
          },
        },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
