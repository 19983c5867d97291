// The caller and provider policies users commonly copy from walk-throughs (test/fixtures/rules/copied) must get
// the findings a reviewer would write: exactly these rule ids, on these lines, at these severities.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/index.js";
import { repoRoot } from "../policy/corpus-files.js";

const fixture = (name: string) => readFileSync(join(repoRoot, "test/fixtures/rules/copied", name), "utf8");

function tokenSecurityFindings(name: string): string[] {
  const { findings } = lintText(fixture(name), { file: name, scope: "api" });
  expect(findings.filter((f) => f.ruleId === "parse-error" || f.ruleId === "internal-error")).toEqual([]);
  return findings
    .filter((f) => f.ruleId.startsWith("jwt-") || f.ruleId.startsWith("token-") || isSecurity(f.ruleId))
    .map((f) => `${f.line} ${f.ruleId} ${f.severity}`)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
}

function isSecurity(id: string): boolean {
  return ["send-request-timeout", "hardcoded-secret", "secret-leak", "http-url", "cors-wildcard"].includes(id);
}

describe("commonly copied policies", () => {
  it("caller: dummy send-request for the assertion, ignore-error, no cache, no status check, leaky on-error", () => {
    expect(tokenSecurityFindings("caller.xml")).toEqual([
      "7 token-request-ignore-error warn", // the dummy send-request hides MI failures
      "10 token-exchange-workaround info", // MI inside a send-request only to get a token
      "13 send-request-timeout info", // token call with the 60 s default
      "13 token-exchange-cache warn", // token endpoint on every request
      "13 token-request-ignore-error warn", // the exchange itself with ignore-error
      "21 token-response-unchecked warn", // access_token read without StatusCode check
      "35 secret-leak error", // X-Debug-Token: token fragment
      "38 secret-leak error", // X-Debug-Assertion: the MI assertion
      "41 secret-leak error", // X-Debug-Error: LastError.Message
    ]);
  });

  it("provider: v1 issuer with v2 metadata, roles and appidacr but no check of the calling app", () => {
    expect(tokenSecurityFindings("provider.xml")).toEqual([
      "12 jwt-issuer-version error", // v1 issuer, v2 openid-config
      "15 jwt-caller-unchecked info", // roles required, appid not
    ]);
  });
});
