// JUnit XML (as ESLint writes it): a testsuite per file, a failing testcase per finding, one passing testcase
// for a clean file, so CI test reports count files.

import { cdata, xmlAttr } from "../../util/xml.js";
import { displayPath } from "./paths.js";
import type { FormatterInput } from "./types.js";

const LABEL = { error: "Error", warn: "Warning", info: "Info" } as const;

export function formatJunit({ results, cwd }: FormatterInput): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const r of results) {
    const name = displayPath(r.file, cwd);
    const classname = name.replace(/\.[^./]+$/, "");
    const count = Math.max(1, r.findings.length);
    tests += count;
    failures += r.findings.length;
    const body =
      r.findings.length === 0
        ? [`    <testcase time="0" name="apimkit" classname="${xmlAttr(classname)}" />`]
        : r.findings.map((f) => {
            const detail = `line ${f.line}, col ${f.column}, ${LABEL[f.severity]} - ${f.message} (${f.ruleId})`;
            return [
              `    <testcase time="0" name="${xmlAttr(`apimkit.${f.ruleId}`)}" classname="${xmlAttr(classname)}">`,
              `      <failure message="${xmlAttr(f.message)}" type="${f.severity}">${cdata(detail)}</failure>`,
              "    </testcase>",
            ].join("\n");
          });
    suites.push(
      `  <testsuite package="apimkit" time="0" tests="${count}" failures="${r.findings.length}" errors="0" name="${xmlAttr(name)}">`,
      ...body,
      "  </testsuite>",
    );
  }
  lines.push(`<testsuites name="apimkit lint" tests="${tests}" failures="${failures}">`, ...suites, "</testsuites>");
  return `${lines.join("\n")}\n`;
}
