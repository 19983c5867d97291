#!/usr/bin/env node
// Compares two `apimkit lint -f json` reports: the findings only in the first (lost), only in the second (new),
// and the counts per rule. For judging a change to the linter: every lost or new finding is a line to read.
// Usage: node scripts/compare-findings.mjs before.json after.json [--root PREFIX]
import { readFileSync } from "node:fs";

const [beforePath, afterPath, ...rest] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  process.stderr.write("usage: node scripts/compare-findings.mjs before.json after.json [--root PREFIX]\n");
  process.exit(2);
}
const rootAt = rest.indexOf("--root");
const root = rootAt >= 0 ? rest[rootAt + 1] : undefined;

function load(path) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  const out = new Map();
  for (const file of report) {
    const name = root && file.filePath.startsWith(root) ? file.filePath.slice(root.length) : file.filePath;
    for (const m of file.messages) {
      const key = `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`;
      const seen = out.get(key);
      out.set(key, { rule: m.ruleId, n: (seen?.n ?? 0) + 1 });
    }
  }
  return out;
}

function perRule(map) {
  const counts = {};
  for (const { rule, n } of map.values()) {
    counts[rule] = (counts[rule] ?? 0) + n;
  }
  return counts;
}

const before = load(beforePath);
const after = load(afterPath);
const lost = [...before.keys()].filter((k) => !after.has(k));
const added = [...after.keys()].filter((k) => !before.has(k));
const b = perRule(before);
const a = perRule(after);
const rules = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
process.stdout.write("rule                            before  after\n");
for (const r of rules)
  process.stdout.write(`${r.padEnd(32)}${String(b[r] ?? 0).padStart(6)}${String(a[r] ?? 0).padStart(7)}\n`);
process.stdout.write(`\nonly before (${lost.length}):\n${lost.map((k) => `  - ${k}`).join("\n")}\n`);
process.stdout.write(`\nonly after (${added.length}):\n${added.map((k) => `  + ${k}`).join("\n")}\n`);
