// Every C# expression of every real policy (the shared corpus) and of the bundled fixtures parses without an
// error: a construct APIM accepts that the parser rejects is a parser bug. The exceptions are real authoring
// errors, each pinned with its C# error and place.
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../../src/policy/csharp/index.js";
import { parsePolicy } from "../../../src/policy/parser.js";
import { type CorpusFile, corpusFiles, repoRoot, sharedCorpus } from "../corpus-files.js";
import { expressionsOf } from "./expressions.js";

/**
 * Expressions that are not valid C#, so APIM would refuse them too. In these snippets an HTML tool turned a
 * string such as `"latlong"` into `"latlong="""`: the string `"latlong="` followed by a second string `""`.
 * (The file whose `@{` never closes, corpus.test.ts's known broken one, has no expression for it in the model.)
 */
const KNOWN_INVALID: Record<string, string[]> = {
  "snippets/examples/Call out to an HTTP endpoint and cache the response.policy.xml": [
    "CS1026 16:67",
    "CS1003 31:88",
    "CS1026 35:99",
    "CS1003 35:150",
  ],
  "snippets/examples/Loopback request for service at same API Management service.xml": ["CS1026 15:119"],
  "snippets/examples/Pre-authorize requests based on HTTP method with validate-jwt.policy.xml": [
    "CS1026 10:66",
    "CS1513 22:43",
  ],
};

/** Parses every expression of the files; returns how many there were and the errors, as `code line:column`. */
function parseAll(
  files: CorpusFile[],
  name: (f: CorpusFile) => string,
): { count: number; errors: Record<string, string[]> } {
  let count = 0;
  const errors: Record<string, string[]> = {};
  for (const f of files) {
    const doc = parsePolicy(f.source, f.path);
    for (const expr of expressionsOf(doc)) {
      count++;
      for (const d of parseExpression(doc.source, expr).diagnostics) {
        if (d.severity !== "error") continue;
        const p = doc.positionAt(d.start);
        const list = errors[name(f)] ?? [];
        list.push(`${d.code} ${p.line}:${p.column}`);
        errors[name(f)] = list;
      }
    }
  }
  return { count, errors };
}

const shared = corpusFiles(sharedCorpus);
if (shared.length === 0) console.log(`C# parser corpus test skipped: ${sharedCorpus} is absent`);

describe.skipIf(shared.length === 0)("C# parser: the shared corpus", () => {
  it("parses all 500 expressions; only the known invalid ones have errors", () => {
    const { count, errors } = parseAll(shared, (f) => f.name);
    expect(count).toBe(500);
    expect(errors).toEqual(KNOWN_INVALID);
  });
});

describe("C# parser: the bundled fixtures", () => {
  const fixtures = corpusFiles(`${repoRoot}/test/fixtures`);

  it("parses all 202 expressions of test/fixtures; only the known invalid ones have errors", () => {
    const { count, errors } = parseAll(fixtures, (f) => f.name.replace(/^corpus-sample\//, ""));
    expect(count).toBe(202);
    const expected = Object.fromEntries(
      Object.entries(KNOWN_INVALID).filter(([name]) => fixtures.some((f) => f.name === `corpus-sample/${name}`)),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(errors).toEqual(expected);
  });
});
