import { describe, expect, it } from "vitest";
import { jwtCallerUnchecked as rule } from "../../rules/jwt-caller-unchecked.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

describe("jwt-caller-unchecked", () => {
  it("accepts roles with appid / azp", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("reports roles without appid at the roles claim, naming the right claim for the version", () => {
    const findings = runRule(rule, policy(GOOD_V1.replace(/<claim name="appid" .*\n/, "")));
    expectAt(findings, [["jwt-caller-unchecked", 8, 1]]);
    expect(findings[0]!.message).toContain("require appid listing the allowed client IDs");
    const v2 = runRule(rule, policy(GOOD_V2.replace(/<claim name="azp" .*\n/, "")));
    expect(v2[0]!.message).toContain("require azp");
  });

  it("accepts client-application-ids on validate-azure-ad-token", () => {
    const src = policy(`<validate-azure-ad-token tenant-id="{{tid}}">
<client-application-ids><application-id>{{app}}</application-id></client-application-ids>
<required-claims><claim name="roles" match="any"><value>x</value></claim></required-claims>
</validate-azure-ad-token>`);
    expect(runRule(rule, src)).toEqual([]);
  });
});
