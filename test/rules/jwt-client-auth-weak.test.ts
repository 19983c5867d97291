import { describe, expect, it } from "vitest";
import { jwtClientAuthWeak as rule } from "../../rules/jwt-client-auth-weak.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, GOOD_V2, policy } from "./token-security-support.js";

describe("jwt-client-auth-weak", () => {
  it("accepts appidacr / azpacr 2 only", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    expect(runRule(rule, policy(GOOD_V2))).toEqual([]);
  });

  it("reports 0 and 1 in an app-only validation at each value", () => {
    const src = policy(
      GOOD_V1.replace(
        '<claim name="appidacr" match="any"><value>2</value></claim>',
        '<claim name="appidacr" match="any"><value>1</value><value>2</value><value>0</value></claim>',
      ),
    );
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["jwt-client-auth-weak", 10, 36],
      ["jwt-client-auth-weak", 10, 68],
    ]);
    expect(findings[0]!.message).toContain("appidacr 1 lets a client secret call");
    expect(findings[1]!.message).toContain("appidacr 0 lets a public client");
  });

  it("does not judge delegated validations (no roles), where public clients are normal", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<required-claims><claim name="azpacr" match="any"><value>0</value><value>1</value></claim></required-claims>
</validate-jwt>`);
    expect(runRule(rule, src)).toEqual([]);
  });
});
