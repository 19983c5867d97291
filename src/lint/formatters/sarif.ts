// SARIF 2.1.0 the way GitHub code scanning reads it: driver "apimkit" with its rules (descriptions and help
// from the rule docs pages), results with repository-relative URIs and 1-based regions.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { packagePath, packageVersion } from "../../util/paths.js";
import type { RuleMeta, Severity, SeverityOrOff } from "../types.js";
import { displayPath, isInside } from "./paths.js";
import type { FormatterInput } from "./types.js";

const LEVEL: Record<SeverityOrOff, "error" | "warning" | "note" | "none"> = {
  error: "error",
  warn: "warning",
  info: "note",
  off: "none",
};

interface DocsPage {
  text: string;
  firstParagraph?: string;
}

function readDocs(meta: RuleMeta): DocsPage | undefined {
  const path = packagePath(meta.docs);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  // The first paragraph of prose after the title is the rule's full description.
  const paragraphs = text.split(/\r?\n\s*\r?\n/).map((p) => p.trim());
  const firstParagraph = paragraphs.find((p) => p !== "" && !p.startsWith("#") && !p.startsWith("```"));
  return { text, firstParagraph: firstParagraph?.replace(/\s*\r?\n\s*/g, " ") };
}

/** Where the docs page lives for a reader of the report: the project's repository when known, else the file. */
export function docsUri(meta: RuleMeta): string {
  const base = repositoryBase();
  return base ? `${base}/blob/main/${meta.docs}` : pathToFileURL(packagePath(meta.docs)).href;
}

let repoBase: string | null | undefined;
function repositoryBase(): string | undefined {
  if (repoBase === undefined) {
    const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8"));
    const url: unknown = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    repoBase =
      typeof url === "string" && /^(git\+)?https:\/\/github\.com\//.test(url)
        ? url.replace(/^git\+/, "").replace(/\.git$/, "")
        : null;
  }
  return repoBase ?? undefined;
}

function artifactUri(file: string, cwd: string): string {
  if (!isInside(file, cwd)) return pathToFileURL(file).href;
  return displayPath(file, cwd).split("/").map(encodeURIComponent).join("/");
}

export function formatSarif({ results, rules, cwd }: FormatterInput): string {
  const ids = [...rules.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const driverRules = ids.map((id) => {
    const meta = rules.get(id)!;
    const docs = readDocs(meta);
    return {
      id,
      name: id,
      shortDescription: { text: meta.description },
      fullDescription: { text: docs?.firstParagraph ?? meta.description },
      help: { text: docs?.text ?? meta.description, markdown: docs?.text ?? meta.description },
      helpUri: docsUri(meta),
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
