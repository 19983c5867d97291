// What `apimkit rules` prints: the rules the engine knows (apimkit's, the engine's own findings, and plugins'
// rules when given), as a table or JSON, and one rule's page.
import { didYouMean } from "../util/did-you-mean.js";
import { knownRuleMeta } from "./presets.js";
import { docsUri, readRuleDocs } from "./rule-docs.js";
import { renderRulePage } from "./rule-docs-terminal.js";
import type { Rule, RuleMeta } from "./types.js";

export interface RuleInfo {
  id: string;
  category: string;
  /** Level in apimkit:recommended ("off": only apimkit:strict turns it on). */
  severity: string;
  /** Level in apimkit:strict. */
  strictSeverity: string;
  fixable: boolean;
  description: string;
  /** Where the page is published (apimkit's repository or a plugin's URL), when known. */
  docsUrl?: string;
}

function infoOf(id: string, meta: RuleMeta): RuleInfo {
  const docsUrl = docsUri(meta, { localFile: false });
  return {
    id,
    category: meta.category,
    severity: meta.severity,
    strictSeverity: meta.strictSeverity ?? (meta.severity === "off" ? "warn" : meta.severity),
    fixable: meta.fixable === true,
    description: meta.description,
    ...(docsUrl ? { docsUrl } : {}),
  };
}

function sortedRules(rules?: readonly Rule[]): [string, RuleMeta][] {
  const extra = rules ?? [];
  const known = knownRuleMeta(undefined);
  const all = new Map(known);
  for (const r of extra) all.set(r.id, r.meta);
  return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The table (or JSON array) of every rule; `plugins`: rules loaded from plugins, listed with apimkit's. */
export function listRules(json: boolean, plugins?: readonly Rule[]): string {
  const infos = sortedRules(plugins).map(([id, meta]) => infoOf(id, meta));
  if (json) return `${JSON.stringify(infos, null, 2)}\n`;
  const rows = [
    ["RULE", "CATEGORY", "LEVEL", "FIXABLE", "DESCRIPTION"],
    ...infos.map((r) => [r.id, r.category, r.severity, r.fixable ? "yes" : "", r.description]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, c) => (c < widths.length ? cell.padEnd(widths[c]!) : cell))
      .join("  ")
      .trimEnd(),
  );
  lines.push("", "LEVEL is the level in apimkit:recommended; 'apimkit rules ID' prints a rule's page.");
  return `${lines.join("\n")}\n`;
}

/** One rule's page for the terminal (or its entry and page as JSON), or an error naming the unknown id. */
export function rulePage(
  id: string,
  json: boolean,
  color: boolean,
  plugins?: readonly Rule[],
): { text: string } | { error: string } {
  const rules = new Map(sortedRules(plugins));
  const meta = rules.get(id);
  if (!meta) return { error: `unknown rule "${id}"${didYouMean(id, rules.keys())}; apimkit rules lists them` };
  const page = readRuleDocs(meta);
  if (json) return { text: `${JSON.stringify({ ...infoOf(id, meta), markdown: page?.markdown ?? null }, null, 2)}\n` };
  if (!page) {
    const url = docsUri(meta, { localFile: false });
    return { text: `${id}: ${meta.description}\n${url ? `See ${url}` : "(this rule has no documentation page)"}\n` };
  }
  return { text: renderRulePage(page.markdown, color) };
}
