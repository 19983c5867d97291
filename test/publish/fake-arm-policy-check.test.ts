// The fake ARM's judgement of a policy, on the C# spans where a naive balancer and a C# reader disagree.
import { describe, expect, it } from "vitest";
import { checkPolicy, findExpressions } from "../support/fake-arm/policy-check.js";

const policy = (value: string): string =>
  `<policies>\n  <inbound>\n    <set-variable name="v" value="${value}" />\n  </inbound>\n</policies>\n`;

describe("fake ARM policy check", () => {
  it.each([
    ["a verbatim string ending in a backslash", String.raw`@(@"C:\path\" + ")")`],
    ["a comment holding a closing bracket", "@( /* ) */ 1)"],
    ["an interpolated string with a quoted key in a hole", '@($"{context.Variables["a"]})")'],
    ["a char literal that is a bracket", "@(')'.ToString())"],
  ])("accepts %s in rawxml", (_what, expr) => {
    const text = policy(expr);
    expect(findExpressions(text)).toEqual([{ start: text.indexOf("@("), end: text.indexOf('" />') }]);
    expect(checkPolicy(text, "rawxml", new Set())).toEqual([]);
  });

  it("rejects an expression that never closes, as XML", () => {
    const problems = checkPolicy(policy('@("x"'), "rawxml", new Set());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.target).toBe("representation");
  });
});
