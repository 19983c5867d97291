import { describe, expect, it } from "vitest";
import { jwtUnsafeSettings as rule } from "../../rules/jwt-unsafe-settings.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_V1, policy } from "./token-security-support.js";

describe("jwt-unsafe-settings", () => {
  it("accepts defaults, clock-skew up to 300, named-value and certificate keys", () => {
    expect(runRule(rule, policy(GOOD_V1))).toEqual([]);
    const src = policy(`<validate-jwt header-name="Authorization" require-signed-tokens="true" clock-skew="300">
<issuer-signing-keys><key>{{signing-key}}</key><key certificate-id="cert-1" /><key n="abc" e="AQAB" /></issuer-signing-keys>
</validate-jwt>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports unsigned / non-expiring tokens and a long clock-skew at the attribute", () => {
    const src = policy(
      `<validate-jwt header-name="Authorization" require-signed-tokens="false" require-expiration-time="False" clock-skew="3600" />`,
    );
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["jwt-unsafe-settings", 3, 43],
      ["jwt-unsafe-settings", 3, 73],
      ["jwt-unsafe-settings", 3, 105],
    ]);
    expect(findings.map((f) => f.message).join("\n")).toContain("unsigned tokens (alg none) are accepted");
  });

  it("reports literal signing and decryption keys at the key text", () => {
    const src = policy(`<validate-jwt header-name="Authorization">
<issuer-signing-keys><key>c2VjcmV0LWtleS1ub3QtaW4tYS1uYW1lZC12YWx1ZQ==</key></issuer-signing-keys>
<decryption-keys><key id="k1">dGVzdA==</key></decryption-keys>
</validate-jwt>`);
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["jwt-unsafe-settings", 4, 27],
      ["jwt-unsafe-settings", 5, 31],
    ]);
    expect(findings[0]!.message).toContain("mint valid tokens");
    expect(findings[0]!.message).not.toContain("c2VjcmV0");
  });
});
