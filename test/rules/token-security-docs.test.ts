// Each token/security rule's docs page shows a failing example with the exact findings and a passing example:
// run the rule on both, so the docs cannot drift from what the rule reports.
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { describeDocsPages } from "./docs-examples.js";

const CATEGORIES = new Set(["token-validation", "token-acquisition", "security"]);
const rules = allRules.filter((r) => CATEGORIES.has(r.meta.category));

describe("token and security rules", () => {
  it("are all registered (22 rules of issue 5, and those of issue 14)", () => {
    expect(rules.map((r) => r.id).sort()).toEqual(
      [
        "jwt-audience-missing",
        "jwt-issuer-missing",
        "jwt-issuer-format",
        "jwt-issuer-version",
        "jwt-issuer-tenant",
        "jwt-client-auth-missing",
        "jwt-client-auth-weak",
        "jwt-claims-conflict",
        "jwt-caller-unchecked",
        "jwt-unsafe-settings",
        "jwt-token-in-query",
        "jwt-not-first",
        "token-exchange-audience",
        "token-exchange-cache",
        "token-request-ignore-error",
        "token-response-unchecked",
        "token-exchange-workaround",
        "send-request-timeout",
        "hardcoded-secret",
        "secret-leak",
        "http-url",
        "cors-wildcard",
        // issue 14
        "send-request-unchecked",
        "jwt-any-tenant",
        "token-cache-duration",
        "internal-details-exposed",
        "client-controlled-value",
        "jwt-claims-unvalidated",
      ].sort(),
    );
  });
});

describeDocsPages(rules);
