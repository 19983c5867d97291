import { describe, expect, it } from "vitest";
import { corsWildcard as rule } from "../../rules/cors-wildcard.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, policy } from "./token-security-support.js";

describe("cors-wildcard", () => {
  it("accepts listed origins, methods and headers", () => {
    const src = policy(`<cors allow-credentials="true">
<allowed-origins><origin>https://app.contoso.com</origin></allowed-origins>
<allowed-methods><method>GET</method></allowed-methods>
<allowed-headers><header>content-type</header></allowed-headers>
</cors>`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports * origins as an error with credentials and as a warning without", () => {
    const withCredentials = runRule(
      rule,
      policy(`<cors allow-credentials="true"><allowed-origins><origin>*</origin></allowed-origins></cors>`),
    );
    expectAt(withCredentials, [["cors-wildcard", 3, 49]]);
    expect(withCredentials[0]!.report.severity).toBeUndefined();
    const without = runRule(rule, policy(`<cors><allowed-origins><origin>*</origin></allowed-origins></cors>`));
    expectAt(without, [["cors-wildcard", 3, 24]]);
    expect(without[0]!.report.severity).toBe("warn");
  });

  it("warns on * methods and headers", () => {
    const findings = runRule(
      rule,
      policy(`<cors>
<allowed-origins><origin>https://a.example</origin></allowed-origins>
<allowed-methods><method>*</method></allowed-methods>
<allowed-headers><header>*</header></allowed-headers>
</cors>`),
    );
    expectAt(findings, [
      ["cors-wildcard", 5, 18],
      ["cors-wildcard", 6, 18],
    ]);
    expect(findings.every((f) => f.report.severity === "warn")).toBe(true);
  });
});
