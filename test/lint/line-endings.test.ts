// A finding's position does not depend on the file's line ends: the CRLF copy of every policy gives the same
// findings at the same line:column as its LF copy (positions come from the original text through one offset map).
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/index.js";
import { corpusFiles, sampleCorpus, sharedCorpus } from "../policy/corpus-files.js";

const corpus = corpusFiles(sharedCorpus);
const files = [...corpus, ...corpusFiles(sampleCorpus)];
if (corpus.length === 0) console.log(`line-endings: ${sharedCorpus} is absent; only the bundled sample is checked`);

/** The findings of `source` as "line:column:endLine:endColumn rule message" lines. */
function findingsOf(source: string, file: string): string[] {
  return lintText(source, { file }).findings.map(
    (f) => `${f.line}:${f.column}:${f.endLine}:${f.endColumn} ${f.ruleId} ${f.message}`,
  );
}

describe("findings in a CRLF file are where they are in the LF file", () => {
  it("a read in a multi-line expression (the drift the issue reported: 7:22 against 7:24)", () => {
    const lf = [
      "<policies>",
      "  <inbound>",
      '    <set-variable name="a" value="@{',
      "      var x = 1;",
      "      var y = 2;",
      "      var z = 3;",
      '      return context.Variables["ghost"];',
      '    }" />',
      "  </inbound>",
      "</policies>",
      "",
    ].join("\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    const lfFindings = findingsOf(lf, "api/policy.xml");
    expect(lfFindings.some((f) => f.startsWith("7:14:") && f.includes("undefined-variable"))).toBe(true);
    expect(findingsOf(crlf, "api/policy.xml")).toEqual(lfFindings);
  });

  it.each(files.map((f) => [f.name, f.source]))("%s", (name, source) => {
    const lf = source.replace(/\r\n?/g, "\n");
    expect(findingsOf(lf.replace(/\n/g, "\r\n"), name)).toEqual(findingsOf(lf, name));
  });
});
