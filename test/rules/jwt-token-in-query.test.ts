import { describe, expect, it } from "vitest";
import { jwtTokenInQuery as rule } from "../../rules/jwt-token-in-query.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, policy } from "./token-security-support.js";

describe("jwt-token-in-query", () => {
  it("accepts a header token", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
  });

  it("reports query-parameter-name at the attribute", () => {
    const findings = runRule(
      rule,
      policy(`<validate-azure-ad-token tenant-id="{{tid}}" query-parameter-name="access_token" />`),
    );
    expectAt(findings, [["jwt-token-in-query", 3, 46]]);
    expect(findings[0]!.message).toContain('query parameter "access_token"');
  });
});
