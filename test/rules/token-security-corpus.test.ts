// The token/security rules over the real corpus (../shared/corpus): no rule throws on any file, the findings
// judged true positives are there, and the false positives found while judging stay fixed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { corpusFiles, sharedCorpus } from "../policy/corpus-files.js";
import { runRule } from "../support/rule-tester.js";

const CATEGORIES = new Set(["token-validation", "token-acquisition", "security"]);
const rules = allRules.filter((r) => CATEGORIES.has(r.meta.category));
const present = existsSync(sharedCorpus);
if (!present) console.log(`skipping the corpus run: ${sharedCorpus} is absent`);

function findingsOf(source: string): string[] {
  return rules.flatMap((rule) => runRule(rule, source).map((f) => `${f.line} ${f.ruleId}`));
}

describe.skipIf(!present)("token/security rules on the shared corpus", () => {
  const files = corpusFiles(sharedCorpus);
  const snippetsDir = join(sharedCorpus, "snippets/_vscode-snippets");
  const snippets = existsSync(snippetsDir)
    ? readdirSync(snippetsDir)
        .filter((f) => f.endsWith(".xml"))
        .map((f) => ({ name: `snippets/_vscode-snippets/${f}`, source: readFileSync(join(snippetsDir, f), "utf8") }))
    : [];
  const byName = new Map([...files, ...snippets].map((f) => [f.name, findingsOf(f.source)]));

  it("runs every rule on every file without throwing, and prints the counts per rule", () => {
    expect(files.length).toBeGreaterThan(100);
    const counts: Record<string, number> = {};
    for (const list of byName.values())
      for (const f of list) counts[f.split(" ")[1]!] = (counts[f.split(" ")[1]!] ?? 0) + 1;
    console.log(`token/security findings on ${byName.size} corpus files: ${JSON.stringify(counts)}`);
  });

  it("finds what a reviewer finds in the OAuth2 snippets", () => {
    expect(
      byName.get("snippets/examples/Get OAuth2 access token from AAD and forward it to the backend.policy.xml"),
    ).toEqual(
      expect.arrayContaining([
        "15 token-exchange-cache",
        "15 token-request-ignore-error",
        "32 token-response-unchecked",
      ]),
    );
    expect(byName.get("snippets/examples/Request OAuth2 access token from SAP using AAD JWT token.xml")).toEqual(
      expect.arrayContaining(["33 jwt-issuer-version", "77 token-response-unchecked", "229 secret-leak"]),
    );
    expect(byName.get("policy-toolkit/test/Test.Decompiling/TestData/authentication-basic.xml")).toEqual([
      "4 hardcoded-secret",
    ]);
  });

  it("keeps the false positives found while judging fixed", () => {
    // a delegated validate-azure-ad-token that pins its client application is not an app-only policy
    expect(byName.get("snippets/examples/oauth-proxy/oauth-proxy-validate-token-fragment.xml")).not.toContain(
      "4 jwt-client-auth-missing",
    );
    // `$2` is an editor placeholder, not a password
    expect(byName.get("snippets/_vscode-snippets/authentication-basic.xml") ?? []).toEqual([]);
    // a validate-jwt whose <openid-config> never closes is a parse-error, not a validation without audiences
    expect(byName.get("snippets/_vscode-snippets/validate-jwt.xml") ?? []).toEqual([]);
  });
});
